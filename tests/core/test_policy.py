"""The one policy parser: statements with pointers, the lenient and the strict reading, resolved actions."""

import pytest

from iamkb.core.enums import Effect, PolicyKind
from iamkb.core.policy import ActionIndex, ConditionEntry, Value, parse, resolve_action, statement_covers
from iamkb.core.shape import PolicyShapeError


def statements(document, kind=None, strict=False):
    return parse(document, kind, strict=strict).statements


def test_lone_statement_and_string_values_keep_their_real_pointers():
    (statement,) = statements({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}, "identity")
    assert statement.pointer == "/Statement" and statement.tokens == ("Statement",)
    assert [v.pointer for v in statement.actions] == ["/Statement/Action"]
    assert statement.resources[0].pointer == "/Statement/Resource"


def test_lists_point_at_each_element_and_bare_statements_at_the_root():
    document = {
        "Effect": "Allow",
        "Action": ["a:B", "c:D"],
        "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team~x": ["a", "b"]}},
    }
    (statement,) = statements(document, "statement")
    assert [v.pointer for v in statement.actions] == ["/Action/0", "/Action/1"]
    (entry,) = statement.conditions
    assert entry.pointer == "/Condition/StringEquals/aws:PrincipalTag~1team~0x"
    assert [v.pointer for v in entry.values] == [entry.pointer + "/0", entry.pointer + "/1"]


def test_values_of_the_wrong_type_are_skipped_not_raised_on():
    document = {"Statement": [{"Effect": "Allow", "Action": [1, "s3:GetObject"], "Resource": {"x": 1}}, "junk"]}
    (statement,) = statements(document, "identity")
    assert [v.value for v in statement.actions] == ["s3:GetObject"]
    assert statement.resources == []
    assert statements(["not", "a", "policy"], "identity") == []


def test_principals_are_flattened_with_their_type():
    (statement,) = statements(
        {"Effect": "Allow", "Principal": {"Service": ["a.amazonaws.com"], "AWS": "*"}, "Action": "sts:AssumeRole"},
        "statement",
    )
    assert [(kind, v.pointer) for kind, v in statement.principals] == [
        ("Service", "/Principal/Service/0"),
        ("AWS", "/Principal/AWS"),
    ]
    assert statement.principal == {"Service": ["a.amazonaws.com"], "AWS": "*"} and not statement.not_principal


def test_the_elements_and_their_negations():
    (statement,) = statements(
        {
            "Effect": "Deny",
            "NotAction": ["iam:*"],
            "NotResource": "arn:aws:s3:::b",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
        },
        "statement",
    )
    assert statement.effect is Effect.DENY and not statement.allows
    assert statement.not_action and statement.not_resource and statement.not_principal
    assert statement.action_texts == ("iam:*",) and statement.resource_texts == ("arn:aws:s3:::b",)


def test_effect_is_the_enum_and_a_misspelt_one_reads_as_none():
    allow, bad = statements({"Statement": [{"Effect": "Allow", "Action": "*"}, {"Effect": "allow", "Action": "*"}]})
    assert allow.effect is Effect.ALLOW and allow.effect == "Allow"
    assert bad.effect is None and not bad.allows


