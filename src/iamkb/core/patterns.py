"""IAM wildcard patterns, the one reading of `*` and `?` for every command.

A pattern is an Action or NotAction entry, a Resource or NotResource entry, or a value of a `...Like`
or `Arn...` condition. `compile_pattern` reads one (the policy variables with
`iamkb.core.variables.tokenize`) into a `Pattern`: a sequence of units, each a literal character, `?`
(one character), `*` (any run of characters) or a policy variable. The same units answer every question
asked of a pattern:

* `Pattern.matches(value, context)` and `PatternSet`: does it match this string? A regex built from the
  units, with variables filled from the request (the simulator's question; fast).
* `containment`, `includes(covering, included)`, `uncovered_example`: is every match of one a match of the
  other (or of a union)? `overlaps`: can one string match both? (`iamkb compare`; see below.)
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

Policy text is untrusted, so no question may take more than polynomial time, whatever the pattern:
`*?*?*?...X` and `a*a*a*...b` are the classic inputs that make a backtracking matcher exponential.

* Matching (`Pattern._pieces`): the regex matches each star-free segment at its leftmost place inside an
  atomic group, so the engine never backtracks across a `*`: at most len(pattern) x len(string) steps,
  linear in practice, as fast as before on ordinary patterns (one regex, compiled once).
* Containment (`containment`) walks one state of the included pattern's line automaton against the set
  of states of the covering union, exactly, with canonical sets and antichain pruning; it is linear on the
  hostile families and on the managed policies, and has a work bound linear in the patterns' size, past
  which the answer is "not proven" (`covered=None`), never a wrong "covered". Its docstring says on which
  patterns the walk is polynomial and why the others get a bound instead.
* Overlap (`overlaps`) searches pairs of single states: at most len x len pairs, with the same kind of
  bound (past it, "may overlap").

A variable stands for a value known only at request time: in containment, on the included side it is an
opaque symbol; the covering side matches it only with the same variable or with a `*` that may run across
colons. For overlap, where "may overlap" is the safe answer, a variable counts as `*`. Hand-written rather
than greenery (the one maintained regex-set library): greenery takes about half a second to build the
automaton of one 30-character pattern, and a comparison builds hundreds.
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
        """Regex source, with each variable left as its token to fill in per request.

        The pattern is cut at its `*`s into segments (literals, `?`s and variables, each of a fixed length
        once the variables are filled): `seg0 * seg1 * ... * segK`. The first segment must match at the
        start, the last at the end, and each middle one is looked for at its leftmost place after the one
        before, inside an atomic group `(?>.*?seg)`, so the regex engine never goes back to try a later
        place. Leftmost is always right: a later place only leaves less of the string for the rest of the
        pattern. (For a `*` kept inside an ARN field, `[^:]*?`, this still holds: such stars come before
        every star that may cross colons, and a segment that has to match a `:` has only one place in the
        field.) So each segment is tried at most once per position of the string: matching costs at most
        len(pattern) x len(string) character comparisons, however many `*`s there are, where the plain
        backtracking regex `.*a.*a.*a...` took time exponential in their number.
        """
        if self._pieces_cache is None:
            segments: list[list[Unit]] = [[]]
            stars: list[str] = []  # the reach of the `*`s before segments[1], segments[2], ...
            for unit in self.units:
                if unit.kind != STAR:
                    segments[-1].append(unit)
                elif stars and not segments[-1]:  # `**`: one star, crossing colons if either does
                    stars[-1] = ANYWHERE if ANYWHERE in (stars[-1], unit.reach) else IN_FIELD
                else:
                    stars.append(unit.reach)
                    segments.append([])
            pieces: list[str | Token] = []
            _append_segment(pieces, segments[0])
            for number, reach in enumerate(stars, start=1):
                star = _REGEX[STAR, reach]
                if number < len(stars):
                    pieces.append("(?>" + star + "?")
                    _append_segment(pieces, segments[number])
                    pieces.append(")")
                else:
                    pieces.append(star)
                    _append_segment(pieces, segments[number])
            merged: list[str | Token] = []
            run: list[str] = []
            for piece in pieces:
                if isinstance(piece, str):
                    run.append(piece)
                else:
                    merged += ["".join(run), piece]
                    run = []
            merged.append("".join(run))
            self._pieces_cache = tuple(p for p in merged if p != "")
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


def _append_segment(pieces: list[str | Token], units: list[Unit]) -> None:
    """The regex of a star-free run of units (literals escaped, each variable left as its token)."""
    for unit in units:
        if unit.kind == VARIABLE:
            assert unit.token is not None
            pieces.append(unit.token)
        elif unit.kind == ONE:
            pieces.append(_REGEX[ONE, unit.reach])
        else:
            pieces.append(re.escape(unit.text))


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

    def matching(self, action_names: Iterable[str]) -> set[str]:
        """The names (as given) that some entry takes: `matches` for many names at once (a comparison asks
        it for every catalog action), with the patterns that may apply looked up once per service."""
        found = set()
        tests: dict[tuple[str, str], list[Callable[[str], bool]]] = {}
        for name in action_names:
            lowered = name.lower()
            if lowered in self.literals:
                found.add(name)
                continue
            prefix, colon, _ = lowered.partition(":")
            candidates = tests.get((prefix, colon))
            if candidates is None:
                candidates = [_action_test(self.entries[i].lower()) for i in self._candidates(lowered)]
                tests[(prefix, colon)] = candidates
            if any(test(lowered) for test in candidates):
                found.add(name)
        return found

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


# --- containment and overlap: walks over linear automata ---------------------------------------------
# A pattern is read as a chain of states 0..N: one per literal symbol, and q + 1 per gap (a maximal run of
# `?`s and `*`s of one reach: q is its number of `?`s, the counter says how many characters it has taken so
# far). A literal state steps to the next state on its symbol; a gap state steps to the next counter on any
# character its reach allows; a full counter of a gap with a `*` (`flexible`) loops, and a full counter
# steps on to the next state without a character. State N is the end. So the automaton of a pattern is a
# line with self-loops: `*?*?*?` is one gap of three, not six states with choices between them.
# A symbol is a character (a string of length 1) or a policy variable (its `${...}` text).

Units = tuple[Unit, ...]
_ANTICHAIN_SCAN = 32  # how many earlier sets of one state a new set is compared with
_BUDGET_BASE, _BUDGET_PER_STATE = 10_000, 16


class _Chain:
    """The linear automaton of one pattern, or of a union (chains laid end to end).

    Per state: `lit` its literal symbol (None for a gap state or an end); `wild` 0 for no gap, 1 for a gap
    that stays in an ARN field (not `:`), 2 for one that takes any character; `nxt` where a character a gap
    state takes leads (-1: none); `eps` whether it steps on without a character (a full counter);
    `transient` a full counter of a gap without `*` (nothing but that step); `var` whether it takes a
    policy variable's value and stays (a crossing gap with a `*`: the `*` takes any value whole); `dom`
    for a counter of a flexible gap, the lowest state it dominates (-1 otherwise: see `_canonical`);
    `final` the end states; `universal` the states after which anything at all matches.
    """

    __slots__ = ("dom", "eps", "final", "lit", "nxt", "starts", "transient", "universal", "var", "wild")

    def __init__(self, sides: Sequence[Units]):
        self.lit: list[str | None] = []
        self.wild: list[int] = []
        self.nxt: list[int] = []
        self.eps: list[bool] = []
        self.transient: list[bool] = []
        self.var: list[bool] = []
        self.dom: list[int] = []
        self.final: list[bool] = []
        self.universal: list[bool] = []
        self.starts: list[int] = []
        for units in sides:
            self._add(units)

    def _add(self, units: Units) -> None:
        start = len(self.lit)
        self.starts.append(start)
        items = _items(units)
        field_start = start  # where the current run of colon-free, in-field-only states began
        for number, item in enumerate(items):
            if item[0] == "lit":
                symbol = item[1]
                self._state(symbol, 0, -1, False, False, False, -1)
                if symbol == ":" or len(symbol) > 1:
                    field_start = len(self.lit)
                continue
            _, q, flexible, anywhere = item
            base = len(self.lit)
            if anywhere:
                field_start = base + q + 1
            last = number == len(items) - 1
            for counter in range(q + 1):
                full = counter == q
                self._state(
                    None,
                    2 if anywhere else 1,
                    base + counter + 1 if not full else (base + q if flexible else -1),
                    full,
                    full and not flexible,
                    anywhere and flexible,
                    (start if anywhere else field_start) if full and flexible else base if flexible else -1,
                    universal=full and flexible and anywhere and last,
                )
        self._state(None, 0, -1, False, False, False, -1, final=True)

    def _state(self, lit, wild, nxt, eps, transient, var, dom, final=False, universal=False) -> None:
        self.lit.append(lit)
        self.wild.append(wild)
        self.nxt.append(nxt)
        self.eps.append(eps)
        self.transient.append(transient)
        self.var.append(var)
        self.dom.append(dom)
        self.final.append(final)
        self.universal.append(universal)

    def close(self, states: Iterable[int]) -> frozenset[int]:
        """States plus those reached without a character, in canonical form (`_canonical`)."""
        result = set()
        for state in states:
            while True:
                if not self.transient[state]:
                    result.add(state)
                if not self.eps[state]:
                    break
                state += 1
        return self._canonical(result)

    def _canonical(self, states: set[int]) -> frozenset[int]:
        """Drop the states another state of the set dominates (matches every string they match). A counter
        of a gap with a `*` dominates the lower counters of its gap (it needs fewer characters before the
        same rest); a full one also dominates every earlier state of its pattern (for a gap kept in its ARN
        field: every earlier state since the last `:` or variable), since what follows them can only be
        matched by `*` + the rest. The set matches the same strings, and the sets of a walk stay small: one
        open `*` and the partial matches after it."""
        dominators = [(self.dom[s], s) for s in states if self.dom[s] >= 0]
        if not dominators:
            return frozenset(states)
        return frozenset(s for s in states if not any(low <= s < top for low, top in dominators))

    def step(self, states: frozenset[int], symbol: str) -> frozenset[int]:
        moved = []
        char = len(symbol) == 1
        for state in states:
            lit = self.lit[state]
            if lit is not None:
                if lit == symbol:
                    moved.append(state + 1)
            elif char:
                wild = self.wild[state]
                if wild == 2 or (wild == 1 and symbol != ":"):
                    target = self.nxt[state]
                    if target >= 0:
                        moved.append(target)
            elif self.var[state]:
                moved.append(state)
        return self.close(moved)

    def accepting(self, states: frozenset[int]) -> bool:
        return any(self.final[s] for s in states)

    def dominated(self, smaller: frozenset[int], larger: frozenset[int]) -> bool:
        """Whether every state of `smaller` is in `larger` or dominated by a full counter of it: then
        `smaller` matches no string `larger` does not."""
        dominators = [(self.dom[s], s) for s in larger if self.dom[s] >= 0]
        return all(s in larger or any(low <= s < top for low, top in dominators) for s in smaller)

    def moves(self, state: int) -> list[int]:
        """The states a single run of the automaton may be in at `state` before reading a character."""
        found = []
        while True:
            if not self.transient[state] and not self.final[state]:
                found.append(state)
            if not self.eps[state]:
                return found
            state += 1

    def ends(self, state: int) -> bool:
        while not self.final[state]:
            if not self.eps[state]:
                return False
            state += 1
        return True


def _items(units: Units) -> list[tuple]:
    """Literal symbols and gaps: ("lit", symbol) or ("gap", number of `?`s, has a `*`, crosses colons)."""
    items: list[tuple] = []
    for unit in units:
        if unit.kind in (LITERAL, VARIABLE):
            items.append(("lit", unit.text))
            continue
        anywhere = unit.reach == ANYWHERE
        one = 1 if unit.kind == ONE else 0
        if items and items[-1][0] == "gap" and items[-1][3] == anywhere:
            _, q, flexible, _ = items[-1]
            items[-1] = ("gap", q + one, flexible or unit.kind == STAR, anywhere)
        else:
            items.append(("gap", one, unit.kind == STAR, anywhere))
    return items


_FRESH = "x0_~abcdefghijklmnopqrstuvwyz123456789" + "".join(map(chr, range(0x100, 0x200)))


def _fresh(sides: Sequence[Units]) -> str:
    """A character none of the patterns names (never `:`), standing for "any other character"."""
    named = {":"} | {u.text for units in sides for u in units if u.kind == LITERAL}
    return next(c for c in _FRESH if c not in named)


def _walk_units(pattern: Pattern) -> Units:
    """The units as IAM reads them: a placeholder is its literal text."""
    if all(u.kind != PLACEHOLDER_UNIT for u in pattern.units):
        return pattern.units
    return tuple(
        unit
        for u in pattern.units
        for unit in ([Unit(LITERAL, c) for c in u.text] if u.kind == PLACEHOLDER_UNIT else [u])
    )


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


class Containment(NamedTuple):
    """The answer to "does `covering` match every string `included` matches?".

    `covered` is True (proven), False (then `example` is a shortest string `included` matches and no
    covering pattern does) or None: the walk reached its work bound before deciding (see `containment`),
    which callers read as "not proven covered".
    """

    covered: bool | None
    example: str | None = None
    steps: int = 0  # states the walk visited (tests assert on this instead of timing it)


def containment(included: Pattern, covering: Sequence[Pattern]) -> Containment:
    """Whether every string `included` matches is matched by a pattern of `covering` (a union).

    Decided exactly by a breadth-first walk over pairs (one state of the included pattern's chain, the set
    of states of the covering union), looking for a string the first matches and the union does not; the
    first one found is a shortest one. Three things keep the walk small, and each keeps it exact:

    * the included side is one state, not a set: the walk chooses how its `*`s are filled;
    * the covering set is canonical (`_Chain._canonical`): once a covering `*` is open, earlier states of
      that pattern are dropped, so for one covering pattern the set is an open `*` plus the partial matches
      of the star-free run after it;
    * pairs are pruned by dominance (antichains): a set that matches everything an already visited set at
      the same included state matches can only lead to longer counterexamples.
    A character outside every literal the covering states expect acts like any other such character, so a
    gap of the included pattern tries only those literals, `:` and one character no pattern names.

    Cost. For one covering pattern whose star-free runs after a `*` hold no `?` between two literals (the
    runs are literal text, with `?`s only next to the `*`s), a canonical set is the last full gap, the
    longest partial match of the literal run after it (and how long ago that gap filled, up to the run's
    length) and how far the next gap's counter got: at most cubically many sets in the pattern's length,
    so the walk is polynomial; it visits about len(included) pairs on the hostile families (`*?*?*?...X`,
    `a*a*a*...b`) and fewer than a hundred on AWS's managed policies. A run such as `a??????b` after a
    `*`, or a union (whose sets combine the states of several patterns), can make the sets record
    exponentially many configurations, and we know no exact polynomial method for those (inclusion of an
    automaton in a union of automata is PSPACE-hard in general; for these line-shaped ones we found no way
    around the blow-up, with one covering pattern or several). So every walk has a work
    bound linear in the size of the patterns (`_BUDGET_BASE + _BUDGET_PER_STATE` x states, counted in
    visited pairs); past it the answer is `covered=None`, which every caller reads as "not proven
    covered": compare reports a gap and says why (`iamkb.compare.UNDECIDED`), the lint reports no
    redundancy. That answer is never wrong, only less precise, and it comes in time linear in the input
    (times the size of a covering set) whatever the input. The bound is far above what ordinary
    policies need: 4,900 comparisons of managed policies (each with itself and with two others) never came
    near it.

    A variable stands for a value known only at request time: on the included side it is an opaque symbol;
    the covering side matches it only with the same variable or with a `*` that may cross colons.
    """
    return _containment(included, tuple(covering))


@cache
def _containment(included: Pattern, covering: tuple[Pattern, ...]) -> Containment:
    a_units = _walk_units(included)
    b_units = tuple(_walk_units(c) for c in covering)
    if a_units in b_units:
        return Containment(True)
    # A covering pattern whose fixed start or end disagrees with the included one's matches none of its
    # strings: leaving it out changes neither the answer nor the shortest example, and the walk gets cheap.
    b_units = tuple(units for units in b_units if _fixed_ends_agree(units, a_units))
    fresh = _fresh((a_units, *b_units))
    a, b = _Chain([a_units]), _Chain(b_units)
    shortest = _shortest_uncovered(a, b, fresh)
    if shortest is not None:
        return Containment(False, shortest, 1)
    alphabet = sorted({u.text for units in (a_units, *b_units) for u in units if u.kind == LITERAL} | {":", fresh})
    return _walk(a, b, alphabet, _BUDGET_BASE + _BUDGET_PER_STATE * (len(a.lit) + len(b.lit)))


def _shortest_uncovered(a: _Chain, b: _Chain, fresh: str) -> str | None:
    """The included pattern's shortest string (every `*` empty, every `?` one stand-in character) when no
    covering pattern matches it: no string of the pattern is shorter, so it is a shortest example, found
    without the walk. Patterns with variables are left to the walk."""
    if any(lit is not None and len(lit) > 1 for lit in a.lit):
        return None
    symbols = [lit if lit is not None else fresh for lit, eps in zip(a.lit, a.eps, strict=True) if not eps][:-1]
    states = b.close(b.starts)
    for symbol in symbols:
        if not states:
            break
        states = b.step(states, symbol)
    return None if b.accepting(states) else "".join(symbols)


def _walk(a: _Chain, b: _Chain, alphabet: list[str], budget: int) -> Containment:
    start = (0, b.close(b.starts))
    if a.ends(0) and not b.accepting(start[1]):
        return Containment(False, "", 1)
    parent: dict[tuple[int, frozenset[int]], tuple] = {start: ()}
    antichains: dict[int, list[frozenset[int]]] = {0: [start[1]]}
    steps_cache: dict[tuple[frozenset[int], str], frozenset[int]] = {}
    queue = deque([start])
    visited = 0
    while queue:
        node = queue.popleft()
        visited += 1
        if visited > budget:
            return Containment(None, None, visited)
        state, covering = node
        if any(b.universal[s] for s in covering):
            continue  # the union matches whatever follows: no counterexample down this path
        for target, symbol in _a_steps(a, state, b, covering, alphabet):
            key = (covering, symbol)
            following = steps_cache.get(key)
            if following is None:
                following = steps_cache[key] = b.step(covering, symbol)
            pair = (target, following)
            if pair in parent:
                continue
            if a.ends(target) and not b.accepting(following):
                parent[pair] = (node, symbol)
                return Containment(False, _spelled(parent, pair), visited)
            seen = antichains.setdefault(target, [])
            if any(b.dominated(old, following) for old in seen[-_ANTICHAIN_SCAN:]):
                continue
            seen.append(following)
            parent[pair] = (node, symbol)
            queue.append(pair)
    return Containment(True, None, visited)


def _a_steps(a: _Chain, state: int, b: _Chain, covering: frozenset[int], alphabet: list[str]) -> list[tuple[int, str]]:
    """(next state, symbol) for one run of the included pattern: a literal's own symbol; for a gap, each
    character the covering states expect, `:` (where the gap may take it) and one other character, the
    first of the sorted `alphabet` (the literals of both sides, `:` and a stand-in no pattern names): the
    covering states treat every other character alike."""
    steps: list[tuple[int, str]] = []
    expected: list[str] | None = None
    for here in a.moves(state):
        lit = a.lit[here]
        if lit is not None:
            steps.append((here + 1, lit))
            continue
        if expected is None:
            named = {lit for s in covering if (lit := b.lit[s]) is not None and len(lit) == 1} | {":"}
            expected = sorted(named | {next(c for c in alphabet if c not in named)})
        target = a.nxt[here]
        steps.extend((target, c) for c in expected if a.wild[here] == 2 or c != ":")
    return list(dict.fromkeys(steps))


def _spelled(parent: dict, pair: tuple) -> str:
    symbols = []
    while parent[pair]:
        pair, symbol = parent[pair]
        symbols.append(symbol)
    return "".join(reversed(symbols))


def uncovered_example(included: Pattern, covering: Sequence[Pattern]) -> str | None:
    """A shortest string `included` matches and no pattern of `covering` does; None when there is none, or
    when `containment` could not decide within its work bound (then `includes` is False: not proven).

    The example uses one stand-in character for "any character the patterns do not name".
    """
    return containment(included, covering).example


def includes(covering: Pattern | Sequence[Pattern], included: Pattern) -> bool:
    """Whether every string `included` matches is proven to be matched by `covering` (one pattern or a
    union); False when it is not, or when `containment` could not decide within its work bound."""
    union = [covering] if isinstance(covering, Pattern) else list(covering)
    return containment(included, union).covered is True


def _without_variables(units: Units) -> Units:
    return tuple(Unit(STAR) if u.kind == VARIABLE else u for u in units)


@cache
def overlaps(first: Pattern, second: Pattern) -> bool:
    """Whether some string may match both (variables count as `*`, so "may" errs towards yes).

    The intersection of two line automata is searched over pairs of single states (no sets: a common
    string is one run of each), so it costs at most len(first) x len(second) pairs, and the search goes
    deepest-first towards both ends, which usually finds a common string in about len(first) + len(second)
    steps. Past a budget linear in their sizes the answer is True ("may overlap"), the safe answer for
    every caller (a Deny that may apply, a NotAction that may exclude)."""
    a_units, b_units = _without_variables(_walk_units(first)), _without_variables(_walk_units(second))
    if not _fixed_ends_agree(a_units, b_units):
        return False
    return _overlap(_Chain([a_units]), _Chain([b_units]), _fresh((a_units, b_units))) is not False


def _overlap(a: _Chain, b: _Chain, fresh: str) -> bool | None:
    """True, False, or None when the budget ran out."""
    budget = _BUDGET_BASE + _BUDGET_PER_STATE * (len(a.lit) + len(b.lit))
    seen = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        if a.ends(i) and b.ends(j):
            return True
        budget -= 1
        if budget < 0:
            return None
        found = []
        for x in a.moves(i):
            for y in b.moves(j):
                step = _common_step(a, x, b, y, fresh)
                if step is not None and step not in seen:
                    seen.add(step)
                    found.append(step)
        found.sort(key=sum)  # the furthest pair last, so it is searched first
        todo.extend(found)
    return False


def _common_step(a: _Chain, x: int, b: _Chain, y: int, fresh: str) -> tuple[int, int] | None:
    """Where one character both states take leads (there is one when there is any: a literal or the
    stand-in, which every gap takes)."""
    lit_a, lit_b = a.lit[x], b.lit[y]
    symbol = lit_a if lit_a is not None else lit_b if lit_b is not None else fresh
    if lit_a is not None and lit_b is not None and lit_a != lit_b:
        return None
    targets = []
    for chain, state in ((a, x), (b, y)):
        if chain.lit[state] is not None:
            targets.append(state + 1)
        elif chain.wild[state] == 2 or (chain.wild[state] == 1 and symbol != ":"):
            targets.append(chain.nxt[state])
        else:
            return None
    return targets[0], targets[1]
