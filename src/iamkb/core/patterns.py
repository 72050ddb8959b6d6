"""IAM wildcard patterns, the one reading of `*` and `?` for every command.

A pattern is an Action or NotAction entry, a Resource or NotResource entry, or a value of a `...Like`
or `Arn...` condition. `compile_pattern` reads one (the policy variables with
`iamkb.core.variables.tokenize`) into a `Pattern`: a sequence of units, each a literal character, `?`
(one character), `*` (any run of characters) or a policy variable. The same units answer every question
asked of a pattern:

* `Pattern.matches(value, context)` and `PatternSet`: does it match this string? A regex built from the
  units, with variables filled from the request (the simulator's question; fast).
* `includes(covering, included)`, `uncovered_example`: is every match of one a match of the other (or of a
  union)? `overlaps`: can one string match both? (`iamkb compare`; decided exactly, see below.)
* `action_test`, `action_matches`, `ActionSet`: does this Action entry take this action name? (the lint,
  `iamkb grants`, `iamkb compare` and the simulator; the catalog's `Service.match_actions` too).

The rules, for all of them:

* Every character other than `*` and `?` is literal (`.` or `[` never act as regex syntax). A variable's
  value is literal too, so a user name containing `*` cannot widen a grant; `${*}`, `${?}`, `${$}` are
  the literal characters.
* Actions (`action_pattern`) compare case-insensitively and have no variables; resources and condition
  values compare case-sensitively.
* Where a wildcard may reach in an ARN (`Reach.FIELD`, IAM's reading and the simulator's): a pattern whose
  own text starts with `arn:` is an ARN pattern; a wildcard in its first five `:`-separated fields
  (arn, partition, service, region, account) stays inside its field (does not match `:`); in the sixth,
  the resource, it runs across `/` and `:`. The fields are counted on the policy's literal text, never on
  a variable's value. Any other pattern (`*`, a condition value, an action) is matched as a whole.
  So `arn:aws:s3:*` keeps its `*` in the region field and cannot match a full ARN.
* `Reach.WIDE` lets every wildcard run anywhere. It is the lint's reading when it compares a policy ARN with
  a catalog ARN template (`iamkb.core.arns`), where the answer that matters is "this entry can fit no
  resource type". Each unit of the wide reading accepts a superset of what it accepts under the field
  reading, so the wide language contains the narrow one: when the wide reading cannot overlap a template,
  neither can IAM's, and a "matches nothing" finding is never false. (It is also wider than needed on
  purpose: the catalog omits resource types, and the narrow reading turns those gaps into hundreds of false
  findings on AWS's own managed policies.) With `placeholders=True` a `<placeholder>`
  (`iamkb.core.placeholders`) is kept as one unit, which that comparison reads as one field value; every
  other reading takes it as the literal text it is to IAM.

Containment walks the included pattern's automaton (one state per unit) and the subset construction of the
covering union side by side, looking for a string the first matches and the union does not. It needs one
representative per kind of character: each literal of either side, `:` and one character neither names, so
the walk stays tiny. A variable stands for a value known only at request time: on the included side it is
an opaque symbol; the covering side matches it only with the same variable or with a `*` that may run
across colons. For overlap, where "may overlap" is the safe answer, a variable counts as `*`.
Hand-written rather than greenery (the one maintained regex-set library): greenery takes about half a
second to build the automaton of one 30-character pattern, and a comparison builds hundreds.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from functools import cache, lru_cache
from typing import NamedTuple

from iamkb.core.placeholders import PLACEHOLDER
from iamkb.core.variables import GLOB, VAR, Token, Unresolved, tokenize, variable_value

ARN_HEAD_FIELDS = 5  # arn:partition:service:region:account, then the resource


class Reach(Enum):
    """How far a wildcard in an ARN pattern may reach (see the module docstring)."""

    FIELD = "field"  # IAM's: inside its field in the first five fields
    WIDE = "wide"  # anywhere: the lint's reading against catalog ARN templates


# Unit kinds of a compiled pattern.
LITERAL, ONE, STAR, VARIABLE, PLACEHOLDER_UNIT = "literal", "one", "star", "variable", "placeholder"
# A wildcard unit's reach: any character, or any but `:` (inside one of an ARN's first five fields).
ANYWHERE, IN_FIELD = "anywhere", "in-field"
_REGEX = {(STAR, ANYWHERE): ".*", (STAR, IN_FIELD): "[^:]*", (ONE, ANYWHERE): ".", (ONE, IN_FIELD): "[^:]"}


class Unit(NamedTuple):
    kind: str
    text: str = ""  # LITERAL: the character; VARIABLE: `${key}` or `${key, 'default'}`; PLACEHOLDER_UNIT: `<name>`
    reach: str = ANYWHERE  # ONE and STAR
    token: Token | None = None  # VARIABLE: what to look up in a request


class Pattern:
    """A compiled wildcard pattern; `source` is the text as the policy wrote it.

    Equal when the units are (`S3:Get*` and `s3:get*` as actions); the hash is computed once, because
    compare's containment questions are cached on patterns. A plain class with slots, not a dataclass:
    the lint imports this module on every cold start.
    """

    __slots__ = ("_fullmatch", "_hash", "_pieces_cache", "fold_case", "source", "units")

    def __init__(self, source: str, units: tuple[Unit, ...], fold_case: bool = False):
        self.source = source
        self.units = units
        self.fold_case = fold_case  # the units are lower-cased and so is the value matched against them
        self._hash = hash((units, fold_case))
        self._pieces_cache: tuple[str | Token, ...] | None = None
        self._fullmatch: Callable[[str], re.Match | None] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pattern) and self.units == other.units and self.fold_case == other.fold_case

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Pattern({self.source!r})"

    @property
    def has_variables(self) -> bool:
        return any(u.kind == VARIABLE for u in self.units)

    @property
    def is_literal(self) -> bool:
        """No wildcard and no variable: the pattern matches exactly one string."""
        return all(u.kind in (LITERAL, PLACEHOLDER_UNIT) for u in self.units)

    @property
    def _pieces(self) -> tuple[str | Token, ...]:
        """Regex source, with each variable left as its token to fill in per request."""
        if self._pieces_cache is None:
            pieces: list[str | Token] = []
            run: list[str] = []
            for unit in self.units:
                if unit.kind == VARIABLE:
                    pieces.append("".join(run))
                    run = []
                    assert unit.token is not None
                    pieces.append(unit.token)
                elif unit.kind in (STAR, ONE):
                    run.append(_REGEX[unit.kind, unit.reach])
                else:
                    run.append(re.escape(unit.text))
            pieces.append("".join(run))
            self._pieces_cache = tuple(p for p in pieces if p != "")
        return self._pieces_cache

    def regex_source(self, context: dict | None = None) -> str:
        """Regex source (for fullmatch, DOTALL) with variables filled from `context`.

        Raises variables.Unresolved when a variable has no value and no default.
        """
        values = context or {}
        parts = []
        for piece in self._pieces:
            if isinstance(piece, str):
                parts.append(piece)
            else:
                value = variable_value(piece, values)
                parts.append(re.escape(value.lower() if self.fold_case else value))
        return "".join(parts)

    def matches(self, value: str, context: dict | None = None) -> bool:
        """Whether the pattern matches `value` in a request with these context values."""
        if self.fold_case:
            value = value.lower()
        if not self.has_variables:
            if self._fullmatch is None:
                self._fullmatch = compile_alternatives((self.regex_source(),)).fullmatch
            return self._fullmatch(value) is not None
        try:
            regex = compile_alternatives((self.regex_source(context),))
        except Unresolved:
            return False  # a variable without a value: the pattern matches nothing
        return regex.fullmatch(value) is not None


def is_arn_pattern(tokens: tuple[Token, ...]) -> bool:
    """Whether the policy's own text starts like an ARN (`arn:`), so it is read field by field."""
    return bool(tokens) and tokens[0].kind != VAR and tokens[0].text.startswith("arn:")


