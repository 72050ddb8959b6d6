"""MkDocs hook: the pages that `iamkb grants` and `iamkb compare` answer, run at build time.

- reference/actions.md (`pages.actions`): every action a snippet allows, wildcards and NotAction
  expanded against the IAM catalog, with the snippets that allow it;
- reference/comparisons.md (`pages.comparisons`): the questions readers ask about overlapping
  policies, each answered by running `iamkb compare`, with the command and its output.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from pages import actions, comparisons


def on_files(files: Files, config) -> Files:
    for generator in (actions, comparisons):
        files.append(File.generated(config, generator.URI, content=generator.markdown()))
    return files
