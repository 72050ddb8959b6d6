"""Condition values read by AWS, but not as meant: mixed types, both booleans, variables where none is
substituted, epoch dates, wildcards under literal operators, IP ranges."""

import pytest

from iamkb.check.rules.values import TYPE_CODES
from tests.check.rules.util import allow, codes, lint, policy, with_code


def conditioned(operator, key, value, action="s3:GetObject", resource="arn:aws:s3:::b/*", version="2012-10-17"):
    document = policy(allow(action, resource, Condition={operator: {key: value}}))
    if version is None:
        del document["Version"]
    else:
        document["Version"] = version
    return document


def found(code, operator, key, value, **options):
    return with_code(lint(conditioned(operator, key, value, **options)), code)


# --- mixed JSON types --------------------------------------------------------------------------


@pytest.mark.parametrize("values", [["111122223333", 444455556666], ["true", True], [1, True], ["a", 1.5]])
def test_mixed_json_types(values):
    (finding,) = found("CONDITION_VALUES_MIXED_TYPES", "StringEquals", "aws:SourceAccount", values)
    assert finding.pointer == "/Statement/0/Condition/StringEquals/aws:SourceAccount"
    assert " and " in finding.message


@pytest.mark.parametrize("values", [["1", "2"], [1, 2.5], [True, False], "one", 3])
def test_values_of_one_type(values):
    assert not found("CONDITION_VALUES_MIXED_TYPES", "StringEquals", "aws:SourceAccount", values)


# --- Bool and Null with both values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "values"),
    [
        ("Bool", ["true", "false"]),
        ("Bool", [True, "FALSE"]),
        ("BoolIfExists", ["false", "true"]),
        ("Null", ["true", "false"]),
        ("ForAnyValue:Bool", ["true", "false"]),
    ],
)
def test_both_booleans(operator, values):
    (finding,) = found("CONDITION_MULTIPLE_BOOLEANS", operator, "aws:SecureTransport", values)
    assert "both true and false" in finding.message


@pytest.mark.parametrize(("operator", "values"), [("Bool", "true"), ("Bool", ["true", True]), ("Null", "false")])
def test_one_boolean(operator, values):
    assert not found("CONDITION_MULTIPLE_BOOLEANS", operator, "aws:SecureTransport", values)


def test_both_strings_under_a_string_operator_is_no_boolean_question():
    assert not found("CONDITION_MULTIPLE_BOOLEANS", "StringEquals", "aws:SecureTransport", ["true", "false"])


# --- policy variables where AWS substitutes none ------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "key"),
    [
        ("NumericLessThan", "aws:MultiFactorAuthAge"),
        ("DateGreaterThan", "aws:CurrentTime"),
        ("Bool", "aws:SecureTransport"),
        ("IpAddress", "aws:SourceIp"),
        ("BinaryEquals", "aws:UserAgent"),
        ("Null", "aws:TokenIssueTime"),
    ],
)
def test_variable_under_an_operator_that_substitutes_none(operator, key):
    findings = lint(conditioned(operator, key, "${aws:PrincipalTag/limit}"))
    (finding,) = with_code(findings, "POLICY_VARIABLE_IN_NON_STRING_OPERATOR")
    assert finding.pointer == f"/Statement/0/Condition/{operator}/{key}"
    assert "${aws:PrincipalTag/limit}" in finding.message and operator in finding.message
    assert not codes(findings) & set(TYPE_CODES.values()), "one finding for the value, not two"


@pytest.mark.parametrize(
    ("operator", "key"),
    [("StringEquals", "aws:PrincipalTag/team"), ("StringLike", "s3:prefix"), ("ArnLike", "aws:SourceArn")],
)
def test_variables_under_string_and_arn_operators_are_fine(operator, key):
    assert not found("POLICY_VARIABLE_IN_NON_STRING_OPERATOR", operator, key, "arn:aws:s3:::${aws:username}")


def test_without_the_2012_version_the_text_is_no_variable():
    findings = lint(conditioned("NumericLessThan", "aws:MultiFactorAuthAge", "${aws:PrincipalTag/x}", version=None))
    assert not with_code(findings, "POLICY_VARIABLE_IN_NON_STRING_OPERATOR")
    assert with_code(findings, "CONDITION_VALUE_NOT_NUMBER"), "it is then plain text, which is no number"


def test_escapes_are_no_variables():
    findings = lint(conditioned("NumericLessThan", "aws:MultiFactorAuthAge", "${*}"))
    assert not with_code(findings, "POLICY_VARIABLE_IN_NON_STRING_OPERATOR")
    assert with_code(findings, "CONDITION_VALUE_NOT_NUMBER")


# --- dates as epoch seconds ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "moment"), [("1798761599", "2026-12-31T23:59:59Z"), (2026, "1970-01-01T00:33:46Z")])
def test_epoch_seconds_under_a_date_operator(value, moment):
    (finding,) = found("DATE_AS_EPOCH_SECONDS", "DateLessThan", "aws:CurrentTime", value)
    assert moment in finding.message and "ISO 8601" in finding.hint


def test_epoch_time_key_is_pointed_to_numeric_operators():
    (finding,) = found("DATE_AS_EPOCH_SECONDS", "DateGreaterThan", "aws:EpochTime", "1700000000")
    assert "Numeric operator" in finding.hint