def test_kind_none_reads_a_bare_statement_or_a_policy():
    bare = parse({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})
    assert [s.pointer for s in bare.statements] == [""] and bare.variables
    policy = parse({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    assert [s.pointer for s in policy.statements] == ["/Statement/0"] and policy.variables
    assert policy.version == "2012-10-17" and policy.kind is None
    assert parse({"Version": "2012-10-17"}).statements == []


def test_variables_apply_only_in_the_2012_language():
    old = parse(
        {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "${aws:username}"}},
        "identity",
        strict=True,
    )
    assert not old.variables and not old.statements[0].variables
    assert not parse({"Statement": []}, "identity").variables


def test_kind_strings_are_read_as_the_enum():
    assert parse({"Statement": []}, "trust").kind is PolicyKind.TRUST
    with pytest.raises(ValueError):
        parse({"Statement": []}, "auto")


def test_condition_entries_read_values_as_iam_compares_them():
    (statement,) = statements(
        {
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": False}, "NumericLessThan": {"s3:max-keys": [10, "2.5"]}},
        },
        strict=True,
    )
    secure, keys = statement.conditions
    assert secure.texts == ("false",) and keys.texts == ("10", "2.5")
    assert str(secure) == "Bool aws:SecureTransport = false"
    assert str(keys) == "NumericLessThan s3:max-keys = [10, 2.5]"
    assert keys.to_json() == {"operator": "NumericLessThan", "key": "s3:max-keys", "values": ["10", "2.5"]}
    assert statement.condition_keys == {"aws:securetransport", "s3:max-keys"}
    built = ConditionEntry.of("StringEquals", "aws:PrincipalTag/a", "x", at="/Condition")
    assert built.pointer == "/Condition/StringEquals/aws:PrincipalTag~1a" and built.texts == ("x",)


def test_with_actions_narrows_only_the_actions():
    (statement,) = statements({"Sid": "S", "Effect": "Deny", "NotAction": ["s3:*", "iam:PassRole"], "Resource": "*"})
    narrowed = statement.with_actions(statement.actions[:1])
    assert narrowed.action_texts == ("s3:*",) and statement.action_texts == ("s3:*", "iam:PassRole")
    assert narrowed.not_action and narrowed.label == statement.label == " (S)"  # a bare statement: no pointer


# --- the strict reading: every shape the simulator refused, raised with pointer and hint ---------------------

BAD_STATEMENTS = [  # (statement, kind, message, pointer inside a policy)
    (
        {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"},
        "identity",
        'Effect must be "Allow" or "Deny", got "allow"',
        "/Statement/0/Effect",
    ),
    ({"Action": "s3:GetObject", "Resource": "*"}, "identity", "Effect must be", "/Statement/0"),
    ({"Effect": "Allow", "Resource": "*"}, "identity", "the statement needs Action or NotAction", "/Statement/0"),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"},
        "identity",
        "cannot have both Action and NotAction",
        "/Statement/0/NotAction",
    ),
    ({"Effect": "Allow", "Action": "s3:GetObject"}, "identity", "needs Resource or NotResource", "/Statement/0"),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "NotResource": "*"},
        "identity",
        "cannot have both Resource and NotResource",
        "/Statement/0/NotResource",
    ),
    (
        {"Effect": "Allow", "Action": "GetObject", "Resource": "*"},
        "identity",
        "is not an action",
        "/Statement/0/Action",
    ),
    (
        {"Effect": "Allow", "Action": ["s3:GetObject", "GetObject"], "Resource": "*"},
        "identity",
        "is not an action",
        "/Statement/0/Action/1",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"},
        "identity",
        "an identity-based policy cannot have Principal; AWS rejects it",
        "/Statement/0/Principal",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "NotPrincipal": "*"},
        "boundary",
        "a permissions boundary cannot have NotPrincipal",
        "/Statement/0/NotPrincipal",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"},
        "scp",
        "a service control policy \\(SCP\\) cannot have Principal",
        "/Statement/0/Principal",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"},
        "session",
        "a session policy cannot have Principal",
        "/Statement/0/Principal",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        "resource",
        "needs Principal or NotPrincipal",
        "/Statement/0",
    ),
    ({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, "rcp", "needs Principal", "/Statement/0"),
    ({"Effect": "Allow", "Action": "sts:AssumeRole"}, "trust", "needs Principal", "/Statement/0"),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*", "NotPrincipal": "*"},
        "resource",
        "cannot have both Principal and NotPrincipal",
        "/Statement/0/NotPrincipal",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Conditions": {}},
        "identity",
        'unknown statement element "Conditions"',
        "/Statement/0/Conditions",
    ),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Sid": 3},
        "identity",
        "Sid must be a string, got a number",
        "/Statement/0/Sid",
    ),
    (
        {"Effect": "Allow", "Action": ["s3:GetObject", 7], "Resource": "*"},
        "identity",
        "Action entries must be strings, got a number",
        "/Statement/0/Action/1",
    ),
    ({"Effect": "Allow", "Action": [], "Resource": "*"}, "identity", "Action is an empty array", "/Statement/0/Action"),
    (
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"a": 1}},
        "identity",
        "Resource must be a string or an array of strings, got an object",
        "/Statement/0/Resource",
    ),
    (
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []},
        "identity",
        "Condition must be an object of operators, got an array",
        "/Statement/0/Condition",
    ),
    (
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": "true"}},
        "identity",
        "the value of Bool must be an object of condition keys, got a string",
        "/Statement/0/Condition/Bool",
    ),
    (
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:a/b": []}}},
        "identity",
        "StringEquals has an empty array of values for aws:a/b",
        "/Statement/0/Condition/StringEquals/aws:a~1b",
    ),
    (
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"k": ["a", None]}}},
        "identity",
        "StringEquals values must be strings, numbers or booleans, got null",
        "/Statement/0/Condition/StringEquals/k/1",
    ),
    (
        {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:x": {}}}},
        "identity",
        "Bool values must be strings, numbers or booleans, got an object",
        "/Statement/0/Condition/Bool/aws:x",
    ),
]


