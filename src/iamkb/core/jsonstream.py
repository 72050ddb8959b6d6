"""Read a large JSON object member by member, and one member's array item by item, in flat memory.

A batch file (a scenario of a million requests) is too large to hold as one document: read whole, its
Python objects take ten times the file's size. `members` streams the top-level object instead, with
ijson's C parser (yajl): each member is built whole, except the members named in `items`, whose array
items are built and handed over one at a time, and the members named in `skip`, which are only checked.

The rules are `iamkb.core.jsonsource`'s, so a file means the same whether it is read whole or streamed:
UTF-8 only; no NaN or Infinity, no number too large to be one; no lone surrogate escape (`"\\ud800"` names
no character, and yajl would silently turn it into `?`); no duplicate key (which value would count?); at
most `limits.max_depth` levels of nesting counted from the top of the file; a member read whole at most
`limits.max_bytes`, a streamed item at most `item_bytes`. There is no limit on the file itself: memory
stays bounded by the largest item, not by the file.

Problems raise UsageError naming the file. Syntax errors (and other faults in the text) are located to
line and column by `jsonsource` itself, which re-reads the text up to the fault; a problem found in a
value (a duplicate key, too deep) is located by its JSON pointer, because yajl reports no positions.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from iamkb.core.errors import UsageError, os_error_text
from iamkb.core.findings import pointer as make_pointer
from iamkb.core.jsonsource import DATA, MAX_BYTES, Limits, parse_bytes, problems
from iamkb.core.output import clip, shown_path

_BUFFER = 64 * 1024  # bytes ijson asks for at a time; the size limits are exact to within one buffer
# A possible surrogate escape; only buffers that hold one are examined closely.
_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
# A run of backslashes, then u and four hex digits: an escape when the run is odd.
_U_ESCAPE = re.compile(rb"(\\+)u([0-9a-fA-F]{4})")
_HOLD = 12  # bytes kept back between reads: a surrogate pair escape, so a pair is never cut in two


class _Streamed:
    def __repr__(self) -> str:
        return "STREAMED"


STREAMED = _Streamed()  # the value `members` yields for a streamed member, before its items


class NotAnObject(Exception):
    """The file's top-level value is not an object; `got` is its JSON type in words ("an array")."""

    def __init__(self, got: str):
        super().__init__(got)
        self.got = got


class _TooLarge(Exception):
    pass


class _LoneSurrogate(Exception):
    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset


def members(
    path: str | Path,
    display: str | None = None,
    *,
    items: frozenset[str] = frozenset(),
    skip: frozenset[str] = frozenset(),
    limits: Limits = DATA,
    item_bytes: int = MAX_BYTES,
) -> Generator[tuple[str, int | None, Any], None, None]:
    """The top-level object's members in file order: `(key, None, value)` for a member read whole, and for
    a member named in `items` whose value is an array, `(key, None, STREAMED)` then `(key, index, item)` for
    each of its items (any other value of such a member is read whole). Members named in `skip` are checked for syntax but not built,
    and yield nothing. Raises NotAnObject, or UsageError for any problem with the file."""
    shown = shown_path(display if display is not None else str(path))
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, also when the consumer stops early
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read the file: {os_error_text(exc)}") from None
    reader = _Reader(handle)
    try:
        if handle.read(3) == codecs.BOM_UTF8:  # tolerated, as jsonsource tolerates it: it changes no value
            reader.total = 3
        else:
            handle.seek(0)
        yield from _Members(reader, shown, items, skip, limits, item_bytes).run()
    except ijson.JSONError as exc:
        raise _text_problem(path, shown, reader, exc) from None
    except _LoneSurrogate as exc:
        line, column = _line_column(path, exc.offset)
        raise UsageError(
            f"{shown}:{line}:{column}: this escape is half of a UTF-16 surrogate pair, which names no character\n"
            "hint: write the character itself, or both halves of its pair"
        ) from None
    except OSError as exc:
        raise UsageError(f"{shown}: cannot read the file: {os_error_text(exc)}") from None
    finally:
        handle.close()


