"""Every page fits the screen: no horizontal scrolling at desktop (1280 px) or phone (390 px) width.

A page that overflows is screenshotted whole into the session's temporary folder, whose path the failure
message gives, so a person can look at what the check saw (only those: a screenshot of every page at both
widths was most of this test's time).
"""

from __future__ import annotations

import pytest

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_overflows_horizontally(new_context, site_pages, screenshot_dir, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    overflowing = {}
    for path in site_pages:
        page.goto(path, wait_until="load")
        scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if scroll_width > inner_width:
            name = (path.strip("/").replace("/", "__") or "home") + f"@{width}.png"
            page.screenshot(path=screenshot_dir / name, full_page=True)
            overflowing[path or "/"] = f"{scroll_width} px wide in a {inner_width} px window"
    assert not overflowing, f"screenshots in {screenshot_dir}"
