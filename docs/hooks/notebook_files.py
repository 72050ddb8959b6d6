"""MkDocs hook: publish every notebook of the repository's notebooks/ folder as a page.

The notebooks live outside docs/ (they are run by nbval from there), so MkDocs would not see them.
This hook adds them to the build before mkdocs-jupyter looks at the files (priority 100 > its 0), and
lists each one under the Notebooks section of the nav, so a new notebook needs no edit here.
"""

from __future__ import annotations

from _site import REPO_ROOT, expand_nav_entry
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
INDEX = "notebooks/index.md"


def notebook_paths() -> list:
    """The notebooks to publish, in name order; checkpoint copies are not notebooks."""
    if not NOTEBOOKS_DIR.is_dir():
        return []
    return sorted(p for p in NOTEBOOKS_DIR.glob("*.ipynb") if p.is_file())


@event_priority(100)
def on_files(files: Files, config) -> Files:
    uris = []
    for path in notebook_paths():
        uri = f"notebooks/{path.name}"
        # A plain File rooted at the repository (not File.generated): mkdocs-jupyter wraps the file object
        # and reads the source through attributes that only a plain File has.
        files.append(
            File(uri, src_dir=str(REPO_ROOT), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        )
        uris.append(uri)
    expand_nav_entry(config.nav, INDEX, uris)
    return files
