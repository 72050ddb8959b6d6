import pytest

from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.policy import Policy


def compile_one(statement, kind="identity", version="2012-10-17"):
    return Policy({"Version": version, "Statement": [statement]}, kind, "p")


@pytest.mark.parametrize(
    "statement, kind, message, pointer",
    [
        (
            {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"},
            "identity",
            "Effect must be",
            "/Statement/0/Effect",
        ),
        ({"Action": "s3:GetObject", "Resource": "*"}, "identity", "Effect must be", "/Statement/0"),
        ({"Effect": "Allow", "Resource": "*"}, "identity", "needs Action or NotAction", "/Statement/0"),
        (
            {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"},
            "identity",
            "both Action and NotAction",
            "/Statement/0/NotAction",
        ),
        ({"Effect": "Allow", "Action": "s3:GetObject"}, "identity", "needs Resource or NotResource", "/Statement/0"),
        (
            {"Effect": "Allow", "Action": "GetObject", "Resource": "*"},
            "identity",
            "is not an action",
            "/Statement/0/Action",
        ),
        (
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"},
            "identity",
            "cannot have Principal",
            "/Statement/0/Principal",
        ),
        ({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, "resource", "needs Principal", "/Statement/0"),
        (
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Conditions": {}},
            "identity",
            'unknown statement element "Conditions"',
            "/Statement/0/Conditions",
        ),
        (
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Sid": 3},
            "identity",
            "Sid must be a string",
            "/Statement/0/Sid",
        ),
        (
            {"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": "*"},
            "identity",
            "entries must be strings",
            "/Statement/0/Action/1",
        ),
    ],
)
def test_statements_aws_would_refuse(statement, kind, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_one(statement, kind)
    assert caught.value.pointer == pointer
    assert caught.value.where == "p"


@pytest.mark.parametrize(
    "document, message",
    [
        ([], "must be a JSON object"),
        ({"Version": "2012-10-17"}, "has no Statement"),
        ({"Version": "2020-01-01", "Statement": []}, "Version must be"),
        ({"Statement": "x"}, "Statement must be an object or an array"),
        ({"Statement": ["x"]}, "a statement must be an object"),
        ({"Statement": [], "Statements": []}, "unknown policy element"),
    ],
)
def test_documents_aws_would_refuse(document, message):
    with pytest.raises(PolicyShapeError, match=message):
        Policy(document, "identity", "p")


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