@cache
def compile_pattern(
    text: str,
    *,
    arn: bool | None = None,
    fold_case: bool = False,
    variables: bool = True,
    wildcards: bool = True,
    reach: Reach = Reach.FIELD,
    placeholders: bool = False,
) -> Pattern:
    """Compile IAM wildcard text; `arn=None` decides by the text (`is_arn_pattern`).

    `variables=False` reads `${...}` as text (policy language 2008-10-17, Action entries);
    `wildcards=False` reads `*` and `?` as themselves (StringEquals values).
    """
    return compile_tokens(
        tokenize(text, variables),
        text,
        arn=arn,
        fold_case=fold_case,
        wildcards=wildcards,
        reach=reach,
        placeholders=placeholders,
    )


def compile_tokens(
    tokens: tuple[Token, ...],
    source: str | None = None,
    *,
    arn: bool | None = None,
    fold_case: bool = False,
    wildcards: bool = True,
    reach: Reach = Reach.FIELD,
    placeholders: bool = False,
) -> Pattern:
    """Compile an already tokenized value (the simulator's conditions keep their tokens)."""
    if arn is None:
        arn = is_arn_pattern(tokens)
    if source is None:
        source = "".join(_shown(t) if t.kind == VAR else t.text for t in tokens)
    units: list[Unit] = []
    colons = 0
    for token in tokens:
        if token.kind == VAR:
            shown = _shown(token)
            units.append(Unit(VARIABLE, shown.lower() if fold_case else shown, token=token))
            continue
        text = token.text.lower() if fold_case else token.text
        glob = wildcards and token.kind == GLOB
        spans = {m.start(): m.end() for m in PLACEHOLDER.finditer(text)} if placeholders and glob else {}
        position = 0
        while position < len(text):
            if position in spans:  # a placeholder never holds `:`, so the field count is unchanged
                units.append(Unit(PLACEHOLDER_UNIT, text[position : spans[position]]))
                position = spans[position]
                continue
            char = text[position]
            position += 1
            if glob and char in "*?":
                in_field = arn and reach is Reach.FIELD and colons < ARN_HEAD_FIELDS
                units.append(Unit(STAR if char == "*" else ONE, reach=IN_FIELD if in_field else ANYWHERE))
                continue
            if char == ":":
                colons += 1
            units.append(Unit(LITERAL, char))
    return Pattern(source, tuple(units), fold_case)


