"""The Access Analyzer coverage map (src/iamkb/check/access_analyzer.json): every check of AWS's policy
validation reference, and the iamkb codes that report it.

The map is data about the code registry, so these tests hold it to the registry: each code it names exists,
has Access Analyzer's finding type unless AWS's documentation justifies another, and each code whose
description names an Access Analyzer check is listed under that check. The last test prints the coverage
(`pytest -s` shows it) and fails if it falls below today's.
"""

from __future__ import annotations

import re

import pytest

import iamkb.check.rules  # noqa: F401  (the rule modules define their codes)
from iamkb.check.access_analyzer import TYPES, checks_by_code, coverage_map
from iamkb.core.codes import CODES

MAP = coverage_map()
CHECKS = MAP["checks"]
BY_ISSUE = {check["issueCode"]: check for check in CHECKS}
AWS_PAGE = re.compile(r"https://(docs\.)?aws\.amazon\.com/\S+")
FIELDS = {"issueCode", "title", "findingType", "appliesToText", "codes"}
OPTIONAL = {"otherTypeCodes", "typeReason", "typeNote", "reason", "note", "retired", "fromTitle"}


def test_the_map_names_its_source_and_lists_each_check_once():
    assert (
        MAP["source"]["url"]
        == "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", MAP["source"]["read"])
    assert len(BY_ISSUE) == len(CHECKS) > 100
    for check in CHECKS:
        assert FIELDS <= set(check) <= FIELDS | OPTIONAL, check["issueCode"]
        assert re.fullmatch(r"[A-Z0-9]+(_[A-Z0-9]+)*", check["issueCode"]) and check["title"].strip()
        assert check["findingType"] in TYPES and isinstance(check["appliesToText"], bool)


@pytest.mark.parametrize("check", CHECKS, ids=[c["issueCode"] for c in CHECKS])
def test_every_code_named_exists_with_access_analyzers_type_or_a_documented_reason(check):
    expected = TYPES[check["findingType"]]
    for name in check["codes"]:
        assert name in CODES, f"{check['issueCode']}: {name} is not a finding code"
        if CODES[name].finding_type.value != expected:
            note = check.get("typeNote", "")
            assert AWS_PAGE.search(note), (
                f"{check['issueCode']} is a {expected} but {name} a {CODES[name].finding_type.value}: say in typeNote "
                "where AWS's documentation justifies it, or list the code under otherTypeCodes"
            )
    other = check.get("otherTypeCodes", [])
    for name in other:
        assert name in CODES, f"{check['issueCode']}: {name} is not a finding code"
        assert CODES[name].finding_type.value != expected, f"{name} has Access Analyzer's type: list it under codes"
    assert bool(other) == bool(check.get("typeReason")), "otherTypeCodes and typeReason go together"
    if "typeNote" in check:
        assert any(CODES[name].finding_type.value != expected for name in check["codes"]), "typeNote for no difference"


@pytest.mark.parametrize("check", CHECKS, ids=[c["issueCode"] for c in CHECKS])
def test_every_check_without_a_code_says_why(check):
    reported = check["codes"] or check.get("otherTypeCodes")
    if not check["appliesToText"]:
        assert not reported and check.get("reason"), "a check that needs more than the text says what it needs"
    elif check.get("retired"):
        assert not reported and AWS_PAGE.search(check["retired"]), "a retired rule cites where AWS lifted it"
    else:
        assert reported or check.get("reason"), f"{check['issueCode']}: name the codes or say why there are none"


def test_a_check_read_from_its_title_alone_says_how_iamkb_reads_it():
    """Where no copy of the reference gives a check's text, the reading is iamkb's and must be written down
    (the finding-codes page shows it, marked as such); the flag is true or absent, never false."""
    from_title = [check for check in CHECKS if "fromTitle" in check]
    assert {check["issueCode"] for check in from_title} == {
        "INVALID_KMS_KEY_VALUE",
        "VARIABLE_USAGE_TOO_PERMISSIVE",
        "WILDCARD_USAGE_TOO_PERMISSIVE",
        "UNTRUSTWORTHY_CONDITION_KEY",
    }
    for check in from_title:
        assert check["fromTitle"] is True and check["codes"], check["issueCode"]
        assert len(check.get("note", "")) > 40, check["issueCode"]
    readings = {c.issue_code: c for checks in checks_by_code().values() for c in checks if c.from_title}
    assert set(readings) == {check["issueCode"] for check in from_title}
    assert all(c.reading == BY_ISSUE[c.issue_code]["note"] for c in readings.values())


def test_every_code_that_names_an_access_analyzer_check_is_listed_under_it():
    """A code's description says which Access Analyzer check it answers ("Access Analyzer: ISSUE_CODE" or the
    check's title in quotes); the map must agree, so the two cannot drift apart."""
    titles = {check["title"].lower(): check["issueCode"] for check in CHECKS}
    missing = []
    for code in CODES.values():
        named = {word for word in re.findall(r"\b[A-Z][A-Z0-9_]{5,}\b", code.description) if word in BY_ISSUE}
        named |= {titles[t.lower()] for t in re.findall(r'"([^"]+)"', code.description) if t.lower() in titles}
        named.discard(code.name)  # a code that shares its name with a check names itself, not the check
        for issue in sorted(named):
            check = BY_ISSUE[issue]
            if code.name not in check["codes"] + check.get("otherTypeCodes", []):
                missing.append(f"{code.name} names {issue}")
    assert missing == []


def coverage() -> dict[str, int]:
    """How many of the checks that apply to a policy's text iamkb reports, and how many at Access Analyzer's type."""
    applicable = [c for c in CHECKS if c["appliesToText"] and not c.get("retired")]

    def same_type(check):
        expected = TYPES[check["findingType"]]
        return bool(check["codes"]) and all(CODES[n].finding_type.value == expected for n in check["codes"])

    return {
        "checks": len(CHECKS),
        "applicable": len(applicable),
        "covered": sum(bool(c["codes"] or c.get("otherTypeCodes")) for c in applicable),
        "same type": sum(same_type(c) for c in applicable),
        "other type, justified": sum(bool(c["codes"]) and not same_type(c) for c in applicable),
        "other type, iamkb's choice": sum(bool(c.get("otherTypeCodes")) and not c["codes"] for c in applicable),
        "not reported": sum(not (c["codes"] or c.get("otherTypeCodes")) for c in applicable),
    }


def test_coverage_is_reported_and_does_not_fall():
    numbers = coverage()
    print("\nAccess Analyzer coverage: " + ", ".join(f"{k} {v}" for k, v in numbers.items()))
    assert numbers["covered"] + numbers["not reported"] == numbers["applicable"]
    # Today's figures: raise them when a check is added, never lower them without saying why in the map.
    assert numbers["covered"] >= 148 and numbers["same type"] >= 135


def test_checks_by_code_names_each_code_under_each_of_its_checks():
    """What the finding-codes page shows per code is exactly the map, read the other way round."""
    pairs = {(name, c["issueCode"]) for c in CHECKS for name in c["codes"] + c.get("otherTypeCodes", [])}
    assert {(name, check.issue_code) for name, checks in checks_by_code().items() for check in checks} == pairs
    (empty,) = [c for c in checks_by_code()["SCHEMA_EMPTY_VALUE"] if c.issue_code == "EMPTY_ARRAY_ACTION"]
    assert empty.finding_type == "SUGGESTION" and empty.justified and AWS_PAGE.search(empty.note)
