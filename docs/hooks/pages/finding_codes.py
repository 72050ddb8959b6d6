"""The Finding codes reference (finding-codes.md.j2), from the `iamkb.core.codes.CODES` registry.

Anchors match `Code.finding`'s learn-more links: `reference/finding-codes/#<code in lower case>`. Each code
shows the IAM Access Analyzer checks it reports (iamkb.check.access_analyzer, the coverage map) and, where
its type is not Access Analyzer's, the reason with its AWS link; and how iamkb reads a check where the map
says, marking the readings that rest on a check's title alone.
"""

from __future__ import annotations

import re

from _site import cell

from iamkb.check import all_codes
from iamkb.check.access_analyzer import TYPES, AnalyzerCheck, checks_by_code, coverage_map
from iamkb.core.codes import Code
from iamkb.core.findings import FindingType
from pages import render

CODES = all_codes()  # every code, the rule modules' included

TEMPLATE = "finding-codes.md.j2"
URI = "reference/finding-codes.md"

TYPE_TEXT = {
    FindingType.ERROR: "IAM would reject the policy, or a part of it grants nothing. Makes `iamkb check` exit 1.",
    FindingType.SECURITY_WARNING: "Grants more than it seems to, or more than is safe.",
    FindingType.WARNING: "Valid, but probably not what was meant.",
    FindingType.SUGGESTION: "Valid; a simpler or clearer way to write it exists.",
}


# An address in a note, without the punctuation that ends the sentence around it.
_URL = re.compile(r"https://[^\s()]+[^\s().,;:]")


def context() -> dict:
    checks = checks_by_code()
    return {
        "title": "Finding codes",
        "types": [(t.value, TYPE_TEXT[t]) for t in FindingType],
        "codes": list(CODES.values()),
        "analyzer": {name: analyzer_groups(checks[name], CODES[name]) for name in checks},
        "readings": {name: readings(checks[name]) for name in checks},
        "analyzer_reference": coverage_map()["source"]["url"],
        "analyzer_read": coverage_map()["source"]["read"],
    }


def analyzer_groups(checks: tuple[AnalyzerCheck, ...], code: Code) -> list[dict]:
    """The Access Analyzer checks a code reports, those with the same type and reason together: each group's
    checks (issue code, title), Access Analyzer's type and, when the code's type is another, the map's reason
    as Markdown (`justified`: from AWS's documentation, else iamkb's own choice)."""
    groups: dict[tuple, dict] = {}
    for check in checks:
        differs = TYPES[check.finding_type] != code.finding_type.value
        note = check.note if differs else None
        key = (check.finding_type, differs, check.justified, note)
        if key not in groups:
            groups[key] = {
                "checks": [],
                "finding_type": check.finding_type,
                "differs": differs,
                "justified": check.justified,
                "note": linked(note) if note else None,
            }
        groups[key]["checks"].append((check.issue_code, check.title))
    return list(groups.values())


def readings(checks: tuple[AnalyzerCheck, ...]) -> list[dict]:
    """How iamkb reads each of a code's checks where the map says (issue code, the reading as Markdown,
    and whether the reading rests on the check's title alone)."""
    return [
        {"issue_code": check.issue_code, "reading": linked(check.reading), "from_title": check.from_title}
        for check in checks
        if check.reading
    ]


def linked(text: str) -> str:
    """Running text for Markdown with each https address made a link."""
    parts, end = [], 0
    for match in _URL.finditer(text):
        parts += [_text(text[end : match.start()]), f"[{match.group()}]({match.group()})"]
        end = match.end()
    return "".join([*parts, _text(text[end:])])


def _text(part: str) -> str:
    """A piece of running text made safe by `cell`, keeping the spaces at its ends (they part it from a link)."""
    lead = " " if part[:1].isspace() else ""
    trail = " " if part[-1:].isspace() and part.strip() else ""
    return lead + cell(part) + trail


def markdown() -> str:
    return render(TEMPLATE, **context())
