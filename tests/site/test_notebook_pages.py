"""The notebook pages (docs/hooks/pages/notebook.py) in Chromium: light, readable on a phone, reachable by keyboard.

Each notebook's page is Markdown made from its stored outputs: its claims tables fit the content column at
a phone's width and a desktop's, no header cell is empty, no region scrolls without the keyboard being
able to reach it, and the page loads a fraction of what mkdocs-jupyter's pages did (2 MB, 574 KB of it
Jupyter's CSS inlined in every page). Code cells are kept out of the search index itself, not filtered
afterwards in the browser.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from tests.site.conftest import REPO_ROOT, SITE_PREFIX
from tests.site.page_sweep import FRAMES, RENDER_ALL

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
# The HTML and CSS a notebook page loads, in bytes. Measured: the largest page is 117 KB of HTML plus 161 KB
# of the theme's and the site's CSS (278 KB); with mkdocs-jupyter the pages loaded 869 KB to 926 KB.
WEIGHT_BUDGET = 320_000

# Per table of the article, once Material has put each in its scroll wrapper: how far it reaches past the
# content column (the article's box inside its padding) or scrolls inside its wrapper, in CSS pixels.
TABLES_PAST_THE_COLUMN = """() => {
    const article = document.querySelector("article.md-content__inner");
    const right = article.getBoundingClientRect().right - parseFloat(getComputedStyle(article).paddingRight);
    return [...article.querySelectorAll("table")].map(table => {
        const wrap = table.closest(".md-typeset__scrollwrap");
        return Math.max(table.getBoundingClientRect().right - right, wrap.scrollWidth - wrap.clientWidth);
    });
}"""
WRAPPED = "() => [...document.querySelectorAll('article table')].every(t => t.closest('.md-typeset__scrollwrap'))"
# Code and outputs are rendered only near the viewport (content-visibility, docs/stylesheets/site.css), and a
# block off screen measures as if empty: each page is kept rendered whole while its tables and scroll regions
# are measured (RENDER_ALL, as tests/site/page_sweep.py does for every page).

# What axe-core's scrollable-region-focusable asks: a region that scrolls is focusable or holds something
# focusable, or the keyboard cannot scroll it. Returns a description of each region that fails.
UNREACHABLE_SCROLL_REGIONS = """() => {
    const focusable = "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])";
    const scrolls = (el, axis) => {
        const overflow = getComputedStyle(el)[axis === "x" ? "overflowX" : "overflowY"];
        const more = axis === "x" ? el.scrollWidth - el.clientWidth : el.scrollHeight - el.clientHeight;
        return (overflow === "auto" || overflow === "scroll") && more > 1;
    };
    return [...document.querySelectorAll("body *")]
        .filter(el => el.getClientRects().length && (scrolls(el, "x") || scrolls(el, "y")))
        .filter(el => !(el.matches(focusable) || el.querySelector(focusable)))
        .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
}"""


def page_of(notebook) -> str:
    return f"notebooks/{notebook.stem}/"


def markdown_tables(notebook) -> int:
    """How many tables the notebook's stored outputs and Markdown cells hold."""
    count = 0
    for cell in nbformat.read(notebook, as_version=4).cells:
        texts = [cell.source] if cell.cell_type == "markdown" else []
        texts += [output.get("data", {}).get("text/markdown", "") for output in cell.get("outputs", [])]
        count += sum(len(re.findall(r"^\|[ :-]*-[ |:-]*\|\s*$", text, re.M)) for text in texts)
    return count


@pytest.fixture(scope="module")
def pages(browser, base_url):
    """One browser page per viewport, for the whole module (a new browser context for each of its tests
    was most of the module's time); `shown` opens a notebook's page in one of them."""
    contexts = {name: browser.new_context(base_url=base_url, viewport=size) for name, size in VIEWPORTS.items()}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def shown(pages, viewport: str, path: str):
    """The page of `viewport` showing `path`, every block rendered, loaded only if it shows another page now."""
    page = pages[viewport]
    if not page.url.endswith(SITE_PREFIX + path):
        page.goto(path)
        page.wait_for_function(WRAPPED)
        page.add_style_tag(content=RENDER_ALL)
        page.evaluate(FRAMES)
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_tables_fit_the_content_column(pages, viewport, notebook):
    page = shown(pages, viewport, page_of(notebook))
    past = page.evaluate(TABLES_PAST_THE_COLUMN)
    assert len(past) == markdown_tables(notebook), "the page does not show every table of the notebook"
    wide = [round(px) for px in past if px > 1]
    assert not wide, f"{len(wide)} of {len(past)} tables are wider than the column at {viewport} (by {wide} px)"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_table_header_cell_names_its_column(pages, notebook):
    page = shown(pages, "desktop", page_of(notebook))
    headers = page.locator("article th").all_inner_texts()
    assert headers, "no table headers on the page: the test would prove nothing"
    assert all(text.strip() for text in headers), f"an empty header cell among {headers[:8]}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_scrolling_region_is_reachable_by_keyboard(pages, viewport, notebook):
    page = shown(pages, viewport, page_of(notebook))
    assert page.evaluate(UNREACHABLE_SCROLL_REGIONS) == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_weighs_under_its_budget(pages, site_dir, notebook):
    """The page's HTML and every stylesheet the browser applied to it, weighed from the built files (the
    same bytes the server sends, without depending on the browser's cache)."""
    page = shown(pages, "desktop", page_of(notebook))
    sheets = page.evaluate("() => [...document.styleSheets].filter(s => s.href).map(s => new URL(s.href).pathname)")
    assert any(path.endswith(".css") for path in sheets), "no stylesheet was applied: the test would prove nothing"
    files = [f"{page_of(notebook)}index.html", *(path.removeprefix(SITE_PREFIX) for path in sheets)]
    sizes = {path: (site_dir / path).stat().st_size for path in files}
    total = sum(sizes.values())
    assert total <= WEIGHT_BUDGET, f"{total:,} bytes of HTML and CSS > {WEIGHT_BUDGET:,}: {sizes}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_is_a_tutorial_with_the_notebook_to_download(pages, notebook):
    page = shown(pages, "desktop", page_of(notebook))
    assert page.locator("article .kb-kind").inner_text().strip().lower() == "tutorial"
    box = page.locator("article .kb-notebook")
    assert "Run this notebook yourself" in box.inner_text()
    assert box.locator("a[download]").get_attribute("href") == notebook.name
    code_cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    assert page.locator("article .kb-nb-code pre").count() == len(code_cells)


def test_the_search_index_holds_no_notebook_code(site_dir):
    """Material's search leaves code cells out (`data-search-exclude`), so no browser-side filter is needed."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("notebooks/"))
    lines = {
        line.strip()
        for notebook in NOTEBOOKS
        for cell in nbformat.read(notebook, as_version=4).cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.startswith(("from ", "import "))
    }
    assert lines, "no import lines in the notebooks' code: the test would prove nothing"
    leaked = sorted(line for line in lines if line in text)
    assert not leaked, f"{len(leaked)} code lines in the search index, e.g. {leaked[:3]}"


def test_the_notebooks_index_links_every_notebook(page):
    page.goto("notebooks/")
    hrefs = set(page.locator("article a").evaluate_all("links => links.map(a => new URL(a.href).pathname)"))
    missing = [nb.name for nb in NOTEBOOKS if f"{SITE_PREFIX}notebooks/{nb.stem}/" not in hrefs]
    assert not missing, f"the notebooks index does not link {missing}"
