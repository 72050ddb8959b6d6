"""Grammar findings in plain words: one small invalid document per rule, with its code, pointer and hint."""

from __future__ import annotations

import pytest

from iamkb.check import schema, schema_findings
from iamkb.check.schema import validate
from iamkb.core.codes import CODES
from tests.check.schema_cases import ALLOW_S3, CASES, KEY_STATEMENT, TRUST, policy, statement


def only(findings):
    assert len(findings) == 1, [f"{f.code} {f.pointer} {f.message}" for f in findings]
    return findings[0]


def assert_plain(message: str):
    """Messages talk JSON and IAM: no Python reprs, no jsonschema wording, no schema dumps."""
    for python_ism in (
        "None",
        "True",
        "False",
        "is not of type",
        "is a required property",
        "{'",
        "['",
        "$defs",
        "does not match '^",
        "is not valid under any",
        "x-iamkb",
    ):
        assert python_ism not in message, message


@pytest.mark.parametrize(("document", "kind", "code", "at", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_its_code_at_its_pointer_in_plain_words(document, kind, code, at, words):
    finding = only(validate(document, kind, "policy.json"))
    assert (finding.code, finding.pointer) == (code, at)
    assert words in finding.message
    assert finding.path == "policy.json"
    assert finding.finding_type.value == "ERROR"
    assert finding.code in CODES
    assert_plain(finding.message)
    assert finding.hint and finding.hint.strip()
    assert_plain(finding.hint)


def test_every_schema_code_is_exercised_by_a_case():
    exercised = {case[3] for case in CASES}
    schema_codes = {name for name in CODES if name.startswith("SCHEMA_")}
    assert schema_codes <= exercised, schema_codes - exercised


def test_hints_suggest_the_right_spelling():
    by_case = only(validate(policy(statement(Effect="deny")), "identity", "p"))
    assert by_case.hint == 'Effect is case-sensitive: write "Deny"'
    typo = only(validate(policy(statement(Actions="s3:GetObject", Action=None)), "identity", "p"))
    assert typo.hint == 'did you mean "Action"?'
    operator = only(validate(policy(statement(Condition={"stringequals": {"a:b": "c"}})), "identity", "p"))
    assert operator.hint == 'names are case-sensitive: write "StringEquals"'
    principal = only(validate(policy(dict(TRUST, Principal={"service": "ec2.amazonaws.com"})), "trust", "p"))
    assert principal.hint == 'names are case-sensitive: write "Service"'


@pytest.mark.parametrize(
    ("document", "kind", "hint"),
    [
        (
            policy(statement(Action=5)),
            "identity",
            'write an action in double quotes, such as "s3:GetObject", or a list of them, such as '
            '["s3:GetObject", "s3:PutObject"]',
        ),
        (policy(statement(Sid=3)), "identity", 'write it in double quotes: "3"'),
        (
            policy(statement(Condition={"StringEquals": "x"})),
            "identity",
            "an operator holds an object of condition keys and their values, such as "
            '"StringEquals": {"aws:SourceAccount": "111122223333"}',
        ),
        (
            policy(statement(Resource=["arn:aws:s3:::b", 7])),
            "identity",
            'each entry of Resource is an ARN or "*" in double quotes, such as "arn:aws:s3:::my-bucket/*"',
        ),
        (
            policy(dict(TRUST, Principal=["arn:aws:iam::111122223333:root"])),
            "trust",
            'put the list under the principals\' type, such as {"AWS": [ ... ]} for accounts and roles or '
            '{"Service": [ ... ]} for AWS services',
        ),
        (
            policy(dict(TRUST, Principal={"Zzzqq": "x"})),
            "trust",
            'the principal types are "AWS" (accounts, roles, users), "Service" (AWS services), "Federated" '
            '(identity providers) and "CanonicalUser" (Amazon S3 canonical user ids); they are case-sensitive',
        ),
        (
            policy(statement(Condition={"StringEquals": {"aws:SourceAccount": []}})),
            "identity",
            "give the condition key at least one value, or remove the key",
        ),
        (
            policy(statement(Condition={"StringEquals": {"aws:SourceAccount": {"x": "y"}}})),
            "identity",
            'a condition key takes a string, number or boolean, or a list of them, such as "111122223333" or '
            '["111122223333", "444455556666"] (an object here usually means an operator or key is nested one level '
            "too deep)",
        ),
        (policy(KEY_STATEMENT, Id=["key-policy"]), "resource", 'Id is a label in double quotes, such as "MyKeyPolicy"'),
        (
            [policy(ALLOW_S3)],
            "identity",
            'remove the [ ] around the policy: a policy is one JSON object, {"Version": "2012-10-17", "Statement": [ ... ]}',
        ),
    ],
)
def test_hints_show_the_form_the_value_should_take(document, kind, hint):
    assert only(validate(document, kind, "p")).hint == hint


def _error(schema_node: dict, instance):
    """The first jsonschema error of `instance` against a made-up schema (rules ours does not use yet)."""
    (error,) = schema.import_jsonschema().Draft202012Validator(schema_node).iter_errors(instance)
    return error


@pytest.mark.parametrize(
    ("schema_node", "instance", "hint"),
    [
        (
            {"properties": {"Version": {"const": "2012-10-17", "description": "the policy language version"}}},
            {"Version": "2024-01-01"},
            "expected here: the policy language version",
        ),
        ({"properties": {"Effect": {"enum": ["Allow", "Deny"]}}}, {"Effect": "Maybe"}, 'use one of "Allow" or "Deny"'),
        (
            {"properties": {"Sid": {"pattern": "^[a-z]+$", "description": "lower-case letters"}}},
            {"Sid": "A1"},
            "expected here: lower-case letters",
        ),
        ({"properties": {"Foo": {"not": {}}}}, {"Foo": 1}, "remove Foo"),
        ({"properties": {"Other": {"type": "integer"}}}, {"Other": "x"}, "write a whole number here"),
    ],
)
def test_rules_without_words_of_their_own_still_get_a_hint(schema_node, instance, hint):
    (finding,) = schema_findings._translate(_error(schema_node, instance), "identity", "p")
    assert finding.hint == hint
    assert_plain(finding.message)


def test_guide_statement_with_principal_inside_an_identity_policy():
    """The guide's automated-labeling example pastes a trust statement into an identity policy."""
    document = policy(
        {
            "Effect": "Allow",
            "Action": ["iam:PassRole"],
            "Resource": "arn:aws:iam::<account-number>:role/<role-name>",
            "Condition": {"StringEquals": {"iam:PassedToService": ["sagemaker.amazonaws.com"]}},
        },
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"},
    )
    codes = sorted((f.code, f.pointer) for f in validate(document, "identity", "p"))
    assert codes == [
        ("SCHEMA_MISSING_ELEMENT", "/Statement/1"),
        ("SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY", "/Statement/1/Principal"),
    ]


def test_several_problems_in_one_statement_are_all_reported_once():
    document = policy({"Sid": "a b", "Effect": "Permit", "Action": ["s3GetObject"], "Resource": "bucket", "Foo": 1})
    found = sorted((f.code, f.pointer) for f in validate(document, "identity", "p"))
    assert found == [
        ("SCHEMA_INVALID_ACTION", "/Statement/0/Action/0"),
        ("SCHEMA_INVALID_EFFECT", "/Statement/0/Effect"),
        ("SCHEMA_INVALID_RESOURCE", "/Statement/0/Resource"),
        ("SCHEMA_INVALID_SID", "/Statement/0/Sid"),
        ("SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/Foo"),
    ]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("StringEqual", "StringEquals"),  # misspelt: the closest name of the operator table
        ("ForEachValue:StringLike", "ForAllValues: or ForAnyValue:"),  # a known operator, a wrong prefix
        ("NullIfExists", "Null does not take IfExists"),
    ],
)
def test_a_bad_operator_is_explained_from_the_operator_table(name, hint):
    document = policy(statement(Condition={name: {"aws:SourceAccount": "111122223333"}}))
    finding = only(validate(document, "identity", "policy.json"))
    assert finding.code == "SCHEMA_INVALID_CONDITION_OPERATOR"
    assert hint in finding.hint


@pytest.mark.parametrize("kind", ["identity", "resource", "trust"])
def test_a_lone_statement_where_a_policy_belongs_is_one_finding_with_a_wrapping_hint(kind):
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kms:Decrypt",
        "Resource": "*",
    }
    findings = validate(statement, kind, "key.json")
    assert [(f.code, f.pointer) for f in findings] == [("SCHEMA_MISSING_ELEMENT", "")]
    assert "single statement" in findings[0].message and '"Statement": [' in findings[0].hint


def test_a_lone_statement_is_fine_where_a_statement_belongs():
    assert validate({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, "statement", "s.json") == []
