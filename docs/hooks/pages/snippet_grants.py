"""The "What this grants" section of a snippet page: `iamkb grants` for that snippet (snippet-grants.md.j2).

A reviewer reading `sagemaker:*` wants to know which operations that is today and how dangerous they
are. The section uses the public API of `iamkb.grants` (the one `iamkb grants` prints from), so the page
and the command cannot disagree. Big policies stay readable: AmazonSageMakerFullAccess allows over 700
actions, so the page shows a table of counts per service and access level first, and the statement by
statement list (resources, conditions, principals, every action name) in a collapsed block.
"""

from __future__ import annotations

import json

from iamkb.grants import ACCESS_LEVELS, Grants, StatementGrants, count_levels, grants
from iamkb.kb.snippets import Snippet
from pages import render

TEMPLATE = "snippet-grants.md.j2"
WILDCARDS_SHOWN = 3  # the rest are in the statements; AmazonSageMakerFullAccess has 13


def section(snippet: Snippet) -> str:
    """The section for one snippet; placeholders stay as written (which actions a policy allows does
    not depend on the bucket or account names)."""
    subject = "this statement" if snippet.kind == "identity-statement" else "this policy"
    return markdown(grants(snippet.document(), snippet.id), subject, command(snippet))


def markdown(result: Grants, subject: str, command: str) -> str:
    """The section for any `iamkb.grants.grants` result (no catalog snippet has a Deny; tests pass a
    policy that does)."""
    return render(TEMPLATE, **context(result, subject, command)).rstrip("\n")


def command(snippet: Snippet) -> str:
    if snippet.placeholders:
        return f"`iamkb grants {snippet.id} --example` (or with `--set NAME=VALUE` for your own values)"
    return f"`iamkb grants {snippet.id}`"


def context(result: Grants, subject: str, command: str) -> dict:
    allowed = list(result.allowed_actions().values())
    denied = list({a.full_name.lower(): a for g in result.denies for a in g.expansion.actions}.values())
    return {
        "subject": subject,
        "command": command,
        "allowed": allowed,
        "services": sorted({action.service for action in allowed}),
        "wildcards": _wildcards(result),
        "conditional": sorted(_only_under_conditions(result)),
        "allowed_table": _level_table(allowed),
        "denied": denied,
        "denied_table": _level_table(denied),
        "statements": [_statement(group) for group in result.statements],
    }


def _wildcards(result: Grants) -> dict:
    """Why the count is a date-stamped fact: wildcards and NotAction grow with the catalog."""
    patterns = [a for g in result.allows for a in g.statement.action_texts if "*" in a or "?" in a]
    patterns = list(dict.fromkeys(patterns))
    return {
        "not_action": any(g.statement.not_action for g in result.allows),
        "shown": patterns[:WILDCARDS_SHOWN],
        "more": max(len(patterns) - WILDCARDS_SHOWN, 0),
    }


def _only_under_conditions(result: Grants) -> set[str]:
    """Actions whose every allowing statement has a Condition block."""
    always = {a.full_name for g in result.allows if not g.statement.conditions for a in g.expansion.actions}
    return {a.full_name for g in result.allows if g.statement.conditions for a in g.expansion.actions} - always


def _level(level: str) -> str:
    """The table column of a catalog access level: the catalog writes a few as "Tagging, Write"; the
    first, more specific one is the column (the order `iamkb.grants.count_levels` sorts them by)."""
    first = level.split(",")[0].strip()
    return first if first in ACCESS_LEVELS else level


def _level_table(actions) -> dict:
    """Service rows x access level columns; only the levels that occur get a column."""
    by_service: dict[str, dict[str, int]] = {}
    for service in sorted({a.service for a in actions}):
        counts: dict[str, int] = {}
        for level, number in count_levels(a for a in actions if a.service == service).items():
            counts[_level(level)] = counts.get(_level(level), 0) + number
        by_service[service] = counts
    present = {level for counts in by_service.values() for level in counts}
    columns = [level for level in ACCESS_LEVELS if level in present] + sorted(present - set(ACCESS_LEVELS))
    return {
        "columns": columns,
        # A level a service has no action of is an empty cell, not a 0.
        "rows": [
            (service, [str(counts.get(level, "")) for level in columns], sum(counts.values()))
            for service, counts in by_service.items()
        ],
        "totals": [str(sum(c.get(level, 0) for c in by_service.values()) or "") for level in columns],
        "total": len(actions),
        "two_levels": any(_level(a.access_level or "Unknown") != (a.access_level or "Unknown") for a in actions),
    }


def _statement(group: StatementGrants) -> dict:
    s = group.statement
    by_unusable: dict[tuple[str, ...], list[str]] = {}
    for action, unusable in group.inapplicable.items():
        by_unusable.setdefault(unusable, []).append(action)
    return {
        "statement": s,
        "actions": len(group.expansion.actions),
        "principal": None if s.principal is None else json.dumps(s.principal),
        "unknown": group.expansion.unknown,
        "unusable": [(resources, sorted(actions)) for resources, actions in by_unusable.items()],
        "services": [
            (service, sum(len(actions) for actions in levels.values()), levels)
            for service, levels in group.by_service().items()
        ],
    }
