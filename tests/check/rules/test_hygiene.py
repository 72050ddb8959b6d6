"""Missing Version, empty Sid, redundant Resource entries."""

import pytest

from tests.check.rules.util import allow, codes, lint, policy, with_code

OBJECTS = "arn:aws:s3:::my-labeling-input/*"


def without_version(*statements):
    return {"Statement": list(statements)}


def test_a_policy_without_version_is_a_warning_at_the_document():
    (finding,) = with_code(lint(without_version(allow("s3:GetObject", OBJECTS))), "MISSING_VERSION")
    assert finding.finding_type.value == "WARNING" and finding.pointer == "" and '"2012-10-17"' in finding.hint
    assert with_code(lint(without_version(allow("s3:GetObject", OBJECTS)), "trust"), "MISSING_VERSION")


def test_missing_version_is_not_reported_twice_or_where_it_cannot_be():
    with_variables = without_version(allow("s3:GetObject", "arn:aws:s3:::b/${aws:username}/*"))
    assert "MISSING_VERSION" not in codes(lint(with_variables))
    assert "POLICY_VARIABLE_NEEDS_VERSION" in codes(lint(with_variables))
    assert "MISSING_VERSION" not in codes(lint(allow("s3:GetObject", OBJECTS), "statement"))  # a bare statement
    assert "MISSING_VERSION" not in codes(lint(policy(allow("s3:GetObject", OBJECTS))))
    assert "MISSING_VERSION" not in codes(lint({"Statement": []}))  # no policy to speak of: the schema's


def test_an_empty_sid_is_a_suggestion():
    (finding,) = with_code(lint(policy(allow("s3:GetObject", OBJECTS, Sid=""))), "EMPTY_SID")
    assert finding.finding_type.value == "SUGGESTION" and finding.pointer == "/Statement/0/Sid"
    assert with_code(lint(policy(allow("s3:GetObject", OBJECTS, Sid="ReadImages"))), "EMPTY_SID") == []
    assert with_code(lint(policy(allow("s3:GetObject", OBJECTS))), "EMPTY_SID") == []


def redundant(resources, action="s3:GetObject"):
    return [(f.pointer, f.message) for f in with_code(lint(policy(allow(action, resources))), "REDUNDANT_RESOURCE")]


def test_an_entry_a_wildcard_entry_covers_is_redundant():
    found = redundant(
        ["arn:aws:iam::111122223333:role/jane-admin", "arn:aws:iam::111122223333:role/jane*"], "iam:PassRole"
    )
    assert [pointer for pointer, _ in found] == ["/Statement/0/Resource/0"]
    assert "covered by 'arn:aws:iam::111122223333:role/jane*' (/Statement/0/Resource/1)" in found[0][1]


def test_a_repeat_is_reported_once_at_the_later_entry():
    found = redundant([OBJECTS, "arn:aws:s3:::my-labeling-output/*", OBJECTS])
    assert found == [
        (
            "/Statement/0/Resource/2",
            f"'{OBJECTS}' is listed twice in this statement (first at /Statement/0/Resource/0).",
        )
    ]


def test_star_covers_every_other_entry():
    assert [p for p, _ in redundant([OBJECTS, "*"])] == ["/Statement/0/Resource/0"]


@pytest.mark.parametrize(
    "resources",
    [
        ["arn:aws:s3:::my-labeling-input", OBJECTS],  # a bucket and its objects are different resources
        ["arn:aws:s3:::my-labeling-input/*", "arn:aws:s3:::my-labeling-output/*"],
        ["arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/shared/*"],
        # IAM keeps a wildcard in its field in the first five fields: `*` as the Region is one Region, not more
        ["arn:aws:sagemaker:*:111122223333:labeling-job/x", "arn:aws:sagemaker:us-east-1:111122223333:*"],
    ],
)
def test_entries_none_of_which_covers_another_are_not_redundant(resources):
    assert redundant(resources, "sagemaker:DescribeLabelingJob") == []


def test_a_variable_is_covered_only_by_a_wildcard_that_may_take_any_value():
    assert [p for p, _ in redundant(["arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/*"])] == [
        "/Statement/0/Resource/0"
    ]
    assert redundant(["arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/jane"]) == []
