"""Role trust policies: principal forms, assume actions per principal, Roles Anywhere, keys set by an
action, OIDC and GitHub conditions, audience claims."""

import pytest

from tests.check.rules.util import codes, lint, policy, with_code

GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
SAML = "arn:aws:iam::111122223333:saml-provider/LabelingIdP"
EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"


def trusts(principal, action="sts:AssumeRole", condition=None, effect="Allow", element="Principal"):
    statement = {"Effect": effect, element: principal, "Action": action}
    if condition is not None:
        statement["Condition"] = condition
    return policy(statement)


def trust_lint(document, code):
    return with_code(lint(document, "trust"), code)


def github(*condition_items, **blocks):
    """A GitHub deploy role's trust policy; positional (operator, key claim, value) triples."""
    condition: dict = {}
    for operator, claim, value in condition_items:
        condition.setdefault(operator, {})[f"token.actions.githubusercontent.com:{claim}"] = value
    return trusts({"Federated": GITHUB}, "sts:AssumeRoleWithWebIdentity", condition or None)


AUD = ("StringEquals", "aud", "sts.amazonaws.com")


def test_not_principal_and_bare_star():
    (finding,) = trust_lint(
        trusts({"AWS": "arn:aws:iam::111122223333:root"}, element="NotPrincipal"), "TRUST_POLICY_NOT_PRINCIPAL"
    )
    assert finding.pointer == "/Statement/0/NotPrincipal"
    findings = lint(trusts("*"), "trust")
    (star,) = with_code(findings, "TRUST_POLICY_ANY_PRINCIPAL")
    assert star.pointer == "/Statement/0/Principal" and "PUBLIC_PRINCIPAL" not in codes(findings)
    # {"AWS": "*"} is the accepted form; without a condition it stays a public-principal warning
    anyone = lint(trusts({"AWS": "*"}), "trust")
    assert "TRUST_POLICY_ANY_PRINCIPAL" not in codes(anyone) and "PUBLIC_PRINCIPAL" in codes(anyone)
    # in a resource policy neither trust code applies
    bucket = policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})
    assert not codes(lint(bucket, "resource")) & {"TRUST_POLICY_ANY_PRINCIPAL", "TRUST_POLICY_NOT_PRINCIPAL"}


@pytest.mark.parametrize(
    "federated",
    [
        "https://token.actions.githubusercontent.com",
        "arn:aws:iam::111122223333:role/Deploy",
        "my idp",
        "saml-provider/X",
    ],
)
def test_federated_principal_format_fires(federated):
    (finding,) = trust_lint(
        trusts({"Federated": federated}, "sts:AssumeRoleWithWebIdentity"), "FEDERATED_PRINCIPAL_FORMAT"
    )
    assert finding.pointer == "/Statement/0/Principal/Federated"
    assert ("a URL" in finding.message) == federated.startswith("https://")


@pytest.mark.parametrize(
    "federated",
    [
        GITHUB,
        SAML,
        EKS,
        "cognito-identity.amazonaws.com",
        "accounts.google.com",
        "arn:aws:iam::<account-id>:saml-provider/<idp>",
        "<provider-arn>",
    ],
)
def test_federated_principal_format_accepts(federated):
    assert not trust_lint(trusts({"Federated": federated}, "sts:AssumeRoleWithSAML"), "FEDERATED_PRINCIPAL_FORMAT")


@pytest.mark.parametrize(
    ("principal", "action", "right"),
    [
        ({"Federated": "cognito-identity.amazonaws.com"}, "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"),
        ({"Federated": SAML}, "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"),
        ({"Federated": GITHUB}, "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"),
        ({"Service": "sagemaker.amazonaws.com"}, "sts:AssumeRoleWithSAML", "sts:AssumeRole"),
        ({"AWS": "arn:aws:iam::111122223333:role/LabelingAdmin"}, "STS:AssumeRoleWithWebIdentity", "sts:AssumeRole"),
    ],
)
def test_mismatched_action_fires(principal, action, right):
    (finding,) = trust_lint(trusts(principal, [action, "sts:TagSession"]), "TRUST_ACTION_PRINCIPAL_MISMATCH")
    assert finding.pointer == "/Statement/0/Action/0" and right in finding.message


