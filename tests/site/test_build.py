"""The built site, read as files: every catalog snippet has its page, includes and downloads are exact.

The `site_dir` fixture is the strict build itself: any mkdocs warning fails these tests with its message.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from iamkb.codes import CODES
from iamkb.snippets import SNIPPETS_DIR, load_catalog

from .conftest import REPO_ROOT

CATALOG = load_catalog()
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


class _Collector(HTMLParser):
    """Collects what the assertions need from a page: code block texts, links and element ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.codes: list[str] = []
        self.links: list[dict] = []
        self.ids: set[str] = set()
        self._code_depth = 0
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.links.append(attributes)
        if tag == "code":
            if self._code_depth == 0:
                self._current = []
            self._code_depth += 1

    def handle_endtag(self, tag):
        if tag == "code" and self._code_depth:
            self._code_depth -= 1
            if self._code_depth == 0:
                self.codes.append("".join(self._current))

    def handle_data(self, data):
        if self._code_depth:
            self._current.append(data)


def parse(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def visible_text(page: Path) -> str:
    """The page's text without markup (codes carry <wbr> break hints), whitespace collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return " ".join(text.split())


def snippet_page(site_dir: Path, snippet_id: str) -> Path:
    return site_dir / "reference" / "snippets" / snippet_id / "index.html"


def url_path(markdown: Path, docs: Path) -> str:
    """The path mkdocs serves a Markdown page at (directory URLs): a/b.md -> a/b/, a/index.md -> a/."""
    relative = markdown.relative_to(docs).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "index" else relative.parts
    return "".join(part + "/" for part in parts)


def test_strict_build_has_every_page(site_pages):
    """Hand-written pages, one page per catalog snippet and per notebook, and the generated references."""
    docs = REPO_ROOT / "docs"
    machinery = {"hooks", "overrides"}
    written = {url_path(md, docs) for md in docs.rglob("*.md") if md.relative_to(docs).parts[0] not in machinery}
    generated = {"reference/snippets/"} | {f"reference/snippets/{s.id}/" for s in CATALOG.snippets}
    generated |= {f"reference/{name}/" for name in ("placeholders", "errata", "finding-codes", "cli")}
    notebooks = {f"notebooks/{nb.stem}/" for nb in NOTEBOOKS}
    assert written and notebooks
    missing = (written | generated | notebooks) - set(site_pages)
    assert not missing


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_includes_the_file_verbatim(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    text = snippet.text()
    assert any(block.strip("\n") == text.strip("\n") for block in page.codes), (
        f"no code block of {snippet.id}'s page equals {snippet.path.name}"
    )


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_download_serves_the_exact_bytes(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    downloads = [link for link in page.links if link.get("download") == snippet.path.name]
    assert downloads, f"{snippet.id}: no download link for {snippet.path.name}"
    target = (snippet_page(site_dir, snippet.id).parent / downloads[0]["href"]).resolve()
    assert target.read_bytes() == snippet.path.read_bytes()


@pytest.mark.parametrize("snippet", [s for s in CATALOG.snippets if s.errata], ids=lambda s: s.id)
def test_corrected_snippet_shows_errata_and_verbatim_original(site_dir, snippet):
    source = snippet_page(site_dir, snippet.id)
    page = parse(source)
    # Markdown empties lines that hold only spaces (the published text has some); every other character
    # is shown as published, and the download link serves the exact bytes.
    original = re.sub(r"(?m)^[ \t]+$", "", snippet.original_path.read_text(encoding="utf-8"))
    assert any(block.strip("\n") == original.strip("\n") for block in page.codes), "verbatim original missing"
    downloads = [link for link in page.links if link.get("download") == snippet.original_path.name]
    assert downloads, f"{snippet.id}: no download link for {snippet.original_path.name}"
    assert (source.parent / downloads[0]["href"]).read_bytes() == snippet.original_path.read_bytes()
    text = visible_text(source)
    for erratum in snippet.errata:
        assert erratum["code"] in text
        assert " ".join(erratum["reason"].split()) in text


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_links_its_source_and_placeholders(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    hrefs = [link.get("href", "") for link in page.links]
    assert f"{CATALOG.guide['url']}#{snippet.source['anchor']}" in hrefs
    for name in snippet.placeholders:
        assert f"../../placeholders/#{name}" in hrefs, f"placeholder {name} is not linked"


def test_snippet_pages_show_check_results(site_dir):
    """The check section exists on every snippet page, and a finding the checker reports is listed."""
    from iamkb.check import check_paths

    for snippet in CATALOG.snippets:
        page = snippet_page(site_dir, snippet.id)
        assert 'id="check-result"' in page.read_text(encoding="utf-8"), snippet.id
        text = visible_text(page)
        for finding in check_paths([snippet.path]):
            assert finding.code in text, f"{snippet.id}: finding {finding.code} is not on the page"


def test_every_snippet_file_is_in_the_catalog_and_on_the_site(site_dir):
    files = {p for p in SNIPPETS_DIR.rglob("*") if p.is_file() and p.name != "catalog.json"}
    published = {s.path for s in CATALOG.snippets} | {s.original_path for s in CATALOG.snippets}
    assert files == published
    for path in files:
        assert (site_dir / path.relative_to(REPO_ROOT)).read_bytes() == path.read_bytes()


def test_finding_codes_page_has_an_anchor_per_code(site_dir):
    """`Code.finding` links `reference/finding-codes/#<code>`; every such anchor must exist."""
    page = parse(site_dir / "reference" / "finding-codes" / "index.html")
    assert CODES, "the finding-code registry is empty"
    missing = [name for name in CODES if name.lower() not in page.ids]
    assert not missing


def test_errata_page_lists_every_defect(site_dir):
    page = site_dir / "reference" / "errata" / "index.html"
    hrefs = {link.get("href") for link in parse(page).links}
    text = visible_text(page)
    for snippet in CATALOG.snippets:
        for erratum in snippet.errata:
            assert f"../snippets/{snippet.id}/" in hrefs
            assert erratum["code"] in text
            assert " ".join(erratum["reason"].split()) in text


def test_placeholders_page_has_every_placeholder_and_rule(site_dir):
    page = parse(site_dir / "reference" / "placeholders" / "index.html")
    assert set(CATALOG.placeholders) <= page.ids
    assert {f"rule-{rule}" for rule in CATALOG.rules} <= page.ids


def test_cli_page_documents_every_command(site_dir):
    import argparse

    from iamkb.cli import build_parser

    (commands,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert commands.choices, "iamkb has no commands"
    text = "\n".join(parse(site_dir / "reference" / "cli" / "index.html").codes)
    for name in commands.choices:
        assert f"usage: iamkb {name}" in text


def test_every_page_says_which_kind_of_documentation_it_is(site_dir, site_pages):
    unlabeled = [
        path
        for path in site_pages
        if path and 'class="kb-kind ' not in (site_dir / path / "index.html").read_text(encoding="utf-8")
    ]
    assert not unlabeled


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_page_offers_the_notebook_for_download(site_dir, notebook):
    page_dir = site_dir / "notebooks" / notebook.stem
    page = parse(page_dir / "index.html")
    downloads = [link for link in page.links if link.get("download") == notebook.name]
    assert downloads, f"no download link on the page of {notebook.name}"
    assert (page_dir / downloads[0]["href"]).read_bytes() == notebook.read_bytes()


def test_search_index_splits_action_names(site_dir):
    """The separator in mkdocs.yml splits an action name into the tokens the search worker asks for."""
    config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    separator = re.compile(config["separator"])
    tokens = [t for t in separator.split('"cognito-idp:AdminCreateUser",') if t]
    assert tokens == ["cognito", "idp", "Admin", "Create", "User"]
    assert config["pipeline"] == [], "a stop-word filter drops Get, All, My from names like s3:GetObject"


@pytest.mark.parametrize("guide", sorted((REPO_ROOT / "docs" / "how-to").glob("*.md")), ids=lambda p: p.stem)
def test_how_to_includes_snippets_never_pastes_them(guide):
    source = guide.read_text(encoding="utf-8")
    included = re.findall(r'--8<-- "([^"]+)"', source)
    files = {s.path for s in CATALOG.snippets}
    assert all((REPO_ROOT / path).resolve() in files for path in included), included
    if guide.stem != "index":
        assert included, f"{guide.name} embeds no snippet"
    pasted = [s.id for s in CATALOG.snippets if s.text().strip() in source]
    assert not pasted
