"""Site search finds a snippet by any action it names, typed as people type it, in a real browser."""

from __future__ import annotations

import pytest

from iamkb.kb.snippets import load_catalog

CATALOG = load_catalog()
ACTIONS = ["iam:PassRole", "cognito-idp:AdminCreateUser", "groundtruthlabeling:*", "s3:GetObject"]


def search(page, query: str) -> set[str]:
    """Type `query` into Material's search box and return the path of every page in the results."""
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing|Type to start/i.test(m.textContent) }"
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
