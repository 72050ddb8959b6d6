"""Read a policy file into JSON values, with line:column for any JSON pointer on demand.

Why not just `json.load`: users need to be told *where* a problem is, and most of the files we
see come from documentation, where copy-paste leaves trailing commas, stray characters, byte
order marks and duplicate keys behind. So this module:

- parses with the stdlib C parser (fast; positions are not needed for a clean file) and detects
  duplicate keys with an `object_pairs_hook`;
- computes positions lazily, only when a finding needs them, with the scan in
  `iamkb.core.jsonpositions`;
- when strict parsing fails, reports the error in plain words (`iamkb.core.jsonsyntax`) and tries a
  lenient pass with the `json5` library (trailing commas, comments, single quotes), starting at
  the first `{` or `[` and ignoring text after the value. json5 is pure Python and slow, which is
  why it only runs after the C parser has failed. If it succeeds, the syntax error is still
  reported and the recovered document is returned, so one run shows every problem;
- turns unreadable input (missing, unreadable, too large, not UTF-8, empty, too deep) into
  findings that name the file, never exceptions.
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iamkb.core.codes import CODES
from iamkb.core.findings import Finding
from iamkb.core.jsonpositions import ScanResult, scan
from iamkb.core.jsonsyntax import explain

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class Source:
    """One file (or text) as read: its document when there is a usable one, its findings, and positions.

    `document` is None both for a JSON `null` and for no document at all; `has_document` tells them
    apart.
    """

    path: str
    text: str | None = None
    document: Any = None
    has_document: bool = False
    findings: list[Finding] = field(default_factory=list)
    recovered: bool = False  # the document came from the lenient pass, after a syntax error
    _start: int = field(default=0, repr=False)  # offset of the top-level value in `text`
    _scan_result: ScanResult | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of the JSON value at `pointer`, or of its key when it is an object member.

        A pointer that names nothing in the text (a missing element) falls back to its nearest parent.
        """
        if self.text is None or not self.has_document:
            return None
        members = self._scan().members
        while True:
            if pointer in members:
                key_offset, value_offset = members[pointer]
                return self.line_column(key_offset if key_offset is not None else value_offset)
            if not pointer:
                return None
            pointer = pointer[: pointer.rfind("/")]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in `text`; columns count characters."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text or "")]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _scan(self) -> ScanResult:
        if self._scan_result is None:
            self._scan_result = scan(self.text or "", self._start, MAX_DEPTH)
        return self._scan_result

    def add(
        self,
        code: str,
        message: str,
        *,
        offset: int | None = None,
        pointer: str = "",
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        if offset is not None:
            line, column = self.line_column(offset)
        self.findings.append(
            CODES[code].finding(self.path, message, pointer=pointer, line=line, column=column, hint=hint)
        )


def read_source(path: str | Path, display: str | None = None) -> Source:
    """Read and parse a file. `display` is the path as the user wrote it (used in messages)."""
    path = Path(path)
    source = Source(display or str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _too_large(
                source, f"the file is {_human_size(size)}; iamkb reads policy files up to {_human_size(MAX_BYTES)}"
            )
        with path.open("rb") as handle:  # bounded: a pipe or device reports no size but may never end
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        source.add("INPUT_NOT_FOUND", "no such file or directory", hint="check the path and its spelling")
        return source
    except IsADirectoryError:
        source.add(
            "INPUT_UNREADABLE",
            "this is a directory, not a file",
            hint="give the directory to `iamkb check`, which walks it for *.json files",
        )
        return source
    except OSError as exc:
        source.add(
            "INPUT_UNREADABLE", f"cannot read the file: {exc.strerror or exc}", hint="check the file's permissions"
        )
        return source
    return parse_bytes(data, source.path, source)


def parse_bytes(data: bytes, path: str, source: Source | None = None) -> Source:
    """Decode UTF-8 bytes (reporting a BOM, binary content or bad bytes) and parse them."""
    source = source or Source(path)
    if len(data) > MAX_BYTES:
        # Possibly cut short by read_source (a pipe has no size), so only "larger than" is known.
        return _too_large(
            source, f"the input is larger than {_human_size(MAX_BYTES)}, the most iamkb reads for one policy"
        )
    if data.startswith(_UTF16_32_BOMS) and not data.startswith(codecs.BOM_UTF8):
        source.add(
            "JSON_NOT_UTF8",
            "the file is UTF-16 or UTF-32 text (it starts with that encoding's byte order "
            "mark); policy files must be UTF-8",
            hint="save the file as UTF-8 without a byte order mark (in PowerShell: "
            "Out-File -Encoding utf8NoBOM, or Set-Content -Encoding utf8NoBOM)",
        )
        return source
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _byte_position(data, nul)
        source.add(
            "JSON_NOT_UTF8",
            f"this looks like a binary file, not JSON text: it has a NUL byte at line {line}, column {column}",
            hint="give iamkb the policy's .json file",
            line=line,
            column=column,
        )
        return source
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        source.add(
            "JSON_NOT_UTF8",
            f"byte 0x{data[exc.start]:02X} at line {line}, column {column} (byte offset "
            f"{exc.start + (3 if bom else 0)}) is not valid UTF-8",
            hint="save the file as UTF-8; it may be in a legacy encoding such as Windows-1252 or Latin-1",
            line=line,
            column=column,
        )
        return source
    source.text = text
    if bom:
        source.add(
            "JSON_BYTE_ORDER_MARK",
            "the file starts with a UTF-8 byte order mark, which AWS rejects in policy text",
            offset=0,
            hint="save the file as UTF-8 without BOM (most editors offer it in the encoding menu)",
        )
    return _parse_text(source)


def parse_text(text: str, path: str = "<document>") -> Source:
    """Parse policy text that is already a string (a notebook cell, a text area on the site).

    The size limit counts the text's UTF-8 bytes, so text and the same text in a file are treated alike.
    """
    source = Source(path)
    # A character is at most 4 bytes in UTF-8: shorter text is within the limit without encoding it.
    if len(text) > MAX_BYTES // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            return _too_large(
                source, f"the text is {_human_size(size)} as UTF-8; iamkb reads policies up to {_human_size(MAX_BYTES)}"
            )
    if text.startswith("\ufeff"):
        text = text[1:]
        source.text = text
        source.add(
            "JSON_BYTE_ORDER_MARK",
            "the text starts with a byte order mark (U+FEFF), which AWS rejects in policy text",
            offset=0,
            hint="remove the invisible first character",
        )
    source.text = text
    return _parse_text(source)


def _too_large(source: Source, message: str) -> Source:
    """One finding for input over MAX_BYTES (a file, bytes or text), which is then not parsed at all."""
    source.add(
        "JSON_TOO_LARGE",
        message,
        hint="AWS policy documents are at most tens of kilobytes: check that this is the input you meant",
    )
    return source


def from_document(document: Any, path: str = "<document>") -> Source:
    """Wrap an already-parsed value; positions are unknown, so findings carry pointers only."""
    source = Source(path, document=document, has_document=True)
    _check_depth(source)
    return source


def _parse_text(source: Source) -> Source:
    text = source.text or ""
    if not text.strip():
        source.add(
            "JSON_EMPTY_FILE",
            "the file is empty" if not text else "the file holds only white space",
            hint='a policy is one JSON object: {"Version": "2012-10-17", "Statement": [...]}',
        )
        return source
    duplicates_seen = False

    def pairs_hook(pairs):
        nonlocal duplicates_seen
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicates_seen = True
        return obj

    try:
        document = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        _report_too_deep(source)
        return source
    except json.JSONDecodeError as exc:
        _report_syntax_error(source, exc)
        return _recover(source)
    except ValueError:  # Python refuses integers of more than 4,300 digits (CVE-2020-10735)
        digits = re.search(r"\d{4300,}", text)
        source.add(
            "JSON_SYNTAX_ERROR",
            "a number has more than 4,300 digits, which iamkb will not read",
            offset=digits.start() if digits else None,
            hint="no IAM policy value is a number this long",
        )
        return source
    source.document, source.has_document = document, True
    if not _check_depth(source):
        return source
    if duplicates_seen:
        _report_duplicates(source)
    return source


def _recover(source: Source) -> Source:
    """The lenient pass: json5 from the first bracket, ignoring what follows the value."""
    import json5  # only imported on this rare path: it is pure Python and slower to load

    text = source.text or ""
    start = re.search(r"[{\[]", text)
    if start is None:
        return source
    try:
        document, error, _end = json5.parse(
            text, start=start.start(), consume_trailing=False, allow_duplicate_keys=True
        )
    except (RecursionError, ValueError):
        return source
    if error:
        return source
    source.document, source.has_document, source.recovered = document, True, True
    source._start = start.start()
    if _check_depth(source):
        _report_duplicates(source)
    return source


def _check_depth(source: Source) -> bool:
    """Reject documents nested deeper than MAX_DEPTH, so later checks never recurse without bound."""
    if not isinstance(source.document, (dict, list)):
        return True
    stack = [(source.document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            _report_too_deep(source)
            return False
        for child in value.values() if isinstance(value, dict) else value:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return True


def _report_too_deep(source: Source) -> None:
    source.document, source.has_document = None, False
    offset = scan(source.text, source._start, MAX_DEPTH).too_deep_at if source.text else None
    source.add(
        "JSON_TOO_DEEP",
        f"arrays and objects are nested more than {MAX_DEPTH} levels deep; an IAM policy needs about seven",
        offset=offset,
        hint="this is not a policy document, or it was generated wrongly",
    )


def _report_duplicates(source: Source) -> None:
    for pointer, offset, first_offset in scan(source.text or "", source._start, MAX_DEPTH).duplicates:
        key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
        first_line, _ = source.line_column(first_offset)
        source.add(
            "JSON_DUPLICATE_KEY",
            f'duplicate key "{key}" (first at line {first_line}): AWS keeps only the last value and silently '
            "ignores the earlier one",
            offset=offset,
            pointer=pointer,
            hint="merge the two into one key (for example one list of values, or one Condition operator "
            "holding all its keys)",
        )


def _report_syntax_error(source: Source, exc: json.JSONDecodeError) -> None:
    message, hint = explain(exc)
    offset = exc.pos
    if message.startswith("trailing comma"):
        offset = len(exc.doc[: exc.pos].rstrip()) - 1  # point at the comma, not at what follows it
    source.add("JSON_SYNTAX_ERROR", message, offset=offset, hint=hint)


# IAM's CreatePolicy, PutRolePolicy and CreateRole accept policy text matching [\t\n\r\x20-\xff]+.
_NOT_IAM_TEXT = re.compile(r"[^\t\n\r\x20-\xff]")


def characters_iam_rejects(source: Source) -> list[Finding]:
    """A finding, once per line, for a character outside what IAM accepts in identity and trust policy text."""
    findings: list[Finding] = []
    reported_lines: set[int] = set()
    for match in _NOT_IAM_TEXT.finditer(source.text or ""):
        line, column = source.line_column(match.start())
        if line in reported_lines:
            continue
        reported_lines.add(line)
        char = match.group()
        name = unicodedata.name(char, "a control character")
        findings.append(
            CODES["JSON_CHARACTER_NOT_ALLOWED"].finding(
                source.path,
                f"character U+{ord(char):04X} ({name}) is not accepted by IAM in identity or trust policy text",
                line=line,
                column=column,
                hint="retype it: IAM accepts only ASCII and Latin-1 characters, tab and line breaks (text copied "
                "from a web page or word processor often hides such characters)",
            )
        )
    return findings


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset, counting the bytes before it leniently."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"
