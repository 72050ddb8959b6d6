"""The site as published: its address (sitemap, canonical links), the 404 page at the root and under a
sub-path, and generated pages that say what the commands say.
"""

from __future__ import annotations

import functools
import html
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ElementTree
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from iamkb.cli import main

from .conftest import REPO_ROOT
from .test_build import hook_module

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SUB_PATH = "/preview/iamkb/"  # where a copy of the site is hosted in the sub-path tests


@pytest.fixture(scope="module")
def site_url() -> str:
    """The address mkdocs.yml gives the site (IAMKB_SITE_URL overrides it, as for a preview copy)."""
    return load_config(str(REPO_ROOT / "mkdocs.yml")).site_url


def canonical(page: Path) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
    return found.group(1) if found else None


def test_the_site_has_an_absolute_address(site_url):
    assert site_url and urlsplit(site_url).scheme == "https" and site_url.endswith("/")


def test_the_sitemap_lists_every_page_at_the_site_address(site_dir, site_pages, site_url):
    urls = [loc.text for loc in ElementTree.parse(site_dir / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert urls, "the sitemap is empty: mkdocs writes one only when site_url is set"
    assert sorted(urls) == sorted(site_url + path for path in site_pages)


def test_every_page_links_its_canonical_address(site_dir, site_pages, site_url):
    wrong = {path: canonical(site_dir / path / "index.html") for path in site_pages}
    wrong = {path: found for path, found in wrong.items() if found != site_url + path}
    assert not wrong


class _Host(SimpleHTTPRequestHandler):
    """A static host as GitHub Pages or S3 website hosting behave: the site lives under `prefix`, and a
    path with no file gets the site's 404.html with status 404."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        error_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not error_page.is_file():
            return super().send_error(code, message, explain)
        body = error_page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host():
    """Serve a built site under a path prefix; yields a function (site folder, prefix) -> the site's URL."""
    servers = []

    def serve(directory: Path, prefix: str) -> str:
        handler = type("Host", (_Host,), {"prefix": prefix})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    """The site built for a host that serves it under SUB_PATH (its address set with IAMKB_SITE_URL)."""
    target = tmp_path_factory.mktemp("sub-path-site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(target)],
        cwd=REPO_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "IAMKB_SITE_URL": f"https://docs.example.org{SUB_PATH}"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    return target


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


def test_the_404_page_works_at_the_root(page, site_dir, host):
    check_error_page(page, host(site_dir, "/"), "/")


def test_the_404_page_works_under_a_sub_path(page, sub_path_site, host):
    check_error_page(page, host(sub_path_site, SUB_PATH), SUB_PATH)


def test_a_sub_path_copy_names_its_own_address(sub_path_site):
    """The sitemap, canonical links and the schemas' $id follow IAMKB_SITE_URL."""
    address = f"https://docs.example.org{SUB_PATH}"
    assert canonical(sub_path_site / "reference" / "cli" / "index.html") == address + "reference/cli/"
    assert f"<loc>{address}</loc>" in (sub_path_site / "sitemap.xml").read_text(encoding="utf-8")
    schema = (sub_path_site / "schemas" / "iam-policy-trust.schema.json").read_text(encoding="utf-8")
    assert f'"$id": "{address}schemas/iam-policy-trust.schema.json"' in schema


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
