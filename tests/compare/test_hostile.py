"""Hostile wildcards through every command (issue 11): check, grants, simulate and compare answer policies
whose Action, Resource and StringLike values are `*?*?*?...X` or `a*a*a*...b`, a thousand wildcards long,
in time linear in their length, and compare says so when a containment reaches its work bound.

Not timed: an exponential algorithm never finishes on these patterns, and `signal.alarm` turns a hang into a
failure.
"""

from __future__ import annotations

import signal

import pytest

from iamkb.check import check_document
from iamkb.compare import UNDECIDED, compare
from iamkb.core import iamcatalog, patterns
from iamkb.grants import grants
from iamkb.simulate import ALLOWED, IMPLICITLY_DENIED, Policies, Request, evaluate

PAIRS = 1000  # 2,000-character patterns: 2^1000 ways to backtrack
STAR_Q = "*?" * PAIRS + "X"
A_STAR = "a*" * PAIRS + "b"
ROLE = "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"


@pytest.fixture(autouse=True)
def hang_guard():
    def hung(signum, frame):
        raise AssertionError("a command did not finish on a hostile wildcard: it backtracks")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(600)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **extra):
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def hostile_policy(pairs: int = PAIRS):
    star_q, a_star = "*?" * pairs + "X", "a*" * pairs + "b"
    return policy(
        *(allow(f"s3:{star_q[: 2 * n]}X") for n in range(pairs - 9, pairs + 1)),  # ten hostile Action entries
        allow("s3:GetObject", f"arn:aws:s3:::my-labeling-input/{a_star}"),
        allow(
            "s3:PutObject",
            "arn:aws:s3:::my-labeling-output/*",
            Condition={"StringLike": {"s3:prefix": [star_q, a_star]}},
        ),
    )


def test_check_and_grants_answer_ten_hostile_action_entries():
    document = hostile_policy()
    check_document(document)  # the lint walks every s3 action for each entry
    # no s3 action name has 991 characters: the ten entries grant nothing
    assert set(grants(document, "hostile").allowed_actions()) == {"s3:getobject", "s3:putobject"}
    issue = grants(policy(allow("s3:*?*?*?*?*?*?*?X")), "issue").allowed_actions()  # the pattern of issue 11
    names = [a.full_name.lower() for a in iamcatalog.service("s3").actions.values()]
    assert set(issue) == {n for n in names if n.endswith("x") and len(n) >= len("s3:") + 8} != set()


def test_simulate_matches_hostile_resources_and_condition_values():
    policies = Policies(identity=[hostile_policy()])
    miss = "arn:aws:s3:::my-labeling-input/" + "a" * (2 * PAIRS)
    hit = miss + "b"
    assert evaluate(policies, Request("s3:GetObject", miss, principal=ROLE)).decision == IMPLICITLY_DENIED
    assert evaluate(policies, Request("s3:GetObject", hit, principal=ROLE)).decision == ALLOWED
    key = "arn:aws:s3:::my-labeling-output/k"
    for value, decision in (("a" * (2 * PAIRS), IMPLICITLY_DENIED), ("z" * PAIRS + "X", ALLOWED)):
        request = Request("s3:PutObject", key, principal=ROLE, context={"s3:prefix": value})
        assert evaluate(policies, request).decision == decision


def test_compare_decides_hostile_policies():
    assert not compare(hostile_policy(), hostile_policy()).a_allows_more
    wider = policy(
        allow("s3:" + "*?" * 7 + "X"),
        allow("s3:GetObject", "arn:aws:s3:::my-labeling-input/a*b"),
        allow("s3:PutObject", "arn:aws:s3:::my-labeling-output/*", Condition={"StringLike": {"s3:prefix": "*"}}),
    )
    assert not compare(hostile_policy(), wider).a_allows_more
    result = compare(wider, hostile_policy())
    assert result.a_allows_more
    assert all(UNDECIDED not in gap.reason for gap in result.gaps)


def test_a_containment_past_the_work_bound_is_a_gap_that_says_why(monkeypatch):
    monkeypatch.setattr(patterns, "_BUDGET_BASE", 0)
    monkeypatch.setattr(patterns, "_BUDGET_PER_STATE", 0)
    patterns._containment.cache_clear()
    try:
        a = policy(allow("s3:GetObject", "arn:aws:s3:::bucket/a*a*b"))
        b = policy(allow("s3:GetObject", "arn:aws:s3:::bucket/*a*b"))
        [gap] = compare(a, b).gaps
        assert UNDECIDED in gap.reason and "arn:aws:s3:::bucket/*a*b" in gap.reason
        future = compare(policy(allow("s3:Get*a*b")), policy(allow("s3:Get*b"))).gaps
        assert future and all(UNDECIDED in gap.reason for gap in future if gap.action == "s3:Get*a*b")
    finally:
        patterns._containment.cache_clear()
