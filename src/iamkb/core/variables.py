"""Policy variables (`${aws:username}`, `${key, 'default'}`, `${*}`) split into tokens.

A policy string is cut into tokens once, when the policy is compiled, so evaluation only has
to look values up. Tokens keep apart the three kinds of text that match differently:

* `GLOB`  - the policy's own text, where `*` and `?` are wildcards (in Resource, ...Like);
* `TEXT`  - literal text that can never act as a wildcard (the `${*}`, `${?}`, `${$}` escapes);
* `VAR`   - a context key to look up; its value is literal too, so a user name containing
            `*` cannot widen a grant.

Variables exist only in policy language version 2012-10-17. Under 2008-10-17, or with no
Version at all, `${aws:username}` is plain text, which is why `tokenize` takes `variables`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

GLOB, TEXT, VAR = "glob", "text", "var"
VARIABLES_VERSION = "2012-10-17"

_VARIABLE = re.compile(r"\$\{([^{}]*)\}")
_ESCAPES = {"*": "*", "?": "?", "$": "$"}
# key, then optionally `, 'default'` where a doubled quote stands for one quote.
_KEY_AND_DEFAULT = re.compile(r"\s*([^\s,']+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?")


class Token(NamedTuple):
    kind: str  # GLOB, TEXT or VAR
    text: str  # GLOB/TEXT: the text; VAR: the key as written
    key: str = ""  # VAR: the key lower-cased (context keys are case-insensitive)
    default: str | None = None  # VAR: the default value, if the policy gave one


class Unresolved(Exception):
    """A variable has no value in the request and no default: the element it is in cannot match."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def tokenize(value: str, variables: bool) -> tuple[Token, ...]:
    """Cut a policy string into tokens; without `variables` the whole string is GLOB text."""
    if not variables or "${" not in value:
        return (Token(GLOB, value),)
    tokens: list[Token] = []
    position = 0
    for found in _VARIABLE.finditer(value):
        if found.start() > position:
            tokens.append(Token(GLOB, value[position : found.start()]))
        tokens.append(_token_for(found.group(1), found.group(0)))
        position = found.end()
    if position < len(value):
        tokens.append(Token(GLOB, value[position:]))
    return tuple(tokens)


def _token_for(inner: str, whole: str) -> Token:
    if inner in _ESCAPES:
        return Token(TEXT, _ESCAPES[inner])
    parsed = _KEY_AND_DEFAULT.fullmatch(inner)
    if not parsed:  # not variable syntax: IAM would reject it; as text it can only match itself
        return Token(TEXT, whole)
    key, default = parsed.group(1), parsed.group(2)
    return Token(VAR, key, key.lower(), None if default is None else default.replace("''", "'"))


def has_variables(tokens: tuple[Token, ...]) -> bool:
    return any(t.kind == VAR for t in tokens)


def variable_value(token: Token, context: dict[str, tuple[str, ...]]) -> str:
    """The value a VAR token stands for; raises Unresolved when there is none.

    A multivalued key cannot be used as a variable, so a key with several values counts as absent.
    """
    values = context.get(token.key)
    if values is not None and len(values) == 1:
        return values[0]
    if token.default is not None:
        return token.default
    raise Unresolved(token.text)


def resolve_literal(tokens: tuple[Token, ...], context: dict[str, tuple[str, ...]]) -> str:
    """The string after substitution, for operators without wildcards (StringEquals and kin)."""
    return "".join(variable_value(t, context) if t.kind == VAR else t.text for t in tokens)
