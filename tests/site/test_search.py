"""Site search finds a snippet by any action it names, typed as people type it, in a real browser.

An action's name typed exactly leads to its row of the Action index (the result opens the page at that
row), and notebook code cells are not searched (docs/javascripts/search-worker.js does both in the browser).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import nbformat
import pytest
from playwright.sync_api import expect

from iamkb.kb.snippets import load_catalog
from tests.site.conftest import REPO_ROOT, SITE_PREFIX

pytestmark = pytest.mark.long  # run first (tests/conftest.py)

CATALOG = load_catalog()
ACTIONS = ["iam:PassRole", "cognito-idp:AdminCreateUser", "groundtruthlabeling:*", "s3:GetObject"]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
ACTION_INDEX = SITE_PREFIX + "reference/actions/"  # the path a result links to, under the test host's prefix


# Test instrumentation, installed before the page's scripts: counts the queries the page sends to the search
# worker and the results it gets back. Typing sends a query per keystroke, answered in order; once every one
# is answered (and Material has rendered the last, in the same message event), the list is the final query's.
COUNT_SEARCH_MESSAGES = """(() => {
    if (window.searchMessages) return;
    const counts = window.searchMessages = {queries: 0, results: 0};
    const Native = window.Worker;
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => { if (event.data && event.data.type === 3) counts.results++; });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) counts.queries++;
            return super.postMessage(message, ...rest);
        }
    };
})()"""


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    """One page for the module's searches: Material's worker builds its index from the 1 MB search index once,
    not once per query (the tests that follow a result to another page use a page of their own)."""
    context = browser.new_context(base_url=base_url)
    yield context.new_page()
    context.close()


def search(page, query: str) -> set[str]:
    """Type `query` into Material's search box and return the path of every page in the results.

    On a page already showing the home page with its search ready, the box is emptied and the query typed
    anew; otherwise the home page is opened first, instrumented (COUNT_SEARCH_MESSAGES)."""
    if page.evaluate("() => window.searchMessages === undefined"):
        page.add_init_script(COUNT_SEARCH_MESSAGES)
    if urlsplit(page.url).path != SITE_PREFIX:
        page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    asked = page.evaluate("() => window.searchMessages.queries")
    # Material searches on each key released: the query is filled in and its last character typed, so the
    # worker answers one query (typed key by key, a 27-character name was 27 searches of the whole index).
    box.fill(query[:-1])
    box.press_sequentially(query[-1:])
    page.wait_for_function(
        "asked => { const c = window.searchMessages; return c.queries > asked && c.results === c.queries }", arg=asked
    )
    meta = page.locator(".md-search-result__meta").text_content()
    total = int(meta.split()[0]) if meta.split()[0].isdigit() else 0  # "16 matching documents" (pages)
    # Material shows 10 results, then 4 more each time the list is scrolled to its end: scroll away from
    # the end and back until every result is in the list.
    page.wait_for_function(
        """total => {
            const list = document.querySelector('.md-search__scrollwrap');
            const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 2;
            list.scrollTop = atEnd ? 0 : list.scrollHeight;
            return document.querySelectorAll('li.md-search-result__item').length >= total;
        }""",
        arg=total,
        polling=100,
    )
    hrefs = page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    return set(hrefs)


def result_items(page, query: str) -> list[list[dict]]:
    """Type `query` and return Material's first results: per page, its links (page first, then its sections)."""
    search(page, query)
    return page.locator("li.md-search-result__item").evaluate_all(
        """items => items.slice(0, 10).map(item =>
            [...item.querySelectorAll('a.md-search-result__link')].map(a => ({
                href: new URL(a.href).pathname + new URL(a.href).hash,
                title: a.querySelector('h1, h2').textContent,
                text: a.querySelector('article').textContent,
            })))"""
    )


def notebook_code_lines() -> set[str]:
    """Lines of the notebooks' code cells long enough to be unmistakable, and found nowhere else in them."""
    code, elsewhere = set(), []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                code |= {line.strip() for line in cell.source.splitlines() if len(line.strip()) >= 30}
                elsewhere += [json.dumps(output) for output in cell.outputs]
            else:
                elsewhere.append(cell.source)
    return {line for line in code if not any(line in text for text in elsewhere)}


def snippet_path(snippet_id: str) -> str:
    return f"{SITE_PREFIX}reference/snippets/{snippet_id}/"


@pytest.mark.parametrize("action", ACTIONS)
def test_action_name_finds_every_snippet_that_grants_it(search_page, site_dir, action):
    granting = {s.id for s in CATALOG.snippets if f'"{action}"' in s.text()}
    assert granting, f"no snippet names {action}; the test would prove nothing"
    found = search(search_page, action)
    missing = {i for i in granting if snippet_path(i) not in found}
    assert not missing, f"searching {action!r} does not list {sorted(missing)}; results: {sorted(found)}"
    # Precision: a snippet search_page whose text never mentions the action must not be listed.
    unrelated = {
        s.id
        for s in CATALOG.snippets
        if action not in (site_dir / "reference" / "snippets" / s.id / "index.html").read_text(encoding="utf-8")
    }
    listed_unrelated = {i for i in unrelated if snippet_path(i) in found}
    assert not listed_unrelated, f"searching {action!r} also lists {sorted(listed_unrelated)}"


