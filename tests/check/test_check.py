"""The check pipeline and its Python API: read -> grammar -> lint -> locate -> sort."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.check import check_document, check_paths, collect_files, infer_kind, run_check
from iamkb.core.errors import UsageError
from iamkb.kb.snippets import SNIPPETS_DIR

IDENTITY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
RESOURCE = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},  # not an example account: EXAMPLE_VALUE
            "Action": "kms:Decrypt",
            "Resource": "*",
        }
    ],
}


def codes(findings):
    return [f.code for f in findings]


def write(tmp_path, name, content):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2))
    return path


# --- kinds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (IDENTITY, "identity"),
        (TRUST, "trust"),
        (RESOURCE, "resource"),
        (
            {"Statement": [{**TRUST["Statement"][0], "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]}]},
            "trust",
        ),
        (IDENTITY["Statement"][0], "statement"),
        ({"Statement": IDENTITY["Statement"] + TRUST["Statement"]}, "identity"),  # principal in only some statements
        ([IDENTITY], "identity"),
        ({"Statement": []}, "identity"),
    ],
)
def test_infer_kind(document, kind):
    assert infer_kind(document) == kind


def test_auto_kind_uses_the_snippet_catalog_for_catalog_files(tmp_path, monkeypatch):
    """Catalog files are checked as the kind the catalog gives (shown by making the catalog say otherwise)."""
    import iamkb.check

    snippet = SNIPPETS_DIR / "kms" / "output-data-key-policy.json"
    assert iamkb.check.catalog_facts(snippet) == ("resource", False)
    assert iamkb.check.catalog_facts(tmp_path / "other.json") == (None, False)
    monkeypatch.setattr(iamkb.check, "catalog_facts", lambda path: ("identity", False))
    assert "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY" in codes(check_paths([snippet]))


def test_catalog_managed_policies_are_exempt_from_the_size_limit(tmp_path):
    managed = SNIPPETS_DIR / "managed" / "AmazonSageMakerFullAccess.json"
    assert "POLICY_TOO_LARGE" not in codes(check_paths([managed]))
    copy = write(tmp_path, "copy.json", managed.read_text())  # the same text outside the catalog
    assert "POLICY_TOO_LARGE" in codes(check_paths([copy]))
    assert "POLICY_TOO_LARGE" not in codes(check_paths([copy], managed=True))


@pytest.mark.parametrize("form", ["text", "bytes", "file"])
def test_the_size_limit_is_the_same_for_text_bytes_and_files(tmp_path, form):
    """1 MiB of UTF-8 whatever the input's form; text used to skip the limit."""
    from iamkb.core.jsonsource import MAX_BYTES

    def check(text):
        if form == "text":
            return codes(check_document(text, "identity", "p.json"))
        if form == "bytes":
            return codes(check_document(text.encode("utf-8"), "identity", "p.json"))
        return codes(check_paths([write(tmp_path, "p.json", text)], "identity"))

    frame = json.dumps({**IDENTITY, "Id": ""})
    over = frame.replace('"Id": ""', '"Id": "' + "\u00e9" * ((MAX_BYTES - len(frame)) // 2 + 1) + '"')
    assert len(over) < MAX_BYTES < len(over.encode("utf-8"))
    assert check(over) == ["JSON_TOO_LARGE"]
    at_limit = frame.replace('"Id": ""', '"Id": "' + "x" * (MAX_BYTES - len(frame)) + '"')
    assert len(at_limit.encode("utf-8")) == MAX_BYTES
    assert "JSON_TOO_LARGE" not in check(at_limit)


def test_explicit_kind_overrides_inference(tmp_path):
    path = write(tmp_path, "trust.json", TRUST)
    assert check_paths([path]) == []
    found = check_paths([path], kind="identity")
    assert ("SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY", "/Statement/0/Principal") in {(f.code, f.pointer) for f in found}


def test_unknown_kind_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown policy kind 'boundary'"):
        check_document(IDENTITY, "boundary")


# --- pipeline ---------------------------------------------------------------------------------------


def test_clean_documents_have_no_findings():
    for document in (IDENTITY, TRUST, RESOURCE):
        assert check_document(document) == []


def test_findings_are_located_and_sorted_by_line():
    text = (
        '{\n  "Version": "2012-10-18",\n  "Statement": [\n    {\n      "Effect": "Allow",\n'
        '      "Action": "s3GetObject",\n      "Resource": "*"\n    }\n  ]\n}\n'
    )
    found = check_document(text, "identity", "p.json")
    assert [(f.code, f.line, f.column) for f in found] == [
        ("SCHEMA_INVALID_VERSION", 2, 3),
        ("SCHEMA_INVALID_ACTION", 6, 7),
    ]


def test_syntax_error_and_grammar_errors_in_one_run():
    """The lenient pass lets the rest of the checks run on a document with a trailing comma."""
    text = '{\n  "Statement": [\n    {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*",}\n  ]\n}'
    found = check_document(text, "identity", "p.json")
    assert [(f.code, f.line, f.column) for f in found] == [
        ("SCHEMA_INVALID_EFFECT", 3, 6),
        ("JSON_SYNTAX_ERROR", 3, 67),  # the trailing comma
    ]


def test_lint_findings_come_through_with_positions():
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::bucket/*"}],
        },
        indent=2,
    )
    found = check_document(text, "identity", "p.json")
    assert codes(found) == ["UNKNOWN_ACTION"]
    assert found[0].pointer == "/Statement/0/Action" and found[0].line == 6


def test_documents_with_grammar_errors_do_not_break_lint():
    """Lint runs on every parsed object, so it must cope with values of the wrong type."""
    broken = {
        "Statement": [
            {"Effect": 1, "Action": {"a": 1}, "Resource": [None, 3], "Condition": []},
            "not a statement",
            {"NotAction": 5, "Principal": [], "Condition": {"Bool": 1}},
        ]
    }
    found = check_document(broken, "identity")
    assert found and all(f.finding_type.value == "ERROR" for f in found if f.code.startswith("SCHEMA_"))


def test_parsed_documents_have_pointers_but_no_positions():
    found = check_document({"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}, "identity")
    assert {f.pointer for f in found} == {"/Statement/0"}
    assert all(f.line is None for f in found)


def test_bytes_input_is_decoded_like_a_file():
    found = check_document(b"\xef\xbb\xbf" + json.dumps(IDENTITY).encode(), "identity", "upload.json")
    assert [(f.code, f.line, f.column) for f in found] == [("JSON_BYTE_ORDER_MARK", 1, 1)]


def test_text_input_reports_bad_text_under_the_given_name():
    found = check_document("", "identity", "cell 3")
    assert [(f.code, f.path) for f in found] == [("JSON_EMPTY_FILE", "cell 3")]


# --- files and directories --------------------------------------------------------------------------


def test_directories_are_walked_recursively_sorted_skipping_hidden_ones(tmp_path):
    write(tmp_path, "b.json", IDENTITY)
    write(tmp_path, "a/z.json", IDENTITY)
    write(tmp_path, "a/notes.txt", "not json")
    write(tmp_path, ".git/config.json", "{")
    write(tmp_path, "c/.hidden/x.json", "{")
    files, findings = collect_files([tmp_path])
    assert findings == []
    assert [p.relative_to(tmp_path).as_posix() for p, _ in files] == ["a/z.json", "b.json"]
    assert files[0][1] == f"{tmp_path}/a/z.json"


def test_a_file_named_explicitly_is_checked_whatever_its_extension(tmp_path):
    path = write(tmp_path, "policy.txt", IDENTITY)
    assert run_check([path]).files_checked == 1


def test_the_same_file_twice_is_checked_once(tmp_path):
    path = write(tmp_path, "p.json", "{")
    result = run_check([path, tmp_path])
    assert result.files_checked == 1 and codes(result.findings) == ["JSON_SYNTAX_ERROR"]


def test_the_snippet_catalog_is_not_checked_as_a_policy():
    files, _ = collect_files([SNIPPETS_DIR])
    assert files and all(p.name != "catalog.json" for p, _ in files)


def test_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_check([tmp_path / "missing.json", tmp_path / "empty"])
    assert [(f.code, f.path) for f in result.findings] == [
        ("INPUT_NOT_FOUND", f"{tmp_path}/missing.json"),
        ("INPUT_NO_JSON_FILES", f"{tmp_path}/empty"),
    ]
    assert result.files_checked == 0


def test_findings_name_the_file_as_the_user_wrote_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "policies/p.json", '{"Statement": [],}')
    found = check_paths(["policies"])
    assert {f.path for f in found} == {"policies/p.json"}


def test_ignore_drops_findings_of_a_code(tmp_path):
    text = '{"Statement": [{"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}], "Version": "2012-10-17",}'
    path = write(tmp_path, "p.json", text)
    assert codes(check_paths([path])) == ["SCHEMA_INVALID_ACTION", "JSON_SYNTAX_ERROR"]
    assert codes(check_paths([path], ignore=["json_syntax_error"])) == ["SCHEMA_INVALID_ACTION"]
    assert check_paths([path], ignore=["JSON_SYNTAX_ERROR,SCHEMA_INVALID_ACTION"]) == []


def test_ignoring_an_unknown_code_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown finding code 'SCHEMA_INVALID_ACTON'") as raised:
        check_paths([SNIPPETS_DIR], ignore=["SCHEMA_INVALID_ACTON"])
    assert "did you mean SCHEMA_INVALID_ACTION?" in str(raised.value)


# --- never a traceback --------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["Allow", "Deny", "*", "s3:GetObject", "arn:aws:s3:::b/*", "sts:AssumeRole", "2012-10-17"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "Version",
                    "Statement",
                    "Effect",
                    "Action",
                    "NotAction",
                    "Resource",
                    "Principal",
                    "AWS",
                    "Service",
                    "Condition",
                    "StringEquals",
                    "Null",
                    "Sid",
                    "x",
                ]
            )
            | st.text(max_size=4),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(document=JSON_VALUES, kind=st.sampled_from(["auto", "identity", "resource", "trust", "statement"]))
def test_any_json_value_gets_findings_not_an_exception(document, kind):
    found = check_document(document, kind)
    assert all(f.code and f.message for f in found)
    assert check_document(json.dumps(document), kind) is not None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.text(alphabet=st.sampled_from("{}[]\",: \n'/*aAl0123456789.-tfnue\\"), max_size=40))
def test_any_text_gets_findings_not_an_exception(text):
    found = check_document(text, "auto", "fuzz.json")
    assert all(f.path == "fuzz.json" for f in found)


def test_characters_iam_rejects_are_checked_for_identity_and_trust_policies_only():
    identity = json.dumps(IDENTITY, ensure_ascii=False).replace("bucket", "bucket\u2013prod", 1)  # an en dash
    assert codes(check_document(identity, "identity")) == ["JSON_CHARACTER_NOT_ALLOWED"]
    escaped = json.dumps(json.loads(identity))  # the same value written as \u2013 is plain ASCII text
    assert "JSON_CHARACTER_NOT_ALLOWED" not in codes(check_document(escaped, "identity"))
    resource = json.dumps({**RESOURCE, "Id": "key\u2013policy"}, ensure_ascii=False)
    assert "JSON_CHARACTER_NOT_ALLOWED" not in codes(check_document(resource, "resource"))
