"""Every finding says what to do: a hint on each, plain JSON/IAM words, and a pointer that resolves.

The team rule for bad input is a clear error with a hint. Rather than one example per message, these
tests break real policies at random (the snippets under snippets/, as parsed JSON and as text) and hold
every finding `check_document` reports to that rule, whichever module made it.
"""

from __future__ import annotations

import json
import re

import jsonpointer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iamkb.check import KINDS, check_document
from iamkb.core.jsonsource import from_document, parse_bytes, parse_text
from iamkb.kb.snippets import SNIPPETS_DIR

SNIPPET_FILES = sorted(p for p in SNIPPETS_DIR.rglob("*") if p.suffix in (".json", ".txt") and p.name != "catalog.json")
TEXTS = [p.read_text(encoding="utf-8") for p in SNIPPET_FILES]
DOCUMENTS = [json.loads(p.read_text(encoding="utf-8")) for p in SNIPPET_FILES if p.suffix == ".json"]
ANY_KIND = st.sampled_from(("auto", *KINDS))

# Generated strings hold no quotes and no None/True/False, so a Python word or repr in a message can only
# come from iamkb, never from the input it quotes.
WORDS = st.text(alphabet="abcxyz019:*/-_. $<>{}[]é\u2013", max_size=6)
NEAR_MISSES = st.sampled_from(
    [
        "effect",
        "Actions",
        "resource",
        "Principle",
        "Condtion",
        "StringEqual",
        "AWS ",
        "service",
        "NotAction",
        "Id",
        "Sid",
        "Version",
        "",
        "StringEquals",
        "Bool",
        "aws:x",
        "ForAllValues:StringLike",
        "Null",
        "Federated",
        "canonicaluser",
    ]
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | WORDS
    | st.sampled_from(
        [
            "Allow",
            "deny",
            "*",
            "s3:GetObject",
            "s3 GetObject",
            "arn:aws:s3:::b",
            "arn:aws:s3:::b/*",
            "arn:aws:s3:us-east-1::b",
            "arn:aws:lambda:::function:f",
            "sts:AssumeRole",
            "2012-10-17",
            "sagemaker.amazonaws.com",
            "111122223333",
            "<bucket-name>",
            "${aws:username}",
        ]
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(NEAR_MISSES | WORDS, children, max_size=3),
    max_leaves=8,
)


def slot(*plausible):
    """A value for one policy position: mostly one that fits it (so later checks run), else any JSON value."""
    fitting = st.sampled_from(plausible)
    return st.one_of(fitting, fitting, fitting, st.lists(fitting, min_size=1, max_size=3), fitting, JSON_VALUES)


ACTIONS = slot(
    "s3:GetObject",
    "s3:ListBucket",
    "s3:GetObjekt",
    "s3:Get*",
    "s3:Nothing*",
    "nosuch:Do",
    "*",
    "s3:*",
    "sts:AssumeRole",
    "iam:PassRole",
    "kms:CreateGrant",
    "sagemaker:CreateLabelingJob",
    "s3",
    "iam:*",
)
RESOURCES = slot(
    "*",
    "arn:aws:s3:::b",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:us-east-1::b",
    "arn:aws:lambda:::function:f",
    "arn:aws:iam::111122223333:role/r",
    "arn:awz:s3:::b",
    "bucket",
    "arn:aws:s3:::<bucket-name>/*",
    "arn:aws:s3:::${aws:username}/*",
    "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
)
PRINCIPALS = slot(
    "*",
    {"AWS": "arn:aws:iam::111122223333:root"},
    {"AWS": "111122223333"},
    {"AWS": "bob"},
    {"Service": "sagemaker.amazonaws.com"},
    {"Service": "sagemaker"},
    {"Federated": "a b"},
    {"aws": "x"},
    {"Zzz": "x"},
    {"CanonicalUser": ""},
)
CONDITION_KEYS = st.sampled_from(
    [
        "aws:SourceAccount",
        "aws:SourceArn",
        "s3:prefix",
        "aws:x",
        "kms:ViaService",
        "aws:PrincipalTag/team",
        "",
        "sagemaker:WorkteamType",
        "aws:SecureTransport",
        "iam:PassedToService",
        "kms:GrantIsForAWSResource",
    ]
)
OPERATORS = st.sampled_from(
    [
        "StringEquals",
        "StringLike",
        "ArnLike",
        "Bool",
        "NumericLessThan",
        "DateGreaterThan",
        "IpAddress",
        "Null",
        "ForAllValues:StringEquals",
        "StringEqualsIfExists",
        "stringequals",
        "NullIfExists",
        "Foo",
    ]
)
CONDITIONS = (
    st.dictionaries(
        OPERATORS,
        st.dictionaries(
            CONDITION_KEYS,
            slot("111122223333", "true", True, 5, "2020-01-01T00:00:00Z", "10.0.0.0/8", "sagemaker.amazonaws.com", "x*")
            | JSON_VALUES,
            max_size=2,
        ),
        max_size=2,
    )
    | JSON_VALUES
)
STATEMENT = st.fixed_dictionaries(
    {},
    optional={
        "Sid": slot("AllowRead", "Allow read", ""),
        "Effect": slot("Allow", "Deny", "allow"),
        "Action": ACTIONS,
        "NotAction": ACTIONS,
        "Resource": RESOURCES,
        "NotResource": RESOURCES,
        "Principal": PRINCIPALS,
        "Condition": CONDITIONS,
    },
).flatmap(
    lambda statement: st.dictionaries(NEAR_MISSES | WORDS, JSON_VALUES, max_size=1).map(
        lambda extra: {**statement, **extra}
    )
)
POLICIES = st.fixed_dictionaries(
    {"Statement": st.lists(STATEMENT, max_size=3) | STATEMENT | JSON_VALUES},
    optional={"Version": slot("2012-10-17", "2008-10-17", "2024-01-01"), "Id": slot("key-policy")},
)


# --- what every finding must be --------------------------------------------------------------------

QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
PYTHON_WORD = re.compile(r"\b(?:None|True|False)\b")
# {'key': ... or ['item', ... where a Python container starts: not inside a quoted value such as '${'
CONTAINER_REPR = re.compile(r"(?<![^\s(\[{:,])[\[{]'[^']*'(?:\s*[:,\]}])")
PYTHON_INTERNALS = ("<class", "Traceback", "object at 0x", "Error(")


def python_in(text: str) -> list[str]:
    """The Python reprs in a message or hint: words outside quotes, dict/list reprs, internals."""
    found = PYTHON_WORD.findall(QUOTED.sub('""', text))
    found += CONTAINER_REPR.findall(text)
    found += [marker for marker in PYTHON_INTERNALS if marker in text]
    return found


def assert_findings_guide_the_user(input_value, kind: str) -> None:
    findings = check_document(input_value, kind, "policy.json")
    if isinstance(input_value, str):
        source = parse_text(input_value)
    elif isinstance(input_value, bytes):
        source = parse_bytes(input_value, "policy.json")
    else:
        source = from_document(input_value)
    for finding in findings:
        where = f"{finding.code} at {finding.pointer!r}: {finding.message}"
        assert finding.hint and finding.hint.strip(), f"no hint: {where}"
        assert python_in(finding.message) == [], f"Python in the message: {where}"
        assert python_in(finding.hint) == [], f"Python in the hint of {where}: {finding.hint}"
        pointer = jsonpointer.JsonPointer(finding.pointer)  # raises on anything that is not RFC 6901
        if source.has_document:
            pointer.resolve(source.document)  # raises when the pointer names nothing in the document
        else:
            assert finding.pointer == "", f"a pointer into no document: {where}"


# --- broken policies -------------------------------------------------------------------------------


def all_pointers(value, tokens=()):
    yield tokens
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from all_pointers(child, (*tokens, key))


@st.composite
def broken_documents(draw):
    """A snippet with a few values replaced, keys added or elements removed, as parsed JSON or as its text."""
    document = json.loads(json.dumps(draw(st.sampled_from(DOCUMENTS))))
    for _ in range(draw(st.integers(1, 3))):
        tokens = draw(st.sampled_from(list(all_pointers(document))))
        if not tokens:
            document = draw(JSON_VALUES)
            continue
        parent = document
        for token in tokens[:-1]:
            parent = parent[token]
        action = draw(st.sampled_from(["replace", "add key", "remove"]))
        if action == "replace" or not isinstance(parent, dict):
            parent[tokens[-1]] = draw(JSON_VALUES)
        elif action == "add key":
            parent[draw(NEAR_MISSES | WORDS)] = draw(JSON_VALUES)
        else:
            del parent[tokens[-1]]
    return document if draw(st.booleans()) else json.dumps(document, indent=draw(st.sampled_from([None, 2])))


@st.composite
def broken_texts(draw):
    """A snippet's text (corrected or verbatim original) cut short or with characters deleted or inserted."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "delete", "insert"]))
        if edit == "cut":
            text = text[:at]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
        else:
            inserted = draw(
                st.sampled_from(
                    list("{}[],:\"'x1 \n\t\\/")
                    + [
                        "True",
                        "None",
                        "\u201c",
                        "//",
                        "\ufeff",
                        "\u00a0",
                        '"k": 1,',
                        '"Effect": "Deny", ',
                        "[" * 40 + "]" * 40,
                    ]
                )
            )
            text = text[:at] + inserted + text[at:]
    return text


@st.composite
def broken_bytes(draw):
    """A snippet's file content as bytes in another encoding, or with a stray byte, NUL or byte order mark."""
    data = draw(broken_texts()).encode("utf-8")
    at = draw(st.integers(0, len(data)))
    stray = draw(st.sampled_from([b"\xff", b"\xe9", b"\x00", b"\xef\xbb\xbf", b"\xc3"]))
    return draw(
        st.sampled_from([data[:at] + stray + data[at:], b"\xef\xbb\xbf" + data, data.decode("utf-8").encode("utf-16")])
    )


def examples(count: int) -> settings:
    """Deterministic runs of a fixed size: these tests together take a few seconds."""
    return settings(max_examples=count, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@examples(200)
@given(policy=broken_documents(), kind=ANY_KIND)
def test_every_finding_on_a_policy_with_wrong_values_has_a_hint_and_a_pointer(policy, kind):
    assert_findings_guide_the_user(policy, kind)


@examples(200)
@given(text=broken_texts(), kind=ANY_KIND)
def test_every_finding_on_broken_json_text_has_a_hint_and_a_pointer(text, kind):
    assert_findings_guide_the_user(text, kind)


@examples(100)
@given(data=broken_bytes(), kind=ANY_KIND)
def test_every_finding_on_badly_encoded_bytes_has_a_hint_and_a_pointer(data, kind):
    assert_findings_guide_the_user(data, kind)


@examples(300)
@given(value=POLICIES | STATEMENT | JSON_VALUES, kind=ANY_KIND)
def test_every_finding_on_random_values_in_policy_positions_has_a_hint_and_a_pointer(value, kind):
    assert_findings_guide_the_user(value, kind)


# --- the checks themselves can fail --------------------------------------------------------------------


def test_python_reprs_are_recognised_and_quoted_values_are_not():
    assert python_in("Action must be a string, but it is None") == ["None"]
    assert python_in("expected True or False") == ["True", "False"]
    assert python_in("got {'Effect': 'Allow'}") == ["{'Effect':"]
    assert python_in("got ['s3:GetObject', 3]") == ["['s3:GetObject',"]
    assert python_in("<class 'dict'> is not allowed") == ["<class"]
    assert python_in('Effect "AlloNonew" is neither "Allow" nor "Deny"') == []
    assert python_in("'sts:NoneAssumeRole' is not allowed; found \"[\"") == []
    assert python_in("'${' at character 2 is never closed in ':${'.") == []
    assert python_in("'aws[' in 'arn:aws[:s3:::b' is not an AWS partition.") == []


def test_the_examples_these_tests_once_found_without_hints_now_have_them():
    """The cases a colleague listed, one each: a type error, each syntax error, an unknown principal type."""
    cases = [
        ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}', "identity"),
        (
            '{"Version": "2012-10-17", "Statement": [{"Sid": 3, "Effect": "Allow", "Action": "s3:GetObject", '
            '"Resource": "*"}]}',
            "identity",
        ),
        (
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", '
            '"Condition": {"StringEquals": "x"}}]}',
            "identity",
        ),
        ('{"Version": "2012-10-17", Statement: []}', "identity"),
        ('{"Version": "2012-10-17", "Statement": [{"Effect": Allow}]}', "identity"),
        ('{"Version" "2012-10-17"}', "identity"),
        ('{"Version": "2012-10-17', "identity"),
        (
            '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", '
            '"Principal": {"Zzzqq": "x"}}]}',
            "trust",
        ),
    ]
    for text, kind in cases:
        findings = check_document(text, kind)
        assert findings, text
        assert_findings_guide_the_user(text, kind)
