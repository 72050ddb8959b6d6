import pytest

from iamkb.simulate import Request
from iamkb.simulate.request import context_values

ACCT = "111122223333"
ROLE = f"arn:aws:iam::{ACCT}:role/Exec"


def test_context_values_become_strings():
    assert context_values("k", True) == ("true",)
    assert context_values("k", [1, 2.5, "x"]) == ("1", "2.5", "x")
    with pytest.raises(TypeError, match="context key k"):
        context_values("k", {"a": 1})


def test_request_resource_account_defaults():
    assert Request("sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:q", ROLE).resource_account == "444455556666"
    assert Request("s3:GetObject", "arn:aws:s3:::b/k", ROLE).resource_account == ACCT
    assert not Request("s3:GetObject", "arn:aws:s3:::b/k", ROLE).cross_account
    managed = Request("iam:AttachRolePolicy", "arn:aws:iam::aws:policy/AdministratorAccess", ROLE)
    assert managed.resource_account == ACCT and not managed.cross_account


def test_given_context_keys_win_over_derived_ones():
    request = Request("s3:GetObject", "*", ROLE, context={"aws:PrincipalAccount": "999988887777"})
    assert request.values["aws:principalaccount"] == ("999988887777",)


FED = f"arn:aws:sts::{ACCT}:federated-user/susan"


def test_anonymous_is_a_caller_with_no_identity_side():
    request = Request("s3:GetObject", "arn:aws:s3:::b/k", "anonymous")
    assert request.caller.kind == "anonymous" and not request.identity_side and not request.cross_account
    assert request.values["aws:principaltype"] == ("Anonymous",)
    assert request.values["aws:userid"] == ("anonymous",)
    assert "aws:principalaccount" not in request.values and "aws:principalarn" not in request.values


def test_a_federated_session_knows_the_iam_user_behind_it():
    request = Request("s3:GetObject", "*", FED, federated_by=f"arn:aws:iam::{ACCT}:user/carlos")
    assert request.caller.parent == f"arn:aws:iam::{ACCT}:user/carlos"
    assert request.to_json()["federatedBy"] == f"arn:aws:iam::{ACCT}:user/carlos"
    assert Request("s3:GetObject", "*", FED).caller.parent is None


@pytest.mark.parametrize(
    ("principal", "federated_by", "message"),
    [
        (ROLE, f"arn:aws:iam::{ACCT}:user/carlos", "the principal must be arn:aws:sts::ACCOUNT:federated-user/NAME"),
        (FED, "arn:aws:iam::444455556666:user/carlos", f"IAM user \\(or the root user\\) of account {ACCT}"),
        (FED, ROLE, "must be the ARN of an IAM user"),
    ],
)
def test_federated_by_must_be_a_user_of_the_sessions_account(principal, federated_by, message):
    with pytest.raises(ValueError, match=message):
        Request("s3:GetObject", "*", principal, federated_by=federated_by)
