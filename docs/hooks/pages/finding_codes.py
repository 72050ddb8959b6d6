"""The Finding codes reference (finding-codes.md.j2), from the `iamkb.core.codes.CODES` registry.

Anchors match `Code.finding`'s learn-more links: `reference/finding-codes/#<code in lower case>`.
"""

from __future__ import annotations

from iamkb.check import all_codes
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


def context() -> dict:
    return {
        "title": "Finding codes",
        "types": [(t.value, TYPE_TEXT[t]) for t in FindingType],
        "codes": list(CODES.values()),
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
