"""Security warnings: PassRole, service wildcards, KMS grants, Not* elements, public principals."""

from tests.check.rules.util import allow, lint, policy, with_code


def test_passrole_on_every_role_says_whether_a_service_condition_narrows_it():
    (plain,) = with_code(lint(policy(allow("iam:PassRole"))), "PASSROLE_ANY_RESOURCE")
    assert plain.pointer == "/Statement/0/Resource" and "No iam:PassedToService" in plain.message
    narrowed = allow("iam:Pass*", Condition={"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})
    (finding,) = with_code(lint(policy(narrowed)), "PASSROLE_ANY_RESOURCE")
    assert "limits which services" in finding.message
    assert not with_code(
        lint(policy(allow("iam:PassRole", "arn:aws:iam::111122223333:role/x"))), "PASSROLE_ANY_RESOURCE"
    )


def test_service_wide_wildcards_on_every_resource():
    found = with_code(lint(policy(allow(["sagemaker:*", "s3:Get*", "*"]))), "SERVICE_WILDCARD_ON_ALL_RESOURCES")
    assert [f.pointer for f in found] == ["/Statement/0/Action/0", "/Statement/0/Action/2"]
    assert not with_code(
        lint(policy(allow("sagemaker:*", "arn:aws:sagemaker:*:*:labeling-job/*"))), "SERVICE_WILDCARD_ON_ALL_RESOURCES"
    )


def test_kms_create_grant_needs_grant_is_for_aws_resource():
    (finding,) = with_code(lint(policy(allow("kms:CreateGrant"))), "KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION")
    assert finding.pointer == "/Statement/0/Action"
    safe = allow("kms:CreateGrant", Condition={"Bool": {"kms:GrantIsForAWSResource": "true"}})
    assert not with_code(lint(policy(safe)), "KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION")


def test_allow_with_not_action_and_not_resource():
    document = policy({"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"})
    found = lint(document)
    assert with_code(found, "ALLOW_WITH_NOT_ACTION")[0].pointer == "/Statement/0/NotAction"
    assert with_code(found, "ALLOW_WITH_NOT_RESOURCE")[0].pointer == "/Statement/0/NotResource"
    deny = policy({"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"})
    assert not with_code(lint(deny), "ALLOW_WITH_NOT_ACTION") and not with_code(lint(deny), "ALLOW_WITH_NOT_RESOURCE")


def bucket_policy(principal, condition=None):
    statement = {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
    if condition:
        statement["Condition"] = condition
    return policy(statement)


def test_public_principal_unless_a_condition_narrows_it():
    (finding,) = with_code(lint(bucket_policy({"AWS": "*"}), "resource"), "PUBLIC_PRINCIPAL")
    assert finding.pointer == "/Statement/0/Principal/AWS"
    assert with_code(lint(bucket_policy("*"), "resource"), "PUBLIC_PRINCIPAL")
    narrowed = bucket_policy("*", {"StringEquals": {"aws:PrincipalOrgID": "o-123"}})
    assert not with_code(lint(narrowed, "resource"), "PUBLIC_PRINCIPAL")
    assert not with_code(lint(bucket_policy({"AWS": "arn:aws:iam::111122223333:root"}), "resource"), "PUBLIC_PRINCIPAL")


# AWS's default key policy statement: the account root gets kms:* on "*", which in a key policy is the key.
DEFAULT_KEY_STATEMENT = allow(
    "kms:*", Sid="Enable IAM User Permissions", Principal={"AWS": "arn:aws:iam::111122223333:root"}
)


def test_a_key_policy_that_delegates_to_its_account_is_not_a_service_wildcard():
    assert not with_code(lint(policy(DEFAULT_KEY_STATEMENT), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")
    by_id = dict(DEFAULT_KEY_STATEMENT, Principal={"AWS": "111122223333"})
    assert not with_code(lint(policy(by_id), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")


def test_a_key_policy_template_whose_account_is_still_a_placeholder_delegates_too():
    """The site's key-policy snippet is checked before anyone fills in <account-id>."""
    template = dict(DEFAULT_KEY_STATEMENT, Principal={"AWS": "arn:aws:iam::<account-id>:root"})
    assert not with_code(lint(policy(template), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")
    role = dict(DEFAULT_KEY_STATEMENT, Principal={"AWS": "arn:aws:iam::<account-id>:role/<role-name>"})
    assert with_code(lint(policy(role), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")


def test_a_resource_policy_giving_a_role_every_action_is_still_one():
    to_role = dict(
        DEFAULT_KEY_STATEMENT,
        Principal={"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/app"]},
    )
    assert with_code(lint(policy(to_role), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")
    anyone = dict(DEFAULT_KEY_STATEMENT, Principal="*")
    assert with_code(lint(policy(anyone), "resource"), "SERVICE_WILDCARD_ON_ALL_RESOURCES")
