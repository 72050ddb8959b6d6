"""Condition keys that hold a KMS key's ARN, given something that cannot be one."""

import pytest

from tests.check.rules.util import allow, lint, policy, with_code

KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
S3_KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id"


def put_object(operator: str, key: str, value) -> dict:
    return allow("s3:PutObject", "arn:aws:s3:::my-labeling-output/*", Condition={operator: {key: value}})


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (S3_KEY, "alias/labeling-output"),  # an alias
        (S3_KEY, "1234abcd-12ab-34cd-56ef-1234567890ab"),  # a bare key id
        (S3_KEY, "arn:aws:kms:us-east-1:111122223333:alias/labeling-output"),  # an alias ARN
        ("sagemaker:VolumeKmsKeyArn", "arn:aws:s3:::my-labeling-output"),  # another service's ARN
        ("secretsmanager:KmsKeyArn", "arn:aws:kms:*:111122223333:alias/*"),  # a pattern that names only aliases
    ],
)
def test_a_value_that_cannot_be_a_key_arn_is_an_error_at_the_value(key, value):
    operator = "ArnLike" if "*" in value else "StringEquals"
    (finding,) = with_code(lint(policy(put_object(operator, key, [KEY_ARN, value]))), "INVALID_KMS_KEY_ARN")
    assert finding.finding_type.value == "ERROR"
    assert finding.pointer.endswith("/1") and f"'{value}'" in finding.message


@pytest.mark.parametrize(
    ("operator", "key", "value"),
    [
        ("StringEquals", S3_KEY, KEY_ARN),
        ("ArnLike", S3_KEY, "arn:aws:kms:*:111122223333:key/*"),  # a pattern of key ARNs
        ("StringLike", S3_KEY, "*"),  # may be any key
        ("StringEquals", S3_KEY, "arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/x"),  # known at request time
        ("StringEqualsIgnoreCase", S3_KEY, KEY_ARN.upper()),  # case is not compared
        ("StringEquals", S3_KEY, "<kms-key-arn>"),  # a placeholder is the placeholder check's
        ("StringEquals", "kms:GrantConstraintSourceArn", "arn:aws:s3:::my-bucket"),  # not a key's ARN
        ("StringEquals", "ec2:KmsKeyId", "1234abcd-12ab-34cd-56ef-1234567890ab"),  # a String key: takes ids
        ("Null", S3_KEY, "true"),  # not a value comparison
    ],
)
def test_values_that_may_name_a_key_arn_and_other_keys_are_not_reported(operator, key, value):
    assert with_code(lint(policy(put_object(operator, key, value))), "INVALID_KMS_KEY_ARN") == []
