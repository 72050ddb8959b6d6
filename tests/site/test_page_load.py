"""What a page loads before the reader asks for anything: no search index and no search worker, no script
that holds up the first paint, no stylesheet the page does not use, and no rendering of long blocks the
reader has not scrolled to.

The search index is about 1 MB, most of a page's weight; Material downloads and parses it on every page
at load. docs/javascripts/search-setup.js starts search when the reader opens it instead (bench/site_bench.py
shows what that does to Lighthouse's performance score). mkdocstrings' stylesheet is linked only from the
page that shows its output (docs/hooks/mkdocstrings_css.py). The notebooks' code and outputs
are rendered when the reader scrolls near them (content-visibility in docs/stylesheets/site.css); the tests
below check what a reader would notice of that. These tests count requests and read the page, never time it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.site.page_sweep import FRAMES

PAGES = ["", "how-to/console-access/", "reference/snippets/ground-truth-console/"]
ACTION_INDEX = "/reference/actions/"
API_PAGE = "reference/python-api/"
MKDOCSTRINGS_CSS = "assets/_mkdocstrings.css"


def search_requests(requested: list[str]) -> list[str]:
    """The requests that belong to search: the index, our worker wrapper and Material's worker."""
    return [url for url in requested if "search_index" in url or "search-worker" in url or "/workers/search." in url]


def open_page(page, path: str) -> list[str]:
    """Open `path` and return the list that collects the URL of every request the page makes from now on.

    Returns once Material's bundle has run (it sends its index request and creates its worker as it starts)
    and the network has gone quiet, so the requests of a page that loads search at once are all in.
    """
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path, wait_until="load")
    page.wait_for_function("() => window.component$ !== undefined")
    page.wait_for_load_state("networkidle")
    return requested


def wait_for_results(page) -> None:
    page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")


@pytest.mark.parametrize("path", PAGES)
def test_a_page_requests_nothing_of_search_until_the_reader_opens_it(page, path):
    requested = open_page(page, path)
    assert any(url.endswith(".css") for url in requested), "the watch saw no request of the page"
    assert not search_requests(requested)


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_a_search_shortcut_starts_search_and_answers_the_first_query(page, key):
    requested = open_page(page, "how-to/console-access/")
    page.keyboard.press(key)
    page.keyboard.type("AdminCreateUser")
    wait_for_results(page)
    assert any(url.endswith("/search/search_index.json") for url in search_requests(requested))
    first = page.locator("li.md-search-result__item a.md-search-result__link").first.get_attribute("href")
    assert urlsplit(first).path.endswith(ACTION_INDEX), first


def test_clicking_the_search_box_starts_search(page):
    requested = open_page(page, "reference/snippets/ground-truth-console/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("PassRole")
    wait_for_results(page)
    assert any(url.endswith("/search/search_index.json") for url in search_requests(requested))


def test_a_search_link_shows_its_results_at_once(page):
    page.goto("?q=PassRole")
    wait_for_results(page)


def test_a_page_opened_from_a_search_result_highlights_the_searched_word(page):
    page.goto("how-to/console-access/?h=passrole")
    page.wait_for_selector("mark[data-md-highlight]", state="attached")


@pytest.mark.parametrize("path", PAGES)
def test_every_script_of_a_page_waits_for_the_page_to_be_parsed(site_dir, path):
    """A plain <script src> stops the parser until it is fetched and run; `defer` runs it after parsing, in
    document order, as Material's bundle at the end of the body ran before. (Inline scripts are not fetched.)"""
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
    assert any("bundle." in tag for tag in scripts), "Material's bundle is not among the scripts"
    assert [tag for tag in scripts if not re.search(r"\s(?:defer|async)\b", tag)] == []


def linked_stylesheets(site_dir, path: str) -> list[str]:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


@pytest.mark.parametrize("path", [*PAGES, "notebooks/console-access/"])
def test_a_page_without_api_docs_does_not_load_mkdocstrings_styles(site_dir, path):
    """A stylesheet in the head holds up the first paint; mkdocstrings' styles only its own blocks."""
    sheets = linked_stylesheets(site_dir, path)
    assert any(href.endswith("stylesheets/site.css") for href in sheets), f"no site.css among {sheets}"
    assert not [href for href in sheets if href.endswith(MKDOCSTRINGS_CSS)]


def test_the_python_api_page_keeps_mkdocstrings_styles(site_dir, page):
    assert [href for href in linked_stylesheets(site_dir, API_PAGE) if href.endswith(MKDOCSTRINGS_CSS)]
    page.goto(API_PAGE)
    # mkdocstrings sets its section titles ("Examples:") in bold; without its stylesheet they are plain text.
    title = page.locator("article .doc-section-title").first
    assert title.evaluate("el => getComputedStyle(el).fontWeight") == "700"


@pytest.mark.parametrize("path", ["reference/snippets/ground-truth-console/", "notebooks/console-access/"])
def test_a_link_to_a_section_far_down_lands_on_it(page, path):
    """The blocks above a section are placeholders until shown: the page still scrolls to the heading and
    keeps it there once the blocks around it are rendered."""
    page.goto(path)
    last = page.locator("article h2[id]").last
    anchor = last.get_attribute("id")
    page.goto(f"{path}#{anchor}")
    page.wait_for_function("() => window.component$ !== undefined")
    page.evaluate(FRAMES)
    top = last.evaluate("el => el.getBoundingClientRect().top")
    header = page.locator("header.md-header").evaluate("el => el.getBoundingClientRect().height")
    assert header - 1 <= top <= header + 60, f"#{anchor} is at {top:.0f} px, under a {header:.0f} px header"