@pytest.mark.parametrize("statement, kind, message, pointer", BAD_STATEMENTS)
def test_strict_raises_where_lenient_skips(statement, kind, message, pointer):
    document = {"Version": "2012-10-17", "Statement": [statement]}
    with pytest.raises(PolicyShapeError, match=message) as caught:
        parse(document, kind, strict=True)
    assert caught.value.pointer == pointer
    lenient = parse(document, kind)  # the same document, read the lint's way: no exception, one statement
    assert [s.pointer for s in lenient.statements] == ["/Statement/0"]


def test_hints_come_with_the_errors_that_have_one():
    document = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}]}
    with pytest.raises(PolicyShapeError) as caught:
        parse(document, "identity", strict=True)
    assert 'scenario key "resource"' in caught.value.hint
    with pytest.raises(PolicyShapeError) as caught:
        parse({"Statement": [{"effect": "Allow"}]}, "identity", strict=True)
    assert caught.value.hint.startswith("statement elements are Sid, Effect")
    assert str(caught.value.located("p.json")).endswith("(names are case-sensitive)")


BAD_DOCUMENTS = [  # (document, kind, message, pointer)
    ([], "identity", "a policy must be a JSON object, got an array", ""),
    ({"Version": "2012-10-17"}, "identity", "the policy has no Statement", ""),
    (
        {"Version": "2020-01-01", "Statement": []},
        "identity",
        'Version must be "2012-10-17" or "2008-10-17"',
        "/Version",
    ),
    ({"Statement": "x"}, "identity", "Statement must be an object or an array, got a string", "/Statement"),
    ({"Statement": ["x"]}, "identity", "a statement must be an object, got a string", "/Statement/0"),
    ({"Statement": [], "Statements": []}, "identity", 'unknown policy element "Statements"', "/Statements"),
    ({"Version": "2012-10-17"}, None, "neither Statement nor Effect", ""),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Id": "x"}, None, 'unknown statement element "Id"', "/Id"),
    ({"Effect": "Allow", "Action": "s3"}, "statement", "is not an action", "/Action"),
    (
        {"Statement": {"Effect": "Allow", "Action": 3, "Resource": "*"}},
        None,
        "Action must be a string",
        "/Statement/Action",
    ),
]


@pytest.mark.parametrize("document, kind, message, pointer", BAD_DOCUMENTS)
def test_strict_refuses_documents_aws_would_refuse(document, kind, message, pointer):
    with pytest.raises(PolicyShapeError, match=message) as caught:
        parse(document, kind, strict=True)
    assert caught.value.pointer == pointer
    parse(document, kind)  # the lenient reading never raises


def test_what_kinds_leave_optional():
    trust = {
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ]
    }
    for kind in ("resource", "trust", None):
        (statement,) = statements(trust, kind, strict=True)
        assert statement.resources == [] and statement.resource_element is None
    bare = {"Effect": "Allow", "Action": "s3:GetObject", "Principal": "*"}  # a statement may go anywhere
    assert len(statements(bare, "statement", strict=True)) == 1


def test_a_valid_document_reads_the_same_both_ways():
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "A",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:List*"],
                "Resource": "arn:aws:s3:::b/*",
                "Condition": {"StringEquals": {"s3:prefix": ["a", "b"]}, "Bool": {"aws:SecureTransport": "true"}},
            },
            {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:iam::*:role/x"]},
        ],
    }

    def shape(statement):
        return (
            statement.pointer,
            statement.sid,
            statement.effect,
            statement.action_element,
            statement.actions,
            statement.resource_element,
            statement.resources,
            statement.conditions,
        )

    assert [shape(s) for s in statements(document, "identity")] == [
        shape(s) for s in statements(document, "identity", strict=True)
    ]


