"""MkDocs hook: the reference pages whose facts live in code, made at build time so they cannot go stale.

- reference/placeholders.md from the catalog's placeholders and value rules,
- reference/errata.md from every snippet's errata,
- reference/finding-codes.md from the `iamkb.core.codes.CODES` registry (anchors match `Code.finding`'s
  learn-more links: `reference/finding-codes/#<code in lower case>`),
- reference/cli.md from the `iamkb` argparse parser,
- reference/managed-policy-findings.md from `iamkb check` over the AWS managed policies (`_managed_policies`).
"""

from __future__ import annotations

import argparse
import os
from contextlib import contextmanager

from _managed_policies import PAGE as MANAGED_POLICIES_PAGE
from _managed_policies import managed_policies_page
from _site import catalog_label, cell, code, front, name_code
from mkdocs.structure.files import File, Files

from iamkb.cli import build_parser
from iamkb.core.codes import CODES
from iamkb.core.findings import FindingType
from iamkb.kb.snippets import load_catalog

HELP_WIDTH = "88"  # argparse wraps help to the terminal; a fixed width keeps the page the same everywhere

EXIT_CODES = [
    ("0", "Done; nothing at ERROR level."),
    (
        "1",
        "At least one ERROR finding, a claim the command checks turned out false, a plan that failed its proof,"
        " or a permission `iamkb job verify` found missing.",
    ),
    ("2", "Usage error or unreadable input: a bad option, a missing file, a file that is not JSON."),
    ("3", "Internal error: a bug in iamkb. The message says so; rerun with `IAMKB_DEBUG=1` for the traceback."),
    ("130", "Interrupted with Ctrl-C."),
    ("141", "The reader of the output went away (as in `iamkb grants policy.json | head -1`): 128 + SIGPIPE."),
]

TYPE_TEXT = {
    FindingType.ERROR: "IAM would reject the policy, or a part of it grants nothing. Makes `iamkb check` exit 1.",
    FindingType.SECURITY_WARNING: "Grants more than it seems to, or more than is safe.",
    FindingType.WARNING: "Valid, but probably not what was meant.",
    FindingType.SUGGESTION: "Valid; a simpler or clearer way to write it exists.",
}


def on_files(files: Files, config) -> Files:
    pages = {
        "reference/placeholders.md": placeholders_page,
        "reference/errata.md": errata_page,
        "reference/finding-codes.md": finding_codes_page,
        "reference/cli.md": cli_page,
        MANAGED_POLICIES_PAGE: managed_policies_page,
    }
    for uri, make in pages.items():
        files.append(File.generated(config, uri, content=make()))
    return files


