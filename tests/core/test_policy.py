"""The shared policy view: statements, pointers to the values as written, resolved actions."""

from iamkb.core.policy import ActionIndex, Value, resolve_action, statement_covers, statements


def test_lone_statement_and_string_values_keep_their_real_pointers():
    (statement,) = statements({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}, "identity")
    assert statement.pointer == "/Statement"
    assert [v.pointer for v in statement.actions] == ["/Statement/Action"]
    assert statement.resources[0].pointer == "/Statement/Resource"


def test_lists_point_at_each_element_and_bare_statements_at_the_root():
    document = {"Effect": "Allow", "Action": ["a:B", "c:D"], "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalTag/team~x": ["a", "b"]}}}
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
    (statement,) = statements({"Effect": "Allow", "Principal": {"Service": ["a.amazonaws.com"], "AWS": "*"},
                               "Action": "sts:AssumeRole"}, "statement")
    assert [(kind, v.pointer) for kind, v in statement.principals] == [
        ("Service", "/Principal/Service/0"), ("AWS", "/Principal/AWS")]


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
