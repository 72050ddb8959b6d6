"""Policy variables (`${aws:username}`, `${key, 'default'}`, `${*}`): the one reader of them.

Every command reads variables here: the simulator and the pattern engine cut policy strings into
tokens with `tokenize`, and `iamkb check` reports what `problems` finds, so a string the lint
accepts is a string the simulator substitutes, and the other way round.

The syntax, per AWS's reference of policy variables
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):

* `${` opens a variable and the first `}` after it closes it;
* inside is a condition key (`service:name`, a tag key after `/`), optionally followed by
  `, 'default'`: the value used when the request has none; in the default a doubled quote stands
  for one quote (`'O''Brien'` is O'Brien). Spaces around the key and the default are ignored;
* `${*}`, `${?}` and `${$}` are the literal characters `*`, `?` and `$`.

Tokens keep apart the three kinds of text that match differently:

* `GLOB`  - the policy's own text, where `*` and `?` are wildcards (in Resource, ...Like);
* `TEXT`  - literal text that can never act as a wildcard (the escapes; a malformed variable,
            which IAM would keep as text and which can only match itself);
* `VAR`   - a context key to look up; its value is literal too, so a user name containing
            `*` cannot widen a grant.

Variables exist only in policy language version 2012-10-17. Under 2008-10-17, or with no
Version at all, `${aws:username}` is plain text, which is why `tokenize` takes `variables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

GLOB, TEXT, VAR = "glob", "text", "var"
VARIABLES_VERSION = "2012-10-17"

_ESCAPES = {"*": "*", "?": "?", "$": "$"}
# a key (`prefix:name`, the name without spaces, commas, quotes, braces or `$`), then optionally
# `, 'default'` where a doubled quote stands for one quote.
_KEY_AND_DEFAULT = re.compile(r"\s*([A-Za-z0-9.\-]+:[^\s,'{}$]+)\s*(?:,\s*'((?:[^']|'')*)'\s*)?")


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


class VariableProblem(NamedTuple):
    """A `${` that does not make a variable: IAM keeps such text literally, so it matches only itself."""

    start: int  # index of its `${` in the string
    text: str  # as written: `${...}`, or from `${` to the end when it is never closed
    closed: bool

    @property
    def message(self) -> str:
        if not self.closed:
            return f"'${{' at character {self.start + 1} is never closed"
        return f"'{self.text}' is not a valid variable name"


def _spans(value: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, inside) of each `${...}` in `value`; `inside` is None for one never closed."""
    position = 0
    while (start := value.find("${", position)) != -1:
        end = value.find("}", start + 2)
        if end == -1:
            yield start, len(value), None
            return
        yield start, end + 1, value[start + 2 : end]
        position = end + 1


def _token_for(inner: str) -> Token | None:
    """The token of one closed `${inner}`; None when it is not variable syntax."""
    if inner in _ESCAPES:
        return Token(TEXT, _ESCAPES[inner])
    parsed = _KEY_AND_DEFAULT.fullmatch(inner)
    if not parsed:
        return None
    key, default = parsed.group(1), parsed.group(2)
    return Token(VAR, key, key.lower(), None if default is None else default.replace("''", "'"))


ARN_RESOURCE_COLONS = 5  # arn:partition:service:region:account: then the resource part


def tokenize(value: str, variables: bool) -> tuple[Token, ...]:
    """Cut a policy string into tokens; without `variables` the whole string is GLOB text."""
    return _tokenize(value, variables, 0)


def resource_tokens(value: str, variables: bool) -> tuple[Token, ...]:
    """Tokens of a Resource or NotResource entry: variables count only in the ARN's resource part.

    AWS substitutes a policy variable in the Resource element only after the fifth colon; one in the
    partition, service, Region or account field is no variable there
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-resourceelement),
    so it stays literal text, as written, that matches only itself. Colons are counted on the policy's
    own text, never on a value. Condition values are not limited this way (`tokenize` reads them).
    """
    return _tokenize(value, variables, ARN_RESOURCE_COLONS)


def _tokenize(value: str, variables: bool, literal_before: int) -> tuple[Token, ...]:
    """`tokenize`, with variables read as literal text until `literal_before` colons have been seen."""
    if not variables or "${" not in value:
        return (Token(GLOB, value),)
    tokens: list[Token] = []
    position = colons = 0
    for start, end, inside in _spans(value):
        if start > position:
            tokens.append(Token(GLOB, value[position:start]))
            colons += value.count(":", position, start)
        if inside is None:  # never closed: the rest is the policy's own text
            tokens.append(Token(GLOB, value[start:]))
        else:
            whole = value[start:end]
            token = _token_for(inside)
            if token is None or (token.kind == VAR and colons < literal_before):
                token = Token(TEXT, whole)
            tokens.append(token)
            if token.kind != VAR:
                colons += token.text.count(":")
        position = end
    if position < len(value):
        tokens.append(Token(GLOB, value[position:]))
    return tuple(tokens)


def problems(value: str) -> list[VariableProblem]:
    """Each `${` in `value` that does not make a variable or an escape, in order."""
    if "${" not in value:
        return []
    found = []
    for start, end, inside in _spans(value):
        if inside is None:
            found.append(VariableProblem(start, value[start:], closed=False))
        elif _token_for(inside) is None:
            found.append(VariableProblem(start, value[start:end], closed=True))
    return found


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
