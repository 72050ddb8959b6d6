"""Principal entries: reading them, and what IAM refuses or advises against in resource and trust policies."""

import pytest

from iamkb.check import check_document
from iamkb.core.arns import PrincipalKind, principal_name
from tests.check.rules.util import codes, lint, policy, with_code

ROLE = "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"
TOPIC = "arn:aws:sns:us-east-1:111122223333:my-labeling-input-topic"


def grants(principal, condition=None, effect="Allow", element="Principal", action="s3:GetObject"):
    statement = {"Effect": effect, element: principal, "Action": action, "Resource": "arn:aws:s3:::my-labeling-input/*"}
    if condition is not None:
        statement["Condition"] = condition
    return policy(statement)


def resource_lint(document, code):
    return with_code(lint(document, "resource"), code)


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("*", "*", (PrincipalKind.EVERYONE, None, None, None)),
        ("AWS", "*", (PrincipalKind.EVERYONE, None, None, None)),
        ("AWS", "111122223333", (PrincipalKind.ACCOUNT, "111122223333", None, None)),
        ("AWS", "arn:aws:iam::111122223333:root", (PrincipalKind.ACCOUNT, "111122223333", None, None)),
        (
            "AWS",
            "arn:aws:iam::111122223333:role/service-role/Labeling",
            (PrincipalKind.ROLE, "111122223333", "Labeling", None),
        ),
        (
            "AWS",
            "arn:aws:sts::111122223333:assumed-role/Labeling/job-7",
            (PrincipalKind.ROLE_SESSION, "111122223333", "Labeling", "job-7"),
        ),
        ("AWS", "arn:aws:iam::111122223333:user/admins/ana", (PrincipalKind.USER, "111122223333", "ana", None)),
        (
            "AWS",
            "arn:aws:sts::111122223333:federated-user/ana",
            (PrincipalKind.FEDERATED_USER, "111122223333", "ana", None),
        ),
        ("AWS", "AROAEXAMPLEROLEID1234", (PrincipalKind.ROLE_ID, None, "AROAEXAMPLEROLEID1234", None)),
        ("AWS", "AIDAEXAMPLEUSERID1234", (PrincipalKind.USER_ID, None, "AIDAEXAMPLEUSERID1234", None)),
        ("AWS", "arn:aws:s3:::bucket", (PrincipalKind.OTHER, "", None, None)),
        ("Service", "s3.amazonaws.com", (PrincipalKind.SERVICE, None, "s3.amazonaws.com", None)),
        (
            "Federated",
            "arn:aws:iam::111122223333:saml-provider/IdP",
            (PrincipalKind.SAML_PROVIDER, "111122223333", "IdP", None),
        ),
        (
            "Federated",
            "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
            (PrincipalKind.OIDC_PROVIDER, "111122223333", "token.actions.githubusercontent.com", None),
        ),
        ("Federated", "accounts.google.com", (PrincipalKind.OIDC_PROVIDER, None, "accounts.google.com", None)),
        ("Federated", "https://accounts.google.com", (PrincipalKind.OTHER, None, None, None)),
        (
            "CanonicalUser",
            "79a59df900b949e55d96a1e698fbaced",
            (PrincipalKind.CANONICAL_USER, None, "79a59df900b949e55d96a1e698fbaced", None),
        ),
    ],
)
def test_principal_name(kind, text, expected):
    assert tuple(principal_name(kind, text)) == expected


@pytest.mark.parametrize(
    "principal",
    [
        {"AWS": "arn:aws:iam::111122223333:role/*"},
        {"AWS": "arn:aws:iam::*:root"},
        {"AWS": ["111122223333", "arn:aws:iam::111122223333:user/label?r"]},
        {"Service": "*.amazonaws.com"},
        {"Service": "*"},
        {"CanonicalUser": "*"},
        {"Federated": "*"},
    ],
)
def test_wildcard_inside_a_principal(principal):
    findings = lint(grants(principal), "resource")
    (finding,) = with_code(findings, "PRINCIPAL_WILDCARD")
    assert finding.pointer.startswith("/Statement/0/Principal/") and "SERVICE_PRINCIPAL_FORMAT" not in codes(findings)
    in_trust = lint(policy({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}), "trust")
    assert "PRINCIPAL_WILDCARD" in codes(in_trust) and "FEDERATED_PRINCIPAL_FORMAT" not in codes(in_trust)


