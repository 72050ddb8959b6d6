"""MkDocs hook: the fill-in form on hand-written pages, where the reader meets the policy.

A how-to guide asks for the form of a snippet with one line, right after the code block that includes
the snippet's file:

    ```json title="execution-role/built-in-task-types.json"
    --8<-- "snippets/execution-role/built-in-task-types.json"
    ```

    <!-- fill-in form: built-in-task-types -->

The marker is an HTML comment, so the page still reads well on GitHub. The hook replaces it with the
form (`pages.fill_in_form`, the same block a snippet page's template includes) and lists the snippet in
the page's `fill_in_forms` meta, so the theme loads the form's script on this page only. The build
fails when a marker names a snippet without placeholders, stands anywhere but right after its policy,
or when a how-to guide shows a policy with placeholders and no form for it.
"""

from __future__ import annotations

import re

from _site import REPO_ROOT
from mkdocs.exceptions import PluginError
from pages import fill_in_form

from iamkb.core.errors import UsageError
from iamkb.kb.snippets import Snippet, load_catalog

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- fill-in form: (?P<id>\S+) -->[ \t]*$", re.MULTILINE)
INCLUDE = re.compile(r'^[ \t]*--8<-- "(?P<uri>snippets/[^"]+)"[ \t]*$')
FENCE = re.compile(r"^[ \t]*(```|~~~)[ \t]*$")
GUIDES = "how-to/"  # every guide here must offer the form of each policy with placeholders it shows


def marker(snippet_id: str) -> str:
    return f"<!-- fill-in form: {snippet_id} -->"


def _line(markdown: str, position: int) -> int:
    return markdown.count("\n", 0, position) + 1


def _included_before(lines: list[str], index: int) -> str | None:
    """The snippet file included by the code block that ends right above line `index` (blank lines
    between are fine), or None when something else comes first."""
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 1 or not FENCE.match(lines[above]):
        return None
    found = INCLUDE.match(lines[above - 1])
    return found.group("uri") if found else None


def _snippet(snippet_id: str, where: str) -> Snippet:
    try:
        snippet = load_catalog().get(snippet_id)
    except UsageError:
        known = ", ".join(s.id for s in load_catalog().snippets if s.placeholders)
        raise PluginError(
            f"{where}: no catalog snippet '{snippet_id}' for a fill-in form (forms exist for: {known})"
        ) from None
    if not snippet.placeholders:
        raise PluginError(f"{where}: snippet '{snippet_id}' has no placeholders: remove its fill-in form marker")
    return snippet


def place_forms(markdown: str, src_uri: str) -> tuple[str, list[str]]:
    """The page with each marker replaced by its form, and the ids of the forms placed.

    Raises PluginError (the page, the line and what to do) for a marker that is wrong or missing.
    """
    catalog = load_catalog()
    lines = markdown.split("\n")
    placed: list[str] = []
    for found in MARKER.finditer(markdown):
        line = _line(markdown, found.start())
        where = f"{src_uri}:{line}"
        snippet = _snippet(found.group("id"), where)
        if snippet.id in placed:
            raise PluginError(f"{where}: a second fill-in form for '{snippet.id}'; a page shows each form once")
        expected = snippet.path.relative_to(REPO_ROOT).as_posix()
        if _included_before(lines, line - 1) != expected:
            raise PluginError(
                f"{where}: the fill-in form of '{snippet.id}' must come right after the code block that "
                f'includes its policy (--8<-- "{expected}")'
            )
        placed.append(snippet.id)
    if src_uri.startswith(GUIDES):
        shown = [catalog.by_path(REPO_ROOT / m.group("uri")) for m in map(INCLUDE.match, lines) if m]
        missing = [s.id for s in shown if s is not None and s.placeholders and s.id not in placed]
        if missing:
            raise PluginError(
                f"{src_uri}: shows {', '.join(missing)} with placeholders but no fill-in form; add "
                + " and ".join(f"'{marker(i)}'" for i in missing)
                + " on its own line right after the code block that includes the policy"
            )

    def form(found: re.Match) -> str:
        html = fill_in_form.html(load_catalog().get(found.group("id")), boxed=True)
        return "\n".join(found.group("indent") + line for line in html.split("\n"))

    return MARKER.sub(form, markdown), placed


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown, placed = place_forms(markdown, page.file.src_uri)
    if placed:
        page.meta[fill_in_form.META] = [*page.meta.get(fill_in_form.META, []), *placed]
    return markdown