class _Reader:
    """The file as ijson reads it: counts bytes (for the size limits) and checks surrogate escapes.

    It holds back the last few bytes of each read until the next one, so an escape pair is always seen
    whole; `odd` carries whether a run of backslashes at the end of the checked bytes escapes what follows.
    """

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.total = 0  # bytes handed to ijson
        self.mark = 0  # where the value being measured started (in bytes handed over, to within a buffer)
        self.budget: int | None = None  # its limit, when one is being measured
        self._held = b""
        self._odd = False
        self._pair_end = -1  # offset just after a high surrogate escape checked with its low half

    def read(self, size: int) -> bytes:
        data = self._held + self.handle.read(size)
        if len(data) > _HOLD and len(data) > len(self._held):
            data, self._held = data[:-_HOLD], data[-_HOLD:]
        else:  # the end of the file
            self._held = b""
        if _MAYBE_SURROGATE.search(data + self._held):
            self._check_surrogates(data)
        else:
            self._odd = _ends_odd(data, self._odd)
        self.total += len(data)
        if self.budget is not None and self.total - self.mark > self.budget + 2 * size:
            raise _TooLarge
        return data

    def _check_surrogates(self, data: bytes) -> None:
        """Refuse a surrogate escape that is not half of a high-low pair (the held bytes are the lookahead)."""
        window = data + self._held
        for match in _U_ESCAPE.finditer(window):
            start = match.start()
            if start >= len(data):
                break  # begins in the held bytes: checked with the next read
            run = len(match.group(1)) + (1 if self._odd and start == 0 else 0)
            if run % 2 == 0:
                continue  # an escaped backslash, then plain text
            escape = match.start(2) - 2  # offset of the escape's own backslash
            unit = int(match.group(2), 16)
            if 0xD800 <= unit <= 0xDBFF:
                low = _U_ESCAPE.match(window, escape + 6)
                if low is None or len(low.group(1)) != 1 or not 0xDC00 <= int(low.group(2), 16) <= 0xDFFF:
                    raise _LoneSurrogate(self.total + escape)
                self._pair_end = self.total + escape + 6
            elif 0xDC00 <= unit <= 0xDFFF and self.total + escape != self._pair_end:
                raise _LoneSurrogate(self.total + escape)
        self._odd = _ends_odd(data, self._odd)


def _ends_odd(data: bytes, odd_before: bool) -> bool:
    """Whether `data` ends in an unescaped backslash (an odd run), given the state before it."""
    run = len(data) - len(data.rstrip(b"\\"))
    if run == len(data):
        return odd_before != (run % 2 == 1)
    return run % 2 == 1


class _Members:
    """The walk over yajl's events; values are built here, with the duplicate, depth and size checks."""

    def __init__(self, reader: _Reader, shown: str, items, skip, limits: Limits, item_bytes: int):
        self.reader, self.shown, self.items, self.skip = reader, shown, items, skip
        self.max_depth, self.member_bytes, self.item_bytes = limits.max_depth, limits.max_bytes, item_bytes
        self.events = ijson.basic_parse(reader, buf_size=_BUFFER, use_float=True)

    def run(self) -> Generator[tuple[str, int | None, Any], None, None]:
        events, reader = self.events, self.reader
        event, value = next(events)
        if event != "start_map":
            raise NotAnObject(_EVENT_TYPES.get(event, "a value"))
        seen: set[str] = set()
        for event, key in events:
            if event == "end_map":
                for _ in events:  # nothing may follow the object (yajl says "trailing garbage")
                    pass
                return
            if key in seen:
                raise self._error((), f"duplicate key {_quoted(key)}", "keep one of them")
            seen.add(key)
            # Sizes are measured from the last event on: yajl reads a long value whole before saying it began.
            reader.mark, reader.budget = reader.total, self.member_bytes
            try:
                event, value = next(events)
                if key in self.skip:
                    reader.budget = None
                    self._skip(event)
                    continue
                if key in self.items and event == "start_array":
                    reader.budget = None
                    yield key, None, STREAMED
                    yield from self._items(key)
                    continue
                member = self._value(event, value, (key,))
            except _TooLarge:
                raise self._error(
                    (key,), f"this member is larger than {_size(self.member_bytes)}", "check the input"
                ) from None
            reader.budget = None
            yield key, None, member

    def _items(self, key: str) -> Generator[tuple[str, int | None, Any], None, None]:
        """The items of the streamed array `key`, each built whole, each within `item_bytes`."""
        reader, index = self.reader, 0
        reader.mark, reader.budget = reader.total, self.item_bytes
        try:
            for event, value in self.events:
                if event == "end_array":
                    break
                item = self._value(event, value, (key, index))
                reader.budget = None
                yield key, index, item
                index += 1
                reader.mark, reader.budget = reader.total, self.item_bytes
        except _TooLarge:
            raise self._error(
                (key, index), f"this item is larger than {_size(self.item_bytes)}", "split it up"
            ) from None
        reader.budget = None

    def _value(self, event: str, value: Any, tokens: tuple) -> Any:
        """Build the value that starts with (event, value), checking duplicates and depth as it grows."""
        if event == "start_map":
            root: Any = {}
        elif event == "start_array":
            root = []
        else:
            return value
        depth = len(tokens) + 1  # the top-level object is depth 1
        if depth > self.max_depth:
            raise self._too_deep(tokens)
        stack: list[Any] = [root]
        container, key = root, ""
        for event, value in self.events:
            if event == "map_key":
                key = value
                continue
            if event == "end_map" or event == "end_array":
                stack.pop()
                if not stack:
                    return root
                container = stack[-1]
                continue
            if event == "start_map":
                value = {}
            elif event == "start_array":
                value = []
            if container.__class__ is dict:
                if key in container:
                    raise self._error(
                        tokens + _path(stack) + (key,),
                        f"duplicate key {_quoted(key)}",
                        "keep one of them: JSON readers disagree on which value counts",
                    )
                container[key] = value
            else:
                container.append(value)
            if event == "start_map" or event == "start_array":
                stack.append(value)
                container = value
                if depth + len(stack) - 1 > self.max_depth:
                    raise self._too_deep(tokens + _path(stack))
        return root  # not reached: yajl reports a file that ends inside a value

    def _skip(self, event: str) -> None:
        if event != "start_map" and event != "start_array":
            return
        open_ = 1
        for event, _ in self.events:
            if event == "start_map" or event == "start_array":
                open_ += 1
            elif event == "end_map" or event == "end_array":
                open_ -= 1
                if not open_:
                    return

    def _too_deep(self, tokens: tuple) -> UsageError:
        return self._error(
            tokens,
            f"arrays and objects are nested more than {self.max_depth} levels deep",
            "this is not the file you meant, or it was generated wrongly",
        )

    def _error(self, tokens: tuple, message: str, hint: str) -> UsageError:
        return UsageError(f"{self.shown}: at {make_pointer(*tokens) or '/'}: {message}\nhint: {hint}")


