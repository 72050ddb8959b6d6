"""Read JSON input (policies, scenarios, job files) into values, with line:column for any JSON pointer on demand.

The one reader every command uses, so each rule about bad input is written once:

- size: a file is never read past its limit (`Limits`: 1 MiB for a policy, 32 MiB for a batch file such as
  a scenario or a Terraform plan), so a 4 GiB file or an endless device costs nothing;
- depth: arrays and objects nested past the limit are refused before anything recurses over them;
- decoding: UTF-8 only; a byte order mark, UTF-16 or UTF-32 (with or without their mark), a binary file
  and a bad byte are each said in plain words, with the line and column;
- values JSON cannot carry are refused: NaN and Infinity (not JSON), a number too large for a double
  (`1e999` would come back out as Infinity), and a lone surrogate escape (`"\\ud800"` names no character:
  nothing can print or encode it; the string is kept with U+FFFD so the lint still sees the rest);
- duplicate keys are reported (AWS keeps the last value and silently drops the others).

`read_source` and the `parse_*` functions report problems as findings (the lint shows them all);
`problems` is the one rule for every command that needs the document itself (simulate, grants, compare,
render, job): it refuses a document with any finding but a byte order mark (the mark changes no value;
every other finding leaves a value unknown or ambiguous), and `require` / `load` turn that into a
UsageError naming the file, line and column.

Parsing: the stdlib C parser first (fast; positions are not needed for a clean file). When it fails,
`iamkb.core.jsonsyntax` says why in plain words and a lenient pass with `json5` (trailing commas,
comments, single quotes; pure Python, so only after a failure and only on policy-sized text) recovers
the document, so one run of `iamkb check` shows every problem. Positions come from the iterative scan
in `iamkb.core.jsonpositions`, only when a finding needs one.
"""

from __future__ import annotations

import bisect
import codecs
import json
import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from iamkb.core.codes import CODES
from iamkb.core.errors import UsageError, os_error_text
from iamkb.core.findings import Finding, escape_pointer_token
from iamkb.core.jsonpositions import ScanResult, scan
from iamkb.core.jsonsyntax import explain, not_json_constant
from iamkb.core.output import clip, shown_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32


@dataclass(frozen=True)
class Limits:
    """How much one input may hold: bytes read at most, and nesting depth."""

    max_bytes: int
    max_depth: int
    what: str  # how messages name one input: "policy"
    many: str  # and several: "policies"
    files: str  # and their files: "policy files"
    shape: str  # what one input looks like, for the hint of an empty file


POLICY = Limits(
    MAX_BYTES,
    MAX_DEPTH,
    "policy",
    "policies",
    "policy files",
    'a policy is one JSON object: {"Version": "2012-10-17", "Statement": [...]}',
)
# Scenario files and job inputs (a Terraform plan holds whole modules): larger and deeper than a policy,
# still bounded so that a hostile file cannot exhaust memory or the stack.
DATA = Limits(
    32 * 1024 * 1024,
    64,
    "file",
    "files",
    "scenario and job files",
    'a scenario is one JSON object {"policies": {...}, "requests": [...]}; a job file is the JSON of a '
    "CreateLabelingJob request, a DescribeLabelingJob response or a Terraform plan",
)

# Findings a command that needs the document still accepts (see `problems`).
_TOLERATED = frozenset({"JSON_BYTE_ORDER_MARK"})

_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER = re.compile(r"[-+]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+|[0-9.]+(?:[eE][-+]?[0-9]+)?)")


