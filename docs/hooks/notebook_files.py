"""MkDocs hook: publish every notebook of the repository's notebooks/ folder as a page, and as a download.

The notebooks live outside docs/ (nbval runs them from there), so MkDocs would not see them. Each one
becomes a Markdown page made by `pages.notebook` at notebooks/NAME/, listed under the Notebooks section of
the nav, and its .ipynb file is copied unchanged beside the page for the page's download link. A new
notebook needs no edit here.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from _site import REPO_ROOT, expand_nav_entry
from mkdocs.structure.files import File, Files
from pages import notebook

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
INDEX = "notebooks/index.md"


class NotebookPage(File):
    """A page whose source is a notebook: its source name stays NAME.ipynb, so every page's link to the
    notebook reaches the page, while its content is the Markdown that `pages.notebook` makes."""

    def is_documentation_page(self) -> bool:
        return True


def notebook_paths() -> list:
    """The notebooks to publish, in name order; checkpoint copies are not notebooks."""
    if not NOTEBOOKS_DIR.is_dir():
        return []
    return sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb") if p.is_file())


def on_files(files: Files, config) -> Files:
    uris = []
    for path in notebook_paths():
        uri = notebook.page_uri(path)
        files.append(NotebookPage.generated(config, uri, content=notebook.markdown(path)))
        files.append(File.generated(config, notebook.download_uri(path), abs_src_path=str(path)))
        uris.append(uri)
    expand_nav_entry(config.nav, INDEX, uris)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """The theme's download box (overrides/main.html) names the file from the page's `notebook` meta."""
    if isinstance(page.file, NotebookPage):
        page.meta["notebook"] = PurePosixPath(page.file.src_uri).name
    return markdown