def test_a_huge_epoch_value_is_still_explained():
    (finding,) = found("DATE_AS_EPOCH_SECONDS", "DateLessThan", "aws:CurrentTime", "9" * 30)
    assert "seconds after 1970-01-01" in finding.message


@pytest.mark.parametrize("value", ["2026-12-31", "2026-12-31T23:59:59Z", "2026-12-31T23:59:59+01:00"])
def test_iso_dates(value):
    assert not found("DATE_AS_EPOCH_SECONDS", "DateLessThan", "aws:CurrentTime", value)


def test_numbers_under_numeric_operators_are_no_dates():
    assert not found("DATE_AS_EPOCH_SECONDS", "NumericLessThan", "aws:EpochTime", "1700000000")


# --- wildcards under literal operators -------------------------------------------------------------


@pytest.mark.parametrize(
    ("operator", "like"),
    [
        ("StringEquals", "'StringLike'"),
        ("StringNotEquals", "'StringNotLike'"),
        ("ForAnyValue:StringEqualsIfExists", "'ForAnyValue:StringLikeIfExists'"),
        ("StringEqualsIgnoreCase", "case-sensitive"),
    ],
)
@pytest.mark.parametrize("value", ["images/*", "image?.png"])
def test_wildcard_without_like(operator, like, value):
    (finding,) = found("WILDCARD_WITHOUT_LIKE_OPERATOR", operator, "s3:prefix", value, action="s3:ListBucket")
    assert like in finding.hint and "${*}" in finding.hint


def test_without_variables_the_hint_offers_no_escape():
    (finding,) = found("WILDCARD_WITHOUT_LIKE_OPERATOR", "StringEquals", "s3:prefix", "a*", version=None)
    assert "${*}" not in finding.hint


@pytest.mark.parametrize(
    ("operator", "value"),
    [
        ("StringLike", "images/*"),
        ("ArnEquals", "arn:aws:s3:::b/*"),  # AWS documents that ArnEquals reads wildcards
        ("StringEquals", "images/${*}"),  # the escape is the character itself
        ("StringEquals", "images/"),
    ],
)
def test_no_wildcard_question(operator, value):
    assert not found("WILDCARD_WITHOUT_LIKE_OPERATOR", operator, "s3:prefix", value, action="s3:ListBucket")


# --- IP ranges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "network"),
    [("10.0.0.1/8", "10.0.0.0/8"), ("2001:DB8::1/32", "2001:db8::/32"), ("203.0.113.7/24", "203.0.113.0/24")],
)
def test_host_bits_after_the_mask(value, network):
    (finding,) = found("IP_RANGE_HOST_BITS", "IpAddress", "aws:VpcSourceIp", value)
    assert f"'{network}'" in finding.hint


@pytest.mark.parametrize("value", ["10.0.0.0/8", "203.0.113.7", "2001:DB8::/32", "203.0.113.7/32"])
def test_ranges_written_as_networks(value):
    assert not found("IP_RANGE_HOST_BITS", "IpAddress", "aws:VpcSourceIp", value)


@pytest.mark.parametrize(
    ("operator", "effect"), [("IpAddress", "is never true"), ("NotIpAddressIfExists", "is always true")]
)
@pytest.mark.parametrize("values", ["10.0.0.0/8", ["172.16.5.0/24", "192.168.0.1"], "fd00::/8"])
def test_only_private_ranges_for_source_ip(operator, effect, values):
    (finding,) = found("PRIVATE_SOURCE_IP", operator, "aws:SourceIp", values)
    assert finding.pointer == f"/Statement/0/Condition/{operator}/aws:SourceIp"
    assert effect in finding.message and "aws:VpcSourceIp" in finding.hint


def test_a_private_range_among_public_ones():
    findings = lint(conditioned("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "10.1.0.0/16", "198.51.100.7"]))
    (finding,) = with_code(findings, "PRIVATE_SOURCE_IP_MIXED")
    assert finding.pointer.endswith("/aws:SourceIp/1") and not with_code(findings, "PRIVATE_SOURCE_IP")


@pytest.mark.parametrize(
    ("key", "values"),
    [
        ("aws:SourceIp", ["203.0.113.0/24", "192.0.2.0/24"]),  # documentation ranges are not private ones
        ("aws:SourceIp", "10.0.0.0/7"),  # reaches beyond 10.0.0.0/8 into public space
        ("aws:SourceIp", "0.0.0.0/0"),
        ("aws:VpcSourceIp", "10.0.0.0/8"),  # the key for private addresses
    ],
)
def test_no_private_address_question(key, values):
    findings = lint(conditioned("IpAddress", key, values))
    assert not with_code(findings, "PRIVATE_SOURCE_IP") and not with_code(findings, "PRIVATE_SOURCE_IP_MIXED")


def test_unreadable_ranges_are_left_to_the_value_type_check():
    findings = lint(conditioned("IpAddress", "aws:SourceIp", ["10.0.0.0/8", "10.0.0.300/8"]))
    assert with_code(findings, "CONDITION_VALUE_TYPE")
    assert not with_code(findings, "PRIVATE_SOURCE_IP") and not with_code(findings, "IP_RANGE_HOST_BITS")
