"""IAM wildcard patterns: string matching (the simulator's regexes), containment and overlap (compare's
automaton), action entries, and the two readings of where a wildcard reaches in an ARN."""

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.core import patterns
from iamkb.core.patterns import (
    ActionSet,
    PatternSet,
    Reach,
    action_includes,
    action_matches,
    action_pattern,
    action_test,
    compile_pattern,
    compile_tokens,
    includes,
    is_arn_pattern,
    overlaps,
    uncovered_example,
)
from iamkb.core.variables import tokenize


def p(text):
    return compile_pattern(text)


@pytest.mark.parametrize(
    "covering, included",
    [
        ("*", "arn:aws:s3:::bucket"),
        ("arn:aws:s3:::*groundtruth*", "arn:aws:s3:::my-groundtruth-input/*"),
        ("arn:aws:s3:::*groundtruth*", "arn:aws:s3:::my-groundtruth-input"),
        ("*ab*", "*aab*"),
        ("*a*b*", "*ab*"),
        ("*?", "a?*"),  # both need at least one character
        ("*?*?", "??*"),
        ("a*", "a?*"),
        ("arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/service-role/x"),
        ("arn:aws:s3:::*", "arn:aws:s3:::${aws:username}/*"),  # `*` in the resource takes any value
        ("arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::${aws:username}/home/*"),
    ],
)
def test_includes(covering, included):
    assert includes(p(covering), p(included))
    assert uncovered_example(p(included), [p(covering)]) is None


@pytest.mark.parametrize(
    "covering, included, example",
    [
        ("arn:aws:s3:::*groundtruth*", "arn:aws:s3:::my-labeling-input/*", "arn:aws:s3:::my-labeling-input/"),
        ("*ab*", "*a*b*", None),  # "a" + something + "b" need not contain "ab"
        ("a?", "a*", "a"),
        ("*?*?", "?*", None),
        ("arn:aws:s3:::*GroundTruth*", "arn:aws:s3:::*groundtruth*", None),  # resources are case-sensitive
        # in the first five fields a wildcard stays inside its field
        ("arn:aws:*:*:*:x", "arn:aws:s3:us-east-1:1:2:x", "arn:aws:s3:us-east-1:1:2:x"),
        ("arn:aws:s3:::a?", "arn:aws:s3:::a${aws:username}", None),  # `?` is one character, a value any length
        ("arn:aws:s3:::a-bucket", "arn:aws:s3:::${aws:username}", None),
        ("arn:aws:iam::*:role/x", "arn:aws:iam::${aws:PrincipalAccount}:role/x", None),  # in-field `*` vs a value
    ],
)
def test_does_not_include(covering, included, example):
    assert not includes(p(covering), p(included))
    found = uncovered_example(p(included), [p(covering)])
    assert found is not None
    if example is not None:
        assert found == example


def test_union_of_patterns_can_cover_what_no_single_one_does():
    assert includes([p("?*"), p("")], p("*"))
    assert not includes(p("?*"), p("*")) and not includes(p(""), p("*"))
    assert includes([p("a*"), p("b*")], p("a?*"))
    assert not includes([p("a*"), p("b*"), p("")], p("*"))  # any other first character


def test_same_variable_covers_itself_and_other_variables_do_not():
    assert includes(p("${aws:username}"), p("${aws:username}"))
    assert not includes(p("${aws:userid}"), p("${aws:username}"))
    assert not includes(p("${aws:username}"), p("alice"))  # the value is unknown


def test_action_patterns_ignore_case():
    assert includes(action_pattern("S3:get*"), action_pattern("s3:GetObject"))
    assert includes(action_pattern("kms:*"), action_pattern("kms:ReEncrypt*"))
    assert not includes(action_pattern("kms:ReEncrypt*"), action_pattern("kms:*"))


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("arn:aws:s3:::bucket", "arn:aws:s3:::*/*", False),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::*", True),
        ("*a", "b*", True),
        ("a*", "b*", False),
        ("arn:aws:s3:::${aws:username}", "arn:aws:s3:::x", True),  # a variable may be anything
        ("arn:aws:*:*:*:x", "arn:aws:s3:us:1:2:x", False),
    ],
)
def test_overlaps(first, second, expected):
    assert overlaps(p(first), p(second)) is expected
    assert overlaps(p(second), p(first)) is expected


