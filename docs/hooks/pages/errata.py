"""The Errata reference (errata.md.j2): every defect found in the published guide, from the catalog's errata."""

from __future__ import annotations

from iamkb.kb.snippets import load_catalog
from pages import render

TEMPLATE = "errata.md.j2"
URI = "reference/errata.md"


def defects(snippets) -> list[tuple[str, str]]:
    """The defects of the published text, each once, as (original file, pointer).

    An erratum is one correction of one snippet file, so one defect can give several: a statement the guide
    printed in the wrong policy is a finding at the statement and another at its Principal, and, when it is
    split out into a snippet of its own, the same findings again on that snippet. A defect is one place of a
    published original; a pointer inside another pointer of the same original (other than the whole document,
    where a syntax error is reported) is the same defect.
    """
    places = sorted({(s.original_path.name, e["pointer"]) for s in snippets for e in s.errata})
    return [
        (original, pointer)
        for original, pointer in places
        if not any(o == original and p and p != pointer and pointer.startswith(p + "/") for o, p in places)
    ]


def context() -> dict:
    catalog = load_catalog()
    corrected = [s for s in catalog.snippets if s.errata]
    found = defects(corrected)
    return {
        "title": "Errata of the published guide",
        "guide": catalog.guide,
        "corrected": corrected,
        "count": sum(len(s.errata) for s in corrected),
        "defects": len(found),
        "examples": len({original for original, _ in found}),
        "inconsistencies": catalog.inconsistencies,
        "titles": {s.id: s.title for s in catalog.snippets},
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
