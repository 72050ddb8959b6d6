"""Wildcard matching for actions, ARNs and ...Like condition values, compiled to regexes once.

IAM's wildcards are only `*` (any run of characters) and `?` (one character); every other
character is literal, so `.`, `+`, `(` or `[` in a policy never act as regex syntax (each piece
of text goes through `re.escape`). ARNs are compared segment by segment: in the first five
`:`-separated segments (arn, partition, service, region, account) a wildcard stays inside its
segment; in the sixth, the resource, it runs across `/` and `:`. A pattern that does not start
with `arn:` (for example `*`) is not an ARN pattern and is matched as a whole.

Actions are compared case-insensitively (callers lower-case both sides); resources and ARN
condition values case-sensitively. Compiled regexes are cached because the same patterns
recur across statements, policies and requests.
"""

from __future__ import annotations

import re
from functools import lru_cache

from iamkb.core.variables import GLOB, VAR, Token, Unresolved, variable_value

ARN_HEAD_SEGMENTS = 5  # arn:partition:service:region:account, then the resource
_IN_SEGMENT = {"*": "[^:]*", "?": "[^:]"}
_ANYWHERE = {"*": ".*", "?": "."}


def is_arn_pattern(tokens: tuple[Token, ...]) -> bool:
    """Whether the policy's own text starts like an ARN (`arn:`), so it is matched per segment.

    A pattern that starts with `arn:` but has fewer than six segments ("arn:aws:s3:*") keeps its
    wildcards inside their segments and so cannot match a full ARN: IAM compares ARNs segment by
    segment, it does not let a wildcard stand for missing segments.
    """
    return bool(tokens) and tokens[0].kind != VAR and tokens[0].text.startswith("arn:")


def glob_to_regex(text: str) -> str:
    """Regex source for a wildcard string matched as a whole (actions, StringLike)."""
    return "".join(_ANYWHERE.get(ch) or re.escape(ch) for ch in text)


def tokens_to_regex(tokens: tuple[Token, ...], context: dict | None, arn: bool) -> str:
    """Regex source for a tokenized pattern; VAR tokens are looked up in `context` and escaped.

    Raises variables.Unresolved when a variable has no value and no default.
    """
    parts: list[str] = []
    segment = 0
    for token in tokens:
        if token.kind == VAR:
            parts.append(re.escape(variable_value(token, context or {})))
        elif token.kind != GLOB:
            parts.append(re.escape(token.text))
        elif not arn:
            parts.append(glob_to_regex(token.text))
        else:
            for ch in token.text:
                if ch == ":" and segment < ARN_HEAD_SEGMENTS:
                    segment += 1
                    parts.append(":")
                elif ch in _IN_SEGMENT:
                    parts.append(_IN_SEGMENT[ch] if segment < ARN_HEAD_SEGMENTS else _ANYWHERE[ch])
                else:
                    parts.append(re.escape(ch))
    return "".join(parts)


@lru_cache(maxsize=16384)
def compile_alternatives(sources: tuple[str, ...]) -> re.Pattern:
    """One compiled regex matching any of `sources` (used with fullmatch)."""
    if len(sources) == 1:
        return re.compile(sources[0], re.DOTALL)
    return re.compile("|".join(f"(?:{s})" for s in sources), re.DOTALL)


class PatternSet:
    """A list of wildcard patterns (one policy element's values) matched as one regex.

    `arn=None` decides per pattern: ARN-shaped patterns match segment by segment, others whole.
    Patterns without variables are compiled once here; with variables, the regex is built per
    request from the looked-up values (and cached by its source text).
    """

    __slots__ = ("token_lists", "arn_flags", "match_all", "_static")

    def __init__(self, token_lists: list[tuple[Token, ...]], arn: bool | None):
        self.token_lists = tuple(token_lists)
        self.arn_flags = tuple(is_arn_pattern(t) if arn is None else arn for t in self.token_lists)
        self.match_all = any(t == (Token(GLOB, "*"),) for t in self.token_lists)
        self._static = None
        if not any(tok.kind == VAR for tokens in self.token_lists for tok in tokens):
            sources = tuple(tokens_to_regex(t, None, a) for t, a in zip(self.token_lists, self.arn_flags))
            self._static = compile_alternatives(sources).fullmatch if sources else _never

    def matches(self, value: str, context: dict) -> bool:
        if self.match_all:
            return True
        if self._static is not None:
            return self._static(value) is not None
        sources = []
        for tokens, arn in zip(self.token_lists, self.arn_flags):
            try:
                sources.append(tokens_to_regex(tokens, context, arn))
            except Unresolved:
                continue  # this pattern cannot match; the others still can
        return bool(sources) and compile_alternatives(tuple(sources)).fullmatch(value) is not None

    def unresolved(self, context: dict) -> list[str]:
        """Variables with no value and no default (for explanations)."""
        missing = []
        for tokens in self.token_lists:
            for token in tokens:
                if token.kind == VAR:
                    try:
                        variable_value(token, context)
                    except Unresolved:
                        missing.append(token.text)
        return missing


def _never(_value: str) -> None:
    return None
