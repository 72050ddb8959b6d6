"""Every page fits a phone: no horizontal scrolling at 390 px (the desktop width, 1280 px, is checked in
the visit of every page that test_every_page.py makes).

A page that overflows is screenshotted whole into the session's temporary folder, whose path the failure
message gives, so a person can look at what the check saw (only those: a screenshot of every page was most
of this test's time).
"""

from __future__ import annotations

from .page_sweep import FRAMES, RENDER_ALL

PHONE = 390


def test_no_page_overflows_horizontally_on_a_phone(new_context, site_pages, tmp_path):
    page = new_context(viewport={"width": PHONE, "height": 900}).new_page()
    overflowing = {}
    for path in site_pages:
        page.goto(path, wait_until="load")
        page.add_style_tag(content=RENDER_ALL)
        page.evaluate(FRAMES)
        scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if scroll_width > inner_width:
            name = (path.strip("/").replace("/", "__") or "home") + f"@{PHONE}.png"
            page.screenshot(path=tmp_path / name, full_page=True)
            overflowing[path or "/"] = f"{scroll_width} px wide in a {inner_width} px window"
    assert not overflowing, f"screenshots in {tmp_path}"
