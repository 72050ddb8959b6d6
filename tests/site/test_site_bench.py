"""bench/site_bench.py sums up several Lighthouse runs of a page by their medians (its targets are checked
on them) and shows the spread of performance beside them. Checked here on made-up runs: no Lighthouse."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "site_bench.py"
SPEC = importlib.util.spec_from_file_location("site_bench", BENCH)
site_bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(site_bench)


def run(performance: int, accessibility: int = 100, elements: int = 1000) -> dict:
    return {
        "performance": performance,
        "accessibility": accessibility,
        "best-practices": 100,
        "seo": 100,
        "kilobytes": 70,
        "elements": elements,
        "failing": [],
    }


def test_the_median_of_each_category_is_reported_with_the_range_of_performance():
    summary = site_bench.median_run([run(95, 100), run(88, 96), run(91, 100)])
    assert (summary["performance"], summary["accessibility"], summary["range"]) == (91, 100, "88-95")


def test_the_page_facts_and_the_kept_report_are_those_of_the_median_run():
    summary = site_bench.median_run([run(95, elements=1), run(88, elements=2), run(91, elements=3)])
    assert (summary["run"], summary["elements"]) == (2, 3)


def test_an_even_number_of_runs_reports_a_score_lighthouse_gave():
    summary = site_bench.median_run([run(92), run(87), run(95), run(90)])
    assert (summary["performance"], summary["run"], summary["range"]) == (90, 3, "87-95")


@pytest.mark.parametrize("runs", ["0", "-1", "two", "1.5"])
def test_a_bad_number_of_runs_is_refused_before_anything_is_built(runs, capsys):
    with pytest.raises(SystemExit) as exit_:
        site_bench.main(["--runs", runs])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_a_site_that_does_not_build_is_a_message_and_exit_2_not_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(site_bench, "REPO", tmp_path)  # no mkdocs.yml there
    monkeypatch.setattr(site_bench, "_install", lambda: None)
    assert site_bench.main(["--runs", "1"]) == 2
    assert "-m mkdocs failed" in capsys.readouterr().err
