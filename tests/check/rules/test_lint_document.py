"""The entry point: every kind, malformed input never raises, options reach the checks."""

import json

import pytest

from iamkb.check.rules import corpus_stats, lint_document
from iamkb.core.codes import CODES
from tests.check.rules.util import allow, codes, lint, policy


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "text",
        3,
        {},
        {"Statement": "x"},
        {"Statement": [None, 1]},
        {"Statement": [{"Effect": 1, "Action": {"a": 1}, "Resource": 2, "Condition": [], "Principal": 5}]},
    ],
)
@pytest.mark.parametrize("kind", ["identity", "resource", "trust", "statement"])
def test_malformed_documents_give_no_findings_and_never_raise(document, kind):
    assert lint_document(document, kind, "x.json") == []


def test_findings_carry_path_pointer_registered_code_and_hint():
    found = lint_document(policy(allow("s3:GetObjcet", "arn:aws:s3:::b/*")), "identity", "dir/p.json")
    assert found and all(f.path == "dir/p.json" and f.code in CODES and f.hint for f in found)


def test_statement_kind_lints_a_bare_statement():
    assert "UNKNOWN_ACTION" in codes(lint(allow("s3:GetObjcet"), "statement"))


def test_corpus_stats_on_a_small_directory(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(policy(allow("*"))))
    (tmp_path / "b.json").write_text(json.dumps(policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))))
    (tmp_path / "broken.json").write_text("{")
    stats = corpus_stats(tmp_path)
    assert stats["policies"] == 2 and stats["unreadable"] == 1
    assert stats["codes"]["SERVICE_WILDCARD_ON_ALL_RESOURCES"] == {
        "type": "SECURITY_WARNING",
        "findings": 1,
        "policies": 1,
    }
    assert stats["catalog"]["date"] == "2026-10-27"
