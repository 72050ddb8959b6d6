"""Condition keys that need a companion key in the same condition, or the right effect."""

import pytest

from tests.check.rules.util import allow, lint, policy, with_code


def with_condition(condition, action="s3:GetObject"):
    return policy(allow(action, "*", Condition=condition))


def test_vpc_source_ip_without_source_vpc():
    document = with_condition({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}})
    (finding,) = with_code(lint(document), "MISSING_PAIRED_CONDITION_KEY")
    assert finding.pointer == "/Statement/0/Condition/IpAddress/aws:VpcSourceIp"
    assert "aws:SourceVpc" in finding.hint


def test_vpc_source_ip_with_source_vpc_under_any_operator_and_case():
    document = with_condition(
        {"IpAddress": {"AWS:VPCSOURCEIP": "10.0.0.0/16"}, "StringEqualsIfExists": {"aws:sourcevpc": "vpc-1a2b3c4d"}}
    )
    assert not with_code(lint(document), "MISSING_PAIRED_CONDITION_KEY")


def test_only_the_pair_the_reference_names():
    """Access Analyzer's reference names aws:SourceVpc as aws:VpcSourceIp's pair; an endpoint is no VPC."""
    document = with_condition(
        {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}, "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}
    )
    assert with_code(lint(document), "MISSING_PAIRED_CONDITION_KEY")
    assert not with_code(
        lint(with_condition({"StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}})), "MISSING_PAIRED_CONDITION_KEY"
    )


def test_dynamodb_attributes_without_select():
    document = with_condition(
        {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["WorkerId"]}}, action="dynamodb:GetItem"
    )
    (finding,) = with_code(lint(document), "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT")
    assert finding.pointer.endswith("/dynamodb:Attributes") and "SPECIFIC_ATTRIBUTES" in finding.hint


def test_dynamodb_select_must_be_specific_attributes():
    def document(select):
        return with_condition(
            {
                "ForAllValues:StringEquals": {"dynamodb:Attributes": ["WorkerId"]},
                "StringEquals": {"dynamodb:Select": select},
            },
            action="dynamodb:GetItem",
        )

    assert with_code(lint(document("ALL_ATTRIBUTES")), "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT")
    assert not with_code(lint(document("SPECIFIC_ATTRIBUTES")), "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT")
    assert not with_code(lint(document(["SPECIFIC_ATTRIBUTES"])), "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT")


def prefix_statement(effect, operator):
    return policy(
        {
            "Effect": effect,
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::my-labeling-input",
            "Condition": {operator: {"s3:prefix": "private/*"}},
        }
    )


@pytest.mark.parametrize(
    ("effect", "operator", "hint"),
    [
        ("Deny", "StringLike", "Deny with StringNotLike"),
        ("Deny", "StringEquals", "Deny with StringNotLike"),
        ("Allow", "StringNotLike", "with StringLike instead"),
        ("Allow", "ForAnyValue:StringNotEqualsIfExists", "with StringLike instead"),
    ],
)
def test_s3_prefix_in_a_negative_context(effect, operator, hint):
    (finding,) = with_code(lint(prefix_statement(effect, operator)), "S3_PREFIX_IN_NEGATIVE_CONTEXT")
    assert finding.pointer == f"/Statement/0/Condition/{operator}/s3:prefix" and hint in finding.hint


@pytest.mark.parametrize(("effect", "operator"), [("Allow", "StringLike"), ("Deny", "StringNotLike"), ("Deny", "Null")])
def test_s3_prefix_used_the_way_that_restricts(effect, operator):
    assert not with_code(lint(prefix_statement(effect, operator)), "S3_PREFIX_IN_NEGATIVE_CONTEXT")
