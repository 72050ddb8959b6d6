import pytest

from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.principals import ACCOUNT, DIRECT, ROLE, WILDCARD, PrincipalSpec, derived_context, parse_caller

ACCT = "111122223333"
SESSION = f"arn:aws:sts::{ACCT}:assumed-role/Exec/job"


@pytest.mark.parametrize(
    "principal, kind, account",
    [
        (f"arn:aws:iam::{ACCT}:user/team/carlos", "user", ACCT),
        (f"arn:aws:iam::{ACCT}:role/path/Exec", "role-session", ACCT),
        (SESSION, "role-session", ACCT),
        (f"arn:aws:sts::{ACCT}:federated-user/bob", "federated-user", ACCT),
        (f"arn:aws:iam::{ACCT}:root", "root", ACCT),
        (ACCT, "root", ACCT),
        ("sagemaker.amazonaws.com", "service", None),
        (f"arn:aws:iam::{ACCT}:saml-provider/Okta", "service", None),
        (None, "unnamed", None),
    ],
)
def test_parse_caller(principal, kind, account):
    caller = parse_caller(principal)
    assert (caller.kind, caller.account) == (kind, account)


@pytest.mark.parametrize(
    "element, principal, expected",
    [
        ("*", SESSION, WILDCARD),
        ({"AWS": "*"}, "sagemaker.amazonaws.com", WILDCARD),
        ({"AWS": SESSION}, SESSION, DIRECT),
        ({"AWS": f"arn:aws:iam::{ACCT}:role/Exec"}, SESSION, ROLE),
        ({"AWS": f"arn:aws:iam::{ACCT}:role/Exec"}, f"arn:aws:iam::{ACCT}:role/Exec", ROLE),
        ({"AWS": f"arn:aws:iam::{ACCT}:role/Other"}, SESSION, None),
        ({"AWS": ACCT}, SESSION, ACCOUNT),
        ({"AWS": f"arn:aws:iam::{ACCT}:root"}, f"arn:aws:iam::{ACCT}:user/u", ACCOUNT),
        ({"AWS": "444455556666"}, SESSION, None),
        ({"Service": "sagemaker.amazonaws.com"}, "sagemaker.amazonaws.com", DIRECT),
        ({"Service": "sagemaker.amazonaws.com"}, "ec2.amazonaws.com", None),
        ({"Federated": "cognito-identity.amazonaws.com"}, "cognito-identity.amazonaws.com", DIRECT),
        ({"AWS": SESSION}, f"arn:aws:iam::{ACCT}:role/Exec", None),
    ],
)
def test_principal_matching(element, principal, expected):
    assert PrincipalSpec(element, ("Principal",)).match(parse_caller(principal)) == expected


@pytest.mark.parametrize(
    "element, message",
    [
        ({"AWS": "arn:aws:iam::111122223333:role/Gt*"}, "cannot contain wildcards"),
        ({"Service": "*"}, "wildcard principal"),
        ({"Group": "x"}, "unknown Principal type"),
        (["*"], "must be"),
        ({"AWS": []}, "empty array"),
    ],
)
def test_bad_principal_elements_are_refused(element, message):
    with pytest.raises(PolicyShapeError, match=message):
        PrincipalSpec(element, ("Principal",))


def test_derived_keys_describe_the_caller():
    session = derived_context(parse_caller(SESSION), ACCT)
    assert session["aws:principalarn"] == (f"arn:aws:iam::{ACCT}:role/Exec",)
    assert session["aws:resourceaccount"] == (ACCT,)
    user = derived_context(parse_caller(f"arn:aws:iam::{ACCT}:user/carlos"), None)
    assert user["aws:username"] == ("carlos",) and user["aws:principaltype"] == ("User",)
    service = derived_context(parse_caller("sagemaker.amazonaws.com"), None)
    assert service["aws:principalisawsservice"] == ("true",)


def test_service_linked_roles_are_recognised_by_path_or_name():
    assert parse_caller(f"arn:aws:iam::{ACCT}:role/aws-service-role/x.amazonaws.com/Anything").is_service_linked_role
    assert parse_caller(f"arn:aws:sts::{ACCT}:assumed-role/AWSServiceRoleForAmazonSageMaker/s").is_service_linked_role
    assert not parse_caller(SESSION).is_service_linked_role
    assert not parse_caller(f"arn:aws:iam::{ACCT}:user/AWSServiceRoleForFake").is_service_linked_role
