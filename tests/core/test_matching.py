import pytest

from iamkb.core.matching import PatternSet, glob_to_regex, is_arn_pattern, tokens_to_regex
from iamkb.core.variables import tokenize


def match(pattern: str, value: str, context=None, arn=None, variables=True) -> bool:
    return PatternSet([tokenize(pattern, variables)], arn=arn).matches(value, context or {})


@pytest.mark.parametrize("pattern, value, expected", [
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
])
def test_resource_patterns(pattern, value, expected):
    assert match(pattern, value) is expected


def test_a_question_mark_stays_inside_its_segment():
    assert not match("arn:aws:s3?::b", "arn:aws:s3:::b")


def test_arn_patterns_are_recognised_by_their_prefix():
    assert is_arn_pattern(tokenize("arn:aws:s3:::b", True))
    assert not is_arn_pattern(tokenize("*", True))
    assert not is_arn_pattern(tokenize("${aws:SourceArn}", True))


def test_glob_regex_escapes_everything_but_the_wildcards():
    assert glob_to_regex("a.b*c?") == r"a\.b.*c."


def test_substituted_values_are_literal():
    context = {"aws:username": ("a*",)}
    assert match("arn:aws:s3:::home/${aws:username}/x", "arn:aws:s3:::home/a*/x", context)
    assert not match("arn:aws:s3:::home/${aws:username}/x", "arn:aws:s3:::home/abc/x", context)


def test_an_unresolved_pattern_matches_nothing_but_the_others_still_match():
    patterns = PatternSet([tokenize("arn:aws:s3:::home/${aws:username}/*", True), tokenize("arn:aws:s3:::pub/*", True)],
                          arn=None)
    assert patterns.matches("arn:aws:s3:::pub/a", {})
    assert not patterns.matches("arn:aws:s3:::home/x/a", {})
    assert patterns.unresolved({}) == ["aws:username"]


def test_string_mode_lets_wildcards_cross_colons():
    assert match("a:*", "a:b:c", arn=False)
    assert tokens_to_regex(tokenize("x:*", True), None, arn=False) == "x:.*"
