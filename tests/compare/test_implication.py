"""Condition implication: one pair of condition entries per rule, proven or not proven."""

import pytest

from iamkb.compare.implication import condition_implies, unproven_conditions
from iamkb.core.policy import ConditionEntry


def C(operator, key, *values):
    return ConditionEntry.of(operator, key, *values)


@pytest.mark.parametrize(
    "a, b, implied",
    [
        (C("StringEquals", "k", "x"), C("StringEquals", "K", "x", "y"), True),  # keys ignore case
        (C("StringEquals", "k", "x", "z"), C("StringEquals", "k", "x", "y"), False),
        (C("StringEquals", "k", "abc"), C("StringLike", "k", "a*"), True),
        (C("StringEquals", "k", "a*"), C("StringLike", "k", "a?*"), True),  # "a*" is the literal text a*
        (C("StringLike", "k", "a*"), C("StringEquals", "k", "a*"), False),
        (C("StringLike", "k", "ab*"), C("StringLike", "k", "a*"), True),
        (C("StringEquals", "k", "ABC"), C("StringEqualsIgnoreCase", "k", "abc"), True),
        (C("StringEqualsIgnoreCase", "k", "abc"), C("StringEquals", "k", "abc"), False),
        (C("StringEquals", "k", "x"), C("StringEqualsIfExists", "k", "x"), True),
        (C("StringEqualsIfExists", "k", "x"), C("StringEquals", "k", "x"), False),  # the key may be absent
        (C("StringNotEquals", "k", "x", "y"), C("StringNotEquals", "k", "x"), True),
        (C("StringNotEquals", "k", "x"), C("StringNotEquals", "k", "x", "y"), False),
        (C("StringNotLike", "k", "a*"), C("StringNotEquals", "k", "abc"), True),
        (C("ForAllValues:StringEquals", "k", "x"), C("ForAllValues:StringEquals", "k", "x", "y"), True),
        (C("ForAllValues:StringEquals", "k", "x"), C("ForAnyValue:StringEquals", "k", "x", "y"), False),
        (C("Bool", "aws:SecureTransport", "true"), C("Bool", "aws:SecureTransport", "True"), True),
        (C("IpAddress", "aws:SourceIp", "10.0.1.0/24"), C("IpAddress", "aws:SourceIp", "10.0.0.0/16"), True),
        (C("IpAddress", "aws:SourceIp", "10.0.0.0/8"), C("IpAddress", "aws:SourceIp", "10.0.0.0/16"), False),
        (C("NumericLessThan", "k", "5"), C("NumericLessThan", "k", "5"), True),
        (C("NumericLessThan", "k", "5"), C("NumericLessThan", "k", "5", "6"), True),
        (C("NumericLessThan", "k", "5"), C("NumericLessThan", "k", "4"), False),
        (C("NumericLessThanEquals", "k", "5"), C("NumericLessThan", "k", "5"), False),  # x = 5
        (C("NumericLessThan", "k", "5"), C("NumericLessThanEquals", "k", "5"), True),
        (
            C("NumericGreaterThan", "aws:MultiFactorAuthAge", "10"),
            C("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", "10"),
            True,
        ),
        (C("NumericGreaterThan", "k", "10"), C("NumericLessThan", "k", "100"), False),
        (C("NumericLessThan", "k", "five"), C("NumericLessThan", "k", "10"), False),
        (
            C("DateLessThan", "aws:CurrentTime", "2026-01-01T00:00:00Z"),
            C("DateLessThan", "aws:CurrentTime", "2027-01-01"),
            True,
        ),
        (
            C("DateGreaterThan", "aws:CurrentTime", "2026-01-01T00:00:00Z"),
            C("DateGreaterThan", "aws:CurrentTime", "1767225600"),
            True,
        ),
        (
            C("DateGreaterThan", "aws:CurrentTime", "2026-01-01T00:00:00Z"),
            C("DateGreaterThan", "aws:CurrentTime", "1767225601"),
            False,
        ),
        (
            C("DateGreaterThan", "aws:CurrentTime", "2026-01-02T00:00:00Z"),
            C("DateGreaterThan", "aws:CurrentTime", "1767225600"),
            True,
        ),
        (C("ArnLike", "aws:SourceArn", "arn:aws:s3:::b"), C("ArnLike", "aws:SourceArn", "arn:aws:s3:::*"), True),
        (C("StringEquals", "other", "x"), C("StringEquals", "k", "x"), False),
    ],
)
def test_condition_implies(a, b, implied):
    assert condition_implies(a, b) is implied


def test_unproven_conditions_lists_what_a_does_not_imply():
    b = (C("StringEquals", "k", "x"), C("Bool", "aws:SecureTransport", "true"))
    assert unproven_conditions(b, (C("StringEquals", "k", "x"),)) == [b[1]]


def test_tag_keys_in_condition_keys_are_compared_exactly():
    assert condition_implies(
        C("StringEquals", "AWS:ResourceTag/Team", "x"), C("StringEquals", "aws:resourcetag/Team", "x")
    )
    assert not condition_implies(
        C("StringEquals", "aws:ResourceTag/team", "x"), C("StringEquals", "aws:ResourceTag/Team", "x")
    )
