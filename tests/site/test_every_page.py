"""Every page of the built site in a browser, light scheme, desktop width (1280 px): accessible, no wider
than the window, and asking no host but the site's own.

The pages are visited once (page_sweep.py) and the three tests assert on what the visit recorded.
Accessibility: axe-core, every rule, no serious or critical violation, including what the theme brings (the
search dialog, link contrast, the footer) and what notebook output brings (scroll areas, table headers).
The dark scheme (test_every_page_dark.py, a module of its own so that `make test`'s two workers run both
schemes side by side) runs only the rules whose answer depends on colour: a scheme changes colours and
nothing else of a page. The phone width is test_layout.py's. The scheme is chosen the way a reader's system
chooses it (prefers-color-scheme), which Material follows until the reader uses the toggle.
"""

from __future__ import annotations

import pytest

from .page_sweep import sweep

pytestmark = pytest.mark.long  # run first (tests/conftest.py)


@pytest.fixture(scope="module")
def light(browser, base_url, site_pages, tmp_path_factory):
    return sweep(
        browser, base_url, site_pages, scheme="light", width=1280, screenshots=tmp_path_factory.mktemp("screens")
    )


def test_no_serious_violation_on_any_page_in_the_light_scheme(light):
    problems = light.problems()
    assert not problems, "\n".join(f"{path}: {'; '.join(found)}" for path, found in problems.items())


def test_no_page_overflows_horizontally_at_desktop_width(light):
    assert not light.overflowing()


def test_no_page_asks_another_host(light, site_pages):
    """Links (<a href>) to AWS documentation are navigation, not requests, and are allowed."""
    assert len(light.visits) == len(site_pages)
    assert any("/notebooks/" in url for url in light.requests), "no notebook page was visited"
    assert not light.foreign
