"""`iamkb render SNIPPET --set NAME=VALUE ...`: print a snippet with its placeholders filled, then check it.

Exit status: 0 filled and no ERROR finding, 1 filled but `iamkb check` found an ERROR in the
result, 2 a missing, unknown or invalid value (nothing is printed then).
`--set` and `--example` are defined here once and reused by `grants` and `compare`, which fill
snippets the same way.
"""

from __future__ import annotations

import argparse
import sys

FORMATS = ("json", "minified")


def add_value_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="value of placeholder <NAME>; repeat for each placeholder",
    )
    parser.add_argument(
        "--example", action="store_true", help="fill every placeholder without --set with the catalog's example value"
    )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "snippet", metavar="SNIPPET", help="a catalog snippet id (e.g. custom-task-types) or a policy file"
    )
    add_value_options(parser)
    parser.add_argument(
        "--format",
        default="json",
        choices=FORMATS,
        dest="output_format",
        help="json (default): the snippet's text with only the placeholders replaced; "
        "minified: one line without spaces, for --policy-document arguments",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the policy to FILE instead of standard output (never into snippets/)",
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.check import check_document
    from iamkb.check.report import text_line
    from iamkb.core.findings import FindingType
    from iamkb.core.output import json_text, shown_path, write_file
    from iamkb.render import check_output_path, parse_assignments, render

    rendered = render(args.snippet, parse_assignments(args.set), use_examples=args.example)
    document = rendered.document()
    # json: the text as written; minified: strict JSON again (the reader refuses what it cannot write back,
    # such as 1e999, which a double holds only as Infinity).
    text = rendered.text if args.output_format == "json" else json_text(document, compact=True)
    target = check_output_path(args.output, rendered) if args.output else None
    shown = shown_path(args.output) if args.output else f"{rendered.name} (filled)"
    findings = check_document(rendered.text, rendered.kind or "auto", shown, managed=rendered.managed)
    if target is None:
        sys.stdout.write(text)
    else:
        write_file(args.output, text, inputs=[rendered.file] if rendered.file else [])
    for finding in findings:
        print(text_line(finding), file=sys.stderr)
        if finding.hint:
            print(f"    hint: {finding.hint}", file=sys.stderr)
    return 1 if any(f.finding_type == FindingType.ERROR for f in findings) else 0