def test_whole_star_and_variables_are_not_wildcards():
    for principal in ("*", {"AWS": "*"}, {"AWS": ROLE}):
        assert not resource_lint(grants(principal), "PRINCIPAL_WILDCARD")
    findings = lint(grants({"AWS": "arn:aws:iam::111122223333:user/${aws:username}"}), "resource")
    (finding,) = with_code(findings, "POLICY_VARIABLE_IN_PRINCIPAL")
    assert finding.pointer == "/Statement/0/Principal/AWS" and "PRINCIPAL_WILDCARD" not in codes(findings)
    assert with_code(
        lint(grants({"AWS": "arn:aws:iam::111122223333:user/${*}"}), "resource"), "POLICY_VARIABLE_IN_PRINCIPAL"
    )
    # a template's placeholder is not a variable (UNFILLED_PLACEHOLDER reports it)
    assert not resource_lint(
        grants({"AWS": "arn:aws:iam::<account-id>:role/<role-name>"}), "POLICY_VARIABLE_IN_PRINCIPAL"
    )


def test_unique_ids_are_accepted_with_a_warning():
    for text, what in (("AROAEXAMPLEROLEID1234", "role"), ("AIDAJQABLZS4A3QDU576Q", "user")):
        findings = check_document(grants({"AWS": ["111122223333", text]}), "resource")
        assert "SCHEMA_INVALID_PRINCIPAL" not in codes(findings)
        (finding,) = with_code(findings, "UNIQUE_ID_PRINCIPAL")
        assert finding.pointer == "/Statement/0/Principal/AWS/1" and f"IAM {what}" in finding.message
    trust = policy({"Effect": "Allow", "Principal": {"AWS": "AROAEXAMPLEROLEID1234"}, "Action": "sts:AssumeRole"})
    assert with_code(check_document(trust, "trust"), "UNIQUE_ID_PRINCIPAL")
    # too short, or another kind of id (a group's, an access key's), is still not a principal
    for text in ("AROA1234", "AGPAEXAMPLEGROUPID123", "AKIAIOSFODNN7EXAMPLE"):
        findings = check_document(grants({"AWS": text}), "resource")
        assert "SCHEMA_INVALID_PRINCIPAL" in codes(findings) and "UNIQUE_ID_PRINCIPAL" not in codes(findings)


