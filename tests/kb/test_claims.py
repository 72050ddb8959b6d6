"""Claims: the expectation check, the explanation shown for each decision, and both table formats."""

import pytest

from iamkb.kb.claims import Claim, check_claims, example_policy, identity_policies, markdown_text
from iamkb.simulate import Policies, Request

ROLE = "arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole"
INPUT_OBJECT = "arn:aws:s3:::my-labeling-input/images/0001.jpg"


@pytest.fixture(scope="module")
def s3_access():
    return identity_policies("built-in-task-types")


def test_a_claim_that_matches_the_decision_holds(s3_access):
    table = check_claims(s3_access, [Claim("reads input", Request("s3:GetObject", INPUT_OBJECT, ROLE), "Allowed")])
    assert [c.holds for c in table.checked] == [True]
    assert table.assert_hold() is table


def test_denied_accepts_either_kind_of_denial(s3_access):
    request = Request("s3:GetObject", "arn:aws:s3:::finance-reports/q3.csv", ROLE)
    table = check_claims(
        s3_access,
        [
            Claim("other bucket", request, "Denied"),
            Claim("other bucket", request, "ImplicitlyDenied"),
            Claim("other bucket", request, "ExplicitlyDenied"),
        ],
    )
    assert [c.holds for c in table.checked] == [True, True, False]


def test_assert_hold_names_every_failed_claim_with_its_reason(s3_access):
    table = check_claims(
        s3_access,
        [
            Claim("reads input", Request("s3:GetObject", INPUT_OBJECT, ROLE), "Allowed"),
            Claim("aborts uploads", Request("s3:AbortMultipartUpload", INPUT_OBJECT, ROLE), "Allowed"),
            Claim(
                "reads another bucket", Request("s3:GetObject", "arn:aws:s3:::finance-reports/q3.csv", ROLE), "Allowed"
            ),
        ],
    )
    with pytest.raises(AssertionError) as raised:
        table.assert_hold()
    message = str(raised.value)
    assert message.startswith("2 of 3 claims do not hold:")
    assert "- aborts uploads: s3:AbortMultipartUpload on" in message
    assert "no statement of any policy names the action s3:AbortMultipartUpload" in message
    assert "Resource does not match arn:aws:s3:::finance-reports/q3.csv" in message
    assert "reads input" not in message


def test_why_gives_the_failed_condition_for_a_denial():
    table = check_claims(
        identity_policies("automated-labeling-passrole"),
        [
            Claim(
                "to EC2",
                Request("iam:PassRole", ROLE, ROLE, context={"iam:PassedToService": "ec2.amazonaws.com"}),
                "Denied",
            ),
        ],
    )
    assert "the request has iam:PassedToService = ec2.amazonaws.com" in table.checked[0].why


def test_why_does_not_claim_nothing_names_the_action_when_the_resource_policy_decided():
    table = check_claims(
        identity_policies("storage-volume-create-grant"),
        [
            Claim(
                "key policy missing",
                Request("kms:CreateGrant", "arn:aws:kms:us-east-1:111122223333:key/k", ROLE),
                "Denied",
            ),
        ],
    )
    assert "KMS key policy must allow" in table.checked[0].why
    assert "no statement" not in table.checked[0].why


def test_markdown_table_marks_failures_and_shows_context(s3_access):
    table = check_claims(
        identity_policies("automated-labeling-passrole"),
        [
            Claim(
                "passes itself",
                Request("iam:PassRole", ROLE, ROLE, context={"iam:PassedToService": "sagemaker.amazonaws.com"}),
                "Allowed",
            ),
            Claim("passes itself anywhere", Request("iam:PassRole", ROLE, ROLE), "Allowed"),
        ],
    )
    markdown = table._repr_markdown_()
    assert markdown.startswith(f"Caller: `{ROLE}`\n")
    rows = [line for line in markdown.splitlines() if line.startswith("| yes") or line.startswith("| **NO**")]
    assert rows[0].startswith("| yes | passes itself | `iam:PassRole` on ")
    assert "with `iam:PassedToService=sagemaker.amazonaws.com`" in rows[0]
    assert rows[1].startswith("| **NO** | passes itself anywhere |")


