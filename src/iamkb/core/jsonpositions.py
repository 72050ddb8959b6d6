"""Where a JSON pointer's key and value start in the text: one iterative scan, done on demand.

Findings are located by RFC 6901 pointer, and people need the line and column too. A clean file is
parsed by the C parser, which keeps no positions, so this scan runs only when a finding needs one
(see `Source.position` in `iamkb.core.jsonsource`). It also finds duplicate keys (the parser keeps only
the last value) and where nesting gets too deep.

We wrote it by hand because the one library that maps pointers to positions (json-source-map)
builds pointers from unescaped keys (condition keys such as `aws:RequestTag/Team` contain `/`),
recurses, and rejects the lenient input we need to locate: this scan tolerates what the lenient
pass accepts (comments, trailing commas, single quotes, bare keys), never recurses, and escapes
pointer tokens per RFC 6901.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]  # exists (C or Python), typeshed omits it

from iamkb.core.findings import escape_pointer_token


@dataclass
class ScanResult:
    """What one scan found: where each pointer is, which keys repeat, where nesting got too deep."""

    members: dict[str, tuple[int | None, int]]  # pointer -> (key offset or None, value offset)
    duplicates: list[tuple[str, int, int]]  # (pointer, key offset, first key offset)
    too_deep_at: int | None


_SKIP = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_BARE = re.compile(r"[^\s,:\]\}/\[\{]+")
_SINGLE_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'", re.S)


def scan(text: str, start: int, max_depth: int) -> ScanResult:
    """Walk the text once, iteratively, recording where each pointer's key and value start.

    Tolerates what the lenient pass accepts (comments, trailing commas, single-quoted strings,
    bare keys), so recovered documents are located too. Stops quietly on anything else.
    """
    members: dict[str, tuple[int | None, int]] = {}
    duplicates: list[tuple[str, int, int]] = []
    too_deep_at = None
    # frame: [is_object, pointer, expecting_key, key_token, key_offset, seen_keys, next_index]
    stack: list[list] = []
    i, n = start, len(text)
    while True:
        i = _SKIP.match(text, i).end()  # type: ignore[union-attr]  # (...)* matches the empty string: never None
        if i >= n:
            break
        c = text[i]
        top = stack[-1] if stack else None
        if c in "}]":
            if not stack:
                break
            stack.pop()
            i += 1
            if not stack:
                break
            continue
        if c in ",:":
            i += 1
            continue
        if top is not None and top[0] and top[2]:  # an object member's key
            key, end = _read_string(text, i)
            if key is None or end is None:  # both or neither
                break
            seen = top[5]
            if key in seen:
                duplicates.append((top[1] + "/" + escape_pointer_token(key), i, seen[key]))
            else:
                seen[key] = i
            top[2], top[3], top[4] = False, key, i
            i = end
            continue
        # a value
        if top is None:
            pointer, key_offset = "", None
        elif top[0]:
            pointer, key_offset = top[1] + "/" + escape_pointer_token(top[3]), top[4]
            top[2] = True
        else:
            pointer, key_offset = top[1] + "/" + str(top[6]), None
            top[6] += 1
        members.setdefault(pointer, (key_offset, i))
        if c in "{[":
            stack.append([c == "{", pointer, True, None, None, {}, 0])
            if len(stack) > max_depth and too_deep_at is None:
                too_deep_at = i
                break
            i += 1
            continue
        _, end = _read_string(text, i)
        if end is None:
            break
        i = end
        if not stack:
            break
    return ScanResult(members, duplicates, too_deep_at)


def _read_string(text: str, i: int) -> tuple[str | None, int | None]:
    """A string, single-quoted string or bare token at `i`: (its value, the offset after it)."""
    c = text[i]
    if c == '"':
        try:
            return scanstring(text, i + 1, False)
        except json.JSONDecodeError:
            return None, None
    match = (_SINGLE_QUOTED if c == "'" else _BARE).match(text, i)
    if not match:
        return None, None
    token = match.group()
    return (token[1:-1] if c == "'" else token), match.end()
