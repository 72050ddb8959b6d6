"""From an error message (a job's FailureReason, a worker's complaint) to the requirements that explain it.

The messages and their causes are data (`failures.json`), so `iamkb job verify --failure-reason`, the
troubleshooting page and the tests read the same rows. Each row has regular expressions (Python syntax,
matched case-insensitively anywhere in the text) and the ids of the requirements (`requirements.json`)
whose absence produces the message. One row, `byAction`, is generic: IAM's access denied messages name the
action (and often the resource), so the candidates are the job's requirements with that action.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from iamkb.core.patterns import compile_pattern
from iamkb.job.model import Requirement


@dataclass(frozen=True)
class Failure:
    """One row of the table: a kind of message, its cause, and the requirements behind it."""

    id: str
    title: str
    patterns: tuple[re.Pattern[str], ...]
    example: str
    cause: str
    requirements: tuple[str, ...]
    by_action: bool
    permission: bool  # False: the message is not about IAM (CORS, a bug in a function, a quota)
    inferred: bool
    sources: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class FailureMatch:
    """A row that matched a text; `action`/`resource` are what an access denied message named."""

    failure: Failure
    action: str | None = None
    resource: str | None = None

    def requirement_ids(self, job_requirements: list[Requirement]) -> list[str]:
        """The ids this match points at among the job's requirements (in the job's order; for an access
        denied message, requirements on the very resource it names before those whose pattern includes it)."""
        if not self.failure.by_action:
            wanted = set(self.failure.requirements)
            return list(dict.fromkeys(r.id for r in job_requirements if r.id in wanted))
        named = [r for r in job_requirements if self._names(r)]
        exact = [r for r in named if r.resource == self.resource]  # the very resource first, then patterns
        return list(dict.fromkeys(r.id for r in exact + named))

    def _names(self, req: Requirement) -> bool:
        if req.action is None or self.action is None or req.action.lower() != self.action.lower():
            return False
        if self.resource is None or req.resource is None:
            return True
        return req.resource == self.resource or compile_pattern(req.resource).matches(self.resource)


@cache
def failures() -> tuple[Failure, ...]:
    """The table as stored (importlib.resources: it works from an installed wheel too)."""
    text = resources.files("iamkb.job").joinpath("failures.json").read_text(encoding="utf-8")
    return tuple(_failure(row) for row in json.loads(text)["failures"])


def match(text: str) -> list[FailureMatch]:
    """Every row whose patterns find something in `text`, in table order (specific rows come first)."""
    found = []
    for failure in failures():
        for pattern in failure.patterns:
            hit = pattern.search(text)
            if hit:
                groups = hit.groupdict()
                found.append(FailureMatch(failure, groups.get("action"), groups.get("resource")))
                break
    return found


def _failure(row: dict[str, Any]) -> Failure:
    return Failure(
        id=row["id"],
        title=row["title"],
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in row["patterns"]),
        example=row["example"],
        cause=row["cause"],
        requirements=tuple(row["requirements"]),
        by_action=bool(row.get("byAction")),
        permission=row["permission"],
        inferred=row["inferred"],
        sources=tuple(row["sources"]),
    )