def test_tables_name_the_caller_per_row_when_callers_differ():
    trust = Policies(resource=example_policy("sagemaker-trust-policy"))
    table = check_claims(
        trust,
        [
            Claim("SageMaker", Request("sts:AssumeRole", ROLE, "sagemaker.amazonaws.com"), "Allowed"),
            Claim("EC2", Request("sts:AssumeRole", ROLE, "ec2.amazonaws.com"), "Denied"),
        ],
    )
    assert "Caller:" not in table._repr_markdown_()
    assert "by `ec2.amazonaws.com`" in table._repr_markdown_()
    assert "by ec2.amazonaws.com" in str(table)


def test_plain_text_table_says_which_claims_hold(s3_access):
    table = check_claims(
        s3_access,
        [
            Claim("reads input", Request("s3:GetObject", INPUT_OBJECT, ROLE), "Allowed"),
            Claim("deletes input", Request("s3:DeleteObject", INPUT_OBJECT, ROLE), "Allowed"),
        ],
    )
    lines = str(table).splitlines()
    assert lines[0] == f"Caller: {ROLE}"
    assert lines[1] == "[holds] reads input"
    assert lines[2] == f"    s3:GetObject on {INPUT_OBJECT}"
    assert lines[4] == "[DOES NOT HOLD] deletes input"
    assert lines[6].startswith("    ImplicitlyDenied (expected Allowed): ")
    assert repr(table) == str(table)


def test_an_unknown_expectation_is_refused():
    with pytest.raises(
        ValueError, match="expect must be one of Allowed, ExplicitlyDenied, ImplicitlyDenied, AlwaysDenied, Denied"
    ):
        Claim("typo", Request("s3:GetObject", INPUT_OBJECT, ROLE), "Allow")


def test_markdown_text_escapes_table_and_emphasis_characters():
    assert markdown_text("a|b *c* _d_ <e> `f`\nnext") == "a\\|b \\*c\\* \\_d\\_ &lt;e&gt; \\`f\\` next"


def test_example_policy_fills_placeholders_with_catalog_examples():
    text = str(example_policy("custom-task-types"))
    assert "arn:aws:lambda:us-east-1:111122223333:function:gt-pre-annotation" in text
    assert "<" not in text


def test_example_policy_wraps_a_statement_snippet_in_a_policy():
    policy = example_policy("custom-workflow-statement")
    assert policy["Version"] == "2012-10-17"
    assert [s["Sid"] for s in policy["Statement"]] == ["GroundTruthConsoleCustomWorkflow"]


def test_identity_policies_are_labelled_by_snippet_id():
    table = check_claims(
        identity_policies("ground-truth-console", "custom-workflow-statement"),
        [
            Claim("lists functions", Request("lambda:ListFunctions", "*", ROLE), "Allowed"),
        ],
    )
    assert table.checked[0].why == (
        "allowed by ground-truth-console /Statement/6 (Sid GroundTruthConsole), "
        "custom-workflow-statement /Statement/0 (Sid GroundTruthConsoleCustomWorkflow)"
    )


def test_why_names_the_deny_statement_for_an_explicit_denial():
    deny = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "NoInputOverwrites",
                "Effect": "Deny",
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::my-labeling-input/*",
            }
        ],
    }
    policies = Policies(
        identity=[example_policy("built-in-task-types"), deny],
        labels={"identity[0]": "built-in-task-types", "identity[1]": "guardrail"},
    )
    table = check_claims(
        policies,
        [
            Claim("cannot overwrite input", Request("s3:PutObject", INPUT_OBJECT, ROLE), "ExplicitlyDenied"),
        ],
    )
    assert table.checked[0].holds
    assert table.checked[0].why.startswith("explicitly denied by guardrail /Statement/0 (Sid NoInputOverwrites)")
