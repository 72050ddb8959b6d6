"""`iamkb check`: check policy files and print the findings.

Exit status: 0 no ERROR finding, 1 at least one ERROR, 2 usage errors or input that could not
be read at all (a missing path, a directory without JSON files, a file the system will not open).
Heavy imports (jsonschema, the IAM catalog) happen inside `run`, so `--help` stays instant.
"""

from __future__ import annotations

import argparse
import sys

FORMATS = ("text", "json", "sarif", "github")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "exit status: 0 no ERROR finding, 1 at least one ERROR finding, 2 usage error or input that "
        "could not be read (a missing path, a directory without *.json files)"
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="policy files, or directories to search recursively for *.json (hidden ones skipped)",
    )
    parser.add_argument(
        "--kind",
        default="auto",
        choices=("auto", "identity", "resource", "trust", "statement", "scp", "rcp"),
        help="what the files are: identity, resource (a bucket, key or queue policy), trust (a role's trust "
        "policy), statement (one statement), scp or rcp (an AWS Organizations service or resource control "
        "policy); auto (default) takes the snippet catalog's kind for catalog files and otherwise infers it from "
        "the content, never as scp or rcp",
    )
    parser.add_argument(
        "--format",
        default="text",
        choices=FORMATS,
        dest="output_format",
        help="text (default), json (a list of findings), sarif (SARIF 2.1.0) or github (GitHub Actions "
        "annotations: ::error file=...,line=...::message)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="drop findings with this code; repeat the option or separate codes with commas (codes saying a "
        "file was not checked at all, such as INPUT_NOT_FOUND or JSON_NOT_UTF8, cannot be dropped)",
    )
    parser.add_argument(
        "--managed",
        action="store_true",
        help="the files are AWS managed policies, which AWS exempts from the size limit",
    )
    parser.add_argument(
        "--templates",
        action="store_true",
        help="the files are templates: <placeholders> are warnings (TEMPLATE_PLACEHOLDER), not errors, and AWS "
        "documentation example values are expected; the snippet catalog's own files are read so without it",
    )
    parser.add_argument(
        "--size-limit",
        type=_positive_int,
        metavar="CHARS",
        help="check the policy size against this limit (characters without white space; for scp and rcp, "
        "without white space outside strings, as AWS Organizations counts) instead of the default for its kind",
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.check import UNREADABLE_INPUT, report, run_check
    from iamkb.core.findings import FindingType

    result = run_check(
        args.paths,
        args.kind,
        managed=args.managed,
        size_limit=args.size_limit,
        ignore=args.ignore,
        templates=True if args.templates else None,  # None: the catalog's files are templates, others are not
    )
    sys.stdout.write(report.render(result.findings, args.output_format, result.files_checked))
    if any(f.code in UNREADABLE_INPUT for f in result.findings):
        return 2
    return 1 if any(f.finding_type is FindingType.ERROR for f in result.findings) else 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of characters, got '{text}'") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of characters, got {value}")
    return value
