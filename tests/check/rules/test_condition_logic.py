"""Condition blocks as logic: keys written twice, redundant values, `*` values, Null with a qualifier.

What a `*` makes of each operator is checked against the simulator itself, so the lint's reading of
"always", "never" and "a presence test" cannot drift from the evaluator's."""

import pytest

from iamkb.simulate import Policies, Request, evaluate
from tests.check.rules.util import allow, lint, policy, with_code

ROLE = "arn:aws:iam::111122223333:role/Labeler"


def conditioned(operator, key, value, action="s3:GetObject", resource="arn:aws:s3:::b/*"):
    return policy(allow(action, resource, Condition={operator: {key: value}}))


def found(code, operator, key, value, **options):
    return with_code(lint(conditioned(operator, key, value, **options)), code)


# --- keys written twice ----------------------------------------------------------------------------


def test_a_key_twice_in_one_operator_block():
    document = policy(
        allow("s3:GetObject", Condition={"StringEquals": {"aws:SourceAccount": "1", "AWS:SourceAccount": "2"}})
    )
    (finding,) = with_code(lint(document), "CONDITION_KEY_CASE_DUPLICATE")
    assert finding.pointer == "/Statement/0/Condition/StringEquals/AWS:SourceAccount"
    assert "'aws:SourceAccount'" in finding.hint


def test_the_same_key_under_two_operators_is_fine():
    condition = {"StringEquals": {"aws:SourceAccount": "1"}, "StringNotEquals": {"AWS:SOURCEACCOUNT": "2"}}
    assert not with_code(lint(policy(allow("s3:GetObject", Condition=condition))), "CONDITION_KEY_CASE_DUPLICATE")