_EVENT_TYPES = {
    "start_array": "an array",
    "string": "a string",
    "number": "a number",
    "integer": "a number",
    "double": "a number",
    "boolean": "a boolean",
    "null": "null",
}


def _path(stack: list) -> tuple:
    """Pointer tokens from the value under construction down to its innermost open container."""
    tokens: list[str | int] = []
    for parent, child in zip(stack, stack[1:], strict=False):
        if isinstance(parent, dict):
            tokens.append(next(k for k, v in parent.items() if v is child))
        else:
            tokens.append(len(parent) - 1)
    return tuple(tokens)


def _quoted(key: str) -> str:
    return '"' + clip(key).replace('"', '\\"') + '"'


def _size(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB" if size >= 1024 * 1024 else f"{size // 1024} KiB"


def _line_column(path: str | Path, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset of the file, read a buffer at a time."""
    line = column = 1
    with open(path, "rb") as handle:
        while offset > 0:
            chunk = handle.read(min(offset, 16 * _BUFFER))
            if not chunk:
                break
            offset -= len(chunk)
            breaks = chunk.count(b"\n")
            if breaks:
                line += breaks
                chunk = chunk[chunk.rfind(b"\n") + 1 :]
                column = 1
            column += len(chunk) - len(chunk.translate(None, _NOT_CONTINUATION))  # characters, not bytes
    return line, column


_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b < 0xC0)


def _lines_before(path: str | Path, offset: int) -> int:
    """How many line breaks the file's first `offset` bytes hold, read a buffer at a time."""
    count = 0
    with open(path, "rb") as handle:
        while offset > 0:
            chunk = handle.read(min(offset, 16 * _BUFFER))
            if not chunk:
                break
            count += chunk.count(b"\n")
            offset -= len(chunk)
    return count


def _text_problem(path: str | Path, shown: str, reader: _Reader, exc: ijson.JSONError) -> UsageError:
    """What is wrong with the text at the point yajl stopped, from jsonsource (line, column, plain words)."""
    return _located(path, shown, reader.total + _HOLD, str(exc).split("\n", 1)[0])


def _located(path: str | Path, shown: str, upto: int, fallback: str) -> UsageError:
    """Let jsonsource read the file's first `upto` bytes, where the fault is, and say what and where it is.

    The first problem it finds is the fault yajl met (both read from the start, and the text before the
    fault is sound); when jsonsource finds none before the end of those bytes (yajl refuses a few numbers the
    stdlib reads), `fallback` (yajl's own words) is said instead. Past DATA.max_bytes the text is not read
    whole again (that would take the memory streaming saves): yajl's words come with the line the fault is
    at or after, counted as the file streams by.
    """
    if upto > DATA.max_bytes:
        before = max(0, upto - 2 * _BUFFER - _HOLD)  # the fault is in the last read, or held back from it
        try:
            line = _lines_before(path, before) + 1
        except OSError as exc:
            return UsageError(f"{shown}: cannot read the file: {os_error_text(exc)}")
        return UsageError(f"{shown}: invalid JSON at or after line {line}: {fallback}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(upto)
            whole = not handle.read(1)
    except OSError as exc:
        return UsageError(f"{shown}: cannot read the file: {os_error_text(exc)}")
    source = parse_bytes(data, shown, limits=replace(DATA, max_bytes=len(data) + 1))
    found = problems(source)
    first = found[0] if found else None
    if first is not None and not (
        not whole and first.code == "JSON_SYNTAX_ERROR" and first.message.startswith("the text ends")
    ):
        place = f"{shown}:{first.line}:{first.column}" if first.line else shown
        hint = f"\nhint: {first.hint}" if first.hint else ""
        return UsageError(f"{place}: {first.message}{hint}")
    words = _YAJL_WORDS.get(fallback.rpartition(": ")[2], f"invalid JSON: {fallback}")
    return UsageError(f"{shown}: {words}")


# yajl's refusals that the stdlib parser (and so jsonsource) does not share, in plain words.
_YAJL_WORDS = {
    "integer overflow": "an integer is too large to read: more than 64 bits",
}
