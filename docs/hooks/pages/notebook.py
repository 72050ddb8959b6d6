"""A notebook's page (notebook.md.j2): the notebook's cells as Markdown, from the outputs stored in it.

nbconvert's MarkdownExporter writes the cells with docs/templates/nbconvert/notebook-cells.md.j2, so the
page is Markdown like every other one: code is highlighted by pymdownx, claims tables are Markdown tables,
and the page carries only the theme's styles (mkdocs-jupyter inlined 574 KB of Jupyter CSS into each
notebook page, with every output in nested divs). Only Markdown and plain-text outputs are shown; a rich
output (HTML, an image) is shown by the plain text every Jupyter output also stores, so no markup of a
notebook's output reaches the page unchecked.

The notebook is never run here (nbval runs it in `make test`); a stored error fails the build rather than
publishing a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from nbconvert import MarkdownExporter
from traitlets.config import Config

from pages import TEMPLATES_DIR, render

TEMPLATE = "notebook.md.j2"
CELLS_TEMPLATE = TEMPLATES_DIR / "nbconvert" / "notebook-cells.md.j2"
# What the page shows of an output, in order of preference; every Jupyter output has text/plain.
MIMETYPES = ["text/markdown", "text/plain"]

_TITLE = re.compile(r"#[ \t]+(?P<title>.+?)[ \t#]*(?:\n|$)")


def page_uri(path: Path) -> str:
    """The page keeps the notebook's name, so a link to `notebooks/NAME.ipynb` from any page reaches it."""
    return f"notebooks/{path.name}"


def download_uri(path: Path) -> str:
    """The .ipynb file beside its page (notebooks/NAME/NAME.ipynb), which the page's download link names."""
    return f"notebooks/{path.stem}/{path.name}"


def fence(text: str, language: str) -> str:
    """`text` as a fenced code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{text.rstrip()}\n{ticks}"


def context(path: Path) -> dict:
    notebook = nbformat.read(path, as_version=4)
    title = _take_title(notebook, path.name)
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                raise PluginError(
                    f"notebooks/{path.name}, cell {number}: the stored output is an error ({output.ename}); "
                    "run the notebook again and save it with its outputs"
                )
    exporter = MarkdownExporter(
        config=Config({"NbConvertBase": {"display_data_priority": MIMETYPES}}),
        template_file=str(CELLS_TEMPLATE),
    )
    exporter.register_filter("fence", fence)
    cells, _ = exporter.from_notebook_node(notebook)
    return {"title": title, "diataxis": "tutorial", "cells": cells.strip()}


def markdown(path: Path) -> str:
    return render(TEMPLATE, **context(path))


def _take_title(notebook, name: str) -> str:
    """The notebook's title, taken out of its first cell: the page template writes it as the page's H1."""
    first = notebook.cells[0] if notebook.cells else None
    found = _TITLE.match(first.source) if first is not None and first.cell_type == "markdown" else None
    if found is None:
        raise PluginError(f"notebooks/{name}: the first cell must be Markdown starting with the title, '# Title'")
    first.source = first.source[found.end() :].lstrip("\n")
    return found.group("title")
