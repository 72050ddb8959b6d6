"""The form of ARN fields in Resource, and Region codes in conditions."""

import pytest

from iamkb.core.arns import REGION_CODE, Arn
from tests.check.rules.util import allow, lint, policy, with_code

LAMBDA = "arn:aws:lambda:{region}:{account}:function:gt-pre-annotation"


def found(resource, code, action="lambda:InvokeFunction"):
    return with_code(lint(policy(allow(action, resource))), code)


@pytest.mark.parametrize(
    ("account", "hint"),
    [
        ("1111-2222-3333", "'111122223333'"),  # as the console shows it
        ("11112222333", "leading zeros"),  # eleven digits: a lost leading zero
        ("account-id", "12-digit"),
        ("AWS", "12-digit"),
    ],
)
def test_an_account_field_that_is_not_12_digits_is_an_error(account, hint):
    (finding,) = found(LAMBDA.format(region="us-east-1", account=account), "INVALID_ARN_ACCOUNT")
    assert finding.finding_type.value == "ERROR" and finding.pointer == "/Statement/0/Resource"
    assert account in finding.message and hint in finding.hint


@pytest.mark.parametrize(
    "resource",
    [
        LAMBDA.format(region="us-east-1", account="011122223333"),
        LAMBDA.format(region="*", account="*"),
        LAMBDA.format(region="us-east-1", account="${aws:PrincipalAccount}"),
        LAMBDA.format(region="us-east-1", account="<account-id>"),
        LAMBDA.format(region="us-east-1", account="1111222233*"),
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",  # AWS-owned: the account is `aws`
        "arn:aws:s3:::my-labeling-input/*",
        "*",
    ],
)
def test_accounts_of_the_right_form_and_patterns_are_not_judged(resource):
    action = (
        "iam:GetPolicy" if ":iam:" in resource else "s3:GetObject" if ":s3:" in resource else "lambda:InvokeFunction"
    )
    assert found(resource, "INVALID_ARN_ACCOUNT", action) == []


def test_a_service_without_accounts_in_its_arns_is_left_to_the_resources_check():
    """S3 object ARNs never have an account: ARN_ACCOUNT_MISMATCH says so, this check stays quiet."""
    document = policy(allow("s3:GetObject", "arn:aws:s3::abc:my-labeling-input/*"))
    codes = [f.code for f in lint(document)]
    assert "INVALID_ARN_ACCOUNT" not in codes and "ARN_ACCOUNT_MISMATCH" in codes


@pytest.mark.parametrize(
    ("region", "hint"),
    [
        ("us-east-1a", "Availability Zone; the Region is 'us-east-1'"),
        ("US-EAST-1", "'us-east-1'"),
        ("us_east_1", "'us-east-1'"),
        ("virginia", "Region's code"),
        ("us-east", "Region's code"),
    ],
)
def test_a_region_field_that_is_not_a_region_code_is_an_error(region, hint):
    (finding,) = found(LAMBDA.format(region=region, account="111122223333"), "INVALID_ARN_REGION")
    assert finding.finding_type.value == "ERROR" and hint in finding.hint


@pytest.mark.parametrize(
    "region", ["us-east-1", "eu-central-1", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "eusc-de-east-1"]
)
def test_region_codes_of_every_partition_are_accepted(region):
    assert REGION_CODE.match(region)
    assert found(LAMBDA.format(region=region, account="111122223333"), "INVALID_ARN_REGION") == []


def test_variables_in_the_region_and_account_fields_are_not_split_at_their_colons():
    arn = "arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:team/*"
    assert Arn.parse(arn) == Arn(
        "aws", "secretsmanager", "${aws:RequestedRegion}", "${aws:PrincipalAccount}", "secret:team/*"
    )
    codes = {f.code for f in lint(policy(allow("secretsmanager:GetSecretValue", arn)))}
    assert not codes & {"INVALID_ARN_REGION", "INVALID_ARN_ACCOUNT"}


def test_an_upper_case_service_prefix_is_an_error_and_a_partial_wildcard_a_suggestion():
    (finding,) = found("arn:aws:SageMaker:us-east-1:111122223333:labeling-job/*", "INVALID_ARN_SERVICE_CASE")
    assert "'sagemaker'" in finding.hint
    (wild,) = found("arn:aws:*code*:us-east-1:111122223333:*", "WILDCARD_IN_SERVICE_NAME", "codebuild:StartBuild")
    assert wild.finding_type.value == "SUGGESTION" and "*code*" in wild.message
    assert found("arn:aws:*:us-east-1:111122223333:*", "WILDCARD_IN_SERVICE_NAME", "codebuild:StartBuild") == []


def test_not_resource_arns_are_judged_too():
    document = policy({"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:lambda:us-east1:111122223333:*"})
    assert with_code(lint(document), "INVALID_ARN_REGION")


@pytest.mark.parametrize(
    ("condition", "flagged"),
    [
        ({"StringEquals": {"aws:RequestedRegion": "Europe (Ireland)"}}, True),
        ({"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-west-1a"]}}, True),
        ({"ForAnyValue:StringEquals": {"ec2:Region": "EU-WEST-1"}}, True),
        ({"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}, False),
        ({"StringLike": {"aws:RequestedRegion": "eu-*"}}, False),
        ({"Null": {"aws:RequestedRegion": "true"}}, False),
        ({"StringEquals": {"aws:SourceAccount": "Europe"}}, False),  # not a Region key
    ],
)
def test_region_codes_in_conditions(condition, flagged):
    document = policy(allow("ec2:RunInstances", Condition=condition))
    assert bool(with_code(lint(document), "INVALID_REGION")) is flagged