# --- redundant values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "key", "values", "redundant"),
    [
        ("StringEquals", "aws:SourceAccount", ["111122223333", "111122223333"], [1]),
        ("StringEquals", "aws:SourceAccount", ["111122223333", 111122223333], [1]),
        ("StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["Cats", "cats"], [1]),
        ("StringLike", "s3:prefix", ["images/*", "images/batch-1/*", "labels/"], [1]),
        ("StringLike", "s3:prefix", ["images/a.png", "images/*"], [0]),
        ("StringNotLike", "s3:prefix", ["*.png", "a.png", "*.png"], [1, 2]),
        ("ArnLike", "aws:SourceArn", ["arn:aws:s3:::b-*", "arn:aws:s3:::b-1"], [1]),
        ("NumericLessThan", "aws:MultiFactorAuthAge", ["2700", "3600"], [0]),
        ("NumericGreaterThanEquals", "aws:MultiFactorAuthAge", [10, "5", "7"], [0, 2]),
        ("NumericEquals", "aws:MultiFactorAuthAge", ["10", "10.0"], [1]),
        ("DateLessThan", "aws:CurrentTime", ["2026-01-01", "2026-06-01T00:00:00Z"], [0]),
        ("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "203.0.113.128/25", "198.51.100.1"], [1]),
        ("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "203.0.113.0/24"], [1]),
        ("Bool", "aws:SecureTransport", ["true", True], [1]),
        ("BinaryEquals", "aws:UserAgent", ["QmluYXJ5", "QmluYXJ5"], [1]),
    ],
)
def test_redundant_values(operator, key, values, redundant):
    findings = found("REDUNDANT_CONDITION_VALUE", operator, key, values)
    assert sorted(int(f.pointer.rsplit("/", 1)[1]) for f in findings) == redundant
    assert all(f.hint == "Remove the value; the condition stays the same." for f in findings)


@pytest.mark.parametrize(
    ("operator", "key", "values"),
    [
        ("StringEquals", "aws:PrincipalTag/team", ["Cats", "cats"]),  # case matters without IgnoreCase
        ("StringEquals", "s3:prefix", ["images/*", "images/a"]),  # `*` is literal here
        ("StringLike", "s3:prefix", ["images/*", "labels/*"]),
        ("StringLike", "s3:prefix", ["a*", "*a"]),
        ("ArnLike", "aws:SourceArn", ["arn:aws:iam::*:role/a", "arn:aws:iam::1:2:role/a"]),  # `*` stays in its field
        ("NumericEquals", "aws:MultiFactorAuthAge", ["1", "2"]),
        ("NumericLessThan", "aws:MultiFactorAuthAge", ["3600", "x"]),  # a value the type check reports
        ("IpAddress", "aws:SourceIp", ["203.0.113.0/25", "203.0.113.128/25"]),
        ("IpAddress", "aws:SourceIp", ["10.0.0.0/8", "2001:db8::/32"]),
        ("StringLike", "s3:prefix", ["home/${aws:username}/*", "home/${aws:userid}/*"]),
    ],
)
def test_values_that_each_add_something(operator, key, values):
    assert not found("REDUNDANT_CONDITION_VALUE", operator, key, values, action="s3:ListBucket")


# --- `*` values --------------------------------------------------------------------------------------

STAR_READINGS = [
    ("StringLike", "WILDCARD_CONDITION_IS_NULL_CHECK", "present"),
    ("ForAnyValue:StringLike", "WILDCARD_CONDITION_IS_NULL_CHECK", "present"),
    ("ArnLike", "WILDCARD_CONDITION_IS_NULL_CHECK", "present"),
    ("StringLikeIfExists", "WILDCARD_CONDITION_ALWAYS_TRUE", "always"),
    ("ForAllValues:StringLike", "WILDCARD_CONDITION_ALWAYS_TRUE", "always"),
    ("ForAnyValue:ArnEqualsIfExists", "WILDCARD_CONDITION_ALWAYS_TRUE", "always"),
    ("StringNotLike", "WILDCARD_CONDITION_IS_NULL_CHECK", "absent"),
    ("StringNotLikeIfExists", "WILDCARD_CONDITION_IS_NULL_CHECK", "absent"),
    ("ForAllValues:ArnNotLike", "WILDCARD_CONDITION_IS_NULL_CHECK", "absent"),
    ("ForAnyValue:StringNotLike", "WILDCARD_CONDITION_NEVER_TRUE", "never"),
]
CONTEXTS = [{}, {"aws:PrincipalTag/team": "cats"}, {"aws:PrincipalTag/team": ["cats", "dogs"]}]


def simulated(operator, value, context):
    document = conditioned(operator, "aws:PrincipalTag/team", value)
    request = Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE, context=context)
    return evaluate(Policies(identity=[document]), request).allowed


@pytest.mark.parametrize(("operator", "code", "reading"), STAR_READINGS)
def test_star_values(operator, code, reading):
    findings = lint(conditioned(operator, "aws:PrincipalTag/team", ["*", "cats"]))
    (finding,) = with_code(findings, code)
    assert finding.pointer == f"/Statement/0/Condition/{operator}/aws:PrincipalTag~1team"
    assert not with_code(findings, "REDUNDANT_CONDITION_VALUE"), "the '*' finding says it all"
    if reading in ("present", "absent"):
        assert f'"aws:PrincipalTag/team": "{"false" if reading == "present" else "true"}"' in finding.hint
    # the simulator agrees with the reading, for a request without the key, with one value and with two
    expected = {
        "always": [True] * 3,
        "never": [False] * 3,
        "present": [False, True, True],
        "absent": [True, False, False],
    }
    assert [simulated(operator, "*", context) for context in CONTEXTS] == expected[reading]


@pytest.mark.parametrize("value", ["**", "*"])
def test_every_star_only_value_counts(value):
    assert found("WILDCARD_CONDITION_IS_NULL_CHECK", "StringLike", "aws:PrincipalTag/team", value)


@pytest.mark.parametrize(
    ("operator", "value"),
    [
        ("StringLike", "*a"),
        ("StringLike", "${*}"),  # the character itself
        ("StringEquals", "*"),  # literal: WILDCARD_WITHOUT_LIKE_OPERATOR's business
        ("ArnLike", "arn:*"),
    ],
)
def test_no_star_reading(operator, value):
    findings = lint(conditioned(operator, "aws:PrincipalTag/team", value))
    codes = {"WILDCARD_CONDITION_IS_NULL_CHECK", "WILDCARD_CONDITION_ALWAYS_TRUE", "WILDCARD_CONDITION_NEVER_TRUE"}
    assert not [f for f in findings if f.code in codes]


# --- Null with a set qualifier ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "says"), [("ForAllValues:Null", "always holds"), ("ForAnyValue:Null", "never holds")]
)
def test_null_with_a_set_qualifier(operator, says):
    findings = lint(conditioned(operator, "aws:TagKeys", "true"))
    (finding,) = with_code(findings, "NULL_WITH_SET_OPERATOR")
    assert says in finding.message and "plain 'Null'" in finding.hint
    assert not [f for f in findings if f.code.startswith("SCHEMA_")], "AWS accepts the name"


def test_plain_null_is_fine():
    assert not found("NULL_WITH_SET_OPERATOR", "Null", "aws:TagKeys", "true")
