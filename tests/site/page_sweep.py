"""One browser visit per page of the built site, collecting what the every-page checks need.

Loading and laying out 57 pages is a large part of the suite's browser time, and three checks need every
page: axe-core (accessibility), the page width (no horizontal scrolling) and the requests the page makes
(nothing from another host). `sweep` visits each page once in one browser page and records all three;
the test modules (test_every_page.py, test_every_page_dark.py, and test_layout.py at phone width) assert
on the record.

axe-core runs on each page once it is loaded and rendered whole (RENDER_ALL), with `resultTypes:
violations` (axe then details only failures). The
requests are watched, not intercepted: Playwright turns off the HTTP cache for a routed context, and a
request to another host is recorded whether or not it succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}
AXE = Axe()
# axe-core's rules that read colours: text contrast, and links told apart from the text around them.
COLOUR_RULES = ("color-contrast", "link-in-text-block")
# The site renders long blocks only near the viewport (content-visibility: auto in docs/stylesheets/site.css);
# a block not yet rendered has no colours or width to measure, and one being rendered changes under axe.
# Each page is measured rendered whole, as a reader who scrolls through it sees every block.
RENDER_ALL = "* { content-visibility: visible !important; }"
# Two frames: the browser lays out and paints what the style changed, then Material's observers see it.
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass
class Visit:
    """What one page showed: its serious axe violations and its width against the window's."""

    path: str
    violations: list[str]
    scroll_width: int
    inner_width: int
    screenshot: Path | None = None


@dataclass
class Sweep:
    """Every page's visit in one colour scheme and window size, and every request the pages made."""

    scheme: str
    width: int
    visits: list[Visit] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {visit.path or "/": visit.violations for visit in self.visits if visit.violations}

    def overflowing(self) -> dict[str, str]:
        return {
            visit.path or "/": f"{visit.scroll_width} px wide in a {visit.inner_width} px window ({visit.screenshot})"
            for visit in self.visits
            if visit.scroll_width > visit.inner_width
        }


def _violations(page, rules: tuple[str, ...] | None) -> list[str]:
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    found = []
    for violation in AXE.run(page, options=options).response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {targets}")
    return found


def sweep(
    browser,
    base_url: str,
    site_pages: list[str],
    *,
    scheme: str,
    width: int,
    screenshots: Path,
    rules: tuple[str, ...] | None = None,
    accessibility: bool = True,
) -> Sweep:
    """Visit every page in `scheme` ("light" or "dark", as the reader's system asks) in a window `width`
    pixels wide: axe with all rules (or only `rules`; none without `accessibility`), the page's width, and
    the requests. A page wider than the window is screenshotted whole into `screenshots`, so a person can
    see what the check saw."""
    record = Sweep(scheme, width)
    local = urlsplit(base_url).netloc
    context = browser.new_context(base_url=base_url, color_scheme=scheme, viewport={"width": width, "height": 900})

    def watch(request):
        record.requests.append(request.url)
        if urlsplit(request.url).netloc != local and not request.url.startswith(("data:", "blob:")):
            record.foreign.append(f"{request.url} (from {request.frame.url if request.frame else 'a worker'})")

    context.on("request", watch)
    expected_scheme = "slate" if scheme == "dark" else "default"
    try:
        page = context.new_page()
        for path in site_pages:
            page.goto(path, wait_until="load")
            page.add_style_tag(content=RENDER_ALL)
            page.evaluate(FRAMES)
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected_scheme, path
            scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
            visit = Visit(path, _violations(page, rules) if accessibility else [], scroll_width, inner_width)
            if scroll_width > inner_width:
                visit.screenshot = screenshots / ((path.strip("/").replace("/", "__") or "home") + f"@{width}.png")
                page.screenshot(path=visit.screenshot, full_page=True)
            record.visits.append(visit)
    finally:
        context.close()
    return record
