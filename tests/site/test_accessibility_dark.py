"""axe-core on every page in the dark scheme (Material's slate): the colour rules of test_accessibility."""

from __future__ import annotations

from .test_accessibility import COLOUR_RULES, assert_accessible


def test_no_serious_violation_on_any_page_in_the_dark_scheme(browser, base_url, site_pages):
    assert_accessible(browser, base_url, site_pages, "dark", COLOUR_RULES)
