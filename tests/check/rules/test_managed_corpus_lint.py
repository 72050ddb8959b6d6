"""The bar: no ERROR or WARNING on any of the 1,644 AWS managed policies (AWS accepts them all).

Also keeps `aws_deviations.KNOWN` exact: it must list precisely the values that would otherwise be
an ERROR or WARNING on the corpus, so a catalog update that fixes a gap shrinks it, and a new gap
shows up here with the table to paste.
"""

from collections import Counter, defaultdict

import pytest

from iamkb.check.rules import corpus_stats, lint_document, run_checks
from iamkb.check.rules.aws_deviations import KNOWN
from iamkb.check.rules.context import LintContext
from iamkb.core.findings import FindingType
from tests.check.rules.corpus import CORPUS, managed_policies

FAILING = (FindingType.ERROR, FindingType.WARNING)


@pytest.fixture(scope="module")
def corpus_findings():
    """Every finding on the corpus, linted the way the site and `iamkb check --managed` do."""
    return [f for path, document in managed_policies() for f in lint_document(document, "identity", path, managed=True)]


def test_no_error_or_warning_on_aws_managed_policies(corpus_findings):
    bad = [f"{f.path}{f.pointer}: {f.code}: {f.message}" for f in corpus_findings if f.finding_type in FAILING]
    assert bad == [], f"{len(bad)} findings, first ones:\n" + "\n".join(bad[:20])


def test_the_aws_deviation_table_is_exactly_what_the_corpus_needs():
    needed: dict[str, set[str]] = defaultdict(set)
    for path, document in managed_policies():
        context = LintContext(document, "identity", path, managed=True, apply_aws_deviations=False)
        for finding in run_checks(context):
            if finding.finding_type in FAILING:
                needed[finding.code].add(finding.extra["subject"].lower())
    table = {code: set(values) for code, values in KNOWN.items()}
    assert table == dict(needed), "replace aws_deviations.KNOWN with:\n" + "\n".join(
        f'    "{code}": frozenset({sorted(values)}),' for code, values in sorted(needed.items())
    )


def test_corpus_stats_count_security_warnings(corpus_findings):
    stats = corpus_stats(CORPUS)
    assert stats["policies"] == 1644 and stats["unreadable"] == 0
    codes = stats["codes"]
    assert all(entry["type"] not in ("ERROR", "WARNING") for entry in codes.values())
    # AdministratorAccess alone has `*` on `*`: every escalation method and a service-wide wildcard.
    assert codes["SERVICE_WILDCARD_ON_ALL_RESOURCES"]["policies"] >= 1
    assert codes["PRIVILEGE_ESCALATION"]["findings"] >= codes["PRIVILEGE_ESCALATION"]["policies"] >= 1
    assert codes["PASSROLE_ANY_RESOURCE"]["policies"] >= 1
    counted = Counter(f.code for f in corpus_findings)
    assert {code: entry["findings"] for code, entry in codes.items()} == dict(counted)
