"""The snippet catalog (`snippets/catalog.json`): what each policy file is and where it came from.

Everything that needs to know about a snippet (checks, notebooks, the site, render) asks this module,
so ids, kinds, originals and placeholder rules are written down once, in the catalog.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from iamkb.core.data import SCHEMAS_DIR, SNIPPETS_DIR
from iamkb.core.errors import UsageError

CATALOG_PATH = SNIPPETS_DIR / "catalog.json"
CATALOG_SCHEMA_PATH = SCHEMAS_DIR / "catalog.schema.json"

# The catalog names kinds the way the guide talks; `iamkb check --kind` uses the short names.
CHECK_KIND = {
    "identity-policy": "identity",
    "identity-statement": "statement",
    "resource-policy": "resource",
    "trust-policy": "trust",
}

CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_MESSAGE = "must not contain line breaks, tabs or other control characters"


@dataclass(frozen=True)
class Rule:
    """A placeholder value rule: every check's pattern must match (or, with `forbid`, must not)."""

    id: str
    title: str
    learn_more: str
    checks: tuple[dict, ...]

    def violations(self, value: str) -> list[str]:
        """The messages of every check `value` breaks (empty when the value is valid).

        Control characters are refused first: Python's `$` also matches before a final newline, so
        the catalog's `^...$` patterns alone would let "my-bucket\\n" through."""
        broken = [CONTROL_MESSAGE] if CONTROL_CHARACTER.search(value) else []
        for check in self.checks:
            matched = re.search(check["pattern"], value) is not None
            if matched == bool(check.get("forbid")):
                broken.append(check["message"])
        return broken


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    rule: Rule
    example: str


@dataclass(frozen=True)
class Snippet:
    id: str
    title: str
    group: str
    kind: str
    path: Path
    original_path: Path
    source: dict
    attach_to: str
    summary: str
    placeholders: tuple[str, ...]
    errata: tuple[dict, ...]
    notes: tuple[dict, ...] = ()  # hazards by design, each a finding on the file itself (the schema says more)

    @property
    def corrected(self) -> bool:
        """True when the published text needed correcting (its original is kept beside it)."""
        return self.original_path != self.path

    @property
    def aws_managed(self) -> bool:
        """An AWS managed policy: exempt from the size limit of customer managed policies."""
        return self.source["type"] == "aws-managed"

    @property
    def check_kind(self) -> str:
        return CHECK_KIND[self.kind]

    @property
    def relative_path(self) -> str:
        return self.path.relative_to(SNIPPETS_DIR).as_posix()

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def document(self):
        return json.loads(self.text())


@dataclass(frozen=True)
class Catalog:
    guide: dict
    rules: dict[str, Rule]
    placeholders: dict[str, Placeholder]
    snippets: tuple[Snippet, ...]
    # Where the guide's prose asks more than its policies do (not errata: each policy is as published).
    inconsistencies: tuple[dict, ...] = ()

    def get(self, snippet_id: str) -> Snippet:
        for snippet in self.snippets:
            if snippet.id == snippet_id:
                return snippet
        known = ", ".join(s.id for s in self.snippets)
        raise UsageError(f"no snippet with id '{snippet_id}' in {CATALOG_PATH}\nhint: known ids: {known}")

    def by_path(self, path: str | Path) -> Snippet | None:
        """The snippet stored at `path`, or whose verbatim original is there (an original is checked
        as the kind of policy it was published as)."""
        resolved = Path(path).resolve()
        for snippet in self.snippets:
            if snippet.path == resolved:
                return snippet
        for snippet in self.snippets:
            if snippet.original_path == resolved:
                return snippet
        return None

    def guide_path(self) -> Path:
        return (SNIPPETS_DIR / self.guide["file"]).resolve()


@cache
def load_catalog() -> Catalog:
    """Read the catalog once per process; `iamkb check` validates it against its schema separately."""
    data = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    rules = {
        rule_id: Rule(rule_id, r["title"], r["learnMore"], tuple(r["checks"])) for rule_id, r in data["rules"].items()
    }
    placeholders = {
        name: Placeholder(name, p["description"], rules[p["rule"]], p["example"])
        for name, p in data["placeholders"].items()
    }
    snippets = tuple(
        Snippet(
            id=s["id"],
            title=s["title"],
            group=s["group"],
            kind=s["kind"],
            path=(SNIPPETS_DIR / s["file"]).resolve(),
            original_path=(SNIPPETS_DIR / s["original"]).resolve(),
            source=s["source"],
            attach_to=s["attachTo"],
            summary=s["summary"],
            placeholders=tuple(s["placeholders"]),
            errata=tuple(s["errata"]),
            notes=tuple(s.get("notes", ())),
        )
        for s in data["snippets"]
    )
    return Catalog(data["guide"], rules, placeholders, snippets, tuple(data.get("inconsistencies", ())))
