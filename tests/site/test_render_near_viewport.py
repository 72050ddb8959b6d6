"""The long blocks of a page are rendered only when the reader scrolls near them (content-visibility: auto
in docs/stylesheets/site.css), which takes their style and layout work out of the page's start
(bench/site_bench.py measures it). Only blocks below the first screen are held back: one held back in the
first screen would be painted a frame late, and the page's largest paint with it. The screen is the phone
Lighthouse emulates by default, where the bench measures; pages are read as they load, not rendered whole.
"""

from __future__ import annotations

import pytest

PHONE = {"width": 412, "height": 823}
BENCH_PAGES = ["", "how-to/console-access/", "reference/snippets/ground-truth-console/", "notebooks/console-access/"]
# Each element of the article rendered only near the viewport: its kind and where it starts on the page.
HELD_BACK = """() => [...document.querySelectorAll("article *")]
    .filter(el => getComputedStyle(el).contentVisibility === "auto")
    .map(el => [el.className || el.tagName.toLowerCase(), Math.round(el.getBoundingClientRect().top + scrollY)])"""
FIRST_CODE = "() => getComputedStyle(document.querySelector('article .highlight pre > code')).contentVisibility"


@pytest.fixture
def phone(browser, base_url):
    page = browser.new_page(viewport=PHONE, base_url=base_url)
    yield page
    page.close()


@pytest.mark.parametrize("path", BENCH_PAGES)
def test_nothing_in_the_first_screen_waits_to_be_rendered(phone, path):
    phone.goto(path)
    held = phone.evaluate(HELD_BACK)
    assert [block for block in held if block[1] < PHONE["height"]] == []


@pytest.mark.parametrize(
    ("path", "kinds", "first_code"),
    [
        # A how-to's or snippet page's first code block starts near the top of the first screen, so it is
        # never held back; a notebook's first cell is below a phone's first screen.
        ("how-to/console-access/", {"code"}, "visible"),
        ("reference/snippets/ground-truth-console/", {"kb-findings", "kb-grants"}, "visible"),
        ("notebooks/console-access/", {"code", "kb-nb-output"}, "auto"),
    ],
)
def test_the_long_blocks_are_rendered_near_the_viewport(phone, path, kinds, first_code):
    phone.goto(path)
    assert kinds <= {kind for kind, _ in phone.evaluate(HELD_BACK)}
    assert phone.evaluate(FIRST_CODE) == first_code
