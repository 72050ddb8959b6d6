"""IAM-catalog-backed checks for one policy document: what IAM Access Analyzer's policy validation
reports, offline.

Each check module looks at one concern and yields findings with JSON pointers; `check.py` adds
line and column, and runs this only on documents that passed the schema (or were recovered by the
lenient reader), so checks skip values of the wrong type instead of reporting them twice.

Every module of this package with a `check(context)` is a rule module and runs; nothing lists them
(`RULE_MODULES` is found by pkgutil). A rule module `define`s its codes, keeps their example pairs in
`EXAMPLES`, and its docstring says what it checks and which Access Analyzer checks it covers
(`iamkb/check/access_analyzer.json` maps the whole catalogue). `context` (the finding factory and the
shared policy view) and `aws_deviations` (values AWS managed policies use despite the catalog) support them.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

from iamkb.check.rules.context import LintContext
from iamkb.core.findings import Finding


def _rule_modules() -> tuple[ModuleType, ...]:
    """Every module of this package that has a `check(context)`, in name order: discovered, so a new
    rule is one new file (its codes `define`d, its `EXAMPLES`, its check) and no list to edit."""
    modules = (importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__))
    return tuple(module for module in modules if callable(getattr(module, "check", None)))


RULE_MODULES = _rule_modules()
_CHECKS = tuple(module.check for module in RULE_MODULES)


def lint_document(
    document: Any,
    kind: str,
    path: str,
    *,
    managed: bool = False,
    size_limit: int | None = None,
    templates: bool = False,
) -> list[Finding]:
    """Return lint findings for a parsed `document` of `kind` (identity, resource, trust, statement).

    Findings carry JSON pointers only; the caller adds line and column.

    Size limits (characters without white space, see `structure.SIZE_LIMITS`): identity 6,144
    (customer managed policy), trust 2,048, statement 6,144 (it ends up in an identity policy);
    resource policies have per-service limits and are not checked unless `size_limit` is given.
    - `managed=True`: the document is an AWS managed policy; AWS exempts those from the size
      limit, so POLICY_TOO_LARGE is not reported.
    - `size_limit=N`: check against N instead (for example 10,240 for a role's inline policies
      together, 2,048 for a user's inline policies, 4,096 for a trust policy after a quota raise).
    - `templates=True`: the document is a template or a documentation example (the snippet catalog's
      files): `<placeholders>` and AWS's documentation example values are expected in it.
    """
    return run_checks(LintContext(document, kind, path, managed=managed, size_limit=size_limit, templates=templates))


def run_checks(context: LintContext) -> list[Finding]:
    """Every check over one prepared context (tests build the context themselves to switch options)."""
    findings: list[Finding] = []
    for check in _CHECKS:
        findings.extend(check(context))
    return findings


def corpus_stats(directory: str | Path, kind: str = "identity", *, managed: bool = True) -> dict:
    """Lint every `*.json` policy in a directory and count findings per code (for the site's page
    on AWS managed policies: how many of them carry each security warning).

    Returns {"catalog": {"version", "date"}, "policies": N, "codes": {code: {"type", "findings",
    "policies"}}}, codes sorted by name. Files that are not JSON objects are counted under
    "unreadable" rather than raising: the statistics describe what could be linted.
    """
    from iamkb.core import iamcatalog

    counts: dict[str, dict] = {}
    policies = unreadable = 0
    for file in sorted(Path(directory).glob("*.json")):
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            unreadable += 1
            continue
        policies += 1
        seen: set[str] = set()
        for finding in lint_document(document, kind, str(file), managed=managed):
            entry = counts.setdefault(finding.code, {"type": finding.finding_type.value, "findings": 0, "policies": 0})
            entry["findings"] += 1
            if finding.code not in seen:
                seen.add(finding.code)
                entry["policies"] += 1
    return {
        "catalog": {"version": iamcatalog.catalog_version(), "date": iamcatalog.catalog_date()},
        "policies": policies,
        "unreadable": unreadable,
        "codes": dict(sorted(counts.items())),
    }
