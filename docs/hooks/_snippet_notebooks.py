"""Which notebooks exercise which snippet, for the "Checked in" links of the snippet pages.

A notebook reaches a snippet by its catalog id written as a string literal (`catalog.get("built-in-task-types")`;
tests/test_notebooks.py requires every id to appear that way in some notebook). Only string literals of
code cells count: an id mentioned in prose or in a comment is not a notebook running the snippet.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from notebook_files import notebook_paths

_TITLE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Notebook:
    path: Path
    title: str  # the first level-1 heading, which docs/hooks/pages/notebook.py also makes the page title
    string_literals: frozenset[str]


def read_notebooks() -> list[Notebook]:
    """Every published notebook with its title and the string literals of its code cells."""
    return [_read(path) for path in notebook_paths()]


def notebooks_by_snippet(snippet_ids, notebooks: list[Notebook]) -> dict[str, list[Notebook]]:
    """snippet id -> the notebooks whose code names it, in notebook order."""
    return {id_: [nb for nb in notebooks if id_ in nb.string_literals] for id_ in snippet_ids}


def _read(path: Path) -> Notebook:
    notebook = nbformat.read(path, as_version=4)
    literals: set[str] = set()
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code":
            literals |= _string_literals(cell.source, f"{path.name}, cell {number}")
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    heading = _TITLE.search(markdown)
    return Notebook(path, heading.group("title") if heading else path.stem, frozenset(literals))


def _string_literals(source: str, where: str) -> set[str]:
    """The str constants of a code cell; IPython `%magic` and `!shell` lines are not Python and are blanked."""
    python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    try:
        tree = ast.parse(python)
    except SyntaxError as error:
        raise PluginError(f"notebooks/{where}, line {error.lineno}: not valid Python ({error.msg})") from None
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
