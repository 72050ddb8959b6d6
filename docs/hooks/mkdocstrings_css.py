"""MkDocs hook: mkdocstrings' stylesheet only on the pages that show mkdocstrings' output.

mkdocstrings adds `assets/_mkdocstrings.css` to `extra_css`, so the theme links it from every page, and a
stylesheet in the head holds up the first paint until it has arrived (Lighthouse's render-blocking
resources, bench/site_bench.py). Its rules style only the blocks mkdocstrings writes (`doc doc-object` ...),
which reference/python-api/ alone has: every other page gets the link taken out of its HTML.
"""

from __future__ import annotations

import re

LINK = re.compile(r'[ \t]*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\n?')
OUTPUT = 'class="doc doc-object'  # each object mkdocstrings documents is one such block


def on_post_page(output: str, page, config) -> str:
    if OUTPUT in output:
        return output
    return LINK.sub("", output, count=1)
