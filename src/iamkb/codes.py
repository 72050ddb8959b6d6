"""The registry of finding codes: the single place a code, its type and its explanation live.

Codes are stable UPPER_SNAKE names (never renamed once published; users ignore them by name).
The site's finding-code reference page is generated from `CODES`, and a test requires every
code to have a test that triggers it and one that does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, FindingType

DOCS_BASE = "https://iamkb.invalid/reference/finding-codes/"  # replaced by the site's own relative link


@dataclass(frozen=True)
class Code:
    name: str
    finding_type: FindingType
    title: str
    description: str  # why it matters, in plain words; shown on the reference page
    learn_more: str | None = None  # an AWS documentation URL, when one explains the rule

    def finding(self, path: str, message: str, **where) -> Finding:
        """Make a finding of this code; `where` takes pointer, line, column, hint, extra."""
        return Finding(
            path=path,
            code=self.name,
            finding_type=self.finding_type,
            message=message,
            learn_more=self.learn_more or f"reference/finding-codes/#{self.name.lower()}",
            **where,
        )


CODES: dict[str, Code] = {}


def define(name: str, finding_type: FindingType, title: str, description: str, learn_more: str | None = None) -> Code:
    if name in CODES:
        raise ValueError(f"finding code {name} defined twice")
    code = Code(name, finding_type, title, description, learn_more)
    CODES[name] = code
    return code


E, S, W, G = FindingType.ERROR, FindingType.SECURITY_WARNING, FindingType.WARNING, FindingType.SUGGESTION

# --- input and JSON syntax -------------------------------------------------------------------
# (more are added by the modules' owners below; keep one block per concern)
