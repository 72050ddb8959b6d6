"""pages/snippet.py: one catalog snippet's page (snippet.md.j2)."""

from __future__ import annotations

import json
import re

import pytest
from _snippet_notebooks import notebooks_by_snippet, read_notebooks
from pages import snippet as generator

from iamkb.check import check_paths
from iamkb.kb.snippets import load_catalog

from .conftest import front_matter, section

CATALOG = load_catalog()
NOTEBOOKS = notebooks_by_snippet([s.id for s in CATALOG.snippets], read_notebooks())


@pytest.fixture(scope="module", params=CATALOG.snippets, ids=lambda s: s.id)
def page(request):
    snippet = request.param
    return snippet, generator.markdown(snippet, NOTEBOOKS[snippet.id])


def test_front_matter_and_title(page):
    snippet, markdown = page
    meta, body = front_matter(markdown)
    assert meta["title"] == snippet.title and meta["diataxis"] == "reference"
    assert meta.get("fill_in_forms", []) == ([snippet.id] if snippet.placeholders else [])
    assert body.startswith(f"# {snippet.title}\n\n")


def test_sections_in_order(page):
    snippet, markdown = page
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    expected = ["Policy", "Placeholders"]
    expected += ["Fill in your values"] if snippet.placeholders else []
    expected += ["Check result", "What this grants"]
    expected += ["Before you use it"] if snippet.notes else []
    expected += ["Corrections to the published text"] if snippet.errata else []
    assert headings == expected


def test_notes_name_their_code_and_pointer(page):
    """The catalog's hazards (the console policy's self-escalation) are on the page where people copy it."""
    snippet, markdown = page
    if not snippet.notes:
        assert "## Before you use it" not in markdown
        return
    notes = section(markdown, "Before you use it")
    for note in snippet.notes:
        assert f"#{note['code'].lower()})" in notes and note["note"].split(",")[0] in notes


def test_the_policy_is_included_from_its_file(page):
    snippet, markdown = page
    policy = section(markdown, "Policy")
    assert f'```json title="{snippet.relative_path}"\n--8<-- "{generator.file_uri(snippet.path)}"\n```' in policy
    assert snippet.text().strip() not in markdown  # included, never pasted


def test_facts_name_the_source_the_file_and_the_notebooks(page):
    snippet, markdown = page
    facts = markdown.split('<div class="kb-facts" markdown>', 1)[1].split("</div>", 1)[0]
    assert f"{CATALOG.guide['url']}#{snippet.source['anchor']}" in facts
    assert f'{{ download="{snippet.path.name}" }}' in facts
    assert f"--kind {snippet.check_kind}`" in facts
    for notebook in NOTEBOOKS[snippet.id]:
        assert f"(../../notebooks/{notebook.path.name})" in facts
    if snippet.aws_managed:
        assert f"`{snippet.source['arn']}`" in facts and "Suggested in" in facts
    else:
        assert f"code block {snippet.source['fence']} of the guide" in facts


def test_placeholders_and_their_form(page):
    snippet, markdown = page
    placeholders = section(markdown, "Placeholders")
    if not snippet.placeholders:
        assert "None: the policy works as it is." in placeholders and "iamkb-render" not in markdown
        return
    rows = [line for line in placeholders.splitlines() if line.startswith("| [`<")]
    assert [re.match(r"\| \[`<([^>]+)>`\]", row).group(1) for row in rows] == list(snippet.placeholders)
    form = section(markdown, "Fill in your values")
    data = re.search(r'<script type="application/json" id="iamkb-render-data-[^"]+">(.*?)</script>', form).group(1)
    assert json.loads(data)["text"] == snippet.text()


def test_check_result_lists_every_finding(page):
    snippet, markdown = page
    result = section(markdown, "Check result")
    findings = check_paths([snippet.path])
    rows = [line for line in result.splitlines() if line.startswith("| ") and not line.startswith(("| Type", "| ---"))]
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        assert row.startswith(f"| {finding.finding_type.value} | ")
        assert f"#{finding.code.lower()})" in row or finding.code.replace("_", "_<wbr>") in row
        if finding.line is not None:
            assert f"(line {finding.line}" in row
    if not findings:
        assert "No findings." in result


def test_corrections_show_each_erratum_and_the_original(page):
    snippet, markdown = page
    if not snippet.errata:
        assert "Published text" not in markdown
        return
    corrections = markdown.split("\n## Corrections to the published text\n", 1)[1]
    for erratum in snippet.errata:
        assert f"#{erratum['code'].lower()})" in corrections
    assert f'--8<-- "{generator.file_uri(snippet.original_path)}"' in corrections
    assert f'{{ download="{snippet.original_path.name}" }}' in corrections