def placeholders_page() -> str:
    catalog = load_catalog()
    used_by: dict[str, list] = {name: [] for name in catalog.placeholders}
    for snippet in catalog.snippets:
        for name in snippet.placeholders:
            used_by[name].append(snippet)
    lines = front("Placeholders")
    lines += [
        "A placeholder is a name in angle brackets, such as `<input-bucket-name>`, that stands for a value only",
        "you know. Replace it, brackets included, with a value that follows its rule; `iamkb render` fills them",
        "and reports any value that breaks a rule. Why policies carry placeholders at all is explained in",
        "[Placeholders](../explanation/placeholders.md).",
        "",
        "| Placeholder | What it is | Rule | Example | Used by |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, p in catalog.placeholders.items():
        users = ", ".join(f"[{cell(s.title)}](snippets/{s.id}.md)" for s in used_by[name]) or "—"
        lines.append(
            f"| `<{name}>`{{ #{name} }} | {cell(p.description)} | [{cell(p.rule.title)}](#rule-{p.rule.id}) "
            f"| `{p.example}` | {users} |"
        )
    lines += ["", "## Rules", "", "A value must pass every check of its rule."]
    for rule in catalog.rules.values():
        lines += [
            "",
            f"### {rule.title} {{ #rule-{rule.id} }}",
            "",
            "| The value | Pattern |",
            "| --- | --- |",
        ]
        for check in rule.checks:
            pattern = code(check["pattern"]) + (" (must not match)" if check.get("forbid") else "")
            lines.append(f"| {cell(check['message'])} | {pattern} |")
        lines += ["", f"Learn more: [{rule.learn_more}]({rule.learn_more})"]
    return "\n".join(lines) + "\n"


def errata_page() -> str:
    catalog = load_catalog()
    guide = catalog.guide
    corrected = [s for s in catalog.snippets if s.errata]
    count = sum(len(s.errata) for s in corrected)
    lines = front("Errata of the published guide")
    lines += [
        f"Every defect found in the examples of [{cell(guide['title'])}]({guide['url']}): {count} in"
        f" {len(corrected)} snippets. Each snippet page shows the corrected policy next to the verbatim",
        "published text.",
        "",
        '<div class="kb-findings" markdown>',
        "",
        "| Snippet | Finding code | Pointer | What is wrong and what we changed |",
        "| --- | --- | --- | --- |",
    ]
    for snippet in corrected:
        for erratum in snippet.errata:
            name = erratum["code"]
            code_cell = f"[{name_code(name)}](finding-codes.md#{name.lower()})" if name in CODES else name_code(name)
            lines.append(
                f"| [{cell(snippet.title)}](snippets/{snippet.id}.md) | {code_cell} | {name_code(erratum['pointer'])} "
                f"| {cell(erratum['reason'])} |"
            )
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


def finding_codes_page() -> str:
    lines = front("Finding codes")
    lines += [
        "Every finding that `iamkb check` (and the commands built on it) can report has a stable code. Codes",
        "never change meaning; filter or ignore findings by code.",
        "",
        f"The findings shown on this site (on each snippet page and in [AWS managed policies under iamkb check]"
        f"(managed-policy-findings.md)) were computed against the {catalog_label()}. Codes about actions, resources"
        " and condition keys depend on that catalog: a newer one knows newer actions.",
        "",
        "## Finding types",
        "",
        "| Type | Meaning |",
        "| --- | --- |",
        *(f"| `{t.value}` | {TYPE_TEXT[t]} |" for t in FindingType),
        "",
        "## Codes",
        "",
        '<div class="kb-findings" markdown>',
        "",
        "| Code | Type | Title |",
        "| --- | --- | --- |",
        *(
            f"| [{name_code(c.name)}](#{c.name.lower()}) | {name_code(c.finding_type.value)} | {cell(c.title)} |"
            for c in CODES.values()
        ),
        "",
        "</div>",
    ]
    for c in CODES.values():
        lines += [
            "",
            f"### {c.name} {{ #{c.name.lower()} }}",
            "",
            f"**{cell(c.title)}** · `{c.finding_type.value}`",
            "",
            c.description,
        ]
        if c.learn_more:
            lines += ["", f"Learn more: [{c.learn_more}]({c.learn_more})"]
    return "\n".join(lines) + "\n"


@contextmanager
def _help_width():
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def cli_page() -> str:
    with _help_width():
        parser = build_parser()
        # argparse has no public way to list subcommands; the subparsers action holds them.
        (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        commands = {name: sub.format_help() for name, sub in subparsers.choices.items()}
        overview = parser.format_help()
    lines = front("The iamkb command")
    lines += [
        "`iamkb` is installed with this repository (`make install`, then `.venv/bin/iamkb`). It works offline:",
        "the IAM catalog of services, actions, resource types and condition keys ships with it.",
        "",
        "```text",
        overview.rstrip(),
        "```",
        "",
        "## Exit codes",
        "",
        "The same for every command.",
        "",
        "| Code | Meaning |",
        "| --- | --- |",
        *(f"| `{number}` | {meaning} |" for number, meaning in EXIT_CODES),
    ]
    for name, help_text in commands.items():
        lines += ["", f"## iamkb {name}", "", "```text", help_text.rstrip(), "```"]
    return "\n".join(lines) + "\n"