# --- against brute force -------------------------------------------------------------------------
# The simulator's regexes decide single strings; enumerating every short string over the alphabet
# the patterns use (plus a stand-in) must agree with the automaton walk in both directions.

CHARS = "ab:"
PATTERN_TEXT = st.text(alphabet=CHARS + "*?", max_size=5)
PREFIXES = st.sampled_from(["", "arn:aws:s3:::", "a:b:"])
STRINGS = ["".join(t) for n in range(6) for t in itertools.product(CHARS + "x", repeat=n)]


def regex(text):
    return re.compile(compile_pattern(text, variables=False).regex_source(), re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(PREFIXES, PATTERN_TEXT, PREFIXES, PATTERN_TEXT)
def test_includes_agrees_with_brute_force(prefix_a, body_a, prefix_b, body_b):
    a, b = prefix_a + body_a, prefix_b + body_b
    ra, rb = regex(a), regex(b)
    example = uncovered_example(p(a), [p(b)])
    if example is None:
        assert not any(ra.fullmatch(prefix_a + s) and not rb.fullmatch(prefix_a + s) for s in STRINGS)
    else:
        assert ra.fullmatch(example) and not rb.fullmatch(example)


@settings(max_examples=300, deadline=None)
@given(PATTERN_TEXT, PATTERN_TEXT)
def test_overlaps_agrees_with_brute_force(a, b):
    ra, rb = regex(a), regex(b)
    expected = any(ra.fullmatch(s) and rb.fullmatch(s) for s in STRINGS)
    if expected:
        assert overlaps(p(a), p(b))
    else:
        # patterns of at most 5 characters that share a string share one of at most 5+5 characters;
        # the enumeration goes to 5, so only claim "disjoint" checks for short patterns
        if len(a) + len(b) <= 5:
            assert not overlaps(p(a), p(b))


# --- matching one string (the simulator's question) -------------------------------------------------


def match(pattern: str, value: str, context=None, arn=None, variables=True) -> bool:
    return PatternSet.from_tokens([tokenize(pattern, variables)], arn=arn).matches(value, context or {})


@pytest.mark.parametrize(
    "pattern, value, expected",
    [
        ("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", True),
        ("arn:aws:s3:::b/*", "arn:aws:s3:::B/a", False),
        ("arn:aws:s3:::b.c/*", "arn:aws:s3:::bxc/a", False),
        ("arn:aws:s3:::b+/*", "arn:aws:s3:::bb/a", False),
        ("arn:aws:s3:::b/(x)[y]{2}^$|", "arn:aws:s3:::b/(x)[y]{2}^$|", True),
        ("arn:aws:s3:::b/?", "arn:aws:s3:::b/x", True),
        ("arn:aws:s3:::b/?", "arn:aws:s3:::b/xy", False),
        ("arn:aws:lambda:*:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f", False),
        ("arn:aws:lambda:*:*:function:f", "arn:aws:lambda:us-east-1:111122223333:function:f", True),
        ("arn:aws:lambda:us-east-1:111122223333:*", "arn:aws:lambda:us-east-1:111122223333:function:f:1", True),
        ("arn:aws:s3:*", "arn:aws:s3:::b", False),
        ("arn:aws:s3:::b/*", "arn:aws:s3:::b/line\nbreak", True),
        ("*", "anything at all", True),
        ("*", "*", True),
        ("arn:aws:s3:::*", "*", False),
    ],
)
def test_resource_patterns(pattern, value, expected):
    assert match(pattern, value) is expected
    assert compile_pattern(pattern).matches(value) is expected


def test_a_question_mark_stays_inside_its_segment():
    assert not match("arn:aws:s3?::b", "arn:aws:s3:::b")


def test_arn_patterns_are_recognised_by_their_prefix():
    assert is_arn_pattern(tokenize("arn:aws:s3:::b", True))
    assert not is_arn_pattern(tokenize("*", True))
    assert not is_arn_pattern(tokenize("${aws:SourceArn}", True))


def test_regex_escapes_everything_but_the_wildcards():
    assert compile_pattern("a.b*c?", arn=False).regex_source() == r"a\.b.*c."


def test_substituted_values_are_literal():
    context = {"aws:username": ("a*",)}
    assert match("arn:aws:s3:::home/${aws:username}/x", "arn:aws:s3:::home/a*/x", context)
    assert not match("arn:aws:s3:::home/${aws:username}/x", "arn:aws:s3:::home/abc/x", context)


def test_an_unresolved_pattern_matches_nothing_but_the_others_still_match():
    patterns = PatternSet.from_tokens(
        [tokenize("arn:aws:s3:::home/${aws:username}/*", True), tokenize("arn:aws:s3:::pub/*", True)]
    )
    assert patterns.matches("arn:aws:s3:::pub/a", {})
    assert not patterns.matches("arn:aws:s3:::home/x/a", {})
    assert patterns.unresolved({}) == ["aws:username"]
    assert not compile_pattern("arn:aws:s3:::home/${aws:username}/*").matches("arn:aws:s3:::home/x/a", {})


def test_string_mode_lets_wildcards_cross_colons():
    assert match("a:*", "a:b:c", arn=False)
    assert compile_tokens(tokenize("x:*", True), arn=False).regex_source() == "x:.*"


def test_variable_defaults_and_escapes():
    quoted = compile_pattern("arn:aws:s3:::${aws:PrincipalTag/team, 'O''Brien'}/*")
    assert quoted.matches("arn:aws:s3:::O'Brien/x", {})
    assert quoted.matches("arn:aws:s3:::dev/x", {"aws:principaltag/team": ("dev",)})
    assert compile_pattern("arn:aws:s3:::a${*}").matches("arn:aws:s3:::a*")
    assert not compile_pattern("arn:aws:s3:::a${*}").matches("arn:aws:s3:::ab")
    assert not compile_pattern("arn:aws:s3:::a${*}", variables=False).matches("arn:aws:s3:::a*")


def test_fields_are_counted_on_the_policys_text_not_on_a_variables_value():
    head = compile_pattern("arn:aws:${x:part}:*:1:r")  # `*` is in the region field, whatever the value
    assert head.matches("arn:aws:s3:x:y:1:r", {"x:part": ("s3:x",)})
    assert not head.matches("arn:aws:s3:x:y:1:r", {"x:part": ("s3",)})
    tail = compile_pattern("arn:aws:${x:part}:r:1:*")  # five colons written: `*` is in the resource part
    assert tail.matches("arn:aws:s3:x:r:1:a:b", {"x:part": ("s3:x",)})


# --- reach: IAM's field reading and the lint's wide one -------------------------------------------------


def test_the_wide_reading_lets_wildcards_cross_fields_and_contains_the_field_reading():
    text = "arn:aws:*:x"
    narrow, wide = compile_pattern(text), compile_pattern(text, reach=Reach.WIDE)
    assert not narrow.matches("arn:aws:s3:us:1:x") and wide.matches("arn:aws:s3:us:1:x")
    assert includes(wide, narrow) and not includes(narrow, wide)


@settings(max_examples=200, deadline=None)
@given(PREFIXES, PATTERN_TEXT)
def test_the_wide_reading_always_includes_the_field_reading(prefix, body):
    text = prefix + body
    assert includes(compile_pattern(text, reach=Reach.WIDE), compile_pattern(text))


def test_placeholders_are_units_only_when_asked_and_literal_text_to_iam():
    kept = compile_pattern("arn:aws:s3:::<bucket-name>/*", placeholders=True)
    assert [u.kind for u in kept.units][13] == "placeholder"
    assert kept.matches("arn:aws:s3:::<bucket-name>/x") and not kept.matches("arn:aws:s3:::b/x")
    assert includes(compile_pattern("arn:aws:s3:::<bucket-name>/*"), kept)


# --- action entries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("s3:get*", "s3:getobject", True),
        ("s3:get*", "s3:putobject", False),
        ("s3:get?bject", "s3:getobject", True),
        ("*", "anything:atall", True),
        ("s3:*object", "s3:getobject", True),
        ("s3:getobject", "s3:getobject", True),
        ("S3:Get*", "s3:GETOBJECT", True),
        ("s3:get.bject", "s3:getobject", False),
    ],
)
def test_action_matching_ignores_case(pattern, text, expected):
    assert action_matches(pattern, text) is expected
    assert action_test(pattern)(text.lower()) is expected
    assert action_pattern(pattern).matches(text) is expected


