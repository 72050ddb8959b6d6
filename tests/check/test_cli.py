"""`iamkb check` from the command line: exit codes, formats and every kind of bad input.

Most tests run the CLI in-process (`iamkb.cli.main`), which is much faster than a subprocess;
two run the installed console script to prove the real entry point behaves the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from iamkb.check.report import catalog_label
from iamkb.cli import main
from iamkb.kb.snippets import SNIPPETS_DIR

GOOD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}],
}
IAMKB = Path(sys.executable).with_name("iamkb")

CATALOG = catalog_label()


def run(capsys, *argv):
    code = main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD, indent=2))
    return path


def test_clean_file_exits_0_with_a_summary(capsys, good):
    code, out, _ = run(capsys, good)
    assert code == 0
    assert out == f"1 file checked against {CATALOG}: 0 errors, 0 security warnings, 0 warnings, 0 suggestions\n"


def test_warnings_alone_exit_0(capsys):
    code, out, _ = run(capsys, SNIPPETS_DIR / "execution-role" / "built-in-task-types.json")
    # a catalog file is a template: its placeholders are warnings there (errors in any other file)
    assert code == 0 and "TEMPLATE_PLACEHOLDER" in out and "0 errors" in out


def test_an_unfilled_placeholder_is_an_error_unless_the_file_is_a_template(capsys, tmp_path):
    path = tmp_path / "copy.json"
    path.write_text((SNIPPETS_DIR / "execution-role" / "built-in-task-types.json").read_text())
    code, out, _ = run(capsys, path)
    assert code == 1 and "ERROR UNFILLED_PLACEHOLDER" in out
    code, out, _ = run(capsys, "--templates", path)
    assert code == 0 and "WARNING TEMPLATE_PLACEHOLDER" in out and "UNFILLED_PLACEHOLDER" not in out


def test_an_error_exits_1(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"Statement": [{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}], "Version": "2012-10-17"}'
    )
    code, out, _ = run(capsys, path)
    assert code == 1
    assert f"{path}#/Statement/0/Action: ERROR SCHEMA_INVALID_ACTION" in out and "[line 1, column 36]" in out
    assert out.endswith(f"1 file checked against {CATALOG}: 1 error, 0 security warnings, 0 warnings, 0 suggestions\n")


# --- bad input: each names the file, exits non-zero, never a traceback ----------------------------

BAD_INPUT = [
    # (id, file content (bytes) or None for no file, exit code, code, words in the message)
    ("empty", b"", 1, "JSON_EMPTY_FILE", "the file is empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "JSON_NOT_UTF8", "binary file"),
    ("latin1", '{"Sid": "café"}'.encode("latin-1"), 1, "JSON_NOT_UTF8", "byte 0xE9 at line 1, column 13"),
    ("utf16", json.dumps(GOOD).encode("utf-16"), 1, "JSON_NOT_UTF8", "UTF-16"),
    ("bom", b"\xef\xbb\xbf" + json.dumps(GOOD).encode(), 1, "JSON_BYTE_ORDER_MARK", "byte order mark"),
    ("deep", b"[" * 50_000 + b"]" * 50_000, 1, "JSON_TOO_DEEP", "nested more than 32 levels"),
    (
        "duplicate",
        b'{"Statement": [], "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
        1,
        "JSON_DUPLICATE_KEY",
        'duplicate key "Statement"',
    ),
    (
        "broken",
        b'{"Statement": [\n  {"Effect": "Allow" "Action": "s3:GetObject"}\n]}',
        1,
        "JSON_SYNTAX_ERROR",
        "expected a comma between members",
    ),
]


@pytest.mark.parametrize(
    ("content", "exit_code", "code", "words"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_file_content(capsys, tmp_path, content, exit_code, code, words):
    path = tmp_path / "policy.json"
    path.write_bytes(content)
    status, out, _ = run(capsys, path)
    assert status == exit_code
    line = next(line for line in out.splitlines() if f" {code} " in line)
    assert line.startswith(str(path))
    assert words in line


def test_broken_json_is_located_as_path_line_column(capsys, tmp_path):
    path = tmp_path / "broken.json"
    path.write_bytes(BAD_INPUT[-1][1])
    _, out, _ = run(capsys, path)
    assert out.splitlines()[0] == (
        f"{path}:2:22: ERROR JSON_SYNTAX_ERROR expected a comma between members or a closing }}, found a double quote"
    )


def test_bom_file_is_still_checked_after_the_mark(capsys, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}')
    _, out, _ = run(capsys, path)
    assert "JSON_BYTE_ORDER_MARK" in out and "SCHEMA_INVALID_EFFECT" in out


def test_twenty_megabyte_file(capsys, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"Statement": "' + b"x" * (20 * 1024 * 1024) + b'"}')
    status, out, _ = run(capsys, path)
    assert status == 1
    assert out.startswith(f"{path}: ERROR JSON_TOO_LARGE the file is 20.0 MiB")


def test_missing_path_exits_2(capsys, tmp_path, good):
    missing = tmp_path / "nope.json"
    status, out, _ = run(capsys, missing, good)
    assert status == 2
    assert out.splitlines()[0] == f"{missing}: ERROR INPUT_NOT_FOUND no such file or directory"
    assert out.endswith(f"1 file checked against {CATALOG}: 1 error, 0 security warnings, 0 warnings, 0 suggestions\n")


def test_directory_without_json_exits_2(capsys, tmp_path):
    (tmp_path / "readme.txt").write_text("not a policy")
    status, out, _ = run(capsys, tmp_path)
    assert status == 2
    assert out.startswith(f"{tmp_path}: ERROR INPUT_NO_JSON_FILES no *.json files")


def test_unreadable_input_wins_over_errors(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    status, _, _ = run(capsys, bad, tmp_path / "missing")
    assert status == 2


# --- options ----------------------------------------------------------------------------------


def test_json_format(capsys, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"Statement": [],}')
    status, out, _ = run(capsys, "--format", "json", path)
    records = json.loads(out)
    assert status == 1
    assert [(r["code"], r["pointer"], r["line"]) for r in records] == [
        ("SCHEMA_EMPTY_VALUE", "/Statement", 1),
        ("JSON_SYNTAX_ERROR", "", 1),
    ]


def test_sarif_format(capsys, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"Statement": []}')
    status, out, _ = run(capsys, "--format", "sarif", path)
    log = json.loads(out)
    assert status == 1 and log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["SCHEMA_EMPTY_VALUE"]


def test_github_format(capsys, tmp_path, good):
    path = tmp_path / "p.json"
    path.write_text('{\n  "Statement": {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}\n}\n')
    status, out, _ = run(capsys, "--format", "github", path, good)
    lines = out.splitlines()
    assert status == 1
    assert lines[0].startswith(f"::error file={path},line=2,col=")
    assert ",title=SCHEMA_INVALID_EFFECT::" in lines[0] and "%0Aat /Statement/Effect%0Ahint: " in lines[0]
    assert lines[1] == f"2 files checked against {CATALOG}: 1 error, 0 security warnings, 0 warnings, 0 suggestions"
    status, out, _ = run(capsys, "--format", "github", good)
    assert status == 0 and not out.startswith("::")


def test_ignore_option_repeats_and_takes_commas(capsys, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"Version": "1", "Statement": [],}')
    status, out, _ = run(
        capsys, "--ignore", "JSON_SYNTAX_ERROR", "--ignore", "schema_empty_value,SCHEMA_INVALID_VERSION", path
    )
    assert status == 0 and "0 errors" in out


def test_kind_option(capsys, tmp_path):
    path = tmp_path / "statement.json"
    path.write_text(json.dumps(GOOD["Statement"][0]))
    assert run(capsys, path)[0] == 0  # auto: a bare statement
    status, out, _ = run(capsys, "--kind", "identity", path)
    assert status == 1 and "this is a single statement" in out


SCP = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "sagemaker:CreateLabelingJob", "Resource": "*"}],
}
RCP = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}},
        }
    ],
}


@pytest.mark.parametrize(("kind", "document"), [("scp", SCP), ("rcp", RCP)])
def test_kind_scp_and_rcp_check_organizations_policies(capsys, tmp_path, kind, document):
    path = tmp_path / f"{kind}.json"
    path.write_text(json.dumps(document, indent=2))
    status, out, _ = run(capsys, "--kind", kind, path)
    assert status == 0 and "0 errors, 0 security warnings, 0 warnings, 0 suggestions" in out


def test_kind_scp_refuses_a_principal_that_an_identity_policy_check_would_also_refuse(capsys, tmp_path):
    path = tmp_path / "scp.json"
    path.write_text(json.dumps({**SCP, "Statement": [{**SCP["Statement"][0], "Principal": "*"}]}, indent=2))
    status, out, _ = run(capsys, "--kind", "scp", "--format", "json", path)
    findings = json.loads(out)
    assert status == 1
    assert [(f["code"], f["pointer"]) for f in findings] == [("SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/Principal")]


def test_kind_rcp_reports_what_only_rcps_forbid(capsys, tmp_path):
    statement = {**RCP["Statement"][0], "Principal": {"AWS": "111122223333"}, "Action": ["s3:*", "ec2:*"]}
    path = tmp_path / "rcp.json"
    path.write_text(json.dumps({**RCP, "Statement": [statement]}, indent=2))
    status, out, _ = run(capsys, "--kind", "rcp", "--format", "json", path)
    codes = sorted((f["code"], f["pointer"]) for f in json.loads(out) if f["code"].startswith("RCP_"))
    assert status == 1
    assert codes == [("RCP_PRINCIPAL", "/Statement/0/Principal"), ("RCP_UNSUPPORTED_ACTION", "/Statement/0/Action/1")]
    # the same file as a resource-based policy has neither finding
    assert run(capsys, "--kind", "resource", path)[0] == 0


def test_kind_scp_is_held_to_the_organizations_size_limit(capsys, tmp_path):
    padded = {**SCP, "Statement": [{**SCP["Statement"][0], "Sid": "x" * 5100}]}
    path = tmp_path / "scp.json"
    path.write_text(json.dumps(padded))
    status, out, _ = run(capsys, "--kind", "scp", path)
    assert status == 1 and "POLICY_TOO_LARGE" in out and "5,120" in out
    assert run(capsys, "--kind", "identity", path)[0] == 0  # an identity policy may have 6,144


def test_size_limit_option(capsys, good):
    status, out, _ = run(capsys, "--size-limit", "10", good)
    assert status == 1 and "POLICY_TOO_LARGE" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--kind", "boundary", "p.json"], "invalid choice: 'boundary'"),
        (["--format", "xml", "p.json"], "invalid choice: 'xml'"),
        (["--size-limit", "many", "p.json"], "expected a whole number of characters, got 'many'"),
        ([], "the following arguments are required: PATH"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, words):
    with pytest.raises(SystemExit) as exited:
        main(["check", *argv])
    _, err = capsys.readouterr()
    assert exited.value.code == 2
    assert words in err and "Traceback" not in err


def test_unknown_ignore_code_exits_2(capsys, good):
    status, out, err = run(capsys, "--ignore", "NOT_A_CODE", good)
    assert status == 2 and out == ""
    assert "iamkb check: error: --ignore: unknown finding code 'NOT_A_CODE'" in err


# --- the installed console script ---------------------------------------------------------------


def test_console_script_checks_a_clean_file(good):
    result = subprocess.run([str(IAMKB), "check", str(good)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert (
        result.stdout == f"1 file checked against {CATALOG}: 0 errors, 0 security warnings, 0 warnings, 0 suggestions\n"
    )


def test_console_script_walks_the_snippets_directory():
    result = subprocess.run([str(IAMKB), "check", str(SNIPPETS_DIR)], capture_output=True, text=True)
    summary = result.stdout.splitlines()[-1]
    files = sum(1 for _ in SNIPPETS_DIR.rglob("*.json")) - 1  # all but the catalog
    assert summary.startswith(f"{files} files checked against {CATALOG}: ")
    assert result.returncode == (0 if ": 0 errors" in summary else 1)
    assert result.stderr == ""


def test_console_script_bad_input(tmp_path):
    missing = tmp_path / "missing.json"
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\x00\x01")
    result = subprocess.run(
        [str(IAMKB), "check", "--format", "json", str(missing), str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    records = json.loads(result.stdout)
    assert [(r["path"], r["code"]) for r in records] == [
        (str(missing), "INPUT_NOT_FOUND"),
        (str(broken), "JSON_NOT_UTF8"),
    ]


def test_a_path_the_system_refuses_to_look_at_is_unreadable_not_a_crash(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path / ("a" * 300))
    assert code == 2 and "INPUT_UNREADABLE cannot look at this path: File name too long" in out


def test_a_pipe_named_like_a_policy_is_reported_without_opening_it(capsys, tmp_path):
    os.mkfifo(tmp_path / "p.json")  # opening it would block until a writer came
    code, out, _ = run(capsys, tmp_path)
    assert code == 2 and f"{tmp_path}/p.json: ERROR INPUT_UNREADABLE not a regular file" in out


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to an unprivileged user for the check")
def test_a_folder_that_cannot_be_listed_is_reported_not_called_empty(capsys, good):
    from tests.check.test_examples import _unprivileged

    main(["check", str(good)])  # import lazily loaded modules while still root
    capsys.readouterr()
    with tempfile.TemporaryDirectory() as top:  # pytest's own tmp folders are private to root
        Path(top).chmod(0o755)
        locked = Path(top, "locked")
        locked.mkdir(mode=0)
        with _unprivileged():
            code, out, _ = run(capsys, top)
        locked.chmod(0o700)
    assert code == 2 and f"{top}/locked: ERROR INPUT_UNREADABLE cannot list this directory: Permission denied" in out
