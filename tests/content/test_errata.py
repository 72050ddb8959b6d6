"""Every snippet passes the checker; every corrected original fails with the codes its errata name."""

import pytest

from iamkb.check import check_paths
from iamkb.core.findings import FindingType
from iamkb.kb.snippets import load_catalog

SNIPPETS = load_catalog().snippets
CORRECTED = [s for s in SNIPPETS if s.corrected]
ERRATA = [(s, e) for s in CORRECTED for e in s.errata]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.id for s in SNIPPETS])
def test_snippet_has_no_error_finding(snippet):
    errors = [f for f in check_paths([snippet.path]) if f.finding_type is FindingType.ERROR]
    assert errors == []


@pytest.mark.parametrize(("snippet", "erratum"), ERRATA, ids=[f"{s.id}:{e['code']}{e['pointer']}" for s, e in ERRATA])
def test_original_fails_with_the_erratum_code_at_its_pointer(snippet, erratum):
    findings = check_paths([snippet.original_path])
    caught = {(f.code, f.pointer) for f in findings if f.finding_type is FindingType.ERROR}
    assert (erratum["code"], erratum["pointer"]) in caught, sorted(caught)


@pytest.mark.parametrize("snippet", CORRECTED, ids=[s.id for s in CORRECTED])
def test_every_error_in_a_corrected_original_is_an_erratum(snippet):
    """No defect of the published text goes unrecorded: each ERROR there has an erratum."""
    recorded = {
        (e["code"], e["pointer"]) for s in CORRECTED if s.original_path == snippet.original_path for e in s.errata
    }
    findings = check_paths([snippet.original_path])
    unrecorded = {(f.code, f.pointer) for f in findings if f.finding_type is FindingType.ERROR} - recorded
    assert unrecorded == set()


NOTES = [(s, n) for s in SNIPPETS for n in s.notes]


@pytest.mark.parametrize(("snippet", "note"), NOTES, ids=[f"{s.id}:{n['code']}{n['pointer']}" for s, n in NOTES])
def test_each_hazard_note_is_a_finding_on_the_snippet_itself(snippet, note):
    """A note explains a hazard the checker reports on the kept file (not an error: errors are errata)."""
    reported = {(f.code, f.pointer): f.finding_type for f in check_paths([snippet.path])}
    assert (note["code"], note["pointer"]) in reported, sorted(reported)
    assert reported[(note["code"], note["pointer"])] is not FindingType.ERROR


def test_the_console_policys_self_escalation_is_recorded():
    """The guide's console policy lets its holder attach any policy to its own role: the catalog says so."""
    (console,) = [s for s in SNIPPETS if s.id == "ground-truth-console"]
    assert [n["code"] for n in console.notes] == ["SELF_ESCALATION_BY_POLICY"]