def test_plain_words_still_search_as_usual(search_page):
    found = search(search_page, "trust policy")
    assert snippet_path("sagemaker-trust-policy") in found


@pytest.mark.parametrize(
    "query", ["AdminCreateUser", "cognito-idp:AdminCreateUser", "admincreateuser", "Cognito-IDP:ADMINCREATEUSER"]
)
def test_an_exact_action_name_gives_its_action_index_entry_first(search_page, query):
    first, *others = result_items(search_page, query)
    assert first[0]["href"] == ACTION_INDEX, f"first result for {query!r}: {first[0]}"
    entry = first[1]
    assert entry["href"] == ACTION_INDEX + "#action-cognito-idp-admincreateuser"
    assert entry["title"] == "cognito-idp:AdminCreateUser"
    assert "Allowed by" in entry["text"] and "private-workforce-statement" in entry["text"]
    assert all(link["href"].split("#")[0] != ACTION_INDEX for group in others for link in group)


def test_a_name_that_several_services_use_lists_each_of_their_entries(search_page, site_dir):
    index = (site_dir / "reference" / "actions" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r"<code>([a-z0-9-]+:ListAliases)</code>", index)  # in page order: by service
    assert len(listed) >= 2, f"only {listed} in the Action index; the test would prove nothing"
    first, *_ = result_items(search_page, "listaliases")
    assert first[0]["href"] == ACTION_INDEX
    assert [link["title"] for link in first[1 : 1 + len(listed)]] == listed


@pytest.mark.parametrize(
    ("query", "action"),
    [
        ("AdminCreateUser", "cognito-idp:AdminCreateUser"),
        ("cognito-idp:AdminCreateUser", "cognito-idp:AdminCreateUser"),
        ("iam:passrole", "iam:PassRole"),
        ("s3:AbortMultipartUpload", "s3:AbortMultipartUpload"),
    ],
)
def test_opening_an_exact_action_names_first_result_shows_its_row(page, query, action):
    search(page, query)
    first = page.locator("li.md-search-result__item").first
    link = first.locator("a.md-search-result__link", has=page.get_by_role("heading", name=action, exact=True))
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(re.escape(ACTION_INDEX) + r"(\?[^#]*)?#"))  # ?h=... highlights the terms
    row_id = page.evaluate("() => decodeURIComponent(location.hash.slice(1))")
    row = page.locator(f"tr[id='{row_id}']")
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text(action)
    expect(row).to_be_in_viewport()
    # Below the theme's fixed header, not hidden under it.
    header = page.locator("header.md-header").bounding_box()
    assert row.bounding_box()["y"] >= header["y"] + header["height"] - 1


def test_a_partial_name_is_searched_as_usual(search_page):
    first, *_ = result_items(search_page, "AdminCreateUse")
    assert not any(link["title"] == "cognito-idp:AdminCreateUser" for link in first)


@pytest.mark.parametrize("query", ["cognito-idp:AdminCreateUser", "AdminCreateUser", "iam:PassRole"])
def test_no_notebook_code_cell_is_among_the_first_results(search_page, query):
    code = notebook_code_lines()
    assert code, "no notebook code lines to look for; the test would prove nothing"
    shown = [link for group in result_items(search_page, query) for link in group]
    assert shown
    leaked = {(link["href"], line) for link in shown for line in code if line in link["text"]}
    assert not leaked, f"searching {query!r} shows notebook code: {sorted(leaked)[:3]}"


def words_only_in_notebook_code(site_dir) -> list[str]:
    """Words of the notebooks' code cells that no other text of the site holds: not the other pages, and not
    the notebooks' prose or outputs (read from the .ipynb files, not from the index the worker filters)."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])

    def words(text: str) -> set[str]:
        return {w.lower() for w in separator.split(re.sub(r"<[^>]+>", " ", text)) if w}

    code, elsewhere = set(), set()
    for doc in index["docs"]:
        if not doc["location"].startswith("notebooks/"):
            elsewhere |= words(doc["title"]) | words(doc["text"])
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                code |= words(cell.source)
                for output in cell.outputs:
                    for text in [output.get("text", ""), *output.get("data", {}).values()]:
                        elsewhere |= words(text if isinstance(text, str) else json.dumps(text))
            else:
                elsewhere |= words(cell.source)
    # Material searches every word as a prefix: a candidate must not start another word of the site.
    return sorted(
        w for w in code - elsewhere if len(w) >= 6 and w.isalpha() and not any(o.startswith(w) for o in elsewhere)
    )


def test_words_only_notebook_code_uses_find_nothing(search_page, site_dir):
    found = words_only_in_notebook_code(site_dir)
    assert found, "every word of the notebooks' code is also elsewhere; the test would prove nothing"
    for word in found[:3]:
        search(search_page, word)
        assert search_page.locator(".md-search-result__meta").text_content() == "No matching documents", word
