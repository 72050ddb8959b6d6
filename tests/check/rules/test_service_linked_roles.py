"""iam:CreateServiceLinkedRole for every service: Access Analyzer's "Create SLR with star in resource" family."""

import pytest

from tests.check.rules.util import allow, lint, policy, with_code

CODE = "CREATE_SERVICE_LINKED_ROLE_ANY_SERVICE"
SAGEMAKER_ONLY = {"StringEquals": {"iam:AWSServiceName": "sagemaker.amazonaws.com"}}


def found(document, **options):
    return with_code(lint(document, **options), CODE)


@pytest.mark.parametrize(
    "statement",
    [
        allow("iam:CreateServiceLinkedRole"),
        allow("iam:CreateServiceLinkedRole", "arn:aws:iam::*:role/*"),
        allow("iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/*"),
        allow("iam:Create*"),
        allow("iam:*"),
        allow("*"),
        {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::*:role/Admin"},
    ],
)
def test_every_service_linked_role_is_a_warning(statement):
    (finding,) = found(policy(statement))
    assert finding.finding_type.value == "WARNING" and "iam:AWSServiceName" in finding.hint


def test_the_pointer_is_what_makes_it_every_service():
    document = policy(allow("iam:CreateServiceLinkedRole", ["arn:aws:iam::111122223333:role/x", "*"]))
    assert [f.pointer for f in found(document)] == ["/Statement/0/Resource/1"]
    not_resource = {"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:s3:::b"}
    assert [f.pointer for f in found(policy(not_resource))] == ["/Statement/0/NotResource"]


@pytest.mark.parametrize(
    "statement",
    [
        allow("iam:CreateServiceLinkedRole", Condition=SAGEMAKER_ONLY),
        allow(
            "iam:CreateServiceLinkedRole",
            "arn:aws:iam::*:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForAmazonSageMaker*",
        ),
        allow("iam:CreateRole"),
        {"Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::*:role/aws-service-role/*"},
    ],
)
def test_one_service_or_no_service_linked_role_is_not(statement):
    assert found(policy(statement)) == []


def test_other_conditions_are_mentioned_and_managed_policies_are_not_reported():
    mfa = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    (finding,) = found(policy(allow("iam:CreateServiceLinkedRole", Condition=mfa)))
    assert "conditions on aws:MultiFactorAuthPresent may narrow it" in finding.message
    # Access Analyzer's reference lists the AWS managed policies that do this on purpose (PowerUserAccess, ...)
    assert found(policy(allow("iam:CreateServiceLinkedRole")), managed=True) == []
