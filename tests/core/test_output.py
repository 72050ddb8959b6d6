"""The one writer: terminal-safe streams, file names and long values in messages, strict JSON, atomic `-o`."""

from __future__ import annotations

import errno
import io
import json
import os
import stat

import pytest

from iamkb.core import output
from iamkb.core.errors import OutputError, os_error_text


def test_control_and_invisible_characters_become_json_escapes():
    text = "a\tb\nc\x1b[31m\x07\x7f\x9b\u202e\u2066\ufeff\udcff é"
    assert output.terminal_safe(text) == "a\tb\nc\\u001b[31m\\u0007\\u007f\\u009b\\u202e\\u2066\\ufeff\\udcff é"


def test_escaping_keeps_a_json_document_the_same_document():
    document = {"Sid": "x\u009b\u202e\u2028y", "k\u0085": ["\u200e"]}
    text = json.dumps(document, ensure_ascii=False)
    assert json.loads(output.terminal_safe(text)) == document


def test_file_names_are_shown_on_one_line_with_undecodable_bytes_as_hex():
    assert output.shown_path("a\nb\tc\r.json") == "a\\nb\\tc\\r.json"
    assert output.shown_path(os.fsdecode(b"caf\xe9.json")) == "caf\\xe9.json"
    assert output.shown_path(b"x\xff") == "x\\xff"
    assert output.shown_path("plain/ordinary-name.json") == "plain/ordinary-name.json"
    once = output.shown_path("a\n\x1b.json")
    assert output.shown_path(once) == once


def test_clip_cuts_long_values_and_caps_the_message():
    assert output.clip("short message") == "short message"
    clipped = output.clip(f'"{"x" * 10_000}" is not an action')
    assert clipped.startswith('"xxxx') and "(10,002 characters)" in clipped and clipped.endswith("is not an action")
    assert len(clipped) < 200
    many = output.clip(" ".join(["word"] * 5000))
    assert len(many) <= output.MESSAGE_LIMIT and "message cut: 24,999 characters" in many


def test_json_text_is_strict():
    assert output.json_text({"a": "é"}, indent=None) == '{"a": "é"}\n'
    assert output.json_text([1, 2], compact=True) == "[1,2]\n"
    with pytest.raises(ValueError):
        output.json_text({"a": float("inf")})


def test_os_errors_in_plain_words():
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert "file-size limit" in os_error_text(OSError(errno.EFBIG, "File too large"))
    assert os_error_text(OSError(errno.EACCES, "Permission denied")) == "Permission denied"
    assert os_error_text(OSError("no errno")) == "the system refused the operation"


# --- guarded streams ----------------------------------------------------------------------------------------


class _Failing(io.StringIO):
    def __init__(self, exc: OSError):
        super().__init__()
        self.exc = exc

    def write(self, text):
        raise self.exc


def test_guarded_streams_escape_and_restore(monkeypatch):
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    import sys

    with output.guarded_streams():
        print("x\x1by")
        print("e\x9b", file=sys.stderr)
    assert (out.getvalue(), err.getvalue()) == ("x\\u001by\n", "e\\u009b\n")
    assert sys.stdout is out and sys.stderr is err


def test_a_failed_write_is_an_output_error_but_a_closed_pipe_stays_one(monkeypatch):
    import sys

    monkeypatch.setattr("sys.stdout", _Failing(OSError(errno.ENOSPC, "No space left on device")))
    with (
        output.guarded_streams(),
        pytest.raises(OutputError, match="cannot write to standard output: the disk is full"),
    ):
        sys.stdout.write("x")
    monkeypatch.setattr("sys.stdout", _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    with output.guarded_streams(), pytest.raises(BrokenPipeError):
        sys.stdout.write("x")


# --- write_file ---------------------------------------------------------------------------------------------


def test_write_file_creates_a_file_with_the_usual_mode(tmp_path):
    target = tmp_path / "new.json"
    assert output.write_file(target, "é\n") == target
    assert target.read_bytes() == "é\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_write_file_replaces_whole_and_keeps_the_mode(tmp_path):
    target = tmp_path / "t.json"
    target.write_text("old")
    target.chmod(0o600)
    inode = target.stat().st_ino
    output.write_file(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.stat().st_ino != inode  # a new file renamed over the old one, not the old one rewritten


def test_write_file_follows_a_symbolic_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    output.write_file(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_write_file_refuses_an_input_by_identity(tmp_path):
    source = tmp_path / "in.json"
    source.write_text("input")
    os.link(source, tmp_path / "hard.json")
    (tmp_path / "soft.json").symlink_to(source)
    for alias in ("hard.json", "soft.json", "in.json"):
        with pytest.raises(OutputError, match="refusing to overwrite the input file"):
            output.write_file(tmp_path / alias, "x", inputs=[source])
    assert source.read_text() == "input"
    output.write_file(tmp_path / "other.json", "x", inputs=[source, tmp_path / "missing.json"])


def test_write_file_refuses_a_directory_and_text_that_is_not_unicode(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        output.write_file(tmp_path, "x")
    target = tmp_path / "t.json"
    target.write_text("old")
    with pytest.raises(OutputError, match="not valid Unicode .* nothing was written"):
        output.write_file(target, "a\udcff")
    assert target.read_text() == "old"


def test_write_file_failing_midway_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "t.json"
    target.write_text("old")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "Input/output error")))
    with pytest.raises(OutputError, match=r"-o .*t.json: cannot write the file: an input/output error .*unchanged"):
        output.write_file(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_write_file_into_a_missing_directory(tmp_path):
    with pytest.raises(OutputError, match="No such file or directory; no file was created"):
        output.write_file(tmp_path / "absent" / "t.json", "x")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")
def test_write_file_to_a_device_writes_in_place():
    with pytest.raises(OutputError, match="-o /dev/full: cannot write: the disk is full"):
        output.write_file("/dev/full", "x")
    output.write_file(os.devnull, "x")  # a device is written, never renamed over
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