@dataclass
class Source:
    """One file (or text) as read: its document when there is a usable one, its findings, and positions.

    `document` is None both for a JSON `null` and for no document at all; `has_document` tells them
    apart. `path` is the name as messages show it (control characters and undecodable bytes escaped).
    """

    path: str
    text: str | None = None
    document: Any = None
    has_document: bool = False
    findings: list[Finding] = field(default_factory=list)
    recovered: bool = False  # the document was repaired after a syntax error (lenient pass, lone surrogates)
    max_depth: int = MAX_DEPTH
    _start: int = field(default=0, repr=False)  # offset of the top-level value in `text`
    _scan_result: ScanResult | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.path = shown_path(self.path)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of the JSON value at `pointer`, or of its key when it is an object member.

        A pointer that names nothing in the text (a missing element) falls back to its nearest parent.
        """
        if self.text is None or not self.has_document:
            return None
        offset = self._offset(pointer)
        return None if offset is None else self.line_column(offset)

    def _offset(self, pointer: str, *, value: bool = False) -> int | None:
        members = self._scan().members
        while True:
            if pointer in members:
                key_offset, value_offset = members[pointer]
                return value_offset if value or key_offset is None else key_offset
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
            self._scan_result = scan(self.text or "", self._start, self.max_depth)
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


# --- reading files ---------------------------------------------------------------------------------


def read_source(path: str | Path, display: str | None = None, *, limits: Limits = POLICY) -> Source:
    """Read and parse a file. `display` is the path as the user wrote it (used in messages)."""
    source = Source(display if display is not None else str(path), max_depth=limits.max_depth)
    data = _read_bytes(path, source, limits)
    if data is None:
        return source
    return parse_bytes(data, source.path, source, limits=limits)


def read_text(path: str | Path, display: str | None = None, *, limits: Limits = POLICY) -> str:
    """The decoded text of a file (a byte order mark removed), for commands that work on the text itself
    (`iamkb render` fills placeholders in it); anything unreadable is a UsageError naming the file."""
    source = Source(display if display is not None else str(path), max_depth=limits.max_depth)
    data = _read_bytes(path, source, limits)
    text = None if data is None else _decode(data, source, limits)
    blocking = [f for f in source.findings if f.code not in _TOLERATED]
    if text is None or blocking:
        raise _refusal(source, blocking)
    return text


def load(path: str | Path, display: str | None = None, *, limits: Limits = POLICY) -> Source:
    """Read a file whose document a command needs: the source, or a UsageError saying why not (`problems`)."""
    source = read_source(path, display, limits=limits)
    require(source)
    return source


def _read_bytes(path: str | Path, source: Source, limits: Limits) -> bytes | None:
    """The file's bytes, at most `limits.max_bytes + 1` of them; None (and a finding) when it cannot be read."""
    if os.fspath(path) == "" or source.path == "":  # Path("") is ".": refuse it before it becomes the folder
        source.add("INPUT_NOT_FOUND", "the path is empty", hint="give the name of a file")
        return None
    path = Path(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        if os.path.lexists(path):
            source.add(
                "INPUT_NOT_FOUND",
                "this is a symbolic link to a file that does not exist",
                hint="check where the link points",
            )
        else:
            source.add("INPUT_NOT_FOUND", "no such file or directory", hint="check the path and its spelling")
        return None
    except OSError as exc:  # a name too long, a folder we may not enter, a file where a folder should be
        source.add(
            "INPUT_UNREADABLE",
            f"cannot look at this path: {os_error_text(exc)}",
            hint="check the path and the permissions of its folders",
        )
        return None
    if stat.S_ISDIR(status.st_mode):
        source.add(
            "INPUT_UNREADABLE",
            "this is a directory, not a file",
            hint="give the directory to `iamkb check`, which walks it for *.json files",
        )
        return None
    if status.st_size > limits.max_bytes:
        _too_large(
            source,
            f"the file is {_human_size(status.st_size)}; iamkb reads {limits.files} up to "
            f"{_human_size(limits.max_bytes)}",
            limits,
        )
        return None
    try:
        with path.open("rb") as handle:  # bounded: a pipe or device reports no size but may never end
            return handle.read(limits.max_bytes + 1)
    except OSError as exc:
        source.add(
            "INPUT_UNREADABLE", f"cannot read the file: {os_error_text(exc)}", hint="check the file's permissions"
        )
        return None


# --- decoding --------------------------------------------------------------------------------------


def parse_bytes(data: bytes, path: str, source: Source | None = None, *, limits: Limits = POLICY) -> Source:
    """Decode UTF-8 bytes (reporting a BOM, other encodings, binary content or bad bytes) and parse them."""
    source = source or Source(path, max_depth=limits.max_depth)
    text = _decode(data, source, limits)
    if text is None:
        return source
    source.text = text
    return _parse_text(source, limits)


def _decode(data: bytes, source: Source, limits: Limits) -> str | None:
    """UTF-8 text without its byte order mark; None (and a finding) when the bytes are not UTF-8 text."""
    if len(data) > limits.max_bytes:
        # Possibly cut short by the reader (a pipe has no size), so only "larger than" is known.
        _too_large(
            source,
            f"the input is larger than {_human_size(limits.max_bytes)}, the most iamkb reads for one {limits.what}",
            limits,
        )
        return None
    if data.startswith(_UTF16_32_BOMS) and not data.startswith(codecs.BOM_UTF8):
        source.add(
            "JSON_NOT_UTF8",
            "the file is UTF-16 or UTF-32 text (it starts with that encoding's byte order "
            "mark); policy files must be UTF-8",
            hint=_RESAVE_HINT,
        )
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul != -1:
        encoding = _wide_encoding(data)
        if encoding:
            source.add(
                "JSON_NOT_UTF8",
                f"the file is {encoding} text without a byte order mark; policy files must be UTF-8",
                hint=_RESAVE_HINT,
            )
            return None
        line, column = _byte_position(data, nul)
        source.add(
            "JSON_NOT_UTF8",
            f"this looks like a binary file, not JSON text: it has a NUL byte at line {line}, column {column}",
            hint="give iamkb the policy's .json file",
            line=line,
            column=column,
        )
        return None
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
        return None
    if bom:
        source.text = text
        source.add(
            "JSON_BYTE_ORDER_MARK",
            "the file starts with a UTF-8 byte order mark, which AWS rejects in policy text",
            offset=0,
            hint="save the file as UTF-8 without BOM (most editors offer it in the encoding menu)",
        )
    return text


_RESAVE_HINT = (
    "save the file as UTF-8 without a byte order mark (in PowerShell: Out-File -Encoding utf8NoBOM, or "
    "Set-Content -Encoding utf8NoBOM)"
)
# (name, bytes per unit, offsets inside a unit that are zero for ASCII text): the widest first.
_WIDE_ENCODINGS = (
    ("UTF-32 little-endian", "utf-32-le", 4, (1, 2, 3)),
    ("UTF-32 big-endian", "utf-32-be", 4, (0, 1, 2)),
    ("UTF-16 little-endian", "utf-16-le", 2, (1,)),
    ("UTF-16 big-endian", "utf-16-be", 2, (0,)),
)


def _wide_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 variant `data` is written in, without a byte order mark, if it is one.

    JSON text is mostly ASCII, so in UTF-16 every other byte is zero (in UTF-32 three bytes of four), at
    the same offsets; a binary file has its zeros anywhere. The whole file must then decode cleanly.
    """
    sample = data[:4096]
    for name, codec, width, zero_offsets in _WIDE_ENCODINGS:
        units = len(sample) // width
        if units < 2 or len(data) % width:
            continue
        ascii_units = sum(
            all(sample[u * width + k] == 0 for k in zero_offsets) and sample[u * width + _other(zero_offsets, width)]
            for u in range(units)
        )
        if ascii_units * 10 < units * 9:  # at least nine units of ten look like ASCII characters
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return name
    return None


def _other(zero_offsets: tuple[int, ...], width: int) -> int:
    """The offset of the byte that carries an ASCII character in one unit."""
    return next(k for k in range(width) if k not in zero_offsets)


def parse_text(text: str, path: str = "<document>", *, limits: Limits = POLICY) -> Source:
    """Parse policy text that is already a string (a notebook cell, a text area on the site).

    The size limit counts the text's UTF-8 bytes, so text and the same text in a file are treated alike.
    """
    source = Source(path, max_depth=limits.max_depth)
    # A character is at most 4 bytes in UTF-8: shorter text is within the limit without encoding it.
    if len(text) > limits.max_bytes // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_bytes:
            return _too_large(
                source,
                f"the text is {_human_size(size)} as UTF-8; iamkb reads {limits.many} up to "
                f"{_human_size(limits.max_bytes)}",
                limits,
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
    return _parse_text(source, limits, raw_surrogates=True)


def _too_large(source: Source, message: str, limits: Limits) -> Source:
    """One finding for input over the limit (a file, bytes or text), which is then not parsed at all."""
    hint = (
        "AWS policy documents are at most tens of kilobytes: check that this is the input you meant"
        if limits.what == "policy"
        else "check that this is the input you meant; a Terraform plan can be cut down with terraform plan -target"
    )
    source.add("JSON_TOO_LARGE", message, hint=hint)
    return source


def from_document(document: Any, path: str = "<document>") -> Source:
    """Wrap an already-parsed value; positions are unknown, so findings carry pointers only."""
    source = Source(path, document=document, has_document=True)
    _check_values(source, suspect=True)
    return source


# --- parsing ---------------------------------------------------------------------------------------


class _NotJsonConstant(Exception):
    """NaN, Infinity or -Infinity met by the C parser, which would otherwise accept them."""


def _refuse_constant(name: str) -> Any:
    raise _NotJsonConstant(name)


def _parse_text(source: Source, limits: Limits = POLICY, *, raw_surrogates: bool = False) -> Source:
    text = source.text or ""
    if not text.strip():
        source.add(
            "JSON_EMPTY_FILE",
            "the file is empty" if not text else "the file holds only white space",
            hint=limits.shape,
        )
        return source
    duplicates_seen = False

    def pairs_hook(pairs):
        nonlocal duplicates_seen
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicates_seen = True
        return obj

    suspect = _may_hold_surrogates(text, raw=raw_surrogates)
    try:
        try:
            document = json.loads(
                text, object_pairs_hook=pairs_hook, parse_constant=_refuse_constant, parse_float=_finite_float
            )
        except _NotFinite:  # read again as Python reads it, so the walk finds where the number is
            duplicates_seen, suspect = False, True
            document = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        _report_too_deep(source)
        return source
    except _NotJsonConstant:
        _report_constant(source)
        return source
    except json.JSONDecodeError as exc:
        _report_syntax_error(source, exc)
        return _recover(source) if len(text) <= MAX_BYTES else source
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
    if not _check_values(source, suspect=suspect):
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
    if _check_values(source, suspect=True):  # json5 reads NaN, Infinity and 1e999 too
        _report_duplicates(source)
    return source


# --- values JSON cannot carry ----------------------------------------------------------------------


def _check_values(source: Source, *, suspect: bool) -> bool:
    """Refuse documents nested deeper than the limit, and those holding NaN, an infinite number or a lone
    surrogate; True when the document is kept (lone surrogates are replaced, so it is kept, as recovered).

    One iterative walk, so nothing recurses over a hostile document. Leaves are only examined when the text
    is `suspect` (`_suspect`): a clean policy costs what the depth check alone costs.
    """
    document = source.document
    if not isinstance(document, (dict, list)):
        odd = suspect and _odd(document)
    else:
        odd = False
        stack = [(document, 1)]
        while stack:
            value, depth = stack.pop()
            if depth > source.max_depth:
                _report_too_deep(source)
                return False
            children: Any = value.values() if isinstance(value, dict) else value
            if suspect and not odd:
                odd = _odd(value) or any(_odd(child) for child in children)
            for child in children:
                if isinstance(child, (dict, list)):
                    stack.append((child, depth + 1))
    if not odd:
        return True
    return _report_odd_values(source)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str, *, raw: bool) -> bool:
    """Whether the strings must be searched for surrogates: the text has an escape of one, or (text that did
    not come from UTF-8 bytes, which cannot hold one) a surrogate itself. Substring tests first: they are fast."""
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        return True
    return raw and _SURROGATE.search(text) is not None


class _NotFinite(Exception):
    """A number too large for a double (1e999), met by the C parser."""


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise _NotFinite(literal)
    return value


def _odd(value: Any) -> bool:
    """A float that is not finite, a string with a surrogate, or an object with a key that has one."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_SURROGATE.search(key) for key in value)
    return False


def _report_odd_values(source: Source) -> bool:
    """Report each NaN, infinite number and lone surrogate; drop the document for a number, repair strings."""
    numbers: list[tuple[str, int | None]] = []
    surrogates: list[tuple[str, str, bool]] = []  # (pointer as written, pointer repaired, in a key)
    stack: list[tuple[Any, str, str]] = [(source.document, "", "")]
    while stack:
        value, raw, fixed = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            numbers.append((raw, source._offset(raw, value=True) if source.text else None))
        elif isinstance(value, str) and _SURROGATE.search(value):
            surrogates.append((raw, fixed, False))
        elif isinstance(value, dict):
            for key, child in reversed(value.items()):
                token = escape_pointer_token(key)
                repaired = "/" + escape_pointer_token(_SURROGATE.sub("\ufffd", key))
                if _SURROGATE.search(key):
                    surrogates.append((raw + "/" + token, fixed + repaired, True))
                stack.append((child, raw + "/" + token, fixed + repaired))
        elif isinstance(value, list):
            for index in reversed(range(len(value))):
                stack.append((value[index], f"{raw}/{index}", f"{fixed}/{index}"))
    for pointer, offset in numbers:
        written = _NUMBER.match(source.text or "", offset) if offset is not None else None
        literal = written.group() if written else None
        if literal is not None and _finite(literal):  # the pointer names an earlier duplicate key's value
            offset, literal = _first_infinite_number(source.text or "")
        if literal is not None and literal.lstrip("+-") in ("NaN", "Infinity"):
            message, hint = not_json_constant(literal)
        else:
            number = f"the number {clip(literal)}" if literal else "a number"
            message = f"{number} is too large: iamkb, like most JSON readers, holds numbers up to about 1.8e308"
            hint = "no IAM policy value is a number this large; if it is text, put it in double quotes"
        source.add("JSON_SYNTAX_ERROR", message, offset=offset, pointer=pointer, hint=hint)
    located = [(source._offset(raw) if source.text else None, fixed, in_key) for raw, fixed, in_key in surrogates]
    for offset, fixed, in_key in sorted(located, key=lambda entry: entry[0] or 0):
        source.add(
            "JSON_SYNTAX_ERROR",
            f"the {'key' if in_key else 'string'} holds half of a UTF-16 surrogate pair without its other half "
            "(an escape such as \\ud800 on its own), which names no character",
            offset=offset,
            pointer=fixed,
            hint="write the character itself, or both halves of its pair (as in \\ud83d\\ude00); iamkb reads the "
            "half as U+FFFD to check the rest",
        )
    if numbers:
        source.document, source.has_document = None, False
        return False
    source.document, source.recovered = _repaired(source.document), True
    return True


def _finite(literal: str) -> bool:
    try:
        return math.isfinite(float(literal))
    except ValueError:  # hexadecimal (json5)
        return True


_NUMBER_OUTSIDE_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d[\d.]*[eE][-+]?\d+|-?\d{309,}[\d.]*)', re.S)