def test_action_set_finds_literals_and_patterns_of_any_prefix():
    actions = ActionSet(["s3:GetObject", "iam:*", "*:Describe*", "kms:Get?eyPolicy"])
    assert actions.taking("S3:GETOBJECT") == 0 and actions.taking("iam:PassRole") == 1
    assert actions.taking("ec2:DescribeInstances") == 2 and actions.taking("kms:GetKeyPolicy") == 3
    assert not actions.matches("s3:PutObject")


def test_action_set_matching_answers_as_matches_does_for_each_name():
    actions = ActionSet(["s3:GetObject", "iam:*", "*:Describe*", "kms:Get?eyPolicy", "Sts:Assume*"])
    names = [
        "S3:getobject",
        "s3:PutObject",
        "iam:PassRole",
        "ec2:DescribeVpcs",
        "kms:GetKeyPolicy",
        "kms:GetKeyPolicyX",
    ]
    names += ["sts:AssumeRole", "s3", "iam", "describe", "ec2:describe"]
    assert actions.matching(names) == {name for name in names if actions.matches(name)}
    assert actions.matching(names) == {
        "S3:getobject",
        "iam:PassRole",
        "ec2:DescribeVpcs",
        "kms:GetKeyPolicy",
        "sts:AssumeRole",
        "ec2:describe",
    }


