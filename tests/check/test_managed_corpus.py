"""No false positives: AWS accepts every one of its 1,644 managed policies, so none may get an ERROR.

One pass over the corpus with the `iamkb check` machinery (as `iamkb check --managed` runs it),
shared by the tests below; each assertion lists every failing file so one run shows them all.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from iamkb.check import run_check
from iamkb.core.findings import FindingType
from tests.check.rules.corpus import CORPUS


@pytest.fixture(scope="module")
def corpus_run():
    assert CORPUS.is_dir(), f"the managed policy corpus is missing: {CORPUS}"
    return run_check([CORPUS], managed=True)


def _errors_by_file(findings, prefixes):
    failing = defaultdict(list)
    for f in findings:
        if f.finding_type is FindingType.ERROR and f.code.startswith(prefixes):
            failing[Path(f.path).name].append(f"{f.line}:{f.column} {f.code} #{f.pointer} {f.message}")
    return "\n".join(f"{name}: {'; '.join(lines)}" for name, lines in sorted(failing.items()))


def test_corpus_is_complete(corpus_run):
    assert corpus_run.files_checked == 1644


def test_json_and_grammar_accept_every_managed_policy(corpus_run):
    assert _errors_by_file(corpus_run.findings, ("JSON_", "INPUT_", "SCHEMA_")) == ""


def test_check_reports_no_error_on_any_managed_policy(corpus_run):
    assert _errors_by_file(corpus_run.findings, ("",)) == ""