def _first_infinite_number(text: str) -> tuple[int | None, str | None]:
    """Where the first number too large for a double starts, and how it is written (strings are skipped)."""
    for match in _NUMBER_OUTSIDE_STRINGS.finditer(text):
        if match.group(1) and not _finite(match.group(1)):
            return match.start(1), match.group(1)
    return None, None


def _repaired(value: Any) -> Any:
    """The value with every surrogate replaced by U+FFFD (depth already checked, so recursion is bounded)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_SURROGATE.sub("\ufffd", k): _repaired(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_repaired(v) for v in value]
    return value


def _report_constant(source: Source) -> None:
    text = source.text or ""
    offset = _constant_offset(text)
    literal = "NaN"
    if offset is not None:
        found = _NUMBER.match(text, offset)
        literal = found.group() if found else literal
    message, hint = not_json_constant(literal)
    source.add("JSON_SYNTAX_ERROR", message, offset=offset, hint=hint)


_CONSTANT_OUTSIDE_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.S)


def _constant_offset(text: str) -> int | None:
    """Where the first NaN or Infinity outside a string starts (strings are skipped whole)."""
    for match in _CONSTANT_OUTSIDE_STRINGS.finditer(text):
        if match.group(1):
            return match.start(1)
    return None


def _report_too_deep(source: Source) -> None:
    source.document, source.has_document = None, False
    offset = scan(source.text, source._start, source.max_depth).too_deep_at if source.text else None
    source.add(
        "JSON_TOO_DEEP",
        f"arrays and objects are nested more than {source.max_depth} levels deep"
        + ("; an IAM policy needs about seven" if source.max_depth == MAX_DEPTH else ""),
        offset=offset,
        hint="this is not a policy document, or it was generated wrongly",
    )


def _report_duplicates(source: Source) -> None:
    for pointer, offset, first_offset in scan(source.text or "", source._start, source.max_depth).duplicates:
        key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
        first_line, _ = source.line_column(first_offset)
        source.add(
            "JSON_DUPLICATE_KEY",
            f'duplicate key "{clip(key)}" (first at line {first_line}): AWS keeps only the last value and silently '
            "ignores the earlier one",
            offset=offset,
            pointer=_SURROGATE.sub("\ufffd", pointer),
            hint="merge the two into one key (for example one list of values, or one Condition operator "
            "holding all its keys)",
        )


def _report_syntax_error(source: Source, exc: json.JSONDecodeError) -> None:
    message, hint = explain(exc)
    offset = exc.pos
    if message.startswith("trailing comma"):
        offset = len(exc.doc[: exc.pos].rstrip()) - 1  # point at the comma, not at what follows it
    source.add("JSON_SYNTAX_ERROR", message, offset=offset, hint=hint)


# --- the rule for commands that need the document ----------------------------------------------------


def problems(source: Source) -> list[Finding]:
    """Why a command that needs the document cannot use it; empty when it can.

    One rule for every such command: no document, a repaired one, or any finding about the text but a byte
    order mark (which changes no value) stops it. A duplicate key stops it too: AWS would silently use the
    last value, and a simulation or grant list built on a value the author may not have meant is a wrong
    answer given with confidence; `iamkb check` shows where the keys are.
    """
    blocking = [f for f in source.findings if f.code not in _TOLERATED]
    if blocking or (source.has_document and not source.recovered):
        return blocking
    return [CODES["JSON_SYNTAX_ERROR"].finding(source.path, "not a JSON document", hint="run iamkb check on it")]


def require(source: Source) -> Any:
    """The document, or a UsageError naming the file, line and column of the first problem."""
    blocking = problems(source)
    if blocking:
        raise _refusal(source, blocking)
    return source.document


def _refusal(source: Source, blocking: list[Finding]) -> UsageError:
    if not blocking:
        return UsageError(f"{source.path}: cannot be read")
    first = blocking[0]
    place = f"{source.path}:{first.line}:{first.column}" if first.line else source.path
    where = f": at {first.pointer}" if first.pointer else ""
    more = ""
    if len(blocking) > 1:
        count = len(blocking) - 1
        more = f" (and {count} more problem{'s' if count > 1 else ''}: iamkb check lists them all)"
    hint = f"\nhint: {first.hint}" if first.hint else ""
    return UsageError(f"{place}{where}: {clip(first.message)}{more}{hint}")


# --- characters IAM rejects --------------------------------------------------------------------------

# IAM's CreatePolicy, PutRolePolicy and CreateRole accept policy text matching [\t\n\r\x20-\xff]+.
_NOT_IAM_TEXT = re.compile(r"[^\t\n\r\x20-\xff]")
_CATEGORY_WORDS = {
    "Cc": "a control character",
    "Cs": "half of a UTF-16 surrogate pair, not a character",
    "Co": "a private-use character",
    "Cn": "a code point Unicode has not assigned",
}


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
        name = unicodedata.name(char, None) or _CATEGORY_WORDS.get(unicodedata.category(char), "a character")
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
