"""pages/placeholders.py, pages/errata.py, pages/finding_codes.py: the reference pages made from the catalog
and the finding-code registry."""

from __future__ import annotations

import re

from pages import errata, finding_codes, placeholders

from iamkb.check.access_analyzer import TYPES, checks_by_code
from iamkb.core.codes import CODES
from iamkb.core.findings import FindingType
from iamkb.kb.snippets import load_catalog
from tests.docs_hooks.conftest import REPO_ROOT

CATALOG = load_catalog()


def test_placeholders_have_anchors_rules_and_users():
    markdown = placeholders.markdown()
    for name, placeholder in CATALOG.placeholders.items():
        row = next(line for line in markdown.splitlines() if line.startswith(f"| `<{name}>`{{ #{name} }}"))
        users = [s for s in CATALOG.snippets if name in s.placeholders]
        assert all(f"(snippets/{s.id}.md)" in row for s in users) and (users or row.endswith("| — |"))
        assert f"(#rule-{placeholder.rule.id})" in row and f"`{placeholder.example}`" in row
    for rule in CATALOG.rules.values():
        assert f"### {rule.title} {{ #rule-{rule.id} }}" in markdown
        table = markdown.split(f"{{ #rule-{rule.id} }}", 1)[1].split("Learn more:", 1)[0]
        assert table.count("\n| ") - 2 == len(rule.checks)
        forbidden = [c for c in rule.checks if c.get("forbid")]
        assert table.count("(must not match)") == len(forbidden)


def test_errata_lists_every_defect():
    markdown = errata.markdown()
    count = sum(len(s.errata) for s in CATALOG.snippets)
    corrected = sum(1 for s in CATALOG.snippets if s.errata)
    assert f"took {count} changes to {corrected} snippet files" in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| [") and "/notebooks/" not in line]
    assert len(rows) == count
    for snippet in CATALOG.snippets:
        for erratum in snippet.errata:
            assert any(f"(snippets/{snippet.id}.md)" in r and f"#{erratum['code'].lower()})" in r for r in rows)


def test_errata_count_each_defect_of_the_published_text_once():
    """The mixed-in trust statement is one defect of one published example, though it gives three errata
    (two findings on the PassRole snippet, one on the trust snippet split out of it)."""
    found = errata.defects([s for s in CATALOG.snippets if s.errata])
    assert ("automated-labeling-passrole.original.txt", "/Statement/1") in found
    assert ("automated-labeling-passrole.original.txt", "/Statement/1/Principal") not in found
    # The whole-document syntax error of the private workforce statement does not swallow its other defects.
    assert [p for o, p in found if o == "private-workforce-statement.original.txt"] == ["", "/Action/12", "/Resource"]
    context = errata.context()
    assert context["defects"] == len(found) < context["count"]
    assert f"{len(found)} defects in\n{context['examples']} of the published examples" in errata.markdown()


def test_errata_show_where_the_prose_asks_more_than_the_policies():
    markdown = errata.markdown()
    assert CATALOG.inconsistencies
    for item in CATALOG.inconsistencies:
        assert (REPO_ROOT / "notebooks" / item["notebook"]).is_file()
        row = next(line for line in markdown.splitlines() if item["prose"] in line)
        assert item["policy"] in row and f"(../notebooks/{item['notebook']})" in row
        for snippet_id in item["snippets"]:
            assert f"(snippets/{CATALOG.get(snippet_id).id}.md)" in row


def test_finding_codes_have_one_anchor_each_and_every_type():
    markdown = finding_codes.markdown()
    anchors = re.findall(r"^### (\S+) \{ #(\S+) \}$", markdown, re.M)
    assert anchors == [(name, name.lower()) for name in CODES]
    for finding_type in FindingType:
        assert f"| `{finding_type.value}` | {finding_codes.TYPE_TEXT[finding_type]} |" in markdown
    for code in CODES.values():
        if code.learn_more:
            entry = markdown.split(f"{{ #{code.name.lower()} }}", 1)[1].split("\n### ", 1)[0]
            assert f"Learn more: [{code.learn_more}]({code.learn_more})" in entry


def _entry(markdown: str, name: str) -> str:
    return markdown.split(f"{{ #{name.lower()} }}", 1)[1].split("\n### ", 1)[0]


def test_each_code_shows_its_access_analyzer_checks_and_why_a_type_differs():
    markdown = finding_codes.markdown()
    checks = checks_by_code()
    for name, code in CODES.items():
        entry = _entry(markdown, name)
        if name not in checks:
            assert "it is iamkb's own" in entry, name
            continue
        for check in checks[name]:
            line = next(line for line in entry.splitlines() if f"`{check.issue_code}` (" in line)
            assert f"`{check.finding_type}`" in line, (name, check.issue_code)
            if TYPES[check.finding_type] == code.finding_type.value:
                assert line.endswith("the same type."), (name, check.issue_code)
                continue
            why = "as AWS's documentation has it:" if check.justified else "by iamkb's own choice:"
            assert why in line and f"`{code.finding_type.value}` here" in line, (name, check.issue_code)
            for url in re.findall(r"https://[^\s()]+[^\s().,;:]", check.note or ""):
                assert f"[{url}]({url})" in line, (name, url)


def test_each_reading_of_a_check_is_shown_and_a_reading_from_the_title_alone_says_so():
    markdown = finding_codes.markdown()
    shown = 0
    for name, checks in checks_by_code().items():
        entry = _entry(markdown, name)
        for check in checks:
            lines = [line for line in entry.splitlines() if line.startswith(f"- How iamkb reads `{check.issue_code}`:")]
            assert len(lines) == (1 if check.reading else 0), (name, check.issue_code)
            if lines:
                shown += 1
                assert ("This reading rests on the check's title" in lines[0]) == check.from_title, name
    assert shown >= 20


def test_a_type_difference_shows_its_aws_quote_once_for_checks_that_share_it():
    entry = _entry(finding_codes.markdown(), "SCHEMA_EMPTY_VALUE")
    (line,) = [line for line in entry.splitlines() if "`EMPTY_ARRAY_ACTION`" in line]
    assert "`EMPTY_OBJECT_PRINCIPAL`" in line and "`SUGGESTION` there, `ERROR` here" in line
    assert "Arrays can take one or more values" in line and entry.count("Arrays can take") == 1
    assert "[IAM Access Analyzer](https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference" in entry
