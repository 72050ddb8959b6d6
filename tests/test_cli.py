"""The dispatcher's own exit paths (`iamkb.cli.main`): bugs, Ctrl-C, a closed pipe, and the cyclic GC.

Each command tests its own statuses (0, 1, 2) in its package's tests; these are the ones every command
shares. The broken pipe runs as a real pipeline in a subprocess: only there does a reader go away.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

from iamkb import cli
from iamkb.check import cli as check_cli

GOOD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}],
}


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD))
    return path


def raising(exc: BaseException):
    def run(args):
        raise exc

    return run


def test_an_internal_error_exits_3_with_one_line_and_no_traceback(monkeypatch, capsys, good):
    monkeypatch.delenv("IAMKB_DEBUG", raising=False)
    monkeypatch.setattr(check_cli, "run", raising(RuntimeError("the catalog is on fire")))
    assert cli.main(["check", str(good)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "iamkb check: internal error: RuntimeError: the catalog is on fire",
        "hint: this is a bug in iamkb; rerun with IAMKB_DEBUG=1 for the traceback and report it",
    ]


def test_iamkb_debug_lets_the_traceback_through(monkeypatch, good):
    monkeypatch.setenv("IAMKB_DEBUG", "1")
    monkeypatch.setattr(check_cli, "run", raising(RuntimeError("the catalog is on fire")))
    with pytest.raises(RuntimeError, match="on fire"):
        cli.main(["check", str(good)])


def test_ctrl_c_exits_130_quietly(monkeypatch, capsys, good):
    monkeypatch.setattr(check_cli, "run", raising(KeyboardInterrupt()))
    assert cli.main(["check", str(good)]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_usage_error_from_a_command_exits_2(monkeypatch, capsys, good):
    from iamkb.core.errors import UsageError

    monkeypatch.setattr(check_cli, "run", raising(UsageError("no such snippet 'x'")))
    assert cli.main(["check", str(good)]) == 2
    assert capsys.readouterr().err == "iamkb check: error: no such snippet 'x'\n"


@pytest.fixture
def admin_policy(tmp_path):
    """`Action: "*"`: `iamkb grants` lists every action of the catalog, far more than a pipe buffers."""
    path = tmp_path / "admin.json"
    path.write_text(
        json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    )
    return path


# Python's default, buffered standard output. With PYTHONUNBUFFERED set (as on some CI machines) CPython's
# text layer writes straight to the file descriptor and drops the rest of a short write without an error,
# so a single large write to a closed pipe may never raise BrokenPipeError: the status is then the command's.
BUFFERED = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}


def test_a_reader_that_goes_away_ends_the_run_with_141_and_no_traceback(admin_policy, tmp_path):
    """`iamkb grants admin.json | head -1`, wired as the shell does it."""
    producer = subprocess.Popen(
        [sys.executable, "-m", "iamkb", "grants", str(admin_policy)],
        cwd=tmp_path,
        env=BUFFERED,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    head = subprocess.Popen(["head", "-1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # head holds the only reading end, as in a shell pipeline
    first_line, _ = head.communicate(timeout=120)
    err = producer.stderr.read().decode()
    producer.stderr.close()
    assert producer.wait(timeout=120) == 141, err
    assert first_line.decode().startswith(f"{admin_policy}: allows ")
    assert err == ""  # neither a traceback nor Python's "Exception ignored ... BrokenPipeError" at exit


def test_the_whole_output_still_exits_0_when_the_reader_stays(admin_policy, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "iamkb", "grants", str(admin_policy)],
        cwd=tmp_path,
        env=BUFFERED,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 1 << 16  # more than a pipe buffer: the test above really meets a closed pipe


@pytest.mark.parametrize("enabled", [True, False])
def test_main_gives_the_collector_back_as_it_found_it(enabled, good, capsys):
    """The CLI switches the cyclic GC off for its run; an in-process caller (tests, notebooks) keeps its own."""
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert cli.main(["check", str(good)]) == 0
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_collector_comes_back_after_an_error_and_after_argparse_exits(monkeypatch, good, capsys):
    assert gc.isenabled()
    monkeypatch.setattr(check_cli, "run", raising(RuntimeError("boom")))
    assert cli.main(["check", str(good)]) == 3
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert gc.isenabled()


def test_the_collector_is_off_while_a_command_runs(monkeypatch, good):
    seen = []
    monkeypatch.setattr(check_cli, "run", lambda args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["check", str(good)]) == 0
    assert seen == [False]


def test_an_internal_error_under_format_json_is_one_json_object(monkeypatch, capsys, good):
    monkeypatch.delenv("IAMKB_DEBUG", raising=False)
    monkeypatch.setattr(check_cli, "run", raising(RuntimeError("the catalog is on fire")))
    assert cli.main(["check", "--format", "json", str(good)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert json.loads(err) == {
        "command": "iamkb check",
        "status": 3,
        "internal_error": "RuntimeError: the catalog is on fire",
        "hint": "this is a bug in iamkb; rerun with IAMKB_DEBUG=1 for the traceback and report it",
    }


def test_an_argument_error_under_format_json_is_json_and_still_exits_like_argparse(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["check", "--format=json", "--kind", "boundary", "p.json"])
    assert exited.value.code == 2
    record = json.loads(capsys.readouterr().err)
    assert record["status"] == 2 and "invalid choice: 'boundary'" in record["error"]
    assert record["hint"] == "run 'iamkb check --help' for the options"


def test_an_argument_error_in_text_shows_the_usage_first(capsys):
    with pytest.raises(SystemExit):
        cli.main(["check", "--kind", "boundary", "p.json"])
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("usage: iamkb check")
    assert lines[-2:] == [
        "iamkb check: error: argument --kind: invalid choice: 'boundary' (choose from 'auto', 'identity', "
        "'resource', 'trust', 'statement', 'scp', 'rcp')",
        "hint: run 'iamkb check --help' for the options",
    ]


def test_a_usage_error_message_is_escaped_and_cut_short(monkeypatch, capsys, good):
    from iamkb.core.errors import UsageError

    monkeypatch.setattr(check_cli, "run", raising(UsageError("bad \x1b[2J value " + "x" * 100_000 + "\nhint: fix it")))
    assert cli.main(["check", str(good)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\u001b[2J" in err and len(err) < 500
    assert err.endswith("\nhint: fix it\n")
