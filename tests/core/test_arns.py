"""ARN pattern overlap with catalog templates: wildcards, placeholders, variables, empty fields."""

import pytest

from iamkb.core.arns import Arn, action_may_use, has_wildcard, overlaps, templates_of
from iamkb.core.patterns import Reach
from iamkb.core.placeholders import placeholders

BUCKET = "arn:${Partition}:s3:::${BucketName}"
OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
FUNCTION = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
LOG_GROUP = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"


@pytest.mark.parametrize(
    ("arn", "template", "expected"),
    [
        ("arn:aws:s3:::bucket", BUCKET, True),
        ("arn:aws:s3:::bucket", OBJECT, False),
        ("arn:aws:s3:::bucket/*", BUCKET, False),
        ("arn:aws:s3:::bucket/*", OBJECT, True),
        ("arn:aws:s3:::<input-bucket-name>", BUCKET, True),
        ("arn:aws:s3:::<input-bucket-name>/*", OBJECT, True),
        ("arn:aws:s3:::<input-bucket-name>", OBJECT, False),
        ("arn:aws:s3:::b*", OBJECT, True),  # `*` in the resource part runs across `/`
        ("arn:aws:s3:::b?", OBJECT, False),  # `?` is one character: no room for `/` and a key
        ("arn:aws:s3:us-east-1::bucket", BUCKET, False),
        ("arn:aws:s3:::${aws:username}", BUCKET, True),
        ("*", OBJECT, True),
        ("arn:aws:lambda:<region>:<account-id>:function:<name>", FUNCTION, True),
        ("arn:aws:lambda:us-east-1:111122223333:function:name:prod", FUNCTION, True),
        ("arn:aws:lambda:::function:name", FUNCTION, False),  # region and account cannot be empty
        ("arn:aws:iam::111122223333:role/service-role/name", ROLE, True),
        ("arn:aws:iam::111122223333:user/name", ROLE, False),
        ("arn:aws:logs:*:*:log-group:/aws/sagemaker/*", LOG_GROUP, True),
        ("arn:aws:logs:::log-group:x", LOG_GROUP, False),
        ("arn:aws:identitystore:::user/*", "arn:${Partition}:identitystore:::user/*", True),
    ],
)
def test_overlaps(arn, template, expected):
    assert overlaps(arn, template) is expected


@pytest.mark.parametrize(
    ("arn", "template", "wide", "field"),
    [
        (
            "arn:aws:ssm:*:document/AWS-Run",
            "arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}",
            True,
            False,
        ),
        ("arn:aws:s3:::b*", OBJECT, True, True),
        ("arn:aws:s3:*:b", BUCKET, True, False),
        ("arn:aws:s3:::bucket/*", BUCKET, False, False),
    ],
)
def test_the_lint_reads_wide_and_iams_field_reading_overlaps_no_more(arn, template, wide, field):
    assert overlaps(arn, template) is wide
    assert overlaps(arn, template, Reach.FIELD) is field


def test_policy_variables_are_read_by_the_one_tokenizer():
    assert overlaps("arn:aws:s3:::${aws:PrincipalTag/team, 'O''Brien'}/*", OBJECT)
    assert overlaps("arn:aws:s3:::${aws:username}", BUCKET)
    assert not overlaps("arn:aws:s3:::${*}/x", BUCKET)  # `${*}` is a literal `*`: `/x` makes it an object
    assert overlaps("arn:aws:s3:::${*}/x", OBJECT)


def test_parse_splits_six_fields_and_keeps_colons_in_the_resource():
    assert Arn.parse("arn:aws:logs:us-east-1:1:log-group:a:log-stream:b").resource == "log-group:a:log-stream:b"
    assert Arn.parse("arn:aws:s3") is None
    assert Arn.parse("*") is None


def test_placeholders_and_wildcards():
    # the one placeholder pattern: the lint reads `<Bucket_Name>` as a placeholder, as `iamkb render` does
    assert overlaps("arn:aws:s3:::<Bucket_Name>", BUCKET) and not overlaps("arn:aws:s3:::<Bucket_Name>", OBJECT)
    assert placeholders("arn:aws:s3:::<Bucket_Name>") == ["Bucket_Name"]
    assert placeholders("arn:aws:iam::<account-id>:role/<role-name>/<account-id>") == ["account-id", "role-name"]
    assert placeholders("arn:aws:s3:::bucket") == []
    assert has_wildcard("s3*") and has_wildcard("${aws:username}") and not has_wildcard("s3")


# --- which resources an action can use (the lint and `iamkb grants` ask the same function) -----------


def catalog_action(name):
    from iamkb.core import iamcatalog

    prefix, _, action = name.partition(":")
    return iamcatalog.service(prefix).action(action)


@pytest.mark.parametrize(
    ("action", "resource", "expected"),
    [
        ("s3:GetObject", "arn:aws:s3:::bucket/*", True),
        ("s3:GetObject", "arn:aws:s3:::bucket", False),  # a bucket, not an object
        ("s3:ListBucket", "arn:aws:s3:::bucket/*", False),  # objects, not a bucket
        ("s3:GetObject", "*", True),
        ("s3:GetObject", "bucket", False),  # not an ARN: names nothing
        ("s3:ListAllMyBuckets", "arn:aws:s3:::*", True),  # no resource type in the catalog: no verdict
        ("s3:ListAllMyBuckets", "arn:aws:s3:::bucket", True),
        ("ssm:StartSession", "arn:aws:eks:*:*:cluster/c", True),  # another service's ARN: no verdict
        ("lambda:InvokeFunction", "arn:aws:lambda:us-east-1::function:f", False),  # the account is missing
        ("ec2:StartInstances", "arn:aws:ec2:*:*:volume/*", True),  # a wildcard account may reach into the resource part
        ("ec2:StartInstances", "arn:aws:ec2:us-east-1:111122223333:volume/v", False),
    ],
)
def test_action_may_use(action, resource, expected):
    assert action_may_use(catalog_action(action), resource) is expected


def test_templates_of_an_action_come_from_its_own_services_resource_types():
    assert "arn:${Partition}:s3:::${BucketName}/${ObjectName}" in templates_of(catalog_action("s3:GetObject"))
    assert all(template.split(":")[2] == "s3" for template in templates_of(catalog_action("s3:GetObject")))
    assert templates_of(catalog_action("s3:ListAllMyBuckets")) == ()