def _shown(token: Token) -> str:
    return "${" + token.text + ("" if token.default is None else ", '" + token.default.replace("'", "''") + "'") + "}"


# --- matching strings: regexes ---------------------------------------------------------------------


@lru_cache(maxsize=16384)
def compile_alternatives(sources: tuple[str, ...]) -> re.Pattern:
    """One compiled regex matching any of `sources` (used with fullmatch)."""
    if len(sources) == 1:
        return re.compile(sources[0], re.DOTALL)
    return re.compile("|".join(f"(?:{s})" for s in sources), re.DOTALL)


class PatternSet:
    """The patterns of one policy element (a Resource list, a condition's values) matched as one regex.

    Patterns without variables are compiled once here; with variables, the regex is built per request from
    the looked-up values (and cached by its source text). All patterns fold case or none do.
    """

    __slots__ = ("_fold", "_static", "match_all", "patterns")

    def __init__(self, patterns: Sequence[Pattern]):
        self.patterns = tuple(patterns)
        self.match_all = any(p.units == (Unit(STAR),) for p in self.patterns)
        folds = {p.fold_case for p in self.patterns}
        if len(folds) > 1:
            raise ValueError("a PatternSet's patterns must all fold case or none")
        self._fold = folds == {True}
        self._static: Callable[[str], re.Match | None] | None = None
        if not any(p.has_variables for p in self.patterns):
            sources = tuple(p.regex_source() for p in self.patterns)
            fullmatch = compile_alternatives(sources).fullmatch if sources else _never
            self._static = (lambda value: fullmatch(value.lower())) if self._fold else fullmatch

    @classmethod
    def from_tokens(cls, token_lists: Iterable[tuple[Token, ...]], arn: bool | None = None) -> PatternSet:
        """Patterns from tokenized values; `arn=None` decides per value by its text."""
        return cls([compile_tokens(tokens, arn=arn) for tokens in token_lists])

    def matches(self, value: str, context: dict | None = None) -> bool:
        if self.match_all:
            return True
        if self._static is not None:
            return self._static(value) is not None
        if self._fold:
            value = value.lower()
        sources = []
        for pattern in self.patterns:
            try:
                sources.append(pattern.regex_source(context))
            except Unresolved:
                continue  # this pattern cannot match; the others still can
        return bool(sources) and compile_alternatives(tuple(sources)).fullmatch(value) is not None

    def unresolved(self, context: dict) -> list[str]:
        """Variables with no value and no default (for explanations)."""
        missing = []
        for pattern in self.patterns:
            for unit in pattern.units:
                if unit.token is not None:
                    try:
                        variable_value(unit.token, context)
                    except Unresolved:
                        missing.append(unit.token.text)
        return missing