def test_action_set_coverage_is_containment():
    actions = ActionSet(["s3:Get*", "s3:GetObject*", "s3:Get?bject", "s3:*"])
    assert actions.covering("s3:GetObject*", besides=1) == 0
    assert actions.covering("s3:Get?bject", besides=2) == 0
    assert actions.covering("s3:Get*", besides=0) == 3
    assert actions.covering("s3:*", besides=3) is None
    assert ActionSet(["s3:Get?"]).covering("s3:Get*") is None  # `?` is one character, `*` any run
    assert action_includes("s3:*", "S3:get?bject") and not action_includes("s3:Get?", "s3:Get*")


# The shortcut in uncovered_example (the included pattern's own shortest string, when nothing covers it)
# must give what the full walk gives: an example of the same, shortest, length that the included pattern
# matches and no covering pattern does.
_PIECES = st.sampled_from(["a", "b", ":", "/", "*", "?", "ab", "arn:aws:s3:::"])
_GLOBS = st.lists(_PIECES, min_size=1, max_size=5).map("".join)


@settings(max_examples=300, deadline=None)
@given(included=_GLOBS, covering=st.lists(_GLOBS, min_size=1, max_size=3))
def test_the_shortcut_finds_a_shortest_example_as_the_walk_does(included, covering):
    a, b = compile_pattern(included), [compile_pattern(c) for c in covering]
    fast = patterns._containment.__wrapped__(a, tuple(b)).example
    original = patterns._shortest_uncovered
    patterns._shortest_uncovered = lambda *_: None
    try:
        walked = patterns._containment.__wrapped__(a, tuple(b)).example
    finally:
        patterns._shortest_uncovered = original
    assert (fast is None) == (walked is None)
    if fast is not None:
        assert len(fast) == len(walked)
        assert a.matches(fast, {}) and not any(c.matches(fast, {}) for c in b)


# --- hostile input: every question in time linear in the text (issue 11) ------------------------------
# Policy text is untrusted: `*?*?*?...X` or `a*a*a*...b` once made the backtracking regex and compare's
# automaton product take time exponential in the number of wildcards. These tests are not timed: the
# patterns are thousands of characters long, which no exponential algorithm finishes, `signal.alarm`
# turns a hang into a failure, and the containment walk's own step count is asserted.

HOSTILE = 2500  # wildcard pairs: patterns of 5,000 characters


