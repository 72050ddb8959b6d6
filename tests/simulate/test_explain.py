from iamkb.simulate import EXPLICITLY_DENIED, IMPLICITLY_DENIED, Policies, Request, evaluate
from tests.simulate.execution_policy import ACCT, EXECUTION, ROLE


def test_fast_decisions_carry_no_explanation():
    result = evaluate(Policies(identity=[EXECUTION]), Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE))
    assert result.allowed and result.explanation == () and result.details is None


def test_explanation_names_the_allowing_statement():
    result = evaluate(
        Policies(identity=[EXECUTION]), Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE), explain=True
    )
    assert result.explanation[0] == "Allowed: allowed by identity[0] /Statement/0 (Sid Objects)"
    assert result.details["allowedBy"] == ["identity[0] /Statement/0 (Sid Objects)"]


def test_explanation_names_the_failed_condition_key_and_value():
    result = evaluate(
        Policies(identity=[EXECUTION]),
        Request(
            "iam:PassRole", f"arn:aws:iam::{ACCT}:role/W", ROLE, context={"iam:PassedToService": "ec2.amazonaws.com"}
        ),
        explain=True,
    )
    assert result.decision == IMPLICITLY_DENIED
    assert result.details["missingAllow"] == [
        {"policyType": "identity", "reason": "no identity-based policy allows the request"}
    ]
    (record,) = result.details["statements"]
    assert record["conditions"][0]["requestValues"] == ["ec2.amazonaws.com"]
    assert "the request has iam:PassedToService = ec2.amazonaws.com" in result.explanation[1]


def test_explanation_names_every_missing_policy_type():
    policies = Policies(
        identity=[EXECUTION], boundary={"Statement": []}, session={"Statement": []}, scp=[[{"Statement": []}]]
    )
    result = evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE), explain=True)
    assert [m["policyType"] for m in result.details["missingAllow"]] == ["scp", "boundary", "session"]


def test_explanation_names_the_denying_statement():
    deny = {
        "Statement": [{"Sid": "NoInput", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::input-bucket/*"}]
    }
    result = evaluate(
        Policies(identity=[EXECUTION], boundary=deny),
        Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE),
        explain=True,
    )
    assert result.decision == EXPLICITLY_DENIED
    assert result.details["deniedBy"] == ["boundary /Statement/0 (Sid NoInput)"]


def test_explanation_when_no_statement_names_the_action():
    result = evaluate(Policies(identity=[EXECUTION]), Request("ec2:RunInstances", "*", ROLE), explain=True)
    assert result.explanation[-1] == "no statement of any policy names the action ec2:RunInstances"


def test_cross_account_requests_are_flagged():
    result = evaluate(
        Policies(identity=[EXECUTION]),
        Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE, resource_account="444455556666"),
        explain=True,
    )
    assert result.details["crossAccount"] and "cross-account request" in result.details["reason"]


def test_labels_rename_policies_in_explanations():
    policies = Policies(identity=[EXECUTION], labels={"identity[0]": "GtExecutionPolicy"})
    result = evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE), explain=True)
    assert result.details["allowedBy"] == ["GtExecutionPolicy /Statement/0 (Sid Objects)"]


def test_reason_skips_statements_that_only_permit_or_delegate():
    everything = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    bucket = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ACCT}, "Action": "s3:*", "Resource": "*"}]}
    result = evaluate(
        Policies(identity=[everything], resource=bucket, scp=[[everything]]),
        Request("s3:GetObject", "arn:aws:s3:::b/k", f"arn:aws:iam::{ACCT}:user/u"),
        explain=True,
    )
    assert result.details["reason"] == "allowed by identity[0] /Statement/0"
    assert any("names only the account" in note for note in result.details["notes"])
    assert len(result.details["allowedBy"]) == 3


def test_root_user_reason_says_why():
    result = evaluate(Policies(), Request("s3:GetObject", "arn:aws:s3:::b/k", ACCT), explain=True)
    assert result.explanation[0] == "Allowed: the account root user needs no identity-based policy"


def test_notes_say_which_policy_types_were_not_applied():
    nothing = {"Statement": []}
    user = f"arn:aws:iam::{ACCT}:user/u"
    result = evaluate(
        Policies(identity=[EXECUTION], session=nothing, scp=[[nothing]], rcp=[[nothing]]),
        Request("lambda:InvokeFunction", "*", "sagemaker.amazonaws.com"),
        explain=True,
    )
    notes = " | ".join(result.details["notes"])
    assert "SCPs are not applied" in notes and "the lambda service does not support RCPs" in notes
    result = evaluate(
        Policies(identity=[EXECUTION], session=nothing),
        Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", user),
        explain=True,
    )
    assert result.allowed and "the session policy is not applied" in result.details["notes"][0]


def test_not_principal_explanation():
    bucket = {
        "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": [ROLE, ACCT]}, "Action": "s3:*", "Resource": "*"}]
    }
    result = evaluate(
        Policies(identity=[EXECUTION], resource=bucket),
        Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE),
        explain=True,
    )
    assert result.allowed
    assert result.details["statements"][0]["why"].startswith(f"NotPrincipal spares {ROLE}")


def test_a_required_key_policy_is_named_even_when_it_only_delegates():
    key = f"arn:aws:kms:us-east-1:{ACCT}:key/k"
    everything = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    key_policy = {
        "Statement": [
            {
                "Sid": "EnableIam",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ]
    }
    result = evaluate(
        Policies(identity=[everything], resource=key_policy), Request("kms:Decrypt", key, ROLE), explain=True
    )
    assert result.details["reason"] == "allowed by resource /Statement/0 (Sid EnableIam), identity[0] /Statement/0"


def test_a_request_aws_refuses_is_explained_by_the_rule_not_by_a_policy():
    from iamkb.simulate import ALWAYS_DENIED

    everything = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    request = Request("iam:DeletePolicy", "arn:aws:iam::aws:policy/AdministratorAccess", ROLE)
    assert evaluate(Policies(identity=[everything]), request).decision == ALWAYS_DENIED
    result = evaluate(Policies(identity=[everything]), request, explain=True)
    assert result.decision == ALWAYS_DENIED and not result.allowed
    assert result.explanation[0].startswith(
        "AlwaysDenied: arn:aws:iam::aws:policy/AdministratorAccess is an AWS managed"
    )
    assert result.details["awsRule"]["source"].startswith("https://docs.aws.amazon.com/IAM/latest/UserGuide/")
    assert result.details["deniedBy"] == [] and result.details["missingAllow"] == []
    assert result.details["statements"] == []  # no policy was consulted


def test_get_caller_identity_is_explained_as_needing_no_permission():
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
    result = evaluate(Policies(identity=[deny]), Request("sts:GetCallerIdentity", "*", ROLE), explain=True)
    assert result.allowed
    assert result.details["reason"].startswith("sts:GetCallerIdentity needs no permission")
    assert result.details["deniedBy"] == []


def test_a_condition_value_without_a_variable_value_is_named_in_the_explanation():
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": "*",
                "Condition": {"StringEquals": {"s3:prefix": ["${aws:PrincipalTag/team}/", "shared/"]}},
            }
        ],
    }
    request = Request("s3:ListBucket", "arn:aws:s3:::b", ROLE, context={"s3:prefix": "private/"})
    result = evaluate(Policies(identity=[policy]), request, explain=True)
    assert result.decision == IMPLICITLY_DENIED
    assert result.explanation[1].endswith(
        "the request has s3:prefix = private/ (no value for ${aws:PrincipalTag/team}: a policy value holding it "
        "matches nothing)"
    )
