"""Documentation example values left in a policy: AWS's example accounts and buckets, the catalog's examples."""

import pytest

from iamkb.check import check_document
from iamkb.check.rules.example_values import EXAMPLE_ACCOUNTS, catalog_example_buckets
from iamkb.cli import main
from iamkb.kb.snippets import load_catalog
from tests.check.rules.util import allow, lint, policy, with_code

CODE = "EXAMPLE_VALUE"


def found(document, kind="identity", **options):
    return with_code(lint(document, kind, **options), CODE)


@pytest.mark.parametrize(
    ("resource", "what"),
    [
        ("arn:aws:iam::111122223333:role/GroundTruthExecutionRole", "111122223333"),
        ("arn:aws:lambda:us-east-1:123456789012:function:gt-pre", "123456789012"),
        ("arn:aws:kms:us-east-1:444455556666:key/*", "444455556666"),
        ("arn:aws:s3:::amzn-s3-demo-bucket/*", "'amzn-s3-demo-bucket'"),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET", "'DOC-EXAMPLE-BUCKET'"),
        ("arn:aws:s3:::my-labeling-input/*", "the snippet catalog's example"),
    ],
)
def test_example_accounts_and_buckets_in_resources_are_warnings(resource, what):
    (finding,) = found(policy(allow("s3:GetObject", resource)))
    assert finding.finding_type.value == "WARNING" and finding.pointer == "/Statement/0/Resource"
    assert what in finding.message and "get-caller-identity" in finding.hint


def test_principals_and_condition_values_too():
    key_policy = policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": ["111122223333", "arn:aws:iam::210987654321:root"]},
            "Action": "kms:Decrypt",
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}},
        }
    )
    assert [f.pointer for f in found(key_policy, "resource")] == [
        "/Statement/0/Principal/AWS/0",
        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
    ]


@pytest.mark.parametrize(
    "resource",
    [
        "arn:aws:iam::210987654321:role/GroundTruthExecutionRole",
        "arn:aws:iam::1111222233334:role/x",  # thirteen digits: not the example account (and not an account)
        "arn:aws:s3:::acme-labeling-input/*",
        "arn:aws:s3:::my-labeling-inputs/*",  # not the catalog's name
        "arn:aws:s3:::data/111122223333/*",  # digits inside an object key are the user's business
        "arn:aws:s3:us-east-1:210987654321:accesspoint/amzn-s3-demo-ap",
    ],
)
def test_real_looking_values_are_not_reported(resource):
    assert found(policy(allow("s3:GetObject", resource))) == []


def test_templates_expect_example_values():
    document = policy(allow("iam:PassRole", "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"))
    assert found(document) and found(document, templates=True) == []
    assert [f.code for f in check_document(document, "identity", templates=True) if f.code == CODE] == []


def test_the_catalog_example_buckets_are_the_bucket_placeholders_examples():
    placeholders = load_catalog().placeholders.values()
    assert catalog_example_buckets() == {p.example for p in placeholders if p.rule.id == "s3-bucket-name"}
    assert {"my-labeling-input", "my-labeling-output"} <= catalog_example_buckets()
    assert {p.example for p in placeholders if p.rule.id == "account-id"} <= EXAMPLE_ACCOUNTS


def test_render_with_the_catalogs_examples_warns_but_succeeds(capsys):
    """`iamkb render --example` fills in example values: the result is checked strictly, so it says so."""
    assert main(["render", "built-in-task-types", "--example"]) == 0
    err = capsys.readouterr().err
    assert "WARNING EXAMPLE_VALUE" in err and "ERROR" not in err