@pytest.fixture
def hang_guard():
    """Fail instead of hanging (a guard, not a timing: the machine may be slow, but not by 2^2500)."""
    import signal

    def hung(signum, frame):
        raise AssertionError("a wildcard question did not finish: it backtracks")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def reference_match(pattern, value: str) -> bool:
    """Matching by dynamic programming over (unit, position): the obvious O(len x len) reading, kept
    independent of the regexes the module builds."""
    units = pattern.units
    value = value.lower() if pattern.fold_case else value
    ok = [False] * (len(value) + 1)
    ok[0] = True
    for unit in units:
        nxt = [False] * (len(value) + 1)
        for i in range(len(value) + 1):
            if unit.kind == "star":
                nxt[i] = ok[i] or (i > 0 and nxt[i - 1] and (unit.reach == "anywhere" or value[i - 1] != ":"))
            elif i > 0 and ok[i - 1]:
                c = value[i - 1]
                nxt[i] = c == unit.text if unit.kind == "literal" else unit.reach == "anywhere" or c != ":"
        ok = nxt
    return ok[-1]


MATCH_PATTERN = st.text(alphabet="ab:*?", max_size=8)
MATCH_VALUE = st.text(alphabet="ab:x", max_size=10)


@settings(max_examples=500, deadline=None)
@given(PREFIXES, MATCH_PATTERN, st.sampled_from(["", "arn:aws:s3:::", "a:b:"]), MATCH_VALUE)
def test_the_segment_regex_matches_as_the_plain_reading_does(prefix, body, value_prefix, value):
    pattern = compile_pattern(prefix + body, variables=False)
    assert pattern.matches(value_prefix + value) is reference_match(pattern, value_prefix + value)


@pytest.mark.parametrize(
    "text, value, expected",
    [
        ("*a*a*b", "aab", True),
        ("*a*a*b", "abab", True),
        ("*a*a*b", "ab", False),
        ("a*?*?*b", "ab", False),
        ("a*?*?*b", "axyb", True),
        ("arn:aws:*:*:*:x", "arn:aws:s3:us:1:x", True),
        ("arn:aws:*a*:*:*:x", "arn:aws:b:a:1:x", False),  # the `*`s of a field stay in it
        ("arn:aws:*a*b:*:*:x", "arn:aws:xaybb:r:1:x", True),
    ],
)
def test_middle_segments_take_their_leftmost_place(text, value, expected):
    pattern = compile_pattern(text, variables=False)
    assert pattern.matches(value) is expected is reference_match(pattern, value)


def test_a_star_between_segments_becomes_an_atomic_group():
    assert compile_pattern("*a*b*c", arn=False).regex_source() == "(?>.*?a)(?>.*?b).*c"
    assert compile_pattern("arn:aws:*:*:1:x").regex_source() == "arn:aws:(?>[^:]*?:)[^:]*:1:x"
    assert compile_pattern("a**b", arn=False).regex_source() == "a.*b"


@pytest.mark.parametrize("body", ["*?" * HOSTILE + "X", "a*" * HOSTILE + "b"])
def test_hostile_patterns_match_in_linear_time(hang_guard, body):
    # the simulator's Resource matcher, a StringLike value, and the Action test of check and grants
    missing = "a" * len(body)  # ends neither in X nor in b
    assert not PatternSet([compile_pattern("arn:aws:s3:::" + body)]).matches("arn:aws:s3:::" + missing)
    assert PatternSet([compile_pattern("arn:aws:s3:::" + body)]).matches("arn:aws:s3:::" + missing + body[-1])
    assert not match(body, missing, arn=False)
    assert not action_test("s3:" + body)("s3:" + missing.lower())
    assert action_matches("s3:" + body, "s3:" + "a" * len(body) + body[-1])
    assert not action_matches("s3:" + "*?" * HOSTILE + "X", "s3:getobject")  # too short


def test_hostile_in_field_patterns_match_in_linear_time(hang_guard):
    region = "*a" * HOSTILE + "*"  # all in the region field
    pattern = compile_pattern("arn:aws:s3:" + region + ":1:x")
    assert pattern.matches("arn:aws:s3:" + "a" * HOSTILE + ":1:x")
    assert not pattern.matches("arn:aws:s3:" + "a" * (HOSTILE - 1) + ":1:x")
    assert not pattern.matches("arn:aws:s3:" + "a" * HOSTILE + ":b:1:x")  # a `*` never crosses the `:`


