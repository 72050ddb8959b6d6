"""IAM Access Analyzer's policy checks as iamkb reports them, read from the coverage map.

The map (`access_analyzer.json`, shipped in the wheel beside this module) lists every check of AWS's policy
validation reference with the iamkb codes that report it. It is read here, once, so the finding-codes page
and the tests that hold the map to the code registry read the same data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Access Analyzer's finding types, and the name iamkb gives each.
TYPES = {
    "ERROR": "ERROR",
    "SECURITY_WARNING": "SECURITY_WARNING",
    "GENERAL_WARNING": "WARNING",
    "SUGGESTION": "SUGGESTION",
}


@dataclass(frozen=True)
class AnalyzerCheck:
    """One Access Analyzer check a code reports: its issue code and type, and, when the code's type differs,
    why (`note`: AWS's documentation quoted with its address, or iamkb's own reason when `justified` is false).

    `reading` says how iamkb reads the check where the reference alone does not make it plain; `from_title`
    is true when no copy of the reference we could read gives the check's text, only its title, so the
    reading is iamkb's own and a reader should know it."""

    issue_code: str
    title: str
    finding_type: str
    note: str | None
    justified: bool
    reading: str | None
    from_title: bool


@cache
def coverage_map() -> dict[str, Any]:
    """The map as stored: `source` (AWS's reference page) and `checks`."""
    text = resources.files("iamkb.check").joinpath("access_analyzer.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def checks_by_code() -> dict[str, tuple[AnalyzerCheck, ...]]:
    """For each code the map names, the Access Analyzer checks it reports, in the reference's order."""
    found: dict[str, list[AnalyzerCheck]] = {}
    for check in coverage_map()["checks"]:
        for name in check["codes"]:
            found.setdefault(name, []).append(_check(check, check.get("typeNote"), True))
        for name in check.get("otherTypeCodes", []):
            found.setdefault(name, []).append(_check(check, check["typeReason"], False))
    return {name: tuple(checks) for name, checks in found.items()}


def _check(check: dict[str, Any], note: str | None, justified: bool) -> AnalyzerCheck:
    return AnalyzerCheck(
        check["issueCode"],
        check["title"],
        check["findingType"],
        note,
        justified,
        check.get("note"),
        check.get("fromTitle", False),
    )
