"""iamkb.compare: what policy A allows that B is not proven to allow, on the site's questions and
checked against the simulator."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.compare import compare, principal_gap
from iamkb.grants import statements
from iamkb.render import render
from iamkb.simulate import ALLOWED, Policies, Request, evaluate

pytestmark = pytest.mark.long  # run first (tests/conftest.py)


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **extra):
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def gaps(a, b):
    return [(g.action, g.resource) for g in compare(a, b).gaps]


# --- the questions the site answers ----------------------------------------------------------------


def doc(snippet_id, **values):
    return render(snippet_id, {k.replace("_", "-"): v for k, v in values.items()}).document()


def test_custom_workflow_statement_adds_nothing_to_the_console_policy():
    assert not compare(doc("custom-workflow-statement"), doc("ground-truth-console")).a_allows_more


def test_private_workforce_statement_is_covered_by_the_console_policy():
    result = compare(doc("private-workforce-statement"), doc("ground-truth-console"))
    assert not result.a_allows_more and result.checked == 20


def test_console_policy_allows_more_than_the_private_workforce_statement():
    result = compare(doc("ground-truth-console"), doc("private-workforce-statement"))
    assert ("sagemaker:CreateLabelingJob", "*") in [(g.action, g.resource) for g in result.gaps]


def test_managed_execution_policy_covers_groundtruth_buckets():
    built_in = doc(
        "built-in-task-types", input_bucket_name="my-groundtruth-input", output_bucket_name="my-groundtruth-output"
    )
    assert not compare(built_in, doc("AmazonSageMakerGroundTruthExecution")).a_allows_more


def test_managed_execution_policy_does_not_cover_other_buckets():
    built_in = doc(
        "built-in-task-types", input_bucket_name="my-labeling-input", output_bucket_name="my-labeling-output"
    )
    result = compare(built_in, doc("AmazonSageMakerGroundTruthExecution"))
    found = {(g.action, g.resource): g.reason for g in result.gaps}
    assert set(found) == {
        (action, f"arn:aws:s3:::my-labeling-{side}/*")
        for action in ("s3:PutObject", "s3:GetObject")
        for side in ("input", "output")
    }
    # GetObject is allowed on every bucket, but only for objects tagged SageMaker=true
    assert "s3:ExistingObjectTag/SageMaker" in found[("s3:GetObject", "arn:aws:s3:::my-labeling-input/*")]
    assert "not e.g. arn:aws:s3:::my-labeling-input/" in found[("s3:PutObject", "arn:aws:s3:::my-labeling-input/*")]


# --- resources ----------------------------------------------------------------------------------


def test_resource_containment_uses_wildcards():
    a = policy(allow("s3:GetObject", "arn:aws:s3:::team-a/reports/*"))
    assert gaps(a, policy(allow("s3:GetObject", "arn:aws:s3:::team-*"))) == []
    assert gaps(a, policy(allow("s3:GetObject", "arn:aws:s3:::team-a/*/x"))) == [
        ("s3:GetObject", "arn:aws:s3:::team-a/reports/*")
    ]


def test_a_union_of_statements_can_cover_one_resource_pattern():
    a = policy(allow("s3:GetObject", "arn:aws:s3:::b/?*"))
    b = policy(
        allow("s3:GetObject", "arn:aws:s3:::b/a*"),
        allow("s3:GetObject", "arn:aws:s3:::b/?"),
        allow("s3:GetObject", "arn:aws:s3:::b/??*"),
    )
    assert gaps(a, b) == []


def test_not_resource_in_b_covers_only_what_it_leaves_out():
    b = policy({"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret*"})
    assert gaps(policy(allow("s3:GetObject", "arn:aws:s3:::public/*")), b) == []
    assert gaps(policy(allow("s3:GetObject", "arn:aws:s3:::*")), b) == [("s3:GetObject", "arn:aws:s3:::*")]


def test_not_resource_in_a_counts_as_every_resource():
    a = policy({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"})
    assert len(gaps(a, policy(allow("s3:GetObject", "arn:aws:s3:::public/*")))) == 1
    assert gaps(a, policy(allow("s3:GetObject"))) == []


# --- actions ------------------------------------------------------------------------------------


def test_actions_compare_case_insensitively_and_by_expansion():
    assert gaps(policy(allow("KMS:reencryptfrom")), policy(allow("kms:ReEncrypt*"))) == []
    assert gaps(policy(allow("kms:ReEncrypt*")), policy(allow("kms:ReEncryptFrom"))) == [("kms:ReEncryptTo", "*")]


def test_a_wildcard_beyond_the_catalog_is_its_own_gap():
    a = policy(allow("kms:ReEncrypt*"))
    b = policy(allow(["kms:ReEncryptFrom", "kms:ReEncryptTo"]))
    result = compare(a, b)
    assert [(g.action, g.resource) for g in result.gaps] == [("kms:ReEncrypt*", "*")]
    assert "actions AWS adds later" in result.gaps[0].reason
    assert gaps(a, policy(allow("kms:Re*"))) == []


def test_a_deny_of_named_actions_leaves_the_wildcards_future_actions():
    a = policy(allow("kms:ReEncrypt*"), {"Effect": "Deny", "Action": "kms:ReEncryptFrom", "Resource": "*"})
    assert gaps(a, policy(allow("kms:ReEncryptTo"))) == [("kms:ReEncrypt*", "*")]
    everything_else_denied = policy(
        allow("kms:ReEncrypt*"), {"Effect": "Deny", "NotAction": "kms:ReEncryptTo", "Resource": "*"}
    )
    assert gaps(everything_else_denied, policy(allow("kms:ReEncryptTo"))) == []


def test_not_action_in_a_is_compared_for_future_actions_too():
    a = policy({"Effect": "Allow", "NotAction": "kms:Decrypt", "Resource": "*"})
    assert gaps(a, policy(allow("*"))) == []
    assert gaps(a, policy({"Effect": "Allow", "NotAction": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*"})) == [
        ("kms:Encrypt", "*")
    ]
    future_only = policy({"Effect": "Allow", "NotAction": ["kms:Decrypt", "s3:GetFutureThing"], "Resource": "*"})
    assert gaps(a, future_only) == [("every other action (NotAction kms:Decrypt)", "*")]


def test_not_action_in_b():
    b = policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})
    assert gaps(policy(allow(["s3:GetObject", "kms:Decrypt"])), b) == []
    assert gaps(policy(allow("iam:PassRole")), b) == [("iam:PassRole", "*")]


def test_unknown_literal_actions_are_compared_by_name():
    assert gaps(policy(allow("s3:FutureAction")), policy(allow("s3:*"))) == []
    assert gaps(policy(allow("s3:FutureAction")), policy(allow("s3:Get*"))) == [("s3:FutureAction", "*")]


# --- conditions ---------------------------------------------------------------------------------


PASS_TO_SAGEMAKER = {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}


def test_b_condition_implied_by_a():
    a = policy(allow("iam:PassRole", Condition=PASS_TO_SAGEMAKER))
    b = policy(allow("iam:PassRole", Condition={"StringLike": {"iam:PassedToService": "*.amazonaws.com"}}))
    assert gaps(a, b) == []


def test_b_condition_not_implied_is_never_called_covered():
    a = policy(allow("iam:PassRole"))
    result = compare(a, policy(allow("iam:PassRole", Condition=PASS_TO_SAGEMAKER)))
    assert result.a_allows_more
    assert "under conditions A does not guarantee: StringEquals iam:PassedToService" in result.gaps[0].reason


def test_a_condition_only_narrows_a():
    assert gaps(policy(allow("iam:PassRole", Condition=PASS_TO_SAGEMAKER)), policy(allow("iam:PassRole"))) == []


# --- deny -----------------------------------------------------------------------------------------


def test_deny_in_b_removes_coverage_even_when_conditional():
    b = policy(
        allow("s3:*"),
        {
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "arn:aws:s3:::logs/*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}},
        },
    )
    result = compare(policy(allow("s3:DeleteObject", "arn:aws:s3:::*")), b)
    assert result.a_allows_more and "Deny /Statement/1 may remove it when" in result.gaps[0].reason
    assert gaps(policy(allow("s3:DeleteObject", "arn:aws:s3:::data/*")), b) == []


def test_unconditional_deny_in_a_removes_what_it_surely_covers():
    a = policy(allow("s3:*", "arn:aws:s3:::b/*"), {"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"})
    assert gaps(a, policy(allow("s3:GetObject"))) == []
    conditional = policy(
        allow("s3:PutObject"),
        {
            "Effect": "Deny",
            "Action": "s3:PutObject",
            "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
    )
    assert gaps(conditional, policy()) == [("s3:PutObject", "*")]


# --- principals -----------------------------------------------------------------------------------


def test_principals_must_be_named_by_b():
    role = "arn:aws:iam::111122223333:role/R"
    a_stmt = statements(policy(allow("kms:Decrypt", Principal={"AWS": role})), "a")[0]
    assert principal_gap(statements(policy(allow("kms:*", Principal={"AWS": [role, "x"]})), "b")[0], a_stmt) is None
    assert principal_gap(statements(policy(allow("kms:*", Principal="*")), "b")[0], a_stmt) is None
    assert "does not name the principal" in principal_gap(
        statements(policy(allow("kms:*", Principal={"AWS": "111122223333"})), "b")[0], a_stmt
    )
    root = statements(policy(allow("kms:*", Principal={"AWS": "arn:aws:iam::111122223333:root"})), "a")[0]
    assert principal_gap(statements(policy(allow("kms:*", Principal={"AWS": "111122223333"})), "b")[0], root) is None


def test_key_policy_compared_with_itself_is_covered():
    key_policy = render("output-data-key-policy", use_examples=True).document()
    assert not compare(key_policy, key_policy).a_allows_more


@pytest.mark.parametrize(
    "snippet", ["ground-truth-console", "AmazonSageMakerFullAccess", "AmazonSageMakerGroundTruthExecution"]
)
def test_every_policy_covers_itself(snippet):
    document = render(snippet, use_examples=True).document()
    assert compare(document, document).gaps == []


def test_an_unreadable_principal_is_never_covered():
    a = statements(policy(allow("kms:Decrypt", Principal=["arn:aws:iam::111122223333:root"])), "a")[0]
    b = statements(policy(allow("kms:*", Principal={"AWS": "*"})), "b")[0]
    assert "cannot read a principal" in principal_gap(b, a)


# --- the statements compare reads ---------------------------------------------------------------


def test_gaps_carry_the_core_condition_entries_of_a():
    from iamkb.core.policy import ConditionEntry

    a = policy(allow("s3:GetObject", Condition={"Bool": {"aws:SecureTransport": True}}))
    (gap,) = compare(a, policy()).gaps
    assert all(isinstance(c, ConditionEntry) for c in gap.conditions)
    assert gap.to_json()["conditions"] == [{"operator": "Bool", "key": "aws:SecureTransport", "values": ["true"]}]


def test_a_lone_statement_and_string_values_compare_like_the_long_form():
    lone = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
    assert gaps(lone, policy(allow(["s3:GetObject"], ["arn:aws:s3:::b/*"]))) == []
    assert gaps({"Version": "2012-10-17", "Statement": lone}, policy(allow("s3:GetObject", "arn:aws:s3:::c/*"))) == [
        ("s3:GetObject", "arn:aws:s3:::b/*")
    ]


def test_a_shape_aws_refuses_is_a_usage_error_naming_the_policy():
    from iamkb.core.errors import UsageError

    with pytest.raises(UsageError, match="^b.json at /Statement/0/Effect: Effect must be"):
        compare(
            policy(allow("s3:GetObject")),
            policy({"Effect": "Alow", "Action": "*", "Resource": "*"}),
            "a.json",
            "b.json",
        )


# --- soundness against the simulator ------------------------------------------------------------
# Whenever compare says "B covers A", every request the simulator allows under A must be allowed
# under B. Random small policies over a vocabulary chosen to hit wildcards, NotAction/NotResource,
# variables, conditions (with IfExists and negation) and Deny on both sides.

ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*", "kms:Decrypt", "s3:GetObjec?"]
RESOURCES = [
    "*",
    "arn:aws:s3:::a*",
    "arn:aws:s3:::ab/*",
    "arn:aws:s3:::b?/x",
    "arn:aws:s3:::${aws:SourceVpc}/*",
    "arn:aws:s3:::*/x",
    "arn:aws:kms:*:*:key/*",
]
CONDITIONS = [
    {"StringEquals": {"aws:SourceVpc": "vpc-1"}},
    {"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}},
    {"StringLike": {"aws:SourceVpc": "vpc-*"}},
    {"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}},
    {"StringNotEquals": {"aws:SourceVpc": "vpc-2"}},
    {"StringNotLike": {"aws:SourceVpc": "vpc-*"}},
    {"Bool": {"aws:SecureTransport": "true"}},
    {"StringEqualsIgnoreCase": {"aws:SourceVpc": "VPC-1"}},
    {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}},
    {"NumericLessThanEquals": {"aws:MultiFactorAuthAge": ["600", "1200"]}},
]
REQUEST_ACTIONS = ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "s3:GetFutureThing", "s3:DeleteObject"]
REQUEST_RESOURCES = [
    "arn:aws:s3:::ab/x",
    "arn:aws:s3:::a",
    "arn:aws:s3:::vpc-1/f",
    "arn:aws:s3:::bb/x",
    "arn:aws:s3:::c",
    "arn:aws:kms:us-east-1:111122223333:key/k",
]
CONTEXTS = [
    {},
    {"aws:SourceVpc": "vpc-1"},
    {"aws:SourceVpc": "vpc-2"},
    {"aws:SourceVpc": "VPC-1"},
    {"aws:SourceVpc": "vpc-1", "aws:SecureTransport": True},
    {"aws:SecureTransport": False},
    {"aws:MultiFactorAuthAge": "1200"},
    {"aws:MultiFactorAuthAge": "3000", "aws:SourceVpc": "vpc-1"},
]
PRINCIPAL = "arn:aws:iam::111122223333:role/R"


@st.composite
def random_statement(draw):
    statement = {"Effect": draw(st.sampled_from(["Allow", "Allow", "Deny"]))}
    statement["NotAction" if draw(st.booleans()) and draw(st.booleans()) else "Action"] = draw(
        st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=2, unique=True)
    )
    statement["NotResource" if draw(st.integers(0, 4)) == 0 else "Resource"] = draw(
        st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2, unique=True)
    )
    if draw(st.booleans()):
        statement["Condition"] = draw(st.sampled_from(CONDITIONS))
    return statement


POLICY = st.lists(random_statement(), min_size=1, max_size=3).map(
    lambda statements: {"Version": "2012-10-17", "Statement": statements}
)


# Random, not derandomized: each run tries 100 new pairs (200 per run was a tenth of make test's time budget).
@settings(max_examples=100, deadline=None)
@given(POLICY, POLICY)
def test_covered_means_every_request_a_allows_b_allows(a, b):
    if compare(a, b).a_allows_more:
        return
    under_a, under_b = Policies(identity=[a]), Policies(identity=[b])
    for action in REQUEST_ACTIONS:
        for resource in REQUEST_RESOURCES:
            for context in CONTEXTS:
                request = Request(action, resource, principal=PRINCIPAL, context=context)
                if evaluate(under_a, request).decision == ALLOWED:
                    assert evaluate(under_b, request).decision == ALLOWED, (action, resource, context)
