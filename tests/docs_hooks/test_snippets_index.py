"""pages/snippets_index.py: the Snippets index (snippets-index.md.j2)."""

from __future__ import annotations

import re

from pages import snippets_index

from iamkb.kb.snippets import load_catalog

CATALOG = load_catalog()


def test_every_snippet_once_under_its_group_in_catalog_order():
    markdown = snippets_index.markdown()
    listed: list[tuple[str, str]] = []
    group = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            group = line[3:]
        found = re.match(r"\| \[[^\]]+\]\(([^)]+)\.md\)", line)
        if found:
            listed.append((group, found.group(1)))
    assert listed == [(snippets_index.group_title(s.group), s.id) for s in CATALOG.snippets]


def test_corrected_snippets_are_marked():
    markdown = snippets_index.markdown()
    for snippet in CATALOG.snippets:
        line = next(line for line in markdown.splitlines() if f"]({snippet.id}.md)" in line)
        assert ("(corrected)" in line) == bool(snippet.errata)


def test_a_group_without_a_title_gets_one_from_its_name():
    assert snippets_index.group_title("kms") == "KMS encryption"
    assert snippets_index.group_title("data-labeling") == "Data labeling"
