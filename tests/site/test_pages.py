"""The site as published: its address (sitemap, canonical links), the 404 page of a copy hosted under a
sub-path (the test build is one, tests/site/conftest.py), and generated pages that say what the commands say.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config

from iamkb.cli import main

from .conftest import REPO_ROOT, SITE_PREFIX
from .test_build import hook_module

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def canonical(page: Path) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
    return found.group(1) if found else None


def test_the_site_has_an_absolute_address():
    """mkdocs.yml's own address, which the published site is built with (the tests build for another)."""
    site_url = load_config(str(REPO_ROOT / "mkdocs.yml")).site_url
    assert site_url and urlsplit(site_url).scheme == "https" and site_url.endswith("/")


def test_the_sitemap_lists_every_page_at_the_site_address(site_dir, site_pages, site_url):
    urls = [loc.text for loc in ElementTree.parse(site_dir / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert urls, "the sitemap is empty: mkdocs writes one only when site_url is set"
    assert sorted(urls) == sorted(site_url + path for path in site_pages)


def test_every_page_links_its_canonical_address(site_dir, site_pages, site_url):
    wrong = {path: canonical(site_dir / path / "index.html") for path in site_pages}
    wrong = {path: found for path, found in wrong.items() if found != site_url + path}
    assert not wrong


def check_error_page(page, url: str, root: str) -> None:
    """A missing page deep under `url` shows the 404 page styled, with its navigation leading into the site."""
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    response = page.goto(url + "no/such/page/at/all/", wait_until="load")
    assert response.status == 404
    assert page.locator("article h1").text_content().strip() == "404 - Not found"
    missing = failed[1:]  # the first is the page itself
    assert not missing, f"the 404 page's own files were not found: {missing}"
    # Material's stylesheet is applied (the header is sticky) and its script ran (the no-js class is gone).
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    assert "no-js" not in page.locator("html").get_attribute("class")
    home = page.locator("a.md-header__button.md-logo").evaluate("a => new URL(a.href).pathname")  # resolved
    assert urlsplit(page.url).path.startswith(root) and home == root
    page.locator("nav.md-nav--primary a.md-nav__link[href]", has_text="Placeholders").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.startswith(root + "reference/placeholders/")
    assert page.locator("article h1").text_content().strip().rstrip("¶") == "Placeholders"


def test_the_404_page_works_under_a_sub_path(page, base_url):
    """The test build is hosted under SITE_PREFIX (tests/site/conftest.py), as a preview copy would be."""
    check_error_page(page, base_url, SITE_PREFIX)


def test_a_sub_path_copy_names_its_own_address(site_dir, site_url):
    """The sitemap, canonical links and the schemas' $id follow IAMKB_SITE_URL."""
    assert canonical(site_dir / "reference" / "cli" / "index.html") == site_url + "reference/cli/"
    assert f"<loc>{site_url}</loc>" in (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    schema = (site_dir / "schemas" / "iam-policy-trust.schema.json").read_text(encoding="utf-8")
    assert f'"$id": "{site_url}schemas/iam-policy-trust.schema.json"' in schema


def test_each_comparison_on_the_site_is_what_the_command_says(site_dir, capsys):
    comparisons = hook_module("pages.comparisons")
    page = (site_dir / "reference" / "comparisons" / "index.html").read_text(encoding="utf-8")
    statuses = [int(s) for s in re.findall(r"Output \(exit status (\d)\)", page)]
    assert len(statuses) == len(comparisons.QUESTIONS)
    for question, shown in zip(comparisons.QUESTIONS, statuses, strict=True):
        argv = ["compare", question.a, question.b]
        for name, value in question.values.items():
            argv += ["--set", f"{name}={value}"]
        status = main(argv)
        out = capsys.readouterr().out
        assert status == shown, question.title
        assert html.escape(out.splitlines()[-1], quote=False) in page
        assert ("Not covered" if status else "Covered") in page


def test_the_snippet_page_template_places_the_form_between_placeholders_and_check_result(page):
    """The template's order of sections, as the reader sees them."""
    page.goto("reference/snippets/built-in-task-types/")
    page.locator(".iamkb-render form").wait_for()
    order = page.evaluate(
        """() => [...document.querySelectorAll('article h2, article .iamkb-render')]
            .map(e => e.tagName === 'H2' ? e.id : 'form')"""
    )
    assert order[: order.index("check-result") + 1] == [
        "policy",
        "placeholders",
        "fill-in-your-values",
        "form",
        "check-result",
    ]
