"""The IAM grammar schema and its plain-words findings: one small invalid document per rule."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb import schema
from iamkb.codes import CODES
from iamkb.schema import validate

ALLOW_S3 = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}
TRUST = {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
KEY_STATEMENT = {"Sid": "Allow use of the key", "Effect": "Allow",
                 "Principal": {"AWS": "arn:aws:iam::111122223333:role/service-role/example-role"},
                 "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}


def policy(*statements, **top):
    return {"Version": "2012-10-17", **top, "Statement": list(statements)}


def statement(**changes):
    body = dict(ALLOW_S3)
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def only(findings):
    assert len(findings) == 1, [f"{f.code} {f.pointer} {f.message}" for f in findings]
    return findings[0]


def assert_plain(message: str):
    """Messages talk JSON and IAM: no Python reprs, no jsonschema wording, no schema dumps."""
    for python_ism in ("None", "True", "False", "is not of type", "is a required property", "{'", "['", "$defs",
                       "does not match '^", "is not valid under any", "x-iamkb"):
        assert python_ism not in message, message


# --- documents that must pass -------------------------------------------------------------------

VALID = [
    (policy(ALLOW_S3), "identity"),
    ({"Statement": ALLOW_S3}, "identity"),  # a lone statement object, no Version
    (policy(statement(Sid="", Action=["s3:Get*", "s3:?utObject"], Resource=["arn:aws:s3:::b", "*"])), "identity"),
    (policy(statement(NotAction="iam:*", Action=None, Effect="Deny", NotResource="arn:aws:iam::*:role/x",
                      Resource=None)), "identity"),
    (policy(statement(Action="*")), "identity"),
    (policy(statement(Resource="arn:aws:s3:::<input-bucket-name>/*")), "identity"),
    (policy(statement(Action="lambda:InvokeFunction",
                      Resource="arn:aws:lambda:<region>:<account-id>:function:<pre-annotation-lambda-name>")),
     "identity"),
    (policy(statement(Resource="arn:aws:s3:::home/${aws:username}/*")), "identity"),
    (policy(statement(Resource="arn:${aws:partition}:iam::${aws:PrincipalAccount}:role/x")), "identity"),
    (policy(statement(Resource="arn:aws:organizations::*:")), "identity"),  # empty resource field (AWS managed)
    (policy(statement(Condition={
        "StringEquals": {"s3:prefix": ["", "home/"], "aws:ResourceTag/Team": "ml"},
        "NumericLessThanEquals": {"s3:max-keys": 10},
        "Bool": {"aws:SecureTransport": False},
        "ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["team-*"]},
        "ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"},
        "Null": {"aws:ResourceTag/Team": "false"},
    })), "identity"),
    (policy(TRUST), "trust"),
    (policy(dict(TRUST, Principal={"AWS": ["111122223333", "arn:aws:iam::111122223333:root"]})), "trust"),
    (policy(dict(TRUST, Principal={"Federated": "cognito-identity.amazonaws.com"},
                 Action="sts:AssumeRoleWithWebIdentity", Sid="")), "trust"),
    (policy(KEY_STATEMENT, Id="key-default-1"), "resource"),
    (policy(dict(KEY_STATEMENT, Principal="*")), "resource"),
    (policy(dict(KEY_STATEMENT, Principal={"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d52"
                                                             "18e7cd47ef2be"})), "resource"),
    (ALLOW_S3, "statement"),
    (KEY_STATEMENT, "statement"),
    (TRUST, "statement"),
]


@pytest.mark.parametrize(("document", "kind"), VALID)
def test_valid_documents_pass(document, kind):
    assert validate(document, kind, "p.json") == []


# --- one invalid document per rule ---------------------------------------------------------------

CASES = [
    # (id, document, kind, code, pointer, words the message must contain)
    ("policy-not-object", [ALLOW_S3], "identity", "SCHEMA_WRONG_TYPE", "", "the policy must be an object, but it is a list"),
    ("missing-statement", {"Version": "2012-10-17"}, "identity", "SCHEMA_MISSING_ELEMENT", "", "the policy has no Statement"),
    ("empty-statement", policy(), "identity", "SCHEMA_EMPTY_VALUE", "/Statement", "Statement is an empty list"),
    ("statement-string", {"Statement": "Allow"}, "identity", "SCHEMA_WRONG_TYPE", "/Statement",
     "must be an object or a list"),
    ("unknown-top-key", policy(ALLOW_S3, Statements=[]), "identity", "SCHEMA_UNKNOWN_ELEMENT", "/Statements",
     'unknown element "Statements" in the policy'),
    ("unknown-statement-key", policy(statement(Actions=["s3:GetObject"])), "identity", "SCHEMA_UNKNOWN_ELEMENT",
     "/Statement/0/Actions", 'unknown element "Actions" in statement 1'),
    ("lowercase-key", policy(statement(effect="Allow", Effect=None)), "identity", "SCHEMA_UNKNOWN_ELEMENT",
     "/Statement/0/effect", 'unknown element "effect"'),
    ("version-value", policy(ALLOW_S3, Version="2023-01-01"), "identity", "SCHEMA_INVALID_VERSION", "/Version",
     'Version "2023-01-01" is not a version of the policy language'),
    ("version-number", policy(ALLOW_S3, Version=2012), "identity", "SCHEMA_WRONG_TYPE", "/Version",
     "Version must be a string, but it is the number 2012"),
    ("id-in-identity", policy(ALLOW_S3, Id="abc"), "identity", "SCHEMA_ID_IN_IDENTITY_POLICY", "/Id",
     "identity policies do not use"),
    ("missing-effect", policy(statement(Effect=None)), "identity", "SCHEMA_MISSING_ELEMENT", "/Statement/0",
     "statement 1 has no Effect"),
    ("effect-case", policy(statement(Effect="allow")), "identity", "SCHEMA_INVALID_EFFECT", "/Statement/0/Effect",
     'Effect "allow" is neither "Allow" nor "Deny"'),
    ("effect-type", policy(statement(Effect=True)), "identity", "SCHEMA_WRONG_TYPE", "/Statement/0/Effect",
     "Effect of statement 1 must be a string, but it is true (a boolean)"),
    ("missing-action", policy(statement(Action=None)), "identity", "SCHEMA_MISSING_ELEMENT", "/Statement/0",
     "statement 1 has neither Action nor NotAction"),
    ("action-and-notaction", policy(statement(NotAction="s3:PutObject")), "identity",
     "SCHEMA_CONFLICTING_ELEMENTS", "/Statement/0", "has both Action and NotAction"),
    ("action-no-colon", policy(statement(Action="s3GetObject")), "identity", "SCHEMA_INVALID_ACTION",
     "/Statement/0/Action", '"s3GetObject" is not an action'),
    ("action-space", policy(statement(Action=["s3:GetObject", "s3: PutObject"])), "identity",
     "SCHEMA_INVALID_ACTION", "/Statement/0/Action/1", '"s3: PutObject" is not an action'),
    ("action-empty-list", policy(statement(Action=[])), "identity", "SCHEMA_EMPTY_VALUE", "/Statement/0/Action",
     "Action of statement 1 is an empty list"),
    ("action-empty-string", policy(statement(Action=["s3:GetObject", ""])), "identity", "SCHEMA_EMPTY_VALUE",
     "/Statement/0/Action/1", "item 2 of Action of statement 1 is an empty string"),
    ("action-object", policy(statement(Action={"s3": "GetObject"})), "identity", "SCHEMA_WRONG_TYPE",
     "/Statement/0/Action", "must be a string or a list of strings, but it is an object"),
    ("action-item-number", policy(statement(Action=["s3:GetObject", 7])), "identity", "SCHEMA_WRONG_TYPE",
     "/Statement/0/Action/1", "must be a string, but it is the number 7"),
    ("missing-resource", policy(statement(Resource=None)), "identity", "SCHEMA_MISSING_ELEMENT", "/Statement/0",
     "statement 1 has neither Resource nor NotResource"),
    ("resource-and-notresource", policy(statement(NotResource="*")), "identity", "SCHEMA_CONFLICTING_ELEMENTS",
     "/Statement/0", "has both Resource and NotResource"),
    ("resource-empty-string", policy(statement(Resource="")), "identity", "SCHEMA_EMPTY_VALUE",
     "/Statement/0/Resource", "Resource of statement 1 is an empty string"),
    ("resource-few-fields", policy(statement(Resource="arn:aws:s3:bucket")), "identity", "SCHEMA_INVALID_RESOURCE",
     "/Statement/0/Resource", '"arn:aws:s3:bucket" is not "*" or an ARN'),
    ("resource-not-arn", policy(statement(Resource=["*", "my-bucket"])), "identity", "SCHEMA_INVALID_RESOURCE",
     "/Statement/0/Resource/1", '"my-bucket" is not "*" or an ARN'),
    ("sid-characters", policy(statement(Sid="Allow S3-read")), "identity", "SCHEMA_INVALID_SID", "/Statement/0/Sid",
     'Sid "Allow S3-read" has characters IAM does not allow'),
    ("sid-number", policy(statement(Sid=1)), "identity", "SCHEMA_WRONG_TYPE", "/Statement/0/Sid",
     "Sid of statement 1 must be a string"),
    ("principal-in-identity", policy(ALLOW_S3, dict(TRUST, Resource="*")), "identity", "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY",
     "/Statement/1/Principal", "statement 2 has Principal, but identity policies cannot name principals"),
    ("notprincipal-in-identity", policy(statement(NotPrincipal={"AWS": "111122223333"})), "identity",
     "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY", "/Statement/0/NotPrincipal", "has NotPrincipal"),
    ("principal-missing-resource-policy", policy(ALLOW_S3), "resource", "SCHEMA_MISSING_ELEMENT", "/Statement/0",
     "statement 1 has neither Principal nor NotPrincipal"),
    ("principal-missing-trust", policy({"Effect": "Allow", "Action": "sts:AssumeRole"}), "trust",
     "SCHEMA_MISSING_ELEMENT", "/Statement/0", "has neither Principal nor NotPrincipal"),
    ("principal-and-notprincipal", policy(dict(KEY_STATEMENT, NotPrincipal={"AWS": "111122223333"})), "resource",
     "SCHEMA_CONFLICTING_ELEMENTS", "/Statement/0", "has both Principal and NotPrincipal"),
    ("principal-string", policy(dict(KEY_STATEMENT, Principal="arn:aws:iam::111122223333:root")), "resource",
     "SCHEMA_INVALID_PRINCIPAL", "/Statement/0/Principal", 'is neither "*" nor an object'),
    ("principal-type-key", policy(dict(TRUST, Principal={"Services": "ec2.amazonaws.com"})), "trust",
     "SCHEMA_INVALID_PRINCIPAL", "/Statement/0/Principal/Services", 'unknown principal type "Services"'),
    ("principal-empty-object", policy(dict(TRUST, Principal={})), "trust", "SCHEMA_EMPTY_VALUE",
     "/Statement/0/Principal", "Principal of statement 1 is an empty object"),
    ("principal-aws-value", policy(dict(KEY_STATEMENT, Principal={"AWS": "my-role"})), "resource",
     "SCHEMA_INVALID_PRINCIPAL", "/Statement/0/Principal/AWS", '"my-role" is not an AWS principal'),
    ("principal-service-value", policy(dict(TRUST, Principal={"Service": ["sagemaker amazonaws"]})), "trust",
     "SCHEMA_INVALID_PRINCIPAL", "/Statement/0/Principal/Service/0", "is not a service principal name"),
    ("resource-in-trust", policy(dict(TRUST, Resource="*")), "trust", "SCHEMA_RESOURCE_IN_TRUST_POLICY",
     "/Statement/0/Resource", "a role trust policy cannot name resources"),
    ("missing-resource-in-resource-policy", policy({k: v for k, v in KEY_STATEMENT.items() if k != "Resource"}),
     "resource", "SCHEMA_MISSING_ELEMENT", "/Statement/0", "neither Resource nor NotResource"),
    ("condition-operator", policy(statement(Condition={"StringEqual": {"aws:SourceAccount": "111122223333"}})),
     "identity", "SCHEMA_INVALID_CONDITION_OPERATOR", "/Statement/0/Condition/StringEqual",
     'unknown condition operator "StringEqual"'),
    ("condition-set-prefix", policy(statement(Condition={"ForEachValue:StringLike": {"aws:TagKeys": "a*"}})),
     "identity", "SCHEMA_INVALID_CONDITION_OPERATOR", "/Statement/0/Condition/ForEachValue:StringLike",
     "unknown condition operator"),
    ("null-if-exists", policy(statement(Condition={"NullIfExists": {"aws:TokenIssueTime": "true"}})), "identity",
     "SCHEMA_INVALID_CONDITION_OPERATOR", "/Statement/0/Condition/NullIfExists", "Null cannot take the IfExists suffix"),
    ("condition-empty", policy(statement(Condition={})), "identity", "SCHEMA_EMPTY_VALUE", "/Statement/0/Condition",
     "Condition of statement 1 is an empty object"),
    ("condition-block-list", policy(statement(Condition={"StringEquals": ["aws:SourceAccount"]})), "identity",
     "SCHEMA_WRONG_TYPE", "/Statement/0/Condition/StringEquals", "condition operator StringEquals must be an object"),
    ("condition-value-null", policy(statement(Condition={"StringEquals": {"aws:SourceAccount": None}})), "identity",
     "SCHEMA_INVALID_CONDITION_VALUE", "/Statement/0/Condition/StringEquals/aws:SourceAccount",
     "condition key aws:SourceAccount must be a string, a number, a boolean or a list"),
    ("condition-value-object", policy(statement(Condition={"StringEquals": {"aws:SourceAccount": ["1", {}]}})),
     "identity", "SCHEMA_INVALID_CONDITION_VALUE", "/Statement/0/Condition/StringEquals/aws:SourceAccount/1",
     "must be a string, a number or a boolean, but it is an object"),
    ("condition-value-empty-list", policy(statement(Condition={"StringEquals": {"aws:SourceAccount": []}})),
     "identity", "SCHEMA_EMPTY_VALUE", "/Statement/0/Condition/StringEquals/aws:SourceAccount", "is an empty list"),
    ("condition-key-empty", policy(statement(Condition={"StringEquals": {"": "x"}})), "identity",
     "SCHEMA_EMPTY_VALUE", "/Statement/0/Condition/StringEquals/", "condition key that is an empty string"),
    ("condition-key-slash", policy(statement(Condition={"StringEquals": {"aws:ResourceTag/team": {"a": 1}}})),
     "identity", "SCHEMA_INVALID_CONDITION_VALUE", "/Statement/0/Condition/StringEquals/aws:ResourceTag~1team",
     "condition key aws:ResourceTag/team"),
    ("statement-kind-not-object", [ALLOW_S3], "statement", "SCHEMA_WRONG_TYPE", "", "the statement must be an object"),
    ("statement-kind-missing-effect", {"Action": "s3:GetObject", "Resource": "*"}, "statement",
     "SCHEMA_MISSING_ELEMENT", "", "the statement has no Effect"),
]


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
        (policy(statement(Action=5)), "identity",
         'write an action in double quotes, such as "s3:GetObject", or a list of them, such as '
         '["s3:GetObject", "s3:PutObject"]'),
        (policy(statement(Sid=3)), "identity", 'write it in double quotes: "3"'),
        (policy(statement(Condition={"StringEquals": "x"})), "identity",
         'an operator holds an object of condition keys and their values, such as '
         '"StringEquals": {"aws:SourceAccount": "111122223333"}'),
        (policy(statement(Resource=["arn:aws:s3:::b", 7])), "identity",
         'each entry of Resource is an ARN or "*" in double quotes, such as "arn:aws:s3:::my-bucket/*"'),
        (policy(dict(TRUST, Principal=["arn:aws:iam::111122223333:root"])), "trust",
         'put the list under the principals\' type, such as {"AWS": [ ... ]} for accounts and roles or '
         '{"Service": [ ... ]} for AWS services'),
        (policy(dict(TRUST, Principal={"Zzzqq": "x"})), "trust",
         'the principal types are "AWS" (accounts, roles, users), "Service" (AWS services), "Federated" '
         '(identity providers) and "CanonicalUser" (Amazon S3 canonical user ids); they are case-sensitive'),
        (policy(statement(Condition={"StringEquals": {"aws:SourceAccount": []}})), "identity",
         "give the condition key at least one value, or remove the key"),
        (policy(statement(Condition={"StringEquals": {"aws:SourceAccount": {"x": "y"}}})), "identity",
         'a condition key takes a string, number or boolean, or a list of them, such as "111122223333" or '
         '["111122223333", "444455556666"] (an object here usually means an operator or key is nested one level '
         "too deep)"),
        (policy(KEY_STATEMENT, Id=["key-policy"]), "resource", 'Id is a label in double quotes, such as "MyKeyPolicy"'),
        ([policy(ALLOW_S3)], "identity",
         'remove the [ ] around the policy: a policy is one JSON object, {"Version": "2012-10-17", "Statement": [ ... ]}'),
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
        ({"properties": {"Version": {"const": "2012-10-17", "description": "the policy language version"}}},
         {"Version": "2024-01-01"}, "expected here: the policy language version"),
        ({"properties": {"Effect": {"enum": ["Allow", "Deny"]}}}, {"Effect": "Maybe"}, 'use one of "Allow" or "Deny"'),
        ({"properties": {"Sid": {"pattern": "^[a-z]+$", "description": "lower-case letters"}}}, {"Sid": "A1"},
         "expected here: lower-case letters"),
        ({"properties": {"Foo": {"not": {}}}}, {"Foo": 1}, "remove Foo"),
        ({"properties": {"Other": {"type": "integer"}}}, {"Other": "x"}, "write a whole number here"),
    ],
)
def test_rules_without_words_of_their_own_still_get_a_hint(schema_node, instance, hint):
    (finding,) = schema._translate(_error(schema_node, instance), "identity", "p")
    assert finding.hint == hint
    assert_plain(finding.message)


def test_guide_statement_with_principal_inside_an_identity_policy():
    """The guide's automated-labeling example pastes a trust statement into an identity policy."""
    document = policy(
        {"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "arn:aws:iam::<account-number>:role/<role-name>",
         "Condition": {"StringEquals": {"iam:PassedToService": ["sagemaker.amazonaws.com"]}}},
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"},
    )
    codes = sorted((f.code, f.pointer) for f in validate(document, "identity", "p"))
    assert codes == [("SCHEMA_MISSING_ELEMENT", "/Statement/1"),
                     ("SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY", "/Statement/1/Principal")]


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


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown policy kind"):
        validate({}, "scp", "p")


