"""VPC ids, VPC endpoint ids and kms:ViaService names in condition values."""

import pytest

from tests.check.rules.util import allow, lint, policy, with_code


def found(code, operator, key, value, version="2012-10-17"):
    document = policy(allow("s3:GetObject", "arn:aws:s3:::b/*", Condition={operator: {key: value}}))
    document["Version"] = version
    return with_code(lint(document), code)


@pytest.mark.parametrize("value", ["vpc-1a2b3c4d", "vpc-0123456789abcdef0", "vpc-*", "vpc-0123*", "*", "v*"])
def test_vpc_ids(value):
    assert not found("INVALID_VPC_ID", "StringEquals" if "*" not in value else "StringLike", "aws:SourceVpc", value)


@pytest.mark.parametrize(
    ("operator", "value"),
    [
        ("StringEquals", "vpc1a2b3c4d"),
        ("StringEquals", "vpc-1a2b3c4"),  # 7 characters
        ("StringNotEquals", "vpc-0123456789abcdef"),  # 16 characters
        ("StringEquals", "vpc-1a2b_3c4"),
        ("StringLike", "vcp-*"),
        ("StringLike", "vpc-0123456789abcdef0123*"),
    ],
)
def test_invalid_vpc_ids(operator, value):
    (finding,) = found("INVALID_VPC_ID", operator, "aws:SourceVpc", value)
    assert "'vpc-' followed by 8 or 17" in finding.message and finding.hint


def test_an_endpoint_id_where_the_vpc_id_belongs():
    (finding,) = found("INVALID_VPC_ID", "StringEquals", "aws:SourceVpc", "vpce-1a2b3c4d5e6f7a8b9")
    assert "aws:SourceVpce" in finding.hint


@pytest.mark.parametrize("value", ["vpce-1a2b3c4d", "vpce-1a2b3c4d5e6f7a8b9"])
def test_vpc_endpoint_ids(value):
    assert not found("INVALID_VPC_ENDPOINT_ID", "StringEquals", "aws:SourceVpce", value)


@pytest.mark.parametrize("value", ["vpc-1a2b3c4d5e6f7a8b9", "vpce1a2b3c4d", "vpce-"])
def test_invalid_vpc_endpoint_ids(value):
    (finding,) = found("INVALID_VPC_ENDPOINT_ID", "StringNotEquals", "aws:SourceVpce", value)
    assert ("aws:SourceVpc;" in finding.hint) is value.startswith("vpc-")


@pytest.mark.parametrize("key", ["aws:SourceVpc", "aws:SourceVpce"])
def test_variables_and_other_operators_are_not_judged(key):
    assert not found("INVALID_VPC_ID", "StringEquals", key, "${aws:PrincipalTag/vpc}")
    assert not found("INVALID_VPC_ENDPOINT_ID", "StringEquals", key, "${aws:PrincipalTag/vpc}")
    assert not found("INVALID_VPC_ID", "Null", key, "true")


def test_ignore_case_reads_the_value_in_lower_case():
    assert not found("INVALID_VPC_ID", "StringEqualsIgnoreCase", "AWS:SOURCEVPC", "VPC-1A2B3C4D")
    assert found("INVALID_VPC_ID", "StringEquals", "aws:SourceVpc", "VPC-1A2B3C4D")


@pytest.mark.parametrize(
    ("operator", "value"),
    [
        ("StringEquals", "s3.us-east-1.amazonaws.com"),
        ("StringEquals", "ec2.cn-north-1.amazonaws.com.cn"),
        ("StringEquals", "secretsmanager.us-gov-west-1.amazonaws.com"),
        ("StringLike", "s3.*.amazonaws.com"),  # what AWS managed policies write
        ("StringLike", "*"),
        ("StringEquals", "${aws:PrincipalTag/service}.us-east-1.amazonaws.com"),
    ],
)
def test_via_service_names(operator, value):
    assert not found("INVALID_KMS_VIA_SERVICE", operator, "kms:ViaService", value)


@pytest.mark.parametrize(
    ("operator", "value", "problem"),
    [
        ("StringEquals", "s3.amazonaws.com", "not in the form"),
        ("StringEquals", "S3.us-east-1.amazonaws.com", "not in the form"),
        ("StringEquals", "s3.us-east-1a.amazonaws.com", "where the Region code belongs"),
        ("StringEquals", "https://s3.us-east-1.amazonaws.com", "not in the form"),
        ("StringLike", "S3.*.amazonaws.com", "capital letters"),
        ("StringLike", "https://s3.*", "URL scheme"),
    ],
)
def test_invalid_via_service_names(operator, value, problem):
    (finding,) = found("INVALID_KMS_VIA_SERVICE", operator, "kms:ViaService", value)
    assert problem in finding.message and ".us-east-1.amazonaws.com" in finding.hint
