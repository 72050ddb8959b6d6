"""The "What this grants" section of a snippet page: `iamkb grants` for that snippet, as Markdown.

A reviewer reading `sagemaker:*` wants to know which operations that is today and how dangerous they
are. The section uses the public API of `iamkb.grants` (the one `iamkb grants` prints from), so the page
and the command cannot disagree. Big policies stay readable: AmazonSageMakerFullAccess allows over 700
actions, so the page shows a table of counts per service and access level first, and the statement by
statement list (resources, conditions, principals, every action name) in a collapsed block.
"""

from __future__ import annotations

import json

from _site import catalog_label, cell, code

from iamkb.grants import ACCESS_LEVELS, Grants, StatementGrants, count_levels, grants
from iamkb.kb.snippets import Snippet

INDENT = "    "  # content of a `???` collapsible block (pymdownx.details) is indented by four spaces
WILDCARDS_SHOWN = 3  # the rest are in the statements; AmazonSageMakerFullAccess has 13


def grants_section(snippet: Snippet) -> str:
    """The section for one snippet; placeholders stay as written (which actions a policy allows does
    not depend on the bucket or account names)."""
    result = grants(snippet.document(), snippet.id)
    subject = "this statement" if snippet.kind == "identity-statement" else "this policy"
    return "\n".join(grants_markdown(result, subject, _command(snippet)))


def grants_markdown(result: Grants, subject: str, command: str) -> list[str]:
    """The section's lines for any `iamkb.grants.grants` result (no catalog snippet has a Deny; tests
    pass a policy that does)."""
    allowed = list(result.allowed_actions().values())
    services = sorted({action.service for action in allowed})
    lines = [
        "## What this grants",
        "",
        f"Expanded against the {catalog_label()}, {subject} allows **{_count(len(allowed), 'action')}**"
        f" in {_count(len(services), 'service')}.{_wildcards(result)} {command} prints the same in a terminal.",
    ]
    conditional = _only_under_conditions(result)
    if conditional:
        lines += [
            "",
            "Allowed only under conditions (see the statements below): "
            + ", ".join(f"`{name}`" for name in sorted(conditional))
            + ".",
        ]
    if allowed:
        lines += ["", *_level_table(allowed)]
    denied = list({a.full_name.lower(): a for g in result.denies for a in g.expansion.actions}.values())
    if denied:
        lines += [
            "",
            f"Deny statements **remove {_count(len(denied), 'action')}** wherever their resources and conditions"
            " match, even where this or another policy allows them:",
            "",
            *_level_table(denied),
        ]
    lines += ["", '??? abstract "Statement by statement: resources, conditions and every action name"']
    for group in result.statements:
        lines += ["", *(INDENT + line if line else "" for line in _statement(group))]
    return lines


def _wildcards(result: Grants) -> str:
    """Why the count is a date-stamped fact: wildcards and NotAction grow with the catalog."""
    patterns = [a for g in result.allows for a in g.statement.action_texts if "*" in a or "?" in a]
    if any(g.statement.not_action for g in result.allows):
        return " NotAction allows every other action, including those AWS adds after that day."
    if not patterns:
        return ""
    patterns = list(dict.fromkeys(patterns))
    shown = ", ".join(f"`{p}`" for p in patterns[:WILDCARDS_SHOWN])
    if len(patterns) > WILDCARDS_SHOWN:
        shown += f" and {len(patterns) - WILDCARDS_SHOWN} more"
    return f" Its wildcards ({shown}) also allow the matching actions AWS adds after that day."


def _command(snippet: Snippet) -> str:
    if snippet.placeholders:
        return f"`iamkb grants {snippet.id} --example` (or with `--set NAME=VALUE` for your own values)"
    return f"`iamkb grants {snippet.id}`"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun if number == 1 else noun + 's'}"


def _only_under_conditions(result: Grants) -> set[str]:
    """Actions whose every allowing statement has a Condition block."""
    always = {a.full_name for g in result.allows if not g.statement.conditions for a in g.expansion.actions}
    return {a.full_name for g in result.allows if g.statement.conditions for a in g.expansion.actions} - always


