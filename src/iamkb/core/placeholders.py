"""Placeholders: the `<bucket-name>` marks a template leaves for the reader to fill in.

One pattern for every command, so what `iamkb check` calls an unfilled placeholder is exactly what
`iamkb render --set NAME=VALUE` fills and what `iamkb simulate --set` substitutes. A name starts with a
letter or digit and goes on with letters, digits, spaces, `_`, `.` and `-`: our snippets write
`<bucket-name>`, other people's templates write `<Bucket_Name>` or `<your bucket>`, and all of them are
literal text to IAM, which would silently match nothing. (The snippet catalog's own placeholder names
are stricter, lower-case words joined by hyphens; its schema says so.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"<([A-Za-z0-9][A-Za-z0-9 _.\-]*)>")


def placeholders(text: str) -> list[str]:
    """The placeholder names in `text`, in order of first appearance, without repeats."""
    if "<" not in text:
        return []
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def substitute(text: str, value_of: Callable[[str], str | None]) -> str:
    """`text` with each placeholder whose `value_of(name)` is not None replaced by that value."""
    if "<" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        value = value_of(match.group(1))
        return match.group(0) if value is None else value

    return PLACEHOLDER.sub(replace, text)
