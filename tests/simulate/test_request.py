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
