"""Everything iamkb writes goes out through here: standard output and error, `-o` files, strict JSON.

Why one module: the input is hostile by assumption (a policy pasted from anywhere, a file name chosen
by someone else), and every way out needs the same four guarantees.

- Nothing the input holds can drive the terminal: a policy value with an escape sequence (ESC, the C1
  controls, a bidirectional override) is shown as a `\\u001b`-style escape, wherever it is printed.
  `guarded_streams` puts that in front of stdout and stderr for the whole run, so every command, and
  text, JSON and SARIF output alike, go through one filter. The escapes it writes are JSON's own, so
  a JSON document stays the same document (the characters it replaces only occur inside strings).
- A full disk, a file-size limit or a closed device is an `OutputError` (exit 2, said in plain words),
  never a traceback.
- An `-o` file is written whole or not at all: to a temporary file beside it, then renamed over it
  (`write_file`), so a failed write leaves the old file as it was; and it is never one of the inputs,
  compared by identity (device and inode), so a hard link or a symbolic link cannot sneak past.
- JSON is strict: `json_text` refuses NaN and Infinity instead of writing them.

`shown_path` and `clip` make file names and long values safe and short before they enter a message.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from iamkb.core.errors import OutputError, os_error_text

# Characters that must not reach a terminal raw: C0 controls except tab and line feed, DEL, the C1 controls
# (U+009B is a one-character CSI on some terminals), line and paragraph separators, the bidirectional
# embeddings, overrides and isolates (text that reads differently from what it is), the byte order mark,
# and lone surrogates (undecodable bytes; they cannot be encoded as UTF-8 at all).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
# In a name shown inside a line of text, tab and line feed would split or forge lines: they go too.
_UNSAFE_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

# A message shows at most this much of one value, and is at most this long altogether.
VALUE_LIMIT = 120
MESSAGE_LIMIT = 2000
_LONG_WORD = re.compile(rf"\S{{{VALUE_LIMIT + 1},}}")


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character that could drive a terminal written as a JSON-style `\\uXXXX` escape."""
    return _UNSAFE.sub(_json_escape, text)


def shown_path(path: str | os.PathLike) -> str:
    """A file name as messages show it: undecodable bytes as `\\xNN`, control characters (line breaks
    included, so a name cannot forge a line) and invisible formatting characters escaped."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)

    def escape(match: re.Match) -> str:
        char = match.group()
        code = ord(char)
        if char in _NAMED:
            return _NAMED[char]
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system decoder
            return f"\\x{code - 0xDC00:02x}"
        return f"\\u{code:04x}"

    return _UNSAFE_IN_NAME.sub(escape, text)


def clip(text: str) -> str:
    """A message with every over-long value cut to its start and end, and the whole capped in length.

    Findings quote the values they are about; a hostile file makes those values megabytes long, and a
    message that repeats one in full buries every other line of the report.
    """
    if len(text) <= VALUE_LIMIT:
        return text

    def shorten(match: re.Match) -> str:
        word = match.group()
        return f"{word[: VALUE_LIMIT - 30]}…({len(word):,} characters)…{word[-10:]}"

    text = _LONG_WORD.sub(shorten, text)
    if len(text) > MESSAGE_LIMIT:
        text = f"{text[: MESSAGE_LIMIT - 40]}… (message cut: {len(text):,} characters)"
    return text


def json_text(value: Any, *, indent: int | None = 2, compact: bool = False) -> str:
    """Strict JSON text and a final newline: NaN and Infinity are refused (ValueError, a bug: the reader
    never lets them in), and non-ASCII text is kept as written."""
    separators = (",", ":") if compact else None
    return (
        json.dumps(
            value, indent=None if compact else indent, separators=separators, ensure_ascii=False, allow_nan=False
        )
        + "\n"
    )


class _Guarded:
    """A text stream that escapes what could drive a terminal and says a failed write in plain words."""

    def __init__(self, stream: TextIO, name: str):
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_safe(text))
        except BrokenPipeError:
            raise  # the reader went away: the dispatcher exits 141 quietly
        except OSError as exc:
            raise OutputError(f"cannot write to {self._name}: {os_error_text(exc)}") from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write to {self._name}: {os_error_text(exc)}") from None

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding, buffer: the real stream's
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """For one command run: sys.stdout and sys.stderr escape control characters and raise OutputError."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = _Guarded(stdout, "standard output")
    sys.stderr = _Guarded(stderr, "standard error")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def same_file(a: os.stat_result, b: os.stat_result) -> bool:
    """Identity, not name: two paths (a hard link, a symbolic link, `./x` and `x`) name one file."""
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def write_file(path: str | Path, text: str, *, inputs: Iterable[str | Path] = (), option: str = "-o") -> Path:
    """Write `text` as UTF-8 to `path` atomically: the file is complete or unchanged, never cut short.

    The text is encoded before anything is touched; it goes to a temporary file in the target's directory
    (same file system, so the rename is atomic), which is flushed to disk and then renamed over the target
    with `os.replace`. An existing target keeps its permission bits; a new one gets the usual ones (umask).
    A symbolic link is followed, so the file it names is updated. A target that is one of `inputs` (by
    identity) is refused. A device or pipe (`-o /dev/stdout`) is written in place: it cannot be renamed over.
    Returns the path written; problems are OutputError naming `option` and the path.
    """
    shown = f"{option} {shown_path(path)}"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"{shown}: the output holds text that is not valid Unicode (at character {exc.start}); nothing was written\n"
            "hint: a --set value or a file name probably carries bytes that are not UTF-8"
        ) from None
    try:
        existing: os.stat_result | None = os.stat(path)  # through links: the file they name
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the file: {os_error_text(exc)}") from None
    # A regular file (or a new one) is replaced where it really is; a device or pipe is opened by the name given
    # (/dev/stdout resolves to a pipe's pseudo-path that cannot be opened by name).
    target = Path(os.path.realpath(path)) if existing is None or stat.S_ISREG(existing.st_mode) else Path(path)
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"{shown}: is a directory\nhint: give a file name")
    if existing is not None:
        for given in inputs:
            try:
                is_input = same_file(existing, os.stat(given))
            except OSError:
                continue
            if is_input:
                raise OutputError(
                    f"{shown}: refusing to overwrite the input file {shown_path(given)} (the same file, "
                    "perhaps through a link)\nhint: choose another output file"
                )
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_in_place(target, data, shown)
        return target
    _write_replacing(target, data, existing, shown)
    return target


def _write_in_place(target: Path, data: bytes, shown: str) -> None:
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write: {os_error_text(exc)}") from None


def _write_replacing(target: Path, data: bytes, existing: os.stat_result | None, shown: str) -> None:
    outcome = "the existing file is unchanged" if existing is not None else "no file was created"
    temporary = None
    try:
        temporary, fd = _temporary_beside(target)
        try:
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write the file: {os_error_text(exc)}; {outcome}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _temporary_beside(target: Path) -> tuple[Path, int]:
    """A new, empty, exclusively created file in the target's directory, and its descriptor."""
    for attempt in range(100):
        candidate = target.with_name(f".{target.name}.{os.getpid()}.{attempt}.tmp")
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")