def _never(_value: str) -> None:
    return None


# --- actions ---------------------------------------------------------------------------------------


def action_pattern(text: str) -> Pattern:
    """An Action / NotAction entry: case-insensitive, never an ARN, no policy variables."""
    return compile_pattern(text, arn=False, fold_case=True, variables=False)


def has_wildcard(text: str) -> bool:
    """Whether an Action entry has a wildcard (actions have no variables)."""
    return "*" in text or "?" in text


def action_test(pattern: str) -> Callable[[str], bool]:
    """A test `f(lowercase_action_name) -> bool` for an Action entry.

    The answer is `action_pattern(pattern).matches`'s. AWS policies hold thousands of distinct `Prefix*`
    entries; those become a prefix test, so a cold run does not spend its time compiling regexes.
    """
    return _action_test(pattern.lower())


@cache
def _action_test(lowered: str) -> Callable[[str], bool]:
    head, star, tail = lowered.partition("*")
    if "?" not in lowered:
        if not star:
            return lowered.__eq__
        if not tail:
            return lambda name: name.startswith(head)
    fullmatch = compile_alternatives((action_pattern(lowered).regex_source(),)).fullmatch
    return lambda name: fullmatch(name) is not None


def action_matches(pattern: str, action_name: str) -> bool:
    """Does an Action entry (possibly with wildcards) take the action `service:Name`? Case-insensitive."""
    return _action_test(pattern.lower())(action_name.lower())


def action_includes(covering: str, included: str) -> bool:
    """Does Action entry `covering` take every action entry `included` takes (today's and future ones)?"""
    return includes(action_pattern(covering), action_pattern(included))


class ActionSet:
    """An Action (or NotAction) list indexed for "does it take this action?".

    Security checks and the simulator ask this for many names, and AWS policies list hundreds of actions,
    so literals go in a dict and patterns are grouped by their service prefix ('' when the prefix has a
    wildcard or there is no colon). Entries are referred to by their position in the list.
    """

    def __init__(self, entries: Iterable[str]):
        self.entries = tuple(entries)
        self.literals: dict[str, int] = {}
        self.by_prefix: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            lowered = entry.lower()
            if not has_wildcard(lowered):
                self.literals.setdefault(lowered, index)
                continue
            prefix, colon, _ = lowered.partition(":")
            key = prefix if colon and not has_wildcard(prefix) else ""
            self.by_prefix.setdefault(key, []).append(index)

    def _candidates(self, lowered: str) -> list[int]:
        prefix, colon, _ = lowered.partition(":")
        own = self.by_prefix.get(prefix, []) if colon and not has_wildcard(prefix) else []
        return own + self.by_prefix.get("", [])

    def taking(self, action_name: str) -> int | None:
        """The position of an entry that takes the action name, or None."""
        lowered = action_name.lower()
        found = self.literals.get(lowered)
        if found is not None:
            return found
        return next((i for i in self._candidates(lowered) if _action_test(self.entries[i].lower())(lowered)), None)

    def matches(self, action_name: str) -> bool:
        return self.taking(action_name) is not None

    def covering(self, entry: str, besides: int | None = None) -> int | None:
        """An entry (other than position `besides`, and not `entry` itself repeated) that takes every
        action `entry` takes: for a name, one that matches it; for a pattern, one that includes it."""
        lowered = entry.lower()
        if not has_wildcard(lowered):
            return next(
                (
                    i
                    for i in self._candidates(lowered)
                    if i != besides and _action_test(self.entries[i].lower())(lowered)
                ),
                None,
            )
        return next(
            (
                i
                for i in self._candidates(lowered)
                if i != besides and self.entries[i].lower() != lowered and action_includes(self.entries[i], lowered)
            ),
            None,
        )


