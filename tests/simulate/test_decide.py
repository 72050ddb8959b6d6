"""`decide`: the fast decision and the statement behind it, which `--format jsonl` writes.

It must give evaluate's decision, and name a statement the explained evaluation agrees on: the Deny it
lists as deciding, or an Allow it lists as granting.
"""

from __future__ import annotations

from hypothesis import given

import tests.simulate.test_properties as props
from iamkb.core.enums import Decision, PolicyKind
from iamkb.simulate import Policies, Request, evaluate
from iamkb.simulate.evaluate import decide

from .conformance_cases import CASES

ROLE = "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"
ALLOW_READ = {
    "Sid": "Read",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::my-labeling-input/*",
}
DENY_SECRET = {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::my-labeling-input/secret/*"}


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def agrees(policies: Policies, request: Request) -> None:
    decision, statement = decide(policies, request)
    explained = evaluate(policies, request, explain=True)
    assert decision == explained.decision
    assert explained.details is not None
    if decision is Decision.EXPLICITLY_DENIED:
        assert statement is not None and statement.name in explained.details["deniedBy"]
    elif decision is Decision.ALLOWED and statement is not None:
        assert statement.kind in (PolicyKind.IDENTITY, PolicyKind.RESOURCE), "boundaries and guardrails only permit"
        assert statement.name in explained.details["allowedBy"]
    else:
        assert statement is None


def test_the_deny_that_applies_decides():
    policies = Policies(identity=[policy(ALLOW_READ), policy(DENY_SECRET)])
    decision, statement = decide(policies, Request("s3:GetObject", "arn:aws:s3:::my-labeling-input/secret/a", ROLE))
    assert decision is Decision.EXPLICITLY_DENIED and statement is not None
    assert statement.name == "identity[1] /Statement/0"


def test_the_identity_allow_grants_and_a_boundary_only_permits():
    policies = Policies(identity=[policy(ALLOW_READ)], boundary=policy({**ALLOW_READ, "Sid": "Limit"}))
    decision, statement = decide(policies, Request("s3:GetObject", "arn:aws:s3:::my-labeling-input/a", ROLE))
    assert decision is Decision.ALLOWED and statement is not None
    assert statement.name == "identity[0] /Statement/0 (Sid Read)"


def test_a_resource_policy_that_names_the_caller_grants_alone():
    bucket = policy({**ALLOW_READ, "Sid": "Bucket", "Principal": {"AWS": ROLE}})
    decision, statement = decide(
        Policies(resource=bucket), Request("s3:GetObject", "arn:aws:s3:::my-labeling-input/a", ROLE)
    )
    assert decision is Decision.ALLOWED and statement is not None
    assert statement.name == "resource /Statement/0 (Sid Bucket)"


def test_a_missing_allow_names_no_statement():
    policies = Policies(identity=[policy(ALLOW_READ)])
    assert decide(policies, Request("s3:PutObject", "arn:aws:s3:::my-labeling-input/a", ROLE)) == (
        Decision.IMPLICITLY_DENIED,
        None,
    )


def test_every_conformance_case():
    for _, _, policies, request_spec, expected in CASES:
        compiled = Policies(**policies)
        request = Request(**request_spec)
        assert decide(compiled, request)[0] == expected
        agrees(compiled, request)


@props.COMMON
@given(props.policy_sets(), props.requests())
def test_decide_agrees_with_the_explained_evaluation(policies, request):
    agrees(Policies(**policies), request)
