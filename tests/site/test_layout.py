"""Every page fits a phone: no horizontal scrolling at 390 px (the desktop width, 1280 px, is checked in
the visit of every page that test_every_page.py makes).

A page that overflows is screenshotted whole into the test's temporary folder, whose path the failure
message gives, so a person can look at what the check saw (page_sweep.py).
"""

from __future__ import annotations

from .page_sweep import sweep

PHONE = 390


def test_no_page_overflows_horizontally_on_a_phone(browser, base_url, site_pages, tmp_path):
    phone = sweep(browser, base_url, site_pages, scheme="light", width=PHONE, screenshots=tmp_path, accessibility=False)
    assert len(phone.visits) == len(site_pages)
    assert not phone.overflowing()