@cache
def action_set(entries: tuple[str, ...]) -> ActionSet:
    """The ActionSet of an Action list, built once per distinct list."""
    return ActionSet(entries)


# --- containment and overlap: the automaton walk ---------------------------------------------------
# A symbol is ("char", c) for a concrete character or ("var", text) for a policy variable's value.
# Each side is a tuple of unit sequences; NFA states are (sequence index, unit index), and unit index ==
# len(units) means "matched to the end".

Units = tuple[Unit, ...]


def _walk_units(pattern: Pattern) -> Units:
    """The units as IAM reads them: a placeholder is its literal text."""
    if all(u.kind != PLACEHOLDER_UNIT for u in pattern.units):
        return pattern.units
    return tuple(
        unit
        for u in pattern.units
        for unit in ([Unit(LITERAL, c) for c in u.text] if u.kind == PLACEHOLDER_UNIT else [u])
    )


def _accepts(unit: Unit, symbol: tuple[str, str], covering: bool) -> bool:
    kind, value = symbol
    if unit.kind == LITERAL:
        return kind == "char" and value == unit.text
    if unit.kind == VARIABLE:
        return kind == "var" and value == unit.text
    if kind == "var":  # an unknown value: only a covering `*` that may cross colons is sure to take it
        return covering and unit.kind == STAR and unit.reach == ANYWHERE
    return unit.reach == ANYWHERE or value != ":"


def _closure(sides: tuple[Units, ...], states) -> frozenset:
    """States plus everything reachable by letting a `*` match nothing."""
    result = set(states)
    todo = list(states)
    while todo:
        p, i = todo.pop()
        units = sides[p]
        if i < len(units) and units[i].kind == STAR and (p, i + 1) not in result:
            result.add((p, i + 1))
            todo.append((p, i + 1))
    return frozenset(result)


def _step(sides: tuple[Units, ...], states: frozenset, symbol, covering: bool) -> frozenset:
    moved = set()
    for p, i in states:
        units = sides[p]
        if i == len(units):
            continue
        unit = units[i]
        if _accepts(unit, symbol, covering):
            moved.add((p, i) if unit.kind == STAR else (p, i + 1))
    return _closure(sides, moved)


def _start(sides: tuple[Units, ...]) -> frozenset:
    return _closure(sides, {(p, 0) for p in range(len(sides))})


def _final(sides: tuple[Units, ...], states: frozenset) -> bool:
    return any(i == len(sides[p]) for p, i in states)


_FRESH = "x0_~abcdefghijklmnopqrstuvwyz123456789" + "".join(map(chr, range(0x100, 0x200)))


def _alphabet(sides: tuple[Units, ...]) -> list[tuple[str, str]]:
    """One symbol per kind of character the patterns tell apart, plus each variable."""
    chars = {":"}
    variables = set()
    for units in sides:
        for unit in units:
            if unit.kind == LITERAL:
                chars.add(unit.text)
            elif unit.kind == VARIABLE:
                variables.add(unit.text)
    fresh = _fresh(sides)
    return [("char", c) for c in sorted(chars | {fresh})] + [("var", v) for v in sorted(variables)]


def uncovered_example(included: Pattern, covering: Sequence[Pattern]) -> str | None:
    """A shortest string `included` matches and no pattern of `covering` does; None when there is none.

    The example uses one stand-in character for "any character the patterns do not name".
    """
    return _uncovered_example(included, tuple(covering))


def _accepts_any_rest(sides: tuple[Units, ...], states: frozenset) -> bool:
    """Whether some state has only crossing `*`s left: every continuation then matches."""
    return any(
        i < len(sides[p]) and all(u.kind == STAR and u.reach == ANYWHERE for u in sides[p][i:]) for p, i in states
    )


