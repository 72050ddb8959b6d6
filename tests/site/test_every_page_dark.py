"""Every page in the dark scheme (Material's slate), desktop width: axe-core's colour rules
(test_every_page.py runs every rule in the light scheme; page_sweep.py visits the pages)."""

from __future__ import annotations

import pytest

from .page_sweep import COLOUR_RULES, sweep

pytestmark = pytest.mark.long  # run first (tests/conftest.py)


def test_no_serious_violation_on_any_page_in_the_dark_scheme(browser, base_url, site_pages, tmp_path):
    dark = sweep(browser, base_url, site_pages, scheme="dark", width=1280, screenshots=tmp_path, rules=COLOUR_RULES)
    problems = dark.problems()
    assert not problems, "\n".join(f"{path}: {'; '.join(found)}" for path, found in problems.items())
