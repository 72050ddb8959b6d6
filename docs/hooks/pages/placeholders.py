"""The Placeholders reference (placeholders.md.j2): every placeholder of the catalog, its value rule and users."""

from __future__ import annotations

from iamkb.kb.snippets import load_catalog
from pages import render

TEMPLATE = "placeholders.md.j2"
URI = "reference/placeholders.md"


def context() -> dict:
    catalog = load_catalog()
    used_by: dict[str, list] = {name: [] for name in catalog.placeholders}
    for snippet in catalog.snippets:
        for name in snippet.placeholders:
            used_by[name].append(snippet)
    return {
        "title": "Placeholders",
        "placeholders": list(catalog.placeholders.values()),
        "used_by": used_by,
        "rules": list(catalog.rules.values()),
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
