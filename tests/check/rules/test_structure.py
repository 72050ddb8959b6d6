"""Trust policy actions and service principals, Sids, redundancy, size limits."""

from iamkb.check.rules.structure import SIZE_LIMITS, policy_size
from tests.check.rules.util import allow, lint, policy, with_code


def trust(action, service="sagemaker.amazonaws.com"):
    return policy({"Effect": "Allow", "Principal": {"Service": service}, "Action": action})


def test_trust_policy_actions():
    (finding,) = with_code(lint(trust(["sts:AssumeRole", "s3:GetObject"]), "trust"), "TRUST_POLICY_ACTION")
    assert finding.pointer == "/Statement/0/Action/1"
    assert with_code(lint(trust("sts:*"), "trust"), "TRUST_POLICY_ACTION")
    assert with_code(lint(trust("*"), "trust"), "TRUST_POLICY_ACTION")
    fine = trust(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "sts:AssumeRoleWith*"])
    assert not with_code(lint(fine, "trust"), "TRUST_POLICY_ACTION")


def test_service_principal_format():
    (finding,) = with_code(
        lint(trust("sts:AssumeRole", ["sagemaker", "ec2.amazonaws.com"]), "trust"), "SERVICE_PRINCIPAL_FORMAT"
    )
    assert finding.pointer == "/Statement/0/Principal/Service/0"
    for good in ("sagemaker.amazonaws.com", "ec2.amazonaws.com.cn", "states.us-east-1.amazonaws.com"):
        assert not with_code(lint(trust("sts:AssumeRole", good), "trust"), "SERVICE_PRINCIPAL_FORMAT")


def test_duplicate_sids():
    document = policy(allow("s3:GetObject", Sid="A"), allow("s3:PutObject", Sid="B"), allow("s3:ListBucket", Sid="A"))
    (finding,) = with_code(lint(document), "DUPLICATE_SID")
    assert finding.pointer == "/Statement/2/Sid" and "/Statement/0" in finding.message
    assert not with_code(lint(policy(allow("s3:GetObject", Sid="A"), allow("s3:PutObject", Sid="a2"))), "DUPLICATE_SID")


def test_redundant_actions():
    document = policy(allow(["s3:GetObject", "s3:Get*", "S3:GETOBJECT", "s3:PutObject", "s3:Get*Tagging"]))
    found = with_code(lint(document), "REDUNDANT_ACTION")
    assert [f.pointer for f in found] == ["/Statement/0/Action/0", "/Statement/0/Action/2", "/Statement/0/Action/4"]
    # coverage is containment, as the simulator and compare read it: `?` takes one character, `*` any run
    (covered,) = with_code(lint(policy(allow(["s3:GetObject", "s3:Put*", "s3:Get?bject"]))), "REDUNDANT_ACTION")
    assert covered.pointer == "/Statement/0/Action/0" and "s3:Get?bject" in covered.message
    (pattern,) = with_code(lint(policy(allow(["s3:Get*", "s3:Get?*"]))), "REDUNDANT_ACTION")
    assert pattern.pointer == "/Statement/0/Action/1"
    assert not with_code(lint(policy(allow(["s3:Get?", "s3:GetObject", "s3:Put?bjec*"]))), "REDUNDANT_ACTION")


def test_redundant_statements():
    document = policy(
        allow(["s3:*"], "arn:aws:s3:::b/*"),
        allow(["s3:GetObject"], ["arn:aws:s3:::b/*"], Sid="X"),
        allow(["s3:GetObject"], "arn:aws:s3:::other/*"),
    )
    (finding,) = with_code(lint(document), "REDUNDANT_STATEMENT")
    assert finding.pointer == "/Statement/1" and "/Statement/0" in finding.message
    twins = policy(allow("s3:GetObject", Sid="A"), allow("s3:GetObject", Sid="B"))
    assert [f.pointer for f in with_code(lint(twins), "REDUNDANT_STATEMENT")] == ["/Statement/1"]
    conditioned = allow("s3:GetObject", Condition={"Bool": {"aws:SecureTransport": "true"}})
    assert not with_code(lint(policy(allow("s3:*"), conditioned)), "REDUNDANT_STATEMENT")


def big_policy(size):
    document = policy(allow(["s3:GetObject"], []))
    arn = "arn:aws:s3:::bucket-with-a-long-name/*"
    while policy_size(document) <= size:
        document["Statement"][0]["Resource"].append(arn)
    return document


def test_size_limits_per_kind_and_the_managed_exemption():
    document = big_policy(SIZE_LIMITS["identity"])
    (finding,) = with_code(lint(document), "POLICY_TOO_LARGE")
    assert "6,144" in finding.message and finding.pointer == ""
    assert not with_code(lint(document, managed=True), "POLICY_TOO_LARGE")
    assert not with_code(lint(document, "resource"), "POLICY_TOO_LARGE")
    assert not with_code(lint(document, size_limit=10240), "POLICY_TOO_LARGE")
    assert with_code(lint(big_policy(2048), "trust"), "POLICY_TOO_LARGE")
    assert not with_code(lint(big_policy(2000), "trust"), "POLICY_TOO_LARGE")


def test_size_counts_characters_without_white_space():
    assert policy_size({"A": "b c"}) == len('{"A":"bc"}')
