"""Condition keys that some of the statement's actions never see: service keys per action, tag keys."""

import pytest

from iamkb.core import iamcatalog
from tests.check.rules.util import allow, codes, lint, policy, with_code

PREFIX = {"StringLike": {"s3:prefix": "images/*"}}
PROJECT = {"StringEquals": {"aws:ResourceTag/project": "cats"}}


def deny(action, resource="*", **rest):
    return {"Effect": "Deny", "Action": action, "Resource": resource, **rest}


def test_each_action_without_the_service_key_is_an_error_at_its_entry():
    document = policy(allow(["s3:ListBucket", "s3:GetObject", "s3:PutObject"], Condition=PREFIX))
    found = with_code(lint(document), "UNSUPPORTED_ACTION_FOR_CONDITION_KEY")
    assert [(f.pointer, f.finding_type.value) for f in found] == [
        ("/Statement/0/Action/1", "ERROR"),
        ("/Statement/0/Action/2", "ERROR"),
    ]
    assert "'s3:GetObject'" in found[0].message and "s3:prefix" in found[0].hint


def test_the_key_is_judged_per_action_resource_types_included():
    """ec2:ResourceTag/ is a resource-type key: ec2:StartInstances has it, ec2:DescribeInstances does not."""
    condition = {"StringEquals": {"ec2:ResourceTag/team": "labeling"}}
    document = policy(allow(["ec2:StartInstances", "ec2:DescribeInstances"], Condition=condition))
    (finding,) = with_code(lint(document), "UNSUPPORTED_ACTION_FOR_CONDITION_KEY")
    assert finding.pointer == "/Statement/0/Action/1"


@pytest.mark.parametrize(
    "statement",
    [
        allow("s3:ListBucket", Condition=PREFIX),  # every action has the key
        allow(["s3:ListBucket", "s3:Get*"], Condition=PREFIX),  # wildcards are not judged (as Access Analyzer)
        allow(["s3:ListBucket", "s3:GetObjekt"], Condition=PREFIX),  # an unknown action is another finding's
        allow(["s3:GetObject", "s3:PutObject"], Condition=PREFIX),  # none has it: CONDITION_KEY_NOT_SUPPORTED
        allow(["s3:ListBucket", "s3:GetObject"], Condition={"Bool": {"aws:SecureTransport": "true"}}),  # global
        {"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "*", "Condition": PREFIX},
    ],
)
def test_no_finding_when_the_key_fits_or_the_question_is_another_checks(statement):
    assert with_code(lint(policy(statement)), "UNSUPPORTED_ACTION_FOR_CONDITION_KEY") == []


def test_trust_policy_companions_of_assume_role_share_its_request():
    trust = policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["sts:AssumeRole", "sts:TagSession"],
            "Condition": {"StringEquals": {"sts:ExternalId": "labeling-vendor"}},
        }
    )
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(lint(trust, "trust"))


def test_an_allow_with_a_tag_key_some_actions_lack_is_a_suggestion_listing_them():
    document = policy(
        allow(["sagemaker:StopLabelingJob", "sagemaker:ListLabelingJobs", "sagemaker:Create*"], Condition=PROJECT)
    )
    (finding,) = with_code(lint(document), "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY")
    assert (
        finding.finding_type.value == "SUGGESTION"
        and finding.pointer == "/Statement/0/Condition/StringEquals/aws:ResourceTag~1project"
    )
    assert finding.message.startswith("sagemaker:ListLabelingJobs:")  # Create* has actions with the key
    assert "UNSUPPORTED_ACTION_FOR_CONDITION_KEY" not in codes(lint(document))


def test_request_tags_on_actions_that_create_nothing():
    condition = {"StringEquals": {"aws:RequestTag/project": "cats"}}
    document = policy(allow(["sagemaker:CreateLabelingJob", "sagemaker:StopLabelingJob"], Condition=condition))
    (finding,) = with_code(lint(document), "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY")
    assert finding.message.startswith("sagemaker:StopLabelingJob:")
    tag_keys = {"ForAllValues:StringEquals": {"aws:TagKeys": ["project"]}}
    assert with_code(
        lint(policy(allow("sagemaker:ListLabelingJobs", Condition=tag_keys))),
        "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY",
    )


def test_a_deny_with_a_tag_key_some_actions_lack_is_a_security_warning():
    stage = {"StringEquals": {"aws:ResourceTag/stage": "final"}}
    document = policy(deny(["sagemaker:DeleteWorkteam", "sagemaker:DeleteHumanLoop"], Condition=stage))
    (finding,) = with_code(lint(document), "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY")
    assert finding.finding_type.value == "SECURITY_WARNING" and "sagemaker:DeleteHumanLoop" in finding.message
    assert "IfExists" in finding.hint
    assert (
        with_code(
            lint(policy(deny("sagemaker:DeleteWorkteam", Condition=stage))), "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY"
        )
        == []
    )


def test_a_deny_with_not_action_and_a_tag_key_leaves_actions_undenied():
    document = policy({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": PROJECT})
    (finding,) = with_code(lint(document), "DENY_NOT_ACTION_WITH_TAG_CONDITION_KEY")
    assert finding.finding_type.value == "SECURITY_WARNING"
    allow_not = policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": PROJECT})
    assert "DENY_NOT_ACTION_WITH_TAG_CONDITION_KEY" not in codes(lint(allow_not))  # ALLOW_WITH_NOT_ACTION's


def test_a_tag_key_without_its_tag_is_an_unknown_key_with_the_format_not_a_support_finding():
    for key in ("aws:ResourceTag", "aws:RequestTag/"):
        found = lint(policy(allow("sagemaker:StopLabelingJob", Condition={"StringEquals": {key: "cats"}})))
        (unknown,) = with_code(found, "UNKNOWN_CONDITION_KEY")
        assert "/tag-key" in unknown.message and "'aws:" in unknown.hint
        assert "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY" not in codes(found)


def test_the_catalog_still_says_what_the_examples_rely_on():
    """The examples rest on these facts of the catalog; a catalog update that changes one shows here."""
    sagemaker, s3 = iamcatalog.service("sagemaker"), iamcatalog.service("s3")

    def has(service, action, key):
        return service.keys_for_action(service.action(action)).find(key) is not None

    assert has(s3, "ListBucket", "s3:prefix") and not has(s3, "GetObject", "s3:prefix")
    assert has(sagemaker, "StopLabelingJob", "aws:ResourceTag/x") and not has(
        sagemaker, "ListLabelingJobs", "aws:ResourceTag/x"
    )
    assert not has(sagemaker, "DeleteHumanLoop", "aws:ResourceTag/x")


def test_an_allow_with_not_action_and_a_tag_key_is_a_suggestion_at_the_key():
    statement = {"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": PROJECT}
    (finding,) = with_code(lint(policy(statement)), "ALLOW_NOT_ACTION_WITH_TAG_CONDITION_KEY")
    assert finding.finding_type.value == "SUGGESTION"
    assert finding.pointer == "/Statement/0/Condition/StringEquals/aws:ResourceTag~1project"
    listed = allow(["sagemaker:StopLabelingJob"], Condition=PROJECT)
    not_tags = {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": PREFIX}
    for document in (policy(listed), policy(not_tags)):
        assert with_code(lint(document), "ALLOW_NOT_ACTION_WITH_TAG_CONDITION_KEY") == []
