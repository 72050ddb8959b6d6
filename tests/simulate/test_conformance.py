"""Table-driven conformance suite: each row of conformance_cases.CASES is one documented rule.

Every case is evaluated twice, fast and explained, because both paths share the decision logic
and must never disagree.
"""

from __future__ import annotations

import pytest

from iamkb.simulate import Policies, Request, evaluate

from .conformance_cases import CASES, RULES


def _request(spec: dict) -> Request:
    return Request(**spec)


@pytest.mark.parametrize(
    ("rule", "description", "policies", "request_spec", "expected"),
    CASES,
    ids=[f"{rule}: {description}" for rule, description, *_ in CASES],
)
def test_case(rule, description, policies, request_spec, expected):
    compiled = Policies(**policies)
    request = _request(request_spec)
    statement, page = RULES[rule]
    assert evaluate(compiled, request).decision == expected, f"{statement} ({page})"
    explained = evaluate(compiled, request, explain=True)
    assert explained.decision == expected
    assert explained.explanation[0].startswith(expected)


def test_the_suite_is_large_and_every_case_names_a_documented_rule():
    assert len(CASES) >= 150
    assert {rule for rule, *_ in CASES} <= set(RULES)
    assert len({description for _, description, *_ in CASES}) == len(CASES), "descriptions must be unique"


def test_every_rule_has_cases_of_more_than_one_outcome():
    outcomes: dict[str, set[str]] = {}
    for rule, _, _, _, expected in CASES:
        outcomes.setdefault(rule, set()).add(expected)
    single = sorted(rule for rule, seen in outcomes.items() if len(seen) < 2)
    assert not single, f"rules tested with one outcome only: {single}"
