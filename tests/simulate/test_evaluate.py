import pytest

from iamkb.simulate import ALLOWED, IMPLICITLY_DENIED, Policies, Request, evaluate, table_rows
from iamkb.simulate.evaluate import _PLAN_CACHE_LIMIT
from tests.simulate.execution_policy import EXECUTION, ROLE


def test_table_rows_are_flat():
    rows = table_rows(
        Policies(identity=[EXECUTION]),
        [
            Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE),
            Request("s3:GetObject", "arn:aws:s3:::other/a", ROLE),
        ],
    )
    assert [r["decision"] for r in rows] == [ALLOWED, IMPLICITLY_DENIED]
    assert set(rows[0]) == {"principal", "action", "resource", "decision", "reason"}


def test_the_plan_cache_is_bounded_and_stays_correct():
    policies = Policies(identity=[EXECUTION])
    for n in range(_PLAN_CACHE_LIMIT + 10):
        evaluate(policies, Request(f"s3:Action{n}", "*", ROLE))
    assert len(policies._plans) <= _PLAN_CACHE_LIMIT
    assert evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE)).allowed


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"identity": EXECUTION}, "identity takes a list of policy documents"),
        ({"scp": [EXECUTION]}, "scp takes a list of levels"),
        ({"rcp": EXECUTION}, "rcp takes a list of levels"),
    ],
)
def test_policies_refuse_wrong_shapes_in_python(arguments, message):
    from iamkb.simulate import PolicyShapeError

    with pytest.raises(PolicyShapeError, match=message):
        Policies(**arguments)


def test_can_assume():
    from iamkb.simulate import can_assume

    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    assert can_assume(trust, "sagemaker.amazonaws.com", ROLE).allowed
    refused = can_assume(trust, "ec2.amazonaws.com", ROLE)
    assert not refused.allowed
    assert "trust policy /Statement/0 (Allow) does not apply: Principal does not name ec2.amazonaws.com" in (
        refused.explanation
    )
    partner = "arn:aws:sts::444455556666:assumed-role/Partner/s"
    account_trust = {
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}]
    }
    assume_any = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}
    assert not can_assume(account_trust, partner, ROLE).allowed
    assert can_assume(account_trust, partner, ROLE, identity=[assume_any]).allowed


def test_decisions_are_the_enum_and_still_their_strings():
    import json

    from iamkb.simulate import Decision, Evaluation, PolicyKind

    policies = Policies(identity=[EXECUTION])
    allowed = evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::input-bucket/a", ROLE), explain=True)
    denied = evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::other/a", ROLE), explain=True)
    assert isinstance(allowed, Evaluation) and allowed.decision is Decision.ALLOWED is ALLOWED
    assert denied.decision is Decision.IMPLICITLY_DENIED and denied.decision == "ImplicitlyDenied"
    assert allowed.explanation[0].startswith("Allowed: allowed by identity[0] /Statement/")  # not "Decision.ALLOWED"
    record = json.loads(json.dumps(denied.details))
    assert record["missingAllow"][0]["policyType"] == "identity"
    assert denied.details["missingAllow"][0]["policyType"] is PolicyKind.IDENTITY
    assert {s["effect"] for s in record["statements"]} == {"Allow"}
    assert (
        evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::other/a", ROLE)).decision is Decision.IMPLICITLY_DENIED
    )
