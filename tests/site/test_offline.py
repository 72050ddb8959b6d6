"""The site asks no host but its own: nothing from a CDN, no web fonts, nothing on any page (the built
files here, a search in the browser here, every page in the browser in test_every_page.py).

Links (<a href>) to AWS documentation are navigation, not requests, and are allowed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Attributes through which a page makes the browser fetch something by itself.
FETCHING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*(?:https?:)?//""", re.IGNORECASE)


class _RemoteReferences(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") == "canonical":
            return  # the page's own published address (site_url): a name for the page, never fetched
        for name, value in attrs:
            if name in FETCHING.get(tag, ()) and value and REMOTE.match(value):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and CSS_REMOTE.search(value):
                self.found.append(f"<{tag} style={value!r}>")


def test_built_html_references_no_other_host(site_dir):
    offenders = {}
    for page in sorted(site_dir.rglob("*.html")):
        parser = _RemoteReferences()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            offenders[page.relative_to(site_dir).as_posix()] = parser.found
    assert not offenders


def test_built_css_loads_nothing_from_other_hosts(site_dir):
    offenders = [
        css.relative_to(site_dir).as_posix()
        for css in sorted(site_dir.rglob("*.css"))
        if CSS_REMOTE.search(css.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_search_asks_no_other_host(context, base_url):
    """A search, with every request of the browser and of its workers watched (the pages themselves are
    watched in the visit of every page that test_every_page.py makes)."""
    local = urlsplit(base_url).netloc
    foreign: list[str] = []
    requested: list[str] = []

    def watch(request):
        requested.append(request.url)
        if urlsplit(request.url).netloc != local and not request.url.startswith(("data:", "blob:")):
            foreign.append(f"{request.url} (from {request.frame.url if request.frame else 'a worker'})")

    def block_foreign(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort()

    context.on("request", watch)
    context.route("**/*", block_foreign)
    page = context.new_page()
    page.goto("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("PassRole")
    page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    assert any(url.endswith("search/search_index.json") for url in requested), "the watch saw no search request"
    # Material's search worker is loaded by our wrapper worker (importScripts): worker requests are watched too.
    assert any("/workers/search." in url for url in requested), "the watch saw no request from the search worker"
    assert not foreign
