"""The one shape every check reports: a finding, modelled on IAM Access Analyzer's.

Every code is declared once, in `iamkb.core.codes`, with its finding type; a finding is made from
its code so a type can never disagree with the registry that the reference page is built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class FindingType(str, Enum):
    """Severity, in Access Analyzer's words. Only ERROR makes `iamkb check` exit 1."""

    ERROR = "ERROR"
    SECURITY_WARNING = "SECURITY_WARNING"
    WARNING = "WARNING"
    SUGGESTION = "SUGGESTION"


SEVERITY_ORDER = {t: i for i, t in enumerate(FindingType)}


@dataclass(frozen=True)
class Finding:
    """One problem at one place. `pointer` is an RFC 6901 JSON pointer ('' is the whole document)."""

    path: str
    code: str
    finding_type: FindingType
    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    learn_more: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        """The `--format json` record; keys are camelCase like Access Analyzer's API."""
        record: dict[str, object] = {
            "path": self.path,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "findingType": self.finding_type.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "learnMore": self.learn_more,
        }
        if self.extra:
            record["details"] = self.extra
        return record


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token per RFC 6901 (`~` -> `~0`, `/` -> `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build a JSON pointer from path tokens: pointer('Statement', 0, 'Action') -> '/Statement/0/Action'."""
    return "".join("/" + escape_pointer_token(t) for t in tokens)
