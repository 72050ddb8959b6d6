"""The IAM grammar schema and its validators: the schema file, the compiled fast path, jsonschema's import."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.check import grammar, schema
from iamkb.check.schema import validate
from iamkb.core.codes import CODES
from tests.check.schema_cases import CASES, VALID


@pytest.mark.parametrize(("document", "kind"), VALID)
def test_valid_documents_pass(document, kind):
    assert validate(document, kind, "p.json") == []


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown policy kind"):
        validate({}, "boundary", "p")


def test_schema_file_is_a_valid_draft_2020_12_schema_with_documented_entry_points():
    jsonschema = schema.import_jsonschema()
    document = json.loads(grammar.SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for entry in grammar.ENTRY_POINTS.values():
        assert entry in document["$defs"]
        assert entry in document["description"]


def test_every_code_annotation_in_the_schema_is_a_registered_code():
    text = grammar.SCHEMA_PATH.read_text()
    for code in set(re.findall(r'"x-iamkb-code": "([A-Z_]+)"', text)):
        assert code in CODES


def test_jsonschema_imports_without_its_slow_format_backends():
    """Format checker backends (rfc3987_syntax builds lark grammars for ~1 s) stay unimported."""
    code = (
        "import sys\nfrom iamkb.check import schema\nschema.validate({'Statement': []}, 'identity', 'p')\n"
        "print(sorted(m for m in ('rfc3987_syntax', 'lark', 'isoduration', 'idna') if m in sys.modules))\n"
        "import idna; print('idna importable')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "idna importable"]


# --- the compiled fast path agrees with jsonschema ----------------------------------------------------


def test_compiled_grammar_is_regenerated_from_the_current_schema():
    assert schema.COMPILED_PATH.read_text() == schema.compiled_grammar_source(), (
        "schemas/iam-policy.schema.json changed: run `.venv/bin/python -m iamkb.check.schema` to regenerate "
        "src/iamkb/_grammar_compiled.py"
    )


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
VALUES = st.sampled_from(
    [
        "*",
        "",
        "s3:GetObject",
        "s3:Get*",
        "s3GetObject",
        "s3:",
        " s3:GetObject",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:b",
        "arn:aws:s3:::b\n",
        "s3:GetObject\n",
        "<bucket>",
        "Allow",
        "Deny",
        "allow",
        "2012-10-17",
        "2008-10-17",
        "abc",
        "Sid1",
        "Sid 1",
        "sagemaker.amazonaws.com",
        "111122223333",
        "arn:aws:iam::111122223333:root",
        "${aws:username}",
        0,
        1.5,
        True,
        False,
        None,
        [],
        {},
        ["s3:GetObject"],
        ["*", ""],
        [1],
        {"AWS": "*"},
        {"Service": ["x.amazonaws.com"]},
        {"Aws": "*"},
        {"StringEquals": {"aws:SourceAccount": "1"}},
        {"NullIfExists": {"a": "true"}},
        {"Bool": {"a": [True]}},
        {"StringLike": {}},
        {"StringEquals": {"": "x"}},
        {"StringEquals": {"a": [{}]}},
    ]
)
KEYS = st.sampled_from(
    [
        "Sid",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "NotResource",
        "Principal",
        "NotPrincipal",
        "Condition",
        "Actions",
        "effect",
    ]
)
STATEMENTS = st.dictionaries(KEYS, VALUES, max_size=6)
DOCUMENTS = st.one_of(
    STATEMENTS,
    st.fixed_dictionaries(
        {"Statement": st.one_of(STATEMENTS, st.lists(STATEMENTS, max_size=3), VALUES)},
        optional={"Version": VALUES, "Id": VALUES, "Extra": VALUES},
    ),
    VALUES,
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(document=DOCUMENTS, kind=st.sampled_from(sorted(grammar.ENTRY_POINTS)))
def test_fast_path_and_jsonschema_agree(document, kind):
    """The fast path may only say "valid" when jsonschema does; it is stricter only for a trailing newline
    (fastjsonschema anchors patterns with \\Z where jsonschema's $ also matches before a final newline)."""
    fast, full = schema.is_valid(document, kind), schema._validator(kind).is_valid(document)
    if fast != full:
        assert full and "\n" in json.dumps(document).replace("\\n", "\n")


def test_valid_documents_are_checked_without_importing_jsonschema_or_the_words_for_errors():
    code = (
        "import sys\nfrom iamkb.check import schema\n"
        "print(schema.validate({'Statement': {'Effect': 'Allow', 'Action': '*', 'Resource': '*'}}, 'identity', 'p'))\n"
        "print('jsonschema' in sys.modules, 'fastjsonschema' in sys.modules, 'iamkb.check.schema_findings' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["[]", "False False False"]
