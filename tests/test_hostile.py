"""Named regressions for every defect a hostile tester found (issue 11): bounded runs of every command on
malformed files. Each test names the defect it pins; the fix lives in the shared reader
(`iamkb.core.jsonsource`) or writer (`iamkb.core.output`), so one test per defect class covers every command.
`tests/test_fuzz.py` searches for new ones.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from iamkb.cli import main
from iamkb.kb.snippets import load_catalog

GOOD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-labeling-input/*"}],
}
PLACEHOLDER = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::<bucket>/*"}],
}
JOB = Path(__file__).parent / "job" / "fixtures" / "bounding-box.json"


def _refuse_constant(name: str):
    raise AssertionError(f"{name} is not JSON")


def strict_json(text: str):
    return json.loads(text, parse_constant=_refuse_constant)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exited:
            status = int(exited.code or 0)
    return status, out.getvalue(), err.getvalue()


def write(folder: Path, name: str, content: bytes | str | dict) -> Path:
    path = folder / name
    if isinstance(content, dict):
        content = json.dumps(content)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def good(tmp_path) -> Path:
    return write(tmp_path, "good.json", GOOD)


def policy_commands(policy: Path, good: Path) -> list[list[str]]:
    """Every command that reads a policy file, each as a user would run it."""
    p, g = str(policy), str(good)
    return [
        ["check", p],
        ["simulate", "--policy", p, "--action", "s3:GetObject"],
        ["simulate", "--scenario", p],
        ["render", p],
        ["grants", p],
        ["compare", p, g],
        ["compare", g, p],
        ["job", "requirements", p],
        ["job", "verify", str(JOB), "--role-policy", p],
    ]


# --- crashes: bad input or a full disk are exit 2 with a clear message, never "internal error" ------------


def test_a_lone_surrogate_escape_is_a_json_syntax_error_not_a_crash(tmp_path, good):
    policy = write(tmp_path, "p.json", json.dumps(GOOD).replace("GetObject", "Get\\ud800Object"))
    for argv in policy_commands(policy, good):
        status, out, err = run(*argv)
        assert status in (1, 2), (argv, err)
        assert "internal error" not in err and "Traceback" not in err
    status, out, _ = run("check", "--format", "json", str(policy))
    assert status == 1
    (syntax,) = [f for f in strict_json(out) if f["code"] == "JSON_SYNTAX_ERROR"]
    assert "surrogate" in syntax["message"] and (syntax["line"], syntax["pointer"]) == (1, "/Statement/0/Action")


def test_one_file_with_a_lone_surrogate_does_not_abort_a_directory_run(tmp_path, good):
    write(tmp_path, "bad.json", '{"Version": "2012-10-17", "Statement": {"Sid": "\\udc00"}}')
    status, out, err = run("check", "--format", "json", str(tmp_path))
    assert status == 1, err
    assert {Path(f["path"]).name for f in strict_json(out)} >= {"bad.json"}
    assert "internal error" not in err


@pytest.mark.parametrize("bad", [[], {}, 1, True])
@pytest.mark.parametrize("element", ["Version", "Effect"])
def test_an_element_of_the_wrong_json_type_is_refused_by_simulate(tmp_path, element, bad):
    document = json.loads(json.dumps(GOOD))
    if element == "Version":
        document["Version"] = bad
    else:
        document["Statement"][0]["Effect"] = bad
    policy = write(tmp_path, "p.json", document)
    status, _, err = run("simulate", "--policy", str(policy), "--action", "s3:GetObject")
    assert status == 2 and f"{element} must be" in err, err
    scenario = write(tmp_path, "s.json", {"policies": {"identity": [document]}, "requests": []})
    status, _, err = run("simulate", "--scenario", str(scenario))
    inside = "Version" if element == "Version" else "Statement/0/Effect"
    assert status == 2 and f"/policies/identity/0/{inside}" in err, err


def test_a_scenario_over_a_mebibyte_still_has_the_depth_limit(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    pad = '{"action": "s3:GetObject", "resource": "arn:aws:s3:::b/' + "x" * (1024 * 1024) + '"}'
    scenario = write(tmp_path, "s.json", '{"policies": {}, "requests": [' + pad + ", " + deep + "]}")
    assert scenario.stat().st_size > 1024 * 1024
    status, _, err = run("simulate", "--scenario", str(scenario))
    assert status == 2 and "nested more than" in err, err


def test_every_command_caps_the_input_size(tmp_path, good):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: 4 GiB on paper, nothing on disk
        handle.truncate(4 * 1024**3)
    status, out, _ = run("check", str(huge))
    assert status == 1 and "JSON_TOO_LARGE the file is 4096.0 MiB" in out
    for argv in policy_commands(huge, good)[1:]:
        status, _, err = run(*argv)
        assert status == 2 and "internal error" not in err, (argv, err)
        if argv[:2] != ["simulate", "--scenario"]:  # a scenario is streamed in flat memory, whatever its size
            assert "the file is 4096.0 MiB" in err, (argv, err)


def test_an_endless_device_is_cut_at_the_limit(good):
    for argv in (["render", "/dev/zero"], ["grants", "/dev/zero"], ["simulate", "--scenario", "/dev/zero"]):
        status, _, err = run(*argv)
        assert status == 2 and "larger than" in err, (argv, err)


def test_a_file_name_that_is_not_utf8_keeps_sarif_and_json_output_whole(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.json"), "w") as handle:
        handle.write(json.dumps(GOOD))
    for output_format in ("json", "sarif", "text", "github"):
        status, out, err = run("check", "--format", output_format, os.fsdecode(folder))
        assert status == 0, err
        if output_format in ("json", "sarif"):
            strict_json(out)
    status, out, err = run("check", "--format", "json", os.fsdecode(os.path.join(folder, b"missing\xff.json")))
    assert status == 2
    assert strict_json(out)[0]["path"].endswith("missing\\xff.json")


class _FullDisk(io.StringIO):
    def write(self, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "argv", [["check"], ["grants"], ["render"], ["simulate", "--action", "s3:GetObject", "--policy"]]
)
def test_a_write_error_on_standard_output_is_exit_2_in_plain_words(good, argv):
    err = io.StringIO()
    with contextlib.redirect_stdout(_FullDisk()), contextlib.redirect_stderr(err):
        status = main([*argv, str(good)])
    assert status == 2
    assert "cannot write to standard output: the disk is full" in err.getvalue()
    assert "Errno" not in err.getvalue() and "OSError" not in err.getvalue()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_output_to_dev_full_is_exit_2_without_a_traceback(good):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "iamkb", "grants", str(good)], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "iamkb grants: error: cannot write to standard output: the disk is full\n"


# --- data loss through -o: the target is written whole or left alone, and never the input ------------------


@pytest.fixture
def target(tmp_path) -> Path:
    path = write(tmp_path, "target.json", "precious\n")
    path.chmod(0o640)
    return path


def test_render_o_with_an_invalid_byte_in_a_value_leaves_the_target_as_it_was(tmp_path, target):
    policy = write(tmp_path, "p.json", PLACEHOLDER)
    status, _, err = run("render", str(policy), "--set", "bucket=ab\udcff", "-o", str(target))
    assert status == 2 and "not valid UTF-8" in err and "byte 0xFF" in err, err
    assert target.read_text() == "precious\n"


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"), (errno.EFBIG, "file-size limit")])
def test_render_o_failing_midway_leaves_the_target_and_no_temporary_file(tmp_path, target, monkeypatch, code, words):
    def failing(fd, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing)
    status, _, err = run("render", str(write(tmp_path, "p.json", GOOD)), "-o", str(target))
    assert status == 2 and words in err and "the existing file is unchanged" in err, err
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "target.json"]


def test_render_o_failing_leaves_no_half_written_new_file(tmp_path, monkeypatch):
    real_write = os.write

    def half(fd, data):  # the first half goes out, then the disk is full
        if len(data) > 10:
            real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half)
    new = tmp_path / "new.json"
    status, _, err = run("render", str(write(tmp_path, "p.json", GOOD)), "-o", str(new))
    assert status == 2 and "no file was created" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_render_o_replaces_the_target_whole_and_keeps_its_mode(tmp_path, target):
    status, _, err = run("render", str(write(tmp_path, "p.json", GOOD)), "-o", str(target))
    assert status == 0, err
    assert json.loads(target.read_text()) == GOOD
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("link", [os.link, os.symlink])
def test_render_o_refuses_a_link_to_the_input_by_identity(tmp_path, link):
    policy = write(tmp_path, "p.json", GOOD)
    before = policy.read_bytes()
    alias = tmp_path / "alias.json"
    link(policy, alias)
    status, _, err = run("render", str(policy), "-o", str(alias))
    assert status == 2 and "refusing to overwrite the input file" in err, err
    assert policy.read_bytes() == before


def test_job_plan_o_writes_through_the_same_atomic_writer(tmp_path, monkeypatch):
    from iamkb.core.errors import OutputError
    from iamkb.job.plan_cli import write_files

    out = tmp_path / "plans"
    assert write_files(out, {"a.json": "{}\n", "sub/b.json": "[]\n"}, force=False) == ["a.json", "sub/b.json"]
    job = write(tmp_path, "job.json", "{}")
    os.link(job, out / "c.json")
    with pytest.raises(OutputError, match="refusing to overwrite the input file"):
        write_files(out, {"c.json": "[]\n"}, force=True, inputs=(str(job),))
    monkeypatch.setattr(os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(OutputError, match="the disk is full; the existing file is unchanged"):
        write_files(out, {"a.json": "changed\n"}, force=True)
    assert (out / "a.json").read_text() == "{}\n" and (out / "sub" / "b.json").read_text() == "[]\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "sub"]


# --- wrong results -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["INPUT_NOT_FOUND", "INPUT_UNREADABLE", "INPUT_NO_JSON_FILES", "JSON_NOT_UTF8", "JSON_TOO_LARGE"]
)
def test_input_errors_cannot_be_ignored(tmp_path, code):
    status, out, err = run("check", "--ignore", code, str(tmp_path / "missing.json"))
    assert status == 2 and f"--ignore: {code} cannot be ignored" in err, err
    assert out == ""


def test_a_missing_path_still_exits_2_when_other_codes_are_ignored(tmp_path):
    status, _, _ = run("check", "--ignore", "JSON_SYNTAX_ERROR", str(tmp_path / "missing.json"))
    assert status == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["check", ""],
        ["check", "good.json", ""],
        ["render", ""],
        ["grants", ""],
        ["compare", "", "good.json"],
        ["simulate", "--policy", "", "--action", "s3:GetObject"],
        ["simulate", "--scenario", ""],
        ["job", "requirements", ""],
    ],
)
def test_an_empty_path_is_a_usage_error_not_the_current_directory(tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "good.json", GOOD)
    status, out, err = run(*argv)
    assert status == 2 and "checked" not in out, (out, err)
    if argv[:2] != ["simulate", "--scenario"]:  # there an empty FILE is no --scenario at all
        assert "empty" in err, err


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_json_syntax_errors(tmp_path, good, literal):
    policy = write(tmp_path, "p.json", json.dumps(GOOD).replace('"s3:GetObject"', literal))
    status, out, _ = run("check", "--format", "json", str(policy))
    assert status == 1
    (finding,) = strict_json(out)
    assert finding["code"] == "JSON_SYNTAX_ERROR" and f"{literal} is not a JSON value" in finding["message"]
    for argv in policy_commands(policy, good)[1:]:
        assert run(*argv)[0] == 2, argv


def test_a_number_too_large_for_a_double_is_refused_never_written_as_infinity(tmp_path, good):
    document = json.loads(json.dumps(GOOD))
    document["Statement"][0]["Condition"] = {"NumericLessThan": {"s3:max-keys": "PLACE"}}
    policy = write(tmp_path, "p.json", json.dumps(document).replace('"PLACE"', "1e999"))
    for argv in (
        ["render", str(policy), "--format", "minified"],
        ["simulate", "--policy", str(policy), "--action", "s3:GetObject", "--format", "json"],
        ["grants", str(policy), "--format", "json"],
    ):
        status, out, err = run(*argv)
        assert status == 2 and "Infinity" not in out, (argv, out)
        assert "the number 1e999 is too large" in err, err
    status, out, _ = run("check", "--format", "json", str(policy))
    assert status == 1 and "the number 1e999 is too large" in strict_json(out)[0]["message"]


def test_a_snippets_original_txt_is_read_as_given_not_as_the_corrected_snippet():
    snippet = load_catalog().get("automated-labeling-passrole")
    original = str(snippet.original_path)
    assert "sts:AssumeRole" in snippet.original_path.read_text() and "sts:AssumeRole" not in snippet.text()
    values = ["--set", "account-number=111122223333", "--set", "role-name=GroundTruthExecutionRole"]
    status, out, err = run("render", original, *values)
    assert status == 1 and "sts:AssumeRole" in out and "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY" in err, err
    status, out, _ = run("grants", original, *values)
    assert "sts (1)\n    Write: AssumeRole" in out and out.startswith(f"{original}: allows 2 actions")
    status, out, _ = run("compare", original, snippet.id, *values)
    assert status == 1 and "sts:AssumeRole" in out


def test_duplicate_keys_follow_one_rule_in_every_command(tmp_path, good):
    text = json.dumps(GOOD, indent=1).replace('"Effect": "Allow"', '"Effect": "Allow",\n"Effect": "Deny"')
    policy = write(tmp_path, "p.json", text)
    status, out, _ = run("check", str(policy))
    assert status == 1 and "JSON_DUPLICATE_KEY" in out
    for argv in policy_commands(policy, good)[1:]:
        status, _, err = run(*argv)
        assert status == 2 and 'duplicate key "Effect"' in err, (argv, err)


# --- messages ----------------------------------------------------------------------------------------------


def test_messages_never_show_python_internals(tmp_path, monkeypatch, good):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    status, _, err = run("render", str(good), "-o", str(tmp_path / "out.json"))
    assert status == 2 and "the disk is full" in err
    assert "Errno" not in err and "OSError" not in err
    monkeypatch.undo()
    from iamkb.check import cli as check_cli

    def exhausted(args):
        raise MemoryError

    monkeypatch.setattr(check_cli, "run", exhausted)
    status, _, err = run("check", str(good))
    assert status == 2 and "not enough memory" in err and "MemoryError" not in err


@pytest.mark.parametrize("command", ["render", "grants", "compare"])
def test_a_path_that_exists_is_never_called_missing(tmp_path, good, command):
    extra = [str(good)] if command == "compare" else []
    status, _, err = run(command, str(tmp_path), *extra)
    assert status == 2 and "directory" in err and "no such file" not in err, err
    pipe = tmp_path / "policy.pipe"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", f"cat {good} > {pipe}"])
    status, out, err = run(command, str(pipe), *extra)
    writer.wait()
    assert status in (0, 1) and "no such file" not in err, err
    assert out


def test_a_directory_given_to_job_verify_is_called_a_directory(tmp_path):
    status, _, err = run("job", "verify", str(JOB), "--role-policy", str(tmp_path))
    assert status == 2 and "this is a directory" in err and "no such file" not in err, err


def test_utf16_without_a_byte_order_mark_is_named_not_called_binary(tmp_path, good):
    policy = write(tmp_path, "p.json", json.dumps(GOOD).encode("utf-16-le"))
    for argv in (["check", str(policy)], ["grants", str(policy)], ["simulate", "--scenario", str(policy)]):
        _, out, err = run(*argv)
        assert "UTF-16 little-endian text without a byte order mark" in out + err, (argv, out, err)
        assert "binary" not in out + err


def test_an_invalid_utf8_byte_is_not_called_a_control_character(tmp_path):
    policy = write(tmp_path, "p.json", PLACEHOLDER)
    status, _, err = run("render", str(policy), "--set", "bucket=x\udce9")
    assert status == 2 and "not valid UTF-8" in err and "control character" not in err, err
    from iamkb.core.jsonsource import characters_iam_rejects, parse_text

    (finding,) = characters_iam_rejects(parse_text('{"Sid": "a\udce9"}'))
    assert "control character" not in finding.message and "surrogate" in finding.message


def test_a_megabyte_value_is_cut_short_in_messages(tmp_path, good):
    value = "x" * 500_000
    document = json.loads(json.dumps(GOOD))
    document["Statement"][0]["Condition"] = {"StringEquals": {value: "a"}}
    policy = write(tmp_path, "p.json", document)
    status, out, err = run("check", str(policy))
    assert len(out) < 20_000 and "characters)" in out
    status, out, err = run("check", "--format", "json", str(policy))
    assert all(len(f["message"]) <= 2000 for f in strict_json(out))
    for argv in (["grants", str(policy)], ["simulate", "--policy", str(policy), "--action", "s3:GetObject"]):
        status, out, err = run(*argv)
        assert len(err) < 20_000, (argv, len(err))


@pytest.mark.parametrize(
    "argv",
    [
        ["grants", "missing.json", "--format", "json"],
        ["compare", "missing.json", "good.json", "--format", "json"],
        ["simulate", "--scenario", "missing.json", "--format", "json"],
        ["check", "--ignore", "NO_SUCH_CODE", "--format", "json", "good.json"],
        ["grants", "--format", "json"],
        ["job", "requirements", "missing.json", "--format", "json"],
    ],
)
def test_errors_under_format_json_are_json(tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "good.json", GOOD)
    status, out, err = run(*argv)
    assert status == 2 and out == ""
    record = strict_json(err)
    assert record["status"] == 2 and record["command"].startswith("iamkb ") and record["error"]


# --- security: policy text and file names cannot drive the terminal or forge lines -----------------------


def test_terminal_escape_sequences_in_policy_text_are_escaped(tmp_path, good):
    text = json.dumps(GOOD).replace("my-labeling-input", "x\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\u202e")
    document = json.loads(text)
    document["Statement"][0]["Sid"] = "A\u001b[31mB"
    policy = write(tmp_path, "p.json", json.dumps(document, ensure_ascii=False))
    for argv in (["check", str(policy)], ["grants", str(policy)], ["compare", str(policy), str(good)]):
        _, out, err = run(*argv)
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in out + err, (argv, repr(raw))
        assert "\\u001b" in out + err, (argv, out)


def test_a_file_name_cannot_forge_output_lines(tmp_path):
    write(tmp_path, "evil\nfake.json: ERROR FORGED \x1b[2J.json", "")
    for output_format in ("text", "github"):
        _, out, _ = run("check", "--format", output_format, str(tmp_path))
        assert not any(line.startswith("fake.json") for line in out.splitlines()), out
        assert "\x1b" not in out
    status, _, err = run("grants", str(tmp_path / "evil\nfake.json"))
    assert status == 2 and "evil\\nfake.json" in err and "\nfake.json" not in err
