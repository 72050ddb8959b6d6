"""IAM wildcard patterns compared as sets of strings: is every match of A also a match of B? can they overlap?

`iamkb compare` must never call a grant covered when it is not, so "B's `arn:aws:s3:::*groundtruth*`
includes A's `arn:aws:s3:::my-groundtruth-input/*`" has to be decided exactly, not guessed from the
text. Each pattern is a small automaton (one state per character); containment is decided by
walking A's automaton and the subset construction of B's union side by side, looking for a string
A matches and B does not. The walk only needs one representative per kind of character: each
literal of either pattern, `:` and one character neither pattern names; so it stays tiny.

The semantics are the simulator's (`iamkb.core.matching`): `*` is any run and `?` one
character; in an ARN pattern (five colons or more) a wildcard in the first five fields stays
inside its field, and in the resource part it runs across `/` and `:`; action names compare
case-insensitively.

Policy variables (`${aws:username}`) stand for a value known only at request time. On the side
that must be covered (A) a variable is an opaque symbol; the covering side (B) matches it only
with the same variable or with a `*` that may run across colons (any value fits there). A `?`
or a literal never covers it, since the value's length and text are unknown. For overlap, where
saying "may overlap" is the safe answer, a variable counts as `*`.

Hand-written rather than greenery (the one maintained regex-set library): greenery takes about
half a second to build the automaton of one 30-character pattern, and a comparison builds hundreds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache

from iamkb.core.matching import ARN_HEAD_SEGMENTS, is_arn_pattern
from iamkb.core.variables import GLOB, VAR, tokenize

# Unit kinds of a compiled pattern.
LITERAL, ONE, STAR, VARIABLE = "literal", "one", "star", "variable"
# A wildcard's reach: any character, or any but `:` (inside an ARN's first five fields).
ANYWHERE, IN_FIELD = "anywhere", "in-field"


@dataclass(frozen=True)
class Unit:
    kind: str
    text: str = ""  # LITERAL: the character; VARIABLE: the variable as `${key}` or `${key, 'default'}`
    reach: str = ANYWHERE  # ONE and STAR


@dataclass(frozen=True)
class Pattern:
    """A compiled wildcard pattern; `source` is the text as the policy wrote it."""

    source: str
    units: tuple[Unit, ...]

    @property
    def has_variables(self) -> bool:
        return any(u.kind == VARIABLE for u in self.units)


@cache
def compile_pattern(
    text: str, *, arn: bool | None = None, fold_case: bool = False, variables: bool = True, wildcards: bool = True
) -> Pattern:
    """Compile IAM wildcard text; `arn=None` decides by the colons, as the simulator does.

    `wildcards=False` reads `*` and `?` as themselves (StringEquals values).
    """
    tokens = tokenize(text, variables)
    if arn is None:
        arn = is_arn_pattern(tokens)
    units: list[Unit] = []
    colons = 0
    for token in tokens:
        if token.kind == VAR:
            shown = "${" + token.text + ("" if token.default is None else ", '" + token.default + "'") + "}"
            units.append(Unit(VARIABLE, shown.lower() if fold_case else shown))
            continue
        for char in token.text:
            reach = IN_FIELD if arn and colons < ARN_HEAD_SEGMENTS else ANYWHERE
            if wildcards and token.kind == GLOB and char == "*":
                units.append(Unit(STAR, reach=reach))
            elif wildcards and token.kind == GLOB and char == "?":
                units.append(Unit(ONE, reach=reach))
            else:
                if char == ":":
                    colons += 1
                units.append(Unit(LITERAL, char.lower() if fold_case else char))
    return Pattern(text, tuple(units))


def action_pattern(text: str) -> Pattern:
    """An Action / NotAction entry: case-insensitive, never an ARN, no policy variables."""
    return compile_pattern(text, arn=False, fold_case=True, variables=False)


# --- the automaton walk ---------------------------------------------------------------------------
# A symbol is ("char", c) for a concrete character or ("var", text) for a policy variable's value.
# NFA states are (pattern index, unit index); unit index == len(units) means "matched to the end".


def _accepts(unit: Unit, symbol: tuple[str, str], covering: bool) -> bool:
    kind, value = symbol
    if unit.kind == LITERAL:
        return kind == "char" and value == unit.text
    if unit.kind == VARIABLE:
        return kind == "var" and value == unit.text
    if kind == "var":  # an unknown value: only a covering `*` that may cross colons is sure to take it
        return covering and unit.kind == STAR and unit.reach == ANYWHERE
    return unit.reach == ANYWHERE or value != ":"


def _closure(patterns: tuple[Pattern, ...], states) -> frozenset:
    """States plus everything reachable by letting a `*` match nothing."""
    result = set(states)
    todo = list(states)
    while todo:
        p, i = todo.pop()
        units = patterns[p].units
        if i < len(units) and units[i].kind == STAR and (p, i + 1) not in result:
            result.add((p, i + 1))
            todo.append((p, i + 1))
    return frozenset(result)


def _step(patterns: tuple[Pattern, ...], states: frozenset, symbol, covering: bool) -> frozenset:
    moved = set()
    for p, i in states:
        units = patterns[p].units
        if i == len(units):
            continue
        unit = units[i]
        if _accepts(unit, symbol, covering):
            moved.add((p, i) if unit.kind == STAR else (p, i + 1))
    return _closure(patterns, moved)


def _start(patterns: tuple[Pattern, ...]) -> frozenset:
    return _closure(patterns, {(p, 0) for p in range(len(patterns))})


def _final(patterns: tuple[Pattern, ...], states: frozenset) -> bool:
    return any(i == len(patterns[p].units) for p, i in states)


def _alphabet(patterns: tuple[Pattern, ...]) -> list[tuple[str, str]]:
    """One symbol per kind of character the patterns tell apart, plus each variable."""
    chars = {":"}
    variables = set()
    for pattern in patterns:
        for unit in pattern.units:
            if unit.kind == LITERAL:
                chars.add(unit.text)
            elif unit.kind == VARIABLE:
                variables.add(unit.text)
    fresh = next(c for c in "x0_~abcdefghijklmnopqrstuvwyz123456789" + "".join(map(chr, range(0x100, 0x200))) if c not in chars)
    return [("char", c) for c in sorted(chars | {fresh})] + [("var", v) for v in sorted(variables)]


def uncovered_example(included: Pattern, covering: list[Pattern] | tuple[Pattern, ...]) -> str | None:
    """A shortest string `included` matches and no pattern of `covering` does; None when there is none.

    The example uses one stand-in character for "any character the patterns do not name".
    """
    return _uncovered_example(included, tuple(covering))


def _accepts_any_rest(patterns: tuple[Pattern, ...], states: frozenset) -> bool:
    """Whether some state has only crossing `*`s left: every continuation then matches."""
    return any(
        i < len(patterns[p].units) and all(u.kind == STAR and u.reach == ANYWHERE for u in patterns[p].units[i:])
        for p, i in states
    )


@cache
def _uncovered_example(included: Pattern, covering: tuple[Pattern, ...]) -> str | None:
    a = (included,)
    b = covering
    if any(c.units == included.units for c in covering):
        return None
    alphabet = _alphabet(a + b)
    start = (_start(a), _start(b))
    seen = {start}
    queue = deque([(start, "")])
    while queue:
        (sa, sb), text = queue.popleft()
        if _final(a, sa) and not _final(b, sb):
            return text
        if _accepts_any_rest(b, sb):
            continue  # B matches whatever follows: no counterexample down this path
        for symbol in alphabet:
            na = _step(a, sa, symbol, covering=False)
            if not na:
                continue
            nb = _step(b, sb, symbol, covering=True)
            if (na, nb) not in seen:
                seen.add((na, nb))
                queue.append(((na, nb), text + symbol[1]))
    return None


def includes(covering: Pattern | list[Pattern] | tuple[Pattern, ...], included: Pattern) -> bool:
    """Whether every string `included` matches is matched by `covering` (one pattern or a union)."""
    union = [covering] if isinstance(covering, Pattern) else list(covering)
    return uncovered_example(included, union) is None


def _without_variables(pattern: Pattern) -> Pattern:
    units = tuple(Unit(STAR) if u.kind == VARIABLE else u for u in pattern.units)
    return Pattern(pattern.source, units)


@cache
def overlaps(first: Pattern, second: Pattern) -> bool:
    """Whether some string may match both (variables count as `*`, so "may" errs towards yes)."""
    a, b = (_without_variables(first),), (_without_variables(second),)
    alphabet = _alphabet(a + b)
    start = (_start(a), _start(b))
    seen = {start}
    todo = [start]
    while todo:
        sa, sb = todo.pop()
        if _final(a, sa) and _final(b, sb):
            return True
        for symbol in alphabet:
            nxt = (_step(a, sa, symbol, covering=False), _step(b, sb, symbol, covering=False))
            if nxt[0] and nxt[1] and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False