# Containment on hostile families: (included, covering, covered) with 5,000-character patterns.
def _families():
    star_q, a_star = "*?" * HOSTILE + "X", "a*" * HOSTILE + "b"
    return [
        (star_q, "*?" * (HOSTILE - 1) + "X", True),  # at least 2,500 characters then X, in at least 2,499
        ("*?" * (HOSTILE - 1) + "X", star_q, False),
        (a_star, "a*" * (HOSTILE - 1) + "b", True),
        ("a*" * (HOSTILE - 1) + "b", a_star, False),
        (a_star, "*a" * HOSTILE + "*", True),
        ("a" + "*a" * HOSTILE, "*?" * HOSTILE + "*", True),  # at least 2,501 characters
        ("*a" * HOSTILE, "*?" * HOSTILE + "*", True),
        ("*a" * HOSTILE, "*?" * (HOSTILE + 1) + "*", False),  # the a's may sit together: 2,500 characters
    ]


@pytest.mark.parametrize("included, covering, covered", _families())
def test_hostile_containment_is_decided_in_linear_work(hang_guard, included, covering, covered):
    a, b = compile_pattern(included, arn=False), compile_pattern(covering, arn=False)
    answer = patterns._containment.__wrapped__(a, (b,))
    assert answer.covered is covered
    assert answer.steps <= 4 * (len(included) + len(covering))
    if not covered:
        assert a.matches(answer.example) and not b.matches(answer.example)
    assert includes(b, a) is covered
    assert overlaps(a, b)


def test_hostile_actions_compare_in_linear_work(hang_guard):
    wide, narrow = action_pattern("s3:" + "*?" * HOSTILE + "X"), action_pattern("s3:" + "*?" * 7 + "X")
    assert includes(narrow, wide) and not includes(wide, narrow)
    assert (
        ActionSet(["s3:" + "*?" * 7 + "X", "s3:" + "*?" * HOSTILE + "X"]).covering("s3:" + "*?" * HOSTILE + "X", 1) == 0
    )


def test_overlap_of_disjoint_hostile_patterns_is_decided(hang_guard):
    assert not overlaps(p("a*" * HOSTILE + "b"), p("a*" * HOSTILE + "c"))  # the fixed ends differ
    assert not overlaps(p("arn:aws:s3:" + "*a" * HOSTILE + ":1:x"), p("arn:aws:s3:" + "b" * 10 + ":1:x"))


def test_unions_of_hostile_patterns(hang_guard):
    covering = [p("a*" * HOSTILE + "b"), p("b*"), p("")]
    assert includes(covering, p("a*" * (HOSTILE + 1) + "b"))
    assert not includes(covering, p("a*" * HOSTILE + "c"))


def test_past_the_work_bound_the_answer_is_not_proven(monkeypatch):
    monkeypatch.setattr(patterns, "_BUDGET_BASE", 0)
    monkeypatch.setattr(patterns, "_BUDGET_PER_STATE", 0)
    a, b = p("a*" * 20 + "b"), p("a*" * 10 + "b")
    answer = patterns._containment.__wrapped__(a, (b,))
    assert answer.covered is None and answer.example is None and answer.steps == 1
    assert patterns._overlap(patterns._Chain([a.units]), patterns._Chain([p("*c*").units]), "x") is None


# A union covering side against brute force (the single-pattern case is checked above).
@settings(max_examples=300, deadline=None)
@given(PREFIXES, PATTERN_TEXT, st.lists(st.tuples(PREFIXES, PATTERN_TEXT), min_size=1, max_size=3))
def test_union_containment_agrees_with_brute_force(prefix_a, body_a, covering):
    a = prefix_a + body_a
    union = [prefix + body for prefix, body in covering]
    pa, pb = p(a), [p(text) for text in union]
    example = uncovered_example(pa, pb)
    if example is None:
        assert includes(pb, pa)
        assert not any(
            reference_match(pa, prefix_a + s) and not any(reference_match(q, prefix_a + s) for q in pb) for s in STRINGS
        )
    else:
        assert reference_match(pa, example) and not any(reference_match(q, example) for q in pb)