def _level(level: str) -> str:
    """The table column of a catalog access level: the catalog writes a few as "Tagging, Write"; the
    first, more specific one is the column (the order `iamkb.grants.count_levels` sorts them by)."""
    first = level.split(",")[0].strip()
    return first if first in ACCESS_LEVELS else level


def _level_table(actions) -> list[str]:
    """Service rows x access level columns; only the levels that occur get a column."""
    by_service: dict[str, dict[str, int]] = {}
    for service in sorted({a.service for a in actions}):
        counts: dict[str, int] = {}
        for level, number in count_levels(a for a in actions if a.service == service).items():
            counts[_level(level)] = counts.get(_level(level), 0) + number
        by_service[service] = counts
    present = {level for counts in by_service.values() for level in counts}
    columns = [level for level in ACCESS_LEVELS if level in present] + sorted(present - set(ACCESS_LEVELS))
    lines = [
        '<div class="kb-grants" markdown>',
        "",
        "| Service | " + " | ".join(columns) + " | All |",
        "| --- | " + " | ".join("--:" for _ in columns) + " | --: |",
    ]
    for service, counts in by_service.items():
        cells = " | ".join(str(counts.get(level, "")) for level in columns)
        lines.append(f"| `{service}` | {cells} | {sum(counts.values())} |")
    if len(by_service) > 1:
        totals = " | ".join(str(sum(c.get(level, 0) for c in by_service.values()) or "") for level in columns)
        lines.append(f"| **All services** | {totals} | **{len(actions)}** |")
    if any(_level(a.access_level or "Unknown") != (a.access_level or "Unknown") for a in actions):
        lines += ["", "An action the catalog files under two levels (such as *Tagging, Write*) counts under the first."]
    return lines + ["", "</div>"]


def _statement(group: StatementGrants) -> list[str]:
    s = group.statement
    label = f"`{s.pointer}`" if s.pointer else "The statement"
    if s.sid:
        label += f" ({cell(s.sid)})"
    verb = "**Allow**" if s.effect == "Allow" else "**Deny**, removing"
    written = ", ".join(code(a) for a in s.action_texts)
    what = f"every action except {written}" if s.not_action else written
    lines = [f"{verb} · {label}: {what} → {_count(len(group.expansion.actions), 'action')}", ""]
    if s.principal is not None:
        lines.append(f"- {'for every principal except' if s.not_principal else 'for'} {code(json.dumps(s.principal))}")
    if s.resources:
        where = "on every resource except" if s.not_resource else "on"
        lines.append(f"- {where} " + ", ".join(code(r) for r in s.resource_texts))
    else:
        lines.append("- on the resource the policy is attached to (no `Resource` element)")
    lines += [f"- only when {code(str(condition))}" for condition in s.conditions]
    if group.expansion.unknown:
        unknown = ", ".join(code(a) for a in group.expansion.unknown)
        lines.append(f"- not in the IAM catalog, so it matches no request: {unknown}")
    by_unusable: dict[tuple[str, ...], list[str]] = {}
    for action, unusable in group.inapplicable.items():
        by_unusable.setdefault(unusable, []).append(action)
    for unusable, actions in by_unusable.items():
        names = ", ".join(sorted(actions))
        lines.append(
            f"- {', '.join(code(r) for r in unusable)} can name no resource of"
            f" {'this action' if len(actions) == 1 else f'these {len(actions):,} actions'}, so grants nothing"
            f" to: {cell(names)}"
        )
    lines.append("")
    for service, levels in group.by_service().items():
        number = sum(len(actions) for actions in levels.values())
        lines.append(f"`{service}` · {_count(number, 'action')}")
        if s.not_action:  # thousands of names: the counts say what matters
            lines.append(":   " + "; ".join(f"*{level}* {len(actions)}" for level, actions in levels.items()))
        else:
            lines += [
                f":   *{level}* ({len(actions)}): {cell(', '.join(sorted(a.name for a in actions)))}"
                for level, actions in levels.items()
            ]
        lines.append("")
    return lines