def test_mismatched_action_names_only_the_wrong_principals():
    mixed = trusts(
        {"Service": "sagemaker.amazonaws.com", "Federated": SAML}, ["sts:AssumeRole", "sts:AssumeRoleWithSAML"]
    )
    found = trust_lint(mixed, "TRUST_ACTION_PRINCIPAL_MISMATCH")
    assert [f.pointer for f in found] == ["/Statement/0/Action/0", "/Statement/0/Action/1"]
    assert SAML in found[0].message and "sagemaker" not in found[0].message
    assert "sagemaker" in found[1].message and SAML not in found[1].message


@pytest.mark.parametrize(
    ("principal", "action"),
    [
        ({"Federated": SAML}, ["sts:AssumeRoleWithSAML", "sts:TagSession"]),
        ({"Federated": GITHUB}, "sts:AssumeRoleWithWebIdentity"),
        ({"Federated": "accounts.google.com"}, ["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"]),
        ({"Service": "sagemaker.amazonaws.com"}, "sts:AssumeRole"),
        ({"AWS": "111122223333"}, ["sts:AssumeRole", "sts:SetContext"]),
        ({"Federated": SAML}, "sts:AssumeRole*"),  # a pattern: not judged
        ("*", "sts:AssumeRoleWithSAML"),  # reported as TRUST_POLICY_ANY_PRINCIPAL instead
        ({"Federated": "https://example.com"}, "sts:AssumeRole"),  # reported as FEDERATED_PRINCIPAL_FORMAT instead
    ],
)
def test_fitting_actions_are_fine(principal, action):
    assert not trust_lint(trusts(principal, action), "TRUST_ACTION_PRINCIPAL_MISMATCH")


