import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.core.matching import is_arn_pattern, tokens_to_regex
from iamkb.core.variables import tokenize
from iamkb.core.wildcards import action_pattern, compile_pattern, includes, overlaps, uncovered_example


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
STRINGS = ["".join(t) for n in range(0, 6) for t in itertools.product(CHARS + "x", repeat=n)]


def regex(text):
    tokens = tokenize(text, False)
    return re.compile(tokens_to_regex(tokens, None, is_arn_pattern(tokens)), re.DOTALL)


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
