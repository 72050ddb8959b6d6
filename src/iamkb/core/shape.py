"""Shape checks for policy JSON, with the JSON pointer of whatever is wrong.

The evaluator refuses a policy AWS would refuse (an unknown condition operator, a Principal in
an identity policy, a number that is not a number) instead of guessing what it means: a
simulator that quietly reads a broken policy as "matches nothing" produces confident, wrong
answers. The caller adds the policy's label or file to the pointer kept here.
"""

from __future__ import annotations

import json

from iamkb.core.errors import UsageError
from iamkb.core.findings import pointer as make_pointer


class PolicyShapeError(UsageError):
    """A policy document that AWS would not accept; `tokens` locate the bad value inside it."""

    def __init__(self, message: str, tokens: tuple = (), hint: str | None = None):
        self.message = message
        self.tokens = tuple(tokens)
        self.hint = hint
        self.where = ""  # set by the caller: the policy label or file
        super().__init__(message)

    def located(self, where: str, prefix: tuple = ()) -> PolicyShapeError:
        """Say which policy (and where inside a bigger file) the problem is in."""
        self.where = where
        self.tokens = tuple(prefix) + self.tokens
        return self

    @property
    def pointer(self) -> str:
        return make_pointer(*self.tokens)

    def __str__(self) -> str:
        place = f"{self.where} at {self.pointer or '/'}" if self.where else (self.pointer or "/")
        text = f"{place}: {self.message}"
        return f"{text}\nhint: {self.hint}" if self.hint else text


def json_type(value) -> str:
    """The JSON name of a Python value, for messages ('an array', never 'list')."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a value JSON cannot hold"


def short(value, limit: int = 60) -> str:
    """A value as JSON text, cut to `limit` characters, for messages."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def string_list(value, tokens: tuple, what: str) -> list[str]:
    """A policy element that is a string or an array of strings, as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value:
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise PolicyShapeError(f"{what} entries must be strings, got {json_type(item)}", tokens + (index,))
        return list(value)
    if isinstance(value, list):
        raise PolicyShapeError(f"{what} is an empty array; it must name at least one value", tokens)
    raise PolicyShapeError(f"{what} must be a string or an array of strings, got {json_type(value)}", tokens)