def test_roles_anywhere_actions():
    principal = {"Service": "rolesanywhere.amazonaws.com"}
    (finding,) = trust_lint(trusts(principal, ["sts:AssumeRole", "sts:TagSession"]), "ROLES_ANYWHERE_MISSING_ACTIONS")
    assert finding.pointer == "/Statement/0/Action" and "sts:SetSourceIdentity" in finding.message
    assert "sts:TagSession" not in finding.message
    full = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]
    assert not trust_lint(trusts(principal, full), "ROLES_ANYWHERE_MISSING_ACTIONS")
    assert not trust_lint(
        trusts(principal, ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:Tag*"]), "ROLES_ANYWHERE_MISSING_ACTIONS"
    )
    # the actions may be spread over statements that trust the service
    split = policy(
        {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": principal, "Action": ["sts:SetSourceIdentity", "sts:TagSession"]},
    )
    assert not trust_lint(split, "ROLES_ANYWHERE_MISSING_ACTIONS")
    # a Deny does not count, and other services need nothing more
    denied = policy(
        {"Effect": "Allow", "Principal": principal, "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"]},
        {"Effect": "Deny", "Principal": principal, "Action": "sts:TagSession"},
    )
    assert trust_lint(denied, "ROLES_ANYWHERE_MISSING_ACTIONS")
    assert not trust_lint(trusts({"Service": "sagemaker.amazonaws.com"}), "ROLES_ANYWHERE_MISSING_ACTIONS")


ADMIN = {"AWS": "arn:aws:iam::111122223333:role/LabelingAdmin"}


@pytest.mark.parametrize(
    ("condition", "needed"),
    [
        ({"StringLike": {"sts:SourceIdentity": "admin-*"}}, "sts:SetSourceIdentity"),
        ({"Null": {"sts:SourceIdentity": "false"}}, "sts:SetSourceIdentity"),
        ({"StringEquals": {"aws:RequestTag/Project": "labeling"}}, "sts:TagSession"),
        ({"ForAnyValue:StringEquals": {"aws:TagKeys": "Project"}}, "sts:TagSession"),
        ({"ForAnyValue:StringEquals": {"sts:TransitiveTagKeys": "Project"}}, "sts:TagSession"),
    ],
)
def test_condition_key_needs_its_action(condition, needed):
    (finding,) = trust_lint(trusts(ADMIN, "sts:AssumeRole", condition), "TRUST_CONDITION_KEY_NEEDS_ACTION")
    assert needed in finding.message and finding.pointer.startswith("/Statement/0/Condition/")
    assert not trust_lint(trusts(ADMIN, ["sts:AssumeRole", needed], condition), "TRUST_CONDITION_KEY_NEEDS_ACTION")


@pytest.mark.parametrize(
    "condition",
    [
        {"StringNotLike": {"sts:SourceIdentity": "guest-*"}},  # holds for requests without a source identity
        {"StringLikeIfExists": {"sts:SourceIdentity": "admin-*"}},
        {"Null": {"sts:SourceIdentity": "true"}},
        {"ForAllValues:Null": {"sts:SourceIdentity": "false"}},  # always holds
        {"ForAllValues:StringEquals": {"aws:TagKeys": ["Project"]}},
        {"StringEquals": {"sts:ExternalId": "labeling-vendor"}},  # a key AssumeRole itself carries
    ],
)
def test_condition_keys_that_do_not_need_an_action(condition):
    assert not trust_lint(trusts(ADMIN, "sts:AssumeRole", condition), "TRUST_CONDITION_KEY_NEEDS_ACTION")


def test_condition_key_in_a_deny_is_not_judged():
    deny = trusts(ADMIN, "sts:AssumeRole", {"StringLike": {"sts:SourceIdentity": "x*"}}, effect="Deny")
    assert not trust_lint(deny, "TRUST_CONDITION_KEY_NEEDS_ACTION")


def test_oidc_provider_needs_a_condition_on_its_claims():
    web = "sts:AssumeRoleWithWebIdentity"
    (finding,) = trust_lint(trusts({"Federated": EKS}, web), "OIDC_PRINCIPAL_WITHOUT_CONDITION")
    assert finding.pointer == "/Statement/0/Principal/Federated" and "oidc.eks.us-east-1" in finding.message
    issuer = EKS.split("oidc-provider/")[1]
    claimed = {"StringEquals": {f"{issuer}:sub": "system:serviceaccount:labeling:job-runner"}}
    assert not trust_lint(trusts({"Federated": EKS}, web, claimed), "OIDC_PRINCIPAL_WITHOUT_CONDITION")
    # another provider's claims, or only global keys, do not restrict this one
    elsewhere = {"StringEquals": {"accounts.google.com:aud": "x", "aws:SourceIp": "203.0.113.0/24"}}
    assert trust_lint(trusts({"Federated": EKS}, web, elsewhere), "OIDC_PRINCIPAL_WITHOUT_CONDITION")
    assert trust_lint(trusts({"Federated": "cognito-identity.amazonaws.com"}, web), "OIDC_PRINCIPAL_WITHOUT_CONDITION")
    # SAML providers and Deny statements are not this check's
    assert not trust_lint(trusts({"Federated": SAML}, "sts:AssumeRoleWithSAML"), "OIDC_PRINCIPAL_WITHOUT_CONDITION")
    assert not trust_lint(trusts({"Federated": EKS}, web, effect="Deny"), "OIDC_PRINCIPAL_WITHOUT_CONDITION")


def test_github_without_sub():
    for document in (github(), github(AUD), github(AUD, ("StringNotEquals", "sub", "repo:my-org/untrusted:*"))):
        findings = lint(document, "trust")
        (finding,) = with_code(findings, "GITHUB_OIDC_WITHOUT_SUB")
        assert finding.pointer == "/Statement/0/Principal/Federated"
        assert "OIDC_PRINCIPAL_WITHOUT_CONDITION" not in codes(findings)  # the GitHub finding says it better
    enterprise = trusts(
        {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.my-company.ghe.com"},
        "sts:AssumeRoleWithWebIdentity",
        {"StringEquals": {"token.actions.my-company.ghe.com:aud": "sts.amazonaws.com"}},
    )
    assert trust_lint(enterprise, "GITHUB_OIDC_WITHOUT_SUB")


@pytest.mark.parametrize(
    "sub",
    [
        "repo:my-org/labeling-pipeline:ref:refs/heads/main",
        "repo:my-org/labeling-pipeline:environment:production",
        ["repo:my-org/labeling-pipeline:ref:refs/heads/main", "repo:my-org/labeling-pipeline:pull_request"],
    ],
)
def test_github_specific_sub_is_fine(sub):
    findings = lint(github(AUD, ("StringEquals", "sub", sub)), "trust")
    assert not codes(findings) & {
        "GITHUB_OIDC_WITHOUT_SUB",
        "GITHUB_OIDC_SUB_WILDCARD",
        "OIDC_PRINCIPAL_WITHOUT_CONDITION",
    }


@pytest.mark.parametrize(
    ("sub", "reach"),
    [
        ("repo:my-org/*", "every repository"),
        ("repo:my-org/labeling-*:ref:refs/heads/main", "every repository"),
        ("*", "every repository"),
        ("repo:my-org/labeling-pipeline:*", "every workflow run of my-org/labeling-pipeline"),
        ("repo:my-org/labeling-pipeline:ref:refs/heads/*", "every workflow run of my-org/labeling-pipeline"),
    ],
)
def test_github_sub_wildcard(sub, reach):
    (finding,) = trust_lint(github(AUD, ("StringLike", "sub", sub)), "GITHUB_OIDC_SUB_WILDCARD")
    assert finding.pointer == "/Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub"
    assert reach in finding.message


def test_github_sub_wildcard_with_a_branch_condition():
    branch = ("StringEquals", "ref", "refs/heads/main")
    assert not trust_lint(
        github(AUD, ("StringLike", "sub", "repo:my-org/labeling-pipeline:*"), branch), "GITHUB_OIDC_SUB_WILDCARD"
    )
    # a ref condition does not make an organisation-wide pattern specific, nor does ref "*" limit anything
    assert trust_lint(github(AUD, ("StringLike", "sub", "repo:my-org/*"), branch), "GITHUB_OIDC_SUB_WILDCARD")
    anything = ("StringLike", "ref", "*")
    assert trust_lint(
        github(AUD, ("StringLike", "sub", "repo:my-org/labeling-pipeline:*"), anything), "GITHUB_OIDC_SUB_WILDCARD"
    )
    # with StringEquals a "*" is a literal character, not a wildcard
    assert not trust_lint(github(AUD, ("StringEquals", "sub", "repo:my-org/*")), "GITHUB_OIDC_SUB_WILDCARD")


def test_audience_set_operators():
    (risky,) = trust_lint(github(("ForAnyValue:StringEquals", "aud", "sts.amazonaws.com")), "AUDIENCE_FOR_ANY_VALUE")
    assert risky.pointer == "/Statement/0/Condition/ForAnyValue:StringEquals/token.actions.githubusercontent.com:aud"
    (confirm,) = trust_lint(
        github(("ForAllValues:StringEquals", "aud", "sts.amazonaws.com")), "AUDIENCE_FOR_ALL_VALUES"
    )
    assert "StringEquals" in confirm.hint
    plain = lint(github(AUD), "trust")
    assert not codes(plain) & {"AUDIENCE_FOR_ANY_VALUE", "AUDIENCE_FOR_ALL_VALUES"}
    # SAML's audience and claims other than aud are not this check's
    saml = trusts({"Federated": SAML}, "sts:AssumeRoleWithSAML", {"ForAnyValue:StringEquals": {"SAML:aud": "x"}})
    assert not trust_lint(saml, "AUDIENCE_FOR_ANY_VALUE")
    cognito = trusts(
        {"Federated": "cognito-identity.amazonaws.com"},
        "sts:AssumeRoleWithWebIdentity",
        {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        },
    )
    assert not codes(lint(cognito, "trust")) & {"AUDIENCE_FOR_ANY_VALUE", "OIDC_PRINCIPAL_WITHOUT_CONDITION"}


def test_a_bare_statement_without_resource_is_read_as_trust():
    statement = {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}
    assert with_code(lint(statement, "statement"), "TRUST_POLICY_ANY_PRINCIPAL")
    with_resource = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
    assert not with_code(lint(with_resource, "statement"), "TRUST_POLICY_ANY_PRINCIPAL")