def test_federated_principal_in_a_resource_policy():
    (finding,) = resource_lint(
        grants({"Federated": "cognito-identity.amazonaws.com"}), "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY"
    )
    assert finding.pointer == "/Statement/0/Principal/Federated"
    assert resource_lint(
        grants({"Federated": "arn:aws:iam::111122223333:saml-provider/IdP"}, element="NotPrincipal"),
        "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY",
    )
    trust = policy(
        {
            "Effect": "Allow",
            "Principal": {"Federated": "accounts.google.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
        }
    )
    assert not with_code(lint(trust, "trust"), "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY")


def test_allow_with_not_principal():
    (finding,) = resource_lint(grants({"AWS": ROLE}, element="NotPrincipal"), "ALLOW_WITH_NOT_PRINCIPAL")
    assert finding.pointer == "/Statement/0/NotPrincipal"
    assert not resource_lint(grants({"AWS": ROLE}, element="NotPrincipal", effect="Deny"), "ALLOW_WITH_NOT_PRINCIPAL")
    assert not resource_lint(grants({"AWS": ROLE}), "ALLOW_WITH_NOT_PRINCIPAL")


def publishes(condition=None, effect="Allow", principal=None):
    statement = {
        "Effect": effect,
        "Principal": principal or {"Service": "s3.amazonaws.com"},
        "Action": "sns:Publish",
        "Resource": TOPIC,
    }
    if condition is not None:
        statement["Condition"] = condition
    return policy(statement)


def test_service_principal_without_a_source_condition():
    (finding,) = resource_lint(publishes(), "SERVICE_PRINCIPAL_WITHOUT_SOURCE")
    assert finding.pointer == "/Statement/0/Principal/Service" and "s3.amazonaws.com" in finding.message
    other = {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}
    assert resource_lint(publishes(other), "SERVICE_PRINCIPAL_WITHOUT_SOURCE")
    for key, value in (
        ("aws:SourceArn", "arn:aws:s3:::my-labeling-input"),
        ("aws:SourceAccount", "111122223333"),
        ("aws:SourceOrgID", "o-a1b2c3d4e5"),
        ("aws:SourceOrgPaths", "o-a1b2c3d4e5/r-ab12/*"),
    ):
        narrowed = lint(publishes({"StringLike": {key: value}}), "resource")
        assert not codes(narrowed) & {"SERVICE_PRINCIPAL_WITHOUT_SOURCE", "SERVICE_PRINCIPAL_WEAK_CONDITION"}
    # Deny statements, trust policies and statements without service principals are not this check's
    assert not resource_lint(publishes(effect="Deny"), "SERVICE_PRINCIPAL_WITHOUT_SOURCE")
    assert not resource_lint(publishes(principal={"AWS": ROLE}), "SERVICE_PRINCIPAL_WITHOUT_SOURCE")
    trust = policy({"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"})
    assert not with_code(lint(trust, "trust"), "SERVICE_PRINCIPAL_WITHOUT_SOURCE")


def test_service_principal_with_a_weaker_key():
    findings = lint(publishes({"StringEquals": {"aws:Referer": "my-labeling-app"}}), "resource")
    (finding,) = with_code(findings, "SERVICE_PRINCIPAL_WEAK_CONDITION")
    assert finding.pointer == "/Statement/0/Condition/StringEquals/aws:Referer"
    assert "SERVICE_PRINCIPAL_WITHOUT_SOURCE" not in codes(findings)
    both = {"StringEquals": {"aws:SourceOwner": "111122223333", "aws:SourceAccount": "111122223333"}}
    assert not resource_lint(publishes(both), "SERVICE_PRINCIPAL_WEAK_CONDITION")


@pytest.mark.parametrize(
    ("operator", "key", "result"),
    [
        ("StringEquals", "aws:PrincipalOrgID", "never matches"),
        ("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "never matches"),
        ("StringEquals", "aws:PrincipalTag/team", "never matches"),
        ("StringNotEquals", "aws:PrincipalOrgID", "always matches"),
        ("Null", "aws:PrincipalOrgID", "always matches"),
    ],
)
def test_condition_keys_a_service_principal_lacks(operator, key, result):
    value = "true" if operator == "Null" else "o-a1b2c3d4e5"
    condition = {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}, operator: {key: value}}
    (finding,) = resource_lint(publishes(condition), "SERVICE_PRINCIPAL_CONDITION_KEY")
    assert (
        finding.pointer == f"/Statement/0/Condition/{operator}/{key.replace('/', '~1')}" and result in finding.message
    )


def test_condition_keys_valid_for_other_principals_of_the_statement():
    condition = {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}, "ArnLike": {"aws:SourceArn": "arn:aws:s3:::b"}}
    mixed = publishes(condition, principal={"Service": "s3.amazonaws.com", "AWS": "*"})
    assert not resource_lint(mixed, "SERVICE_PRINCIPAL_CONDITION_KEY")
    assert not resource_lint(
        grants({"AWS": "*"}, {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}),
        "SERVICE_PRINCIPAL_CONDITION_KEY",
    )


def test_redundant_session_principal():
    session = "arn:aws:sts::111122223333:assumed-role/GroundTruthExecutionRole/labeling-job"
    (finding,) = resource_lint(grants({"AWS": [ROLE, session]}), "REDUNDANT_SESSION_PRINCIPAL")
    assert finding.pointer == "/Statement/0/Principal/AWS/1" and "/Statement/0/Principal/AWS/0" in finding.message
    with_path = "arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole"
    trust = policy({"Effect": "Allow", "Principal": {"AWS": [session, with_path]}, "Action": "sts:AssumeRole"})
    assert with_code(lint(trust, "trust"), "REDUNDANT_SESSION_PRINCIPAL")
    for others in (
        [session],
        [ROLE.replace("111122223333", "444455556666"), session],
        ["arn:aws:iam::111122223333:role/OtherRole", session],
        [ROLE.replace("GroundTruth", "groundtruth"), session],  # principal ARNs compare exactly
    ):
        assert not resource_lint(grants({"AWS": others}), "REDUNDANT_SESSION_PRINCIPAL")


def test_identity_policies_are_not_read():
    identity = policy(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": {"AWS": "arn:aws:iam::1:role/*"}}
    )
    assert not codes(lint(identity, "identity")) & {"PRINCIPAL_WILDCARD", "UNIQUE_ID_PRINCIPAL"}
