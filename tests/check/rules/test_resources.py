"""Resource ARNs against the resource types of the statement's actions."""

from tests.check.rules.util import allow, lint, policy, with_code


def test_object_action_on_a_bucket_arn():
    (finding,) = with_code(lint(policy(allow("s3:GetObject", "arn:aws:s3:::bucket"))), "RESOURCE_MATCHES_NO_ACTION")
    assert finding.pointer == "/Statement/0/Resource"
    assert finding.finding_type.value == "ERROR"  # Access Analyzer's "Invalid ARN resource"
    assert "${BucketName}/${ObjectName}" in finding.hint


def test_matching_arns_and_placeholders_pass():
    document = policy(
        allow(["s3:ListBucket", "s3:GetBucketLocation"], ["arn:aws:s3:::<input-bucket-name>", "arn:aws:s3:::out"]),
        allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::<input-bucket-name>/*"]),
        allow("lambda:InvokeFunction", "arn:aws:lambda:<region>:<account-id>:function:<name>"),
    )
    found = lint(document)
    assert not with_code(found, "RESOURCE_MATCHES_NO_ACTION") and not with_code(found, "ACTION_MATCHES_NO_RESOURCE")


def test_region_in_an_s3_arn():
    (finding,) = with_code(lint(policy(allow("s3:ListBucket", "arn:aws:s3:us-east-1::bucket"))), "ARN_REGION_MISMATCH")
    assert "must be empty" in finding.message and "'us-east-1'" in finding.message
    assert not with_code(lint(policy(allow("s3:ListBucket", "arn:aws:s3:::bucket"))), "ARN_REGION_MISMATCH")


def test_missing_region_or_account():
    (region,) = with_code(
        lint(policy(allow("lambda:InvokeFunction", "arn:aws:lambda::111122223333:function:f"))), "ARN_REGION_MISMATCH"
    )
    assert "is empty" in region.message
    (account,) = with_code(
        lint(policy(allow("lambda:InvokeFunction", "arn:aws:lambda:us-east-1::function:f"))), "ARN_ACCOUNT_MISMATCH"
    )
    assert "account" in account.message
    assert not with_code(
        lint(policy(allow("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"))),
        "ARN_ACCOUNT_MISMATCH",
    )


def test_action_that_no_resource_of_the_statement_fits():
    document = policy(allow(["s3:ListBucket", "s3:GetObject"], "arn:aws:s3:::bucket/*"))
    (finding,) = with_code(lint(document), "ACTION_MATCHES_NO_RESOURCE")
    assert finding.pointer == "/Statement/0/Action/0"
    assert not with_code(lint(policy(allow(["s3:ListBucket", "s3:GetObject"], "*"))), "ACTION_MATCHES_NO_RESOURCE")


def test_no_verdict_for_other_services_arns_or_actions_without_resource_types():
    document = policy(
        allow("ssm:StartSession", ["arn:aws:eks:*:*:cluster/*"]),  # authorized on another service's resource
        allow(["s3:ListAllMyBuckets", "s3:GetObject"], "arn:aws:s3:::bucket"),  # first has no resource types
        allow("*", "arn:aws:s3:::bucket"),
    )
    found = lint(document)
    assert not with_code(found, "RESOURCE_MATCHES_NO_ACTION")


def test_second_arn_format_of_a_joined_template_counts():
    # API Gateway lists two formats in one string: "/apis/{id}/authorizers/{id}, arn:.../restapis/{id}/authorizers/{id}"
    document = policy(allow("apigateway:GET", "arn:aws:apigateway:us-east-1::/restapis/a1b2/authorizers/x9"))
    assert not with_code(lint(document), "RESOURCE_MATCHES_NO_ACTION")
    wrong = policy(allow("apigateway:GET", "arn:aws:apigateway:us-east-1::/nosuchpath/a1b2"))
    assert with_code(lint(wrong), "RESOURCE_MATCHES_NO_ACTION")


def test_a_wildcard_region_is_read_widely():
    # A `*` before the resource part may stand for several fields: only impossible ARNs are reported.
    assert not with_code(
        lint(policy(allow("ec2:StartInstances", "arn:aws:ec2:*:*:volume/*"))), "RESOURCE_MATCHES_NO_ACTION"
    )
    assert with_code(
        lint(policy(allow("ec2:StartInstances", "arn:aws:ec2:us-east-1:111122223333:volume/*"))),
        "RESOURCE_MATCHES_NO_ACTION",
    )