def _symbols_taken(sides: tuple[Units, ...], states: frozenset, alphabet: list[tuple[str, str]]):
    """The symbols worth trying from `states`: all of them next to a wildcard, otherwise only the literals
    and variables the states expect. Along a run of literal text (most of an ARN) this is one symbol
    instead of the whole alphabet, which is what keeps comparing long ARNs cheap."""
    expected = set()
    for p, i in states:
        units = sides[p]
        if i == len(units):
            continue
        unit = units[i]
        if unit.kind in (STAR, ONE):
            return alphabet
        expected.add(("char" if unit.kind == LITERAL else "var", unit.text))
    return [symbol for symbol in alphabet if symbol in expected]


def _fixed_ends(units: Units) -> tuple[str, str]:
    """The literal text before the first and after the last unit that is not a literal character."""
    kinds = [u.kind == LITERAL for u in units]
    first = kinds.index(False) if False in kinds else len(units)
    last = len(units) - kinds[::-1].index(False) if False in kinds else 0
    return "".join(u.text for u in units[:first]), "".join(u.text for u in units[last:])


def _fixed_ends_agree(covering: Units, included: Units) -> bool:
    """Whether `covering` may match some string of `included`: every such string starts with the included
    pattern's fixed start and ends with its fixed end, so one of each pair must be a prefix (suffix) of the
    other."""
    (start_b, end_b), (start_a, end_a) = _fixed_ends(covering), _fixed_ends(included)
    starts = start_a.startswith(start_b) or start_b.startswith(start_a)
    return starts and (end_a.endswith(end_b) or end_b.endswith(end_a))


def _shortest_uncovered(included: Units, covering: tuple[Units, ...]) -> str | None:
    """The included pattern's shortest string (every `*` empty, every `?` one stand-in character) when no
    covering pattern matches it: no string of the pattern is shorter, so it is a shortest example, found
    without the walk. Patterns with variables are left to the walk."""
    if any(u.kind == VARIABLE for u in included):
        return None
    fresh = _fresh((included, *covering))
    symbols = [("char", u.text if u.kind == LITERAL else fresh) for u in included if u.kind != STAR]
    states = _start(covering)
    for symbol in symbols:
        if not states:
            break
        states = _step(covering, states, symbol, covering=True)
    return None if _final(covering, states) else "".join(text for _, text in symbols)


def _fresh(sides: tuple[Units, ...]) -> str:
    """A character none of the patterns names (never `:`), standing for "any other character"."""
    named = {":"} | {u.text for units in sides for u in units if u.kind == LITERAL}
    return next(c for c in _FRESH if c not in named)


@cache
def _uncovered_example(included: Pattern, covering: tuple[Pattern, ...]) -> str | None:
    a = (_walk_units(included),)
    b = tuple(_walk_units(c) for c in covering)
    if a[0] in b:
        return None
    # A covering pattern whose fixed start or end disagrees with the included one's matches none of its
    # strings: leaving it out changes neither the answer nor the shortest example, and the walk gets cheap.
    b = tuple(units for units in b if _fixed_ends_agree(units, a[0]))
    shortest = _shortest_uncovered(a[0], b)
    if shortest is not None:
        return shortest
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
        for symbol in _symbols_taken(a, sa, alphabet):
            na = _step(a, sa, symbol, covering=False)
            if not na:
                continue
            nb = _step(b, sb, symbol, covering=True)
            if (na, nb) not in seen:
                seen.add((na, nb))
                queue.append(((na, nb), text + symbol[1]))
    return None


def includes(covering: Pattern | Sequence[Pattern], included: Pattern) -> bool:
    """Whether every string `included` matches is matched by `covering` (one pattern or a union)."""
    union = [covering] if isinstance(covering, Pattern) else list(covering)
    return uncovered_example(included, union) is None


def _without_variables(units: Units) -> Units:
    return tuple(Unit(STAR) if u.kind == VARIABLE else u for u in units)


@cache
def overlaps(first: Pattern, second: Pattern) -> bool:
    """Whether some string may match both (variables count as `*`, so "may" errs towards yes)."""
    a, b = (_without_variables(_walk_units(first)),), (_without_variables(_walk_units(second)),)
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
