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


RCP_SHAPES = [
    ({"Effect": "Deny", "Action": "s3:*", "Resource": "*"}, 'needs Principal "\\*": RCPs require it', "/Statement/0"),
    (
        {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"},
        'takes only "Principal": "\\*", got {"AWS": "\\*"}',
        "/Statement/0/Principal",
    ),
    (
        {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"},
        'takes only "Principal": "\\*"',
        "/Statement/0/Principal",
    ),
    (
        {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"},
        "an RCP cannot have NotPrincipal",
        "/Statement/0/NotPrincipal",
    ),
]


@pytest.mark.parametrize(("statement", "message", "pointer"), RCP_SHAPES)
def test_an_rcp_statement_takes_only_principal_star(statement, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        compile_one(statement, kind="rcp")
    assert caught.value.pointer == pointer
    assert 'write "Principal": "*"' in (caught.value.hint or "")


def test_an_rcp_statement_with_principal_star_compiles():
    policy = compile_one({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}, kind="rcp")
    assert len(policy.statements) == 1


@pytest.mark.parametrize(
    ("entry", "arn", "context", "matches"),
    [
        # a variable before the fifth colon is the text as written, even with spaces and a default
        ("arn:aws:s3:${aws:x}::b", "arn:aws:s3:v::b", {"aws:x": ("v",)}, False),
        ("arn:aws:s3:${aws:x}::b", "arn:aws:s3:${aws:x}::b", {}, True),
        ("arn:aws:kms:*:${ aws:x , 'd' }:key/*", "arn:aws:kms:r:${ aws:x , 'd' }:key/k", {}, True),
        ("arn:aws:kms:*:${ aws:x , 'd' }:key/*", "arn:aws:kms:r:d:key/k", {}, False),
        # an escape is the same character wherever it is
        ("arn:aws:s3:::a${*}b", "arn:aws:s3:::a*b", {}, True),
        ("arn:aws${*}:s3:::b", "arn:aws*:s3:::b", {}, True),
        # after the fifth colon a variable is substituted, and its `:` do not move the count back
        ("arn:aws:s3:::${aws:x}/${aws:y}", "arn:aws:s3:::p:q/r", {"aws:x": ("p:q",), "aws:y": ("r",)}, True),
        ("arn:aws:logs:*:*:log-group:${aws:x}", "arn:aws:logs:r:1:log-group:g", {"aws:x": ("g",)}, True),
    ],
)
def test_resource_variables_count_only_in_the_resource_part(entry, arn, context, matches):
    from iamkb.simulate.policy import resource_pattern

    assert resource_pattern(entry, True).matches(arn, context) is matches
