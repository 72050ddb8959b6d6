"""Site search finds a snippet by any action it names, typed as people type it, in a real browser.

An action's name typed exactly leads to its row of the Action index, and notebook code cells are not
searched (docs/javascripts/search-worker.js does both in the browser).
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from iamkb.kb.snippets import load_catalog
from tests.site.conftest import REPO_ROOT

CATALOG = load_catalog()
ACTIONS = ["iam:PassRole", "cognito-idp:AdminCreateUser", "groundtruthlabeling:*", "s3:GetObject"]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
ACTION_INDEX = "/reference/actions/"


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


def search(page, query: str) -> set[str]:
    """Type `query` into Material's search box and return the path of every page in the results."""
    page.add_init_script(COUNT_SEARCH_MESSAGES)
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.wait_for_function("() => { const c = window.searchMessages; return c.queries > 0 && c.results === c.queries }")
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
    return f"/reference/snippets/{snippet_id}/"


@pytest.mark.parametrize("action", ACTIONS)
def test_action_name_finds_every_snippet_that_grants_it(page, site_dir, action):
    granting = {s.id for s in CATALOG.snippets if f'"{action}"' in s.text()}
    assert granting, f"no snippet names {action}; the test would prove nothing"
    found = search(page, action)
    missing = {i for i in granting if snippet_path(i) not in found}
    assert not missing, f"searching {action!r} does not list {sorted(missing)}; results: {sorted(found)}"
    # Precision: a snippet page whose text never mentions the action must not be listed.
    unrelated = {
        s.id
        for s in CATALOG.snippets
        if action not in (site_dir / "reference" / "snippets" / s.id / "index.html").read_text(encoding="utf-8")
    }
    listed_unrelated = {i for i in unrelated if snippet_path(i) in found}
    assert not listed_unrelated, f"searching {action!r} also lists {sorted(listed_unrelated)}"


def test_plain_words_still_search_as_usual(page):
    found = search(page, "trust policy")
    assert snippet_path("sagemaker-trust-policy") in found


@pytest.mark.parametrize(
    "query", ["AdminCreateUser", "cognito-idp:AdminCreateUser", "admincreateuser", "Cognito-IDP:ADMINCREATEUSER"]
)
def test_an_exact_action_name_gives_its_action_index_entry_first(page, query):
    first, *others = result_items(page, query)
    assert first[0]["href"] == ACTION_INDEX, f"first result for {query!r}: {first[0]}"
    entry = first[1]
    assert entry["href"] == ACTION_INDEX + "#service-cognito-idp"
    assert entry["title"] == "cognito-idp:AdminCreateUser"
    assert "Allowed by" in entry["text"] and "private-workforce-statement" in entry["text"]
    assert all(link["href"].split("#")[0] != ACTION_INDEX for group in others for link in group)


def test_a_name_that_several_services_use_lists_each_of_their_entries(page, site_dir):
    index = (site_dir / "reference" / "actions" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r"<code>([a-z0-9-]+:ListAliases)</code>", index)  # in page order: by service
    assert len(listed) >= 2, f"only {listed} in the Action index; the test would prove nothing"
    first, *_ = result_items(page, "listaliases")
    assert first[0]["href"] == ACTION_INDEX
    assert [link["title"] for link in first[1 : 1 + len(listed)]] == listed


def test_a_partial_name_is_searched_as_usual(page):
    first, *_ = result_items(page, "AdminCreateUse")
    assert not any(link["title"] == "cognito-idp:AdminCreateUser" for link in first)


@pytest.mark.parametrize("query", ["cognito-idp:AdminCreateUser", "AdminCreateUser", "iam:PassRole"])
def test_no_notebook_code_cell_is_among_the_first_results(page, query):
    code = notebook_code_lines()
    assert code, "no notebook code lines to look for; the test would prove nothing"
    shown = [link for group in result_items(page, query) for link in group]
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


def test_words_only_notebook_code_uses_find_nothing(page, site_dir):
    found = words_only_in_notebook_code(site_dir)
    assert found, "every word of the notebooks' code is also elsewhere; the test would prove nothing"
    for word in found[:3]:
        search(page, word)
        assert page.locator(".md-search-result__meta").text_content() == "No matching documents", word