# --- actions resolved against the catalog ----------------------------------------------------------------


def test_resolve_action():
    assert resolve_action("*").is_all
    assert [a.name for a in resolve_action("S3:getobject").actions] == ["GetObject"]
    assert not resolve_action("nosuch:Thing").known_service
    assert resolve_action("s3:NoSuchThing").actions == ()
    assert len(resolve_action("s3:Get*").actions) > 10


def test_action_index_and_statement_covers():
    index = ActionIndex([Value("s3:GetObject", "/0"), Value("iam:*", "/1"), Value("*:Describe*", "/2")])
    assert index.match("S3:GETOBJECT") and index.match("iam:PassRole") and index.match("ec2:DescribeInstances")
    assert not index.match("s3:PutObject")
    (not_action,) = statements({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, "statement")
    assert statement_covers(not_action, "s3:PutObject") and not statement_covers(not_action, "iam:PassRole")


# --- one reading: lint, grants and simulate see the same statements in every snippet --------------------


SHORTHAND = [  # the forms IAM accepts besides the long one, in case no snippet happens to use them
    (
        "lone-statement-object",
        "identity",
        {
            "Version": "2012-10-17",
            "Statement": {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::b/*",
                "Condition": {"Bool": {"aws:SecureTransport": True}, "NumericLessThan": {"s3:max-keys": 10}},
            },
        },
    ),
    (
        "bare-statement",
        "statement",
        {
            "Effect": "Deny",
            "NotAction": "iam:*",
            "NotResource": "arn:aws:iam::*:role/x",
            "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": ["a", "b"]}},
        },
    ),
    (
        "trust-strings",
        "trust",
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        },
    ),
]


def _snippet_documents():
    from iamkb.kb.snippets import load_catalog

    found = [(snippet.relative_path, snippet.check_kind, snippet.document()) for snippet in load_catalog().snippets]
    assert len(found) > 10
    return found + SHORTHAND


def _simulator_input(kind, document):
    """The simulator's kind for a snippet, and the document it takes (a bare statement goes into a policy)."""
    if kind == "statement":
        wrapped = {"Version": "2012-10-17", "Statement": [document]}
        return ("resource" if "Principal" in document or "NotPrincipal" in document else "identity"), wrapped
    return ("resource" if kind == "trust" else kind), document


@pytest.mark.parametrize("path, kind, document", _snippet_documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_lint_grants_and_simulate_read_the_same_statements(path, kind, document):
    from iamkb.check.rules.context import LintContext
    from iamkb.grants import statements as grants_statements
    from iamkb.simulate.policy import Policy

    linted = LintContext(document, kind, path).statements
    granted = grants_statements(document, path)
    sim_kind, sim_document = _simulator_input(kind, document)
    simulated = Policy(sim_document, sim_kind, path).statements
    assert linted and len(linted) == len(granted) == len(simulated)

    def read(statement):
        conditions = [(c.operator, c.key, c.texts) for c in statement.conditions]
        return (
            statement.effect,
            statement.action_texts,
            statement.not_action,
            statement.resource_texts,
            statement.not_resource,
            conditions,
        )

    assert [read(s) for s in linted] == [read(s) for s in granted]
    for core, compiled in zip(linted, simulated, strict=True):
        assert compiled.allow == (core.effect is Effect.ALLOW) and compiled.sid == core.sid
        assert compiled.not_action == core.not_action and compiled.not_resource == core.not_resource
        for action in core.action_texts:
            if "*" not in action and "?" not in action:
                assert compiled.matches_action(action.lower()) != core.not_action, action
        written = [p.source for p in compiled.resources.patterns] if compiled.resources else []
        assert written == list(core.resource_texts)
        assert [(t.operator, t.key, t.values) for t in compiled.conditions] == [
            (c.operator, c.key, c.texts) for c in core.conditions
        ]


def test_the_snippets_use_the_shorthand_forms():
    """The agreement test above reads each shorthand form (a string for a list, a lone Statement object,
    a bare statement) at least once."""
    strings = lone = bare = 0
    for _, kind, document in _snippet_documents():
        lone += isinstance(document.get("Statement"), dict)
        bare += kind == "statement"
        for statement in parse(document, kind).statements:
            strings += isinstance(statement.raw.get(statement.action_element), str)
    assert strings and lone and bare, (strings, lone, bare)
