"""`iamkb compare A B`: what policy A allows that policy B does not (or is not proven to).

Exit status: 0 when A allows nothing beyond B, 1 when it does (each difference is listed with
the reason), 2 unreadable input or missing placeholder values. `--set` values fill the
placeholders of whichever policy has them.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from iamkb.render.cli import add_value_options


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the policy that may allow more: a catalog snippet id or a policy file")
    parser.add_argument("b", metavar="B", help="the policy to compare it with")
    add_value_options(parser)
    parser.add_argument(
        "--format", default="text", choices=("text", "json"), dest="output_format", help="text (default) or json"
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.compare import compare
    from iamkb.render import parse_assignments, render_each

    a, b = render_each([args.a, args.b], parse_assignments(args.set), use_examples=args.example)
    result = compare(a.document(), b.document(), a.name, b.name)
    if args.output_format == "json":
        from iamkb.core.output import json_text

        sys.stdout.write(json_text(result.to_json()))
    else:
        sys.stdout.write(render_text(result))
    return 1 if result.a_allows_more else 0


def render_text(result) -> str:
    """Differences grouped by A's statement and resource, then by reason, so a wildcard's hundreds of
    actions read as one block per reason."""
    if not result.gaps:
        return f"{result.b} covers everything {result.a} allows ({result.checked} action and resource pairs compared)\n"
    groups: dict[tuple, dict[str, list[str]]] = {}
    for gap in result.gaps:
        where = (gap.statement, gap.resource, tuple(str(c) for c in gap.conditions))
        groups.setdefault(where, {}).setdefault(gap.reason, []).append(gap.action)
    lines = [
        f"A = {result.a}, B = {result.b}",
        f"A allows {len(result.gaps)} action and resource pairs that B does not (or is not proven to) allow:",
    ]
    for (statement, resource, conditions), reasons in groups.items():
        lines += ["", f"{statement or '(the statement)'} on {resource}"]
        lines += [f"  only when: {c}" for c in conditions]
        for reason, actions in reasons.items():
            lines.append("  " + ", ".join(actions))
            lines += textwrap.wrap(f"why: {reason}", 100, initial_indent="    ", subsequent_indent="      ")
    return "\n".join(lines) + "\n"
