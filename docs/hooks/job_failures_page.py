"""MkDocs hook: the troubleshooting how-to, by error message, from the failures table (`pages.troubleshooting`)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from pages import troubleshooting


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, troubleshooting.URI, content=troubleshooting.markdown()))
    return files
