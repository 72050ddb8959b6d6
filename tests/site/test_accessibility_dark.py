"""axe-core on every page in the dark scheme (Material's slate); the checks are test_accessibility's."""

from __future__ import annotations

from .test_accessibility import assert_accessible


def test_no_serious_violation_on_any_page_in_the_dark_scheme(browser, base_url, site_pages):
    assert_accessible(browser, base_url, site_pages, "dark")
