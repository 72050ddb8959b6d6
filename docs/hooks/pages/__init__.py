"""The generators of the site's generated pages: one module per kind of page, one Jinja template each.

A generator turns the repository's data (the snippet catalog through `iamkb.kb.snippets`, the finding-code
registry, the `iamkb` parsers, the job requirements and failures tables, the example jobs) into the page's
Markdown in two steps: `context(...)` gathers the facts as plain values, and `markdown(...)` renders
them with the page's template from docs/templates/ (`render` below). Prose and layout live in the
templates, facts in Python, so a sentence can be reworded without touching code and a fact cannot be
typed by hand. The hooks in docs/hooks/ (listed in mkdocs.yml) only decide which pages exist, where they
go in the nav, and which files the build publishes beside them.

The templates write Markdown, so nothing is escaped automatically: each value goes through the filter
that suits where it lands (`cell` for a table cell or running text, `code` for inline code). The one HTML
template, the fill-in form (`fill-in-form.html.j2`), is autoescaped.
"""

from __future__ import annotations

import json

import jinja2
from _site import REPO_ROOT, catalog_label, cell, code, name_code

from iamkb.check import all_codes

CODES = all_codes()  # every code, the rule modules' included


TEMPLATES_DIR = REPO_ROOT / "docs" / "templates"


def count(number: int, noun: str) -> str:
    """`1 action`, `1,644 actions`: a number with its noun, in the plural when it is not one."""
    return f"{number:,} {noun if number == 1 else noun + 's'}"


def yaml_string(text: str) -> str:
    """A front matter value in double quotes: a title may hold a colon or a quote."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def code_link(name: str, to: str = "") -> str:
    """A finding code, linked to its entry on the finding-codes page (at `to`, relative to the page) when
    the registry knows it."""
    if name in CODES:
        return f"[{name_code(name)}]({to}finding-codes.md#{name.lower()})"
    return name_code(name)


def script_json(data: object) -> str:
    """JSON that cannot end the <script> element it is embedded in: <, > and & are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    # A misspelt variable fails the build instead of printing nothing.
    undefined=jinja2.StrictUndefined,
    # A line holding only a {% tag %} leaves no line behind: the Markdown's blank lines are the template's.
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
)
ENVIRONMENT.filters.update(cell=cell, code=code, name_code=name_code, count=count, yaml_string=yaml_string)
ENVIRONMENT.filters.update(number=lambda value: f"{value:,}", code_link=code_link)
ENVIRONMENT.globals.update(code_link=code_link, catalog_label=catalog_label)


def render(template: str, **context) -> str:
    """The template of docs/templates/ filled with `context`."""
    return ENVIRONMENT.get_template(template).render(**context)
