import pytest

from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.policy import KINDS, Policy
from tests.core.test_policy import BAD_DOCUMENTS, BAD_STATEMENTS


def compile_one(statement, kind="identity", version="2012-10-17"):
    return Policy({"Version": version, "Statement": [statement]}, kind, "p")


SIMULATED_KINDS = {str(kind) for kind in KINDS}  # what Policy compiles


# The shapes AWS refuses are one table, the parser's (tests/core/test_policy.py); compiling must refuse each
# the same way and say which policy it was.
@pytest.mark.parametrize(
    ("statement", "kind", "message", "pointer"), [case for case in BAD_STATEMENTS if case[1] in SIMULATED_KINDS]
)
def test_statements_aws_would_refuse(statement, kind, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_one(statement, kind)
    assert caught.value.pointer == pointer
    assert caught.value.where == "p"


@pytest.mark.parametrize(
    ("document", "kind", "message", "pointer"),
    [case for case in BAD_DOCUMENTS if case[1] in SIMULATED_KINDS],
)
def test_documents_aws_would_refuse(document, kind, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        Policy(document, kind, "p")
    assert caught.value.pointer == pointer


def test_a_trust_policy_needs_no_resource():
    policy = compile_one(
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"},
        kind="resource",
    )
    (statement,) = policy.statements
    assert statement.matches_resource("arn:aws:iam::111122223333:role/R", {})


def test_a_single_statement_object_is_accepted_and_named():
    policy = Policy({"Statement": {"Sid": "One", "Effect": "Deny", "Action": "*", "Resource": "*"}}, "identity", "p")
    (statement,) = policy.statements
    assert statement.name == "p /Statement (Sid One)" and not statement.allow


def test_actions_match_case_insensitively_after_lower_casing():
    (statement,) = compile_one({"Effect": "Allow", "Action": ["S3:Get*", "iam:PassRole"], "Resource": "*"}).statements
    assert statement.matches_action("s3:getobject") and statement.matches_action("iam:passrole")
    assert not statement.matches_action("s3:putobject")


@pytest.mark.parametrize(
    "statement, kind, message, pointer",
    [
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"},
            "boundary",
            "a permissions boundary cannot have Principal",
            "/Statement/0/Principal",
        ),
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": []}}},
            "identity",
            "empty array of values for k",
            "/Statement/0/Condition/StringEquals/k",
        ),
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": [{}]}}},
            "identity",
            "values must be strings, numbers or booleans",
            "/Statement/0/Condition/StringEquals/k/0",
        ),
        # compiling (not parsing) refuses these, at the same places as before
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqual": {"k": "v"}}},
            "identity",
            "unknown condition operator",
            "/Statement/0/Condition/StringEqual",
        ),
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"k": ["1", "x"]}}},
            "identity",
            "needs numbers",
            "/Statement/0/Condition/NumericLessThan/k/1",
        ),
        (
            {"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": {"Users": "x"}},
            "resource",
            "unknown Principal type",
            "/Statement/0/Principal/Users",
        ),
    ],
)
def test_parse_and_compile_errors_keep_their_pointers(statement, kind, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_one(statement, kind)
    assert caught.value.pointer == pointer and str(caught.value).startswith(f"p at {pointer}: ")


def test_the_compiled_statement_keeps_what_explanations_name():
    from iamkb.core.enums import PolicyKind

    policy = compile_one(
        {
            "Sid": "Read",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::b/*",
            "Condition": {"Bool": {"aws:SecureTransport": True}},
        }
    )
    (statement,) = policy.statements
    assert policy.kind is PolicyKind.IDENTITY and statement.kind is PolicyKind.IDENTITY
    assert statement.name == "p /Statement/0 (Sid Read)"
    assert [(t.operator, t.key, t.values) for t in statement.conditions] == [("Bool", "aws:SecureTransport", ("true",))]
    assert statement.applies("arn:aws:s3:::b/k", {"aws:securetransport": ["true"]})
    assert not statement.applies("arn:aws:s3:::c/k", {"aws:securetransport": ["true"]})
    with pytest.raises(ValueError):
        Policy({"Statement": []}, "trust", "p")  # the simulator takes trust policies as kind "resource"
