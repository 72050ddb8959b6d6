"""axe-core on every page of the built site, in the light and the dark scheme: no serious or critical
violation, including what the theme brings (the search dialog, link contrast, the footer) and what notebook
output brings (scroll areas, table headers).

The scheme is chosen the way a reader's system chooses it (prefers-color-scheme), which Material follows
until the reader uses the toggle. One browser page visits every site page in turn; axe runs on each. The
light pass runs every rule; the dark pass (test_accessibility_dark.py) only the rules whose answer
depends on colour (COLOUR_RULES), because a scheme changes colours and nothing else of a page: the other
rules would only repeat the light pass's answers, at about a third of the suite's browser time.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}
AXE = Axe()
# axe-core's rules that read colours: text contrast, and links told apart from the text around them.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def _violations(page, rules: tuple[str, ...] | None) -> list[str]:
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    results = AXE.run(page, options=options)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {targets}")
    return found


def assert_accessible(
    browser, base_url: str, site_pages: list[str], scheme: str, rules: tuple[str, ...] | None = None
) -> None:
    """axe on every page in one colour scheme (all rules, or only `rules`); the dark scheme's test
    (test_accessibility_dark.py) is a module of its own so that `make test`'s two workers can run the two
    schemes side by side."""
    context = browser.new_context(base_url=base_url, color_scheme=scheme)
    try:
        page = context.new_page()
        problems = {}
        for path in site_pages:
            page.goto(path)
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            found = _violations(page, rules)
            if found:
                problems[path or "/"] = found
        assert not problems, "\n".join(f"{path}: {'; '.join(v)}" for path, v in problems.items())
    finally:
        context.close()


def test_no_serious_violation_on_any_page_in_the_light_scheme(browser, base_url, site_pages):
    assert_accessible(browser, base_url, site_pages, "light")
