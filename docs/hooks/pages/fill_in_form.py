"""The fill-in form of a policy with placeholders (docs/templates/fill-in-form.html.j2), wherever a page shows it.

The form is one HTML block: the catalog's placeholders and value rules as JSON (the browser checks with
exactly the regular expressions `iamkb render` runs), and what to do instead when JavaScript is off. The
script docs/javascripts/render-form.js builds the fields from that JSON; the theme loads it only on pages
whose `fill_in_forms` front matter lists a form (docs/overrides/main.html). A snippet page's template
includes the form itself; a hand-written page asks for it with a marker (the `fill_in_forms` hook).
"""

from __future__ import annotations

from iamkb.check.rules.example_values import EXAMPLE_ACCOUNTS, catalog_example_buckets
from iamkb.kb.snippets import Snippet, load_catalog
from pages import render, script_json

TEMPLATE = "fill-in-form.html.j2"
SCRIPT = "javascripts/render-form.js"
META = "fill_in_forms"  # front matter: the snippet ids of the forms on the page


def data(snippet: Snippet) -> dict:
    """What the form needs, straight from the catalog (the browser runs the same regular expressions).

    `exampleValues` are the values `iamkb check` reports as EXAMPLE_VALUE (AWS's example account ids, the
    catalog's example bucket names): the form never calls a policy holding one ready, typed or not.
    """
    catalog = load_catalog()
    placeholders = [catalog.placeholders[name] for name in snippet.placeholders]
    rules = {p.rule.id: p.rule for p in placeholders}
    return {
        "id": snippet.id,
        "fileName": snippet.path.name,
        "text": snippet.text(),
        "placeholders": [
            {"name": p.name, "description": p.description, "example": p.example, "rule": p.rule.id}
            for p in placeholders
        ],
        "rules": {
            rule_id: {"title": rule.title, "learnMore": rule.learn_more, "checks": list(rule.checks)}
            for rule_id, rule in rules.items()
        },
        "exampleValues": sorted(EXAMPLE_ACCOUNTS | catalog_example_buckets()),
    }


def context(snippet: Snippet, boxed: bool) -> dict:
    if not snippet.placeholders:
        raise ValueError(f"{snippet.id} has no placeholders: there is nothing to fill in")
    placeholders = load_catalog().placeholders
    return {
        "snippet": snippet,
        "data": script_json(data(snippet)),
        "placeholders": [placeholders[name] for name in snippet.placeholders],
        "boxed": boxed,
    }


def html(snippet: Snippet, boxed: bool = False) -> str:
    """The form's HTML block. `boxed` frames it with its own title, for a page where no heading announces it."""
    return render(TEMPLATE, **context(snippet, boxed)).strip("\n")