def test_schema_file_is_a_valid_draft_2020_12_schema_with_documented_entry_points():
    jsonschema = schema.import_jsonschema()
    document = json.loads(schema.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for entry in schema.ENTRY_POINTS.values():
        assert entry in document["$defs"]
        assert entry in document["description"]


def test_every_code_annotation_in_the_schema_is_a_registered_code():
    text = schema.SCHEMA_PATH.read_text()
    for code in set(re.findall(r'"x-iamkb-code": "([A-Z_]+)"', text)):
        assert code in CODES


def test_operator_names_come_from_the_schema():
    names = schema._operator_names()
    assert "StringEquals" in names and "Null" in names and "ArnNotLike" in names
    assert "IfExists" not in names and "ForAllValues" not in names


def test_jsonschema_imports_without_its_slow_format_backends():
    """Format checker backends (rfc3987_syntax builds lark grammars for ~1 s) stay unimported."""
    code = ("import sys\nfrom iamkb import schema\nschema.validate({'Statement': []}, 'identity', 'p')\n"
            "print(sorted(m for m in ('rfc3987_syntax', 'lark', 'isoduration', 'idna') if m in sys.modules))\n"
            "import idna; print('idna importable')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "idna importable"]


# --- the compiled fast path agrees with jsonschema ----------------------------------------------------

def test_compiled_grammar_is_regenerated_from_the_current_schema():
    assert schema.COMPILED_PATH.read_text() == schema.compiled_grammar_source(), (
        "schemas/iam-policy.schema.json changed: run `.venv/bin/python -m iamkb.schema` to regenerate "
        "src/iamkb/_grammar_compiled.py")


def test_compiled_grammar_needs_no_third_party_module_at_run_time():
    source = schema.COMPILED_PATH.read_text()
    imports = {line.split()[1] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert imports <= {"re", "decimal"}


@pytest.mark.parametrize(("document", "kind"), [c[1:3] for c in CASES], ids=[c[0] for c in CASES])
def test_fast_path_rejects_every_invalid_case(document, kind):
    assert not schema.is_valid(document, kind)
    assert not schema._validator(kind).is_valid(document)


def test_fast_path_accepts_the_valid_documents():
    for document, kind in VALID:
        assert schema.is_valid(document, kind), (kind, document)


# Values chosen to sit on either side of each rule; documents are built from them at random.
VALUES = st.sampled_from([
    "*", "", "s3:GetObject", "s3:Get*", "s3GetObject", "s3:", " s3:GetObject", "arn:aws:s3:::b/*", "arn:aws:s3:b",
    "arn:aws:s3:::b\n", "s3:GetObject\n", "<bucket>", "Allow", "Deny", "allow", "2012-10-17", "2008-10-17", "abc",
    "Sid1", "Sid 1", "sagemaker.amazonaws.com", "111122223333", "arn:aws:iam::111122223333:root", "${aws:username}",
    0, 1.5, True, False, None, [], {}, ["s3:GetObject"], ["*", ""], [1], {"AWS": "*"}, {"Service": ["x.amazonaws.com"]},
    {"Aws": "*"}, {"StringEquals": {"aws:SourceAccount": "1"}}, {"NullIfExists": {"a": "true"}}, {"Bool": {"a": [True]}},
    {"StringLike": {}}, {"StringEquals": {"": "x"}}, {"StringEquals": {"a": [{}]}},
])
KEYS = st.sampled_from(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal",
                        "Condition", "Actions", "effect"])
STATEMENTS = st.dictionaries(KEYS, VALUES, max_size=6)
DOCUMENTS = st.one_of(
    STATEMENTS,
    st.fixed_dictionaries({"Statement": st.one_of(STATEMENTS, st.lists(STATEMENTS, max_size=3), VALUES)},
                          optional={"Version": VALUES, "Id": VALUES, "Extra": VALUES}),
    VALUES,
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(document=DOCUMENTS, kind=st.sampled_from(sorted(schema.ENTRY_POINTS)))
def test_fast_path_and_jsonschema_agree(document, kind):
    """The fast path may only say "valid" when jsonschema does; it is stricter only for a trailing newline
    (fastjsonschema anchors patterns with \\Z where jsonschema's $ also matches before a final newline)."""
    fast, full = schema.is_valid(document, kind), schema._validator(kind).is_valid(document)
    if fast != full:
        assert full and "\n" in json.dumps(document).replace("\\n", "\n")


def test_valid_documents_are_checked_without_importing_jsonschema():
    code = ("import sys\nfrom iamkb import schema\n"
            "print(schema.validate({'Statement': {'Effect': 'Allow', 'Action': '*', 'Resource': '*'}}, 'identity', 'p'))\n"
            "print('jsonschema' in sys.modules, 'fastjsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "False False"]


@pytest.mark.parametrize("kind", ["identity", "resource", "trust"])
def test_a_lone_statement_where_a_policy_belongs_is_one_finding_with_a_wrapping_hint(kind):
    statement = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                 "Action": "kms:Decrypt", "Resource": "*"}
    findings = validate(statement, kind, "key.json")
    assert [(f.code, f.pointer) for f in findings] == [("SCHEMA_MISSING_ELEMENT", "")]
    assert "single statement" in findings[0].message and '"Statement": [' in findings[0].hint


def test_a_lone_statement_is_fine_where_a_statement_belongs():
    assert validate({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, "statement", "s.json") == []
