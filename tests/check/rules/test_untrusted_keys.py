"""Conditions on the aws:Referer and aws:UserAgent headers, which the caller writes."""

import pytest

from tests.check.rules.util import allow, lint, policy, with_code


def public_read(effect: str, condition: dict) -> dict:
    return {
        "Effect": effect,
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::my-labeling-input/*",
        "Condition": condition,
    }


@pytest.mark.parametrize(
    ("effect", "condition", "says"),
    [
        ("Allow", {"StringLike": {"aws:Referer": "https://labeling.example.com/*"}}, "whoever sends"),
        ("Deny", {"StringNotLike": {"aws:referer": "https://labeling.example.com/*"}}, "escapes this Deny"),
        ("Deny", {"StringNotEquals": {"aws:UserAgent": "labeling-tool/1.0"}}, "User-Agent header"),
    ],
)
def test_a_condition_on_a_caller_written_header_is_a_security_warning(effect, condition, says):
    (finding,) = with_code(lint(policy(public_read(effect, condition)), "resource"), "CALLER_SUPPLIED_CONDITION_KEY")
    assert finding.finding_type.value == "SECURITY_WARNING" and finding.pointer.startswith("/Statement/0/Condition/")
    assert says in finding.message


@pytest.mark.parametrize(
    "document",
    [
        policy(public_read("Deny", {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}})),
        policy(allow("s3:GetObject", Condition={"StringEquals": {"s3:ExistingObjectTag/stage": "final"}})),
    ],
)
def test_keys_aws_sets_are_not_reported(document):
    assert with_code(lint(document, "resource"), "CALLER_SUPPLIED_CONDITION_KEY") == []
