"""The site's page generators (docs/hooks/pages/) and hooks, tested without building the site.

MkDocs puts docs/hooks/ on sys.path while it loads a hook; these tests do the same once, so `pages.snippet`
imports as the hooks import it. Each test module mirrors one generator (or hook) and checks its context and
the Markdown its template makes; tests/site/ checks the built pages in a browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
HOOKS_DIR = REPO_ROOT / "docs" / "hooks"
if str(HOOKS_DIR) not in sys.path:
    sys.path.insert(0, str(HOOKS_DIR))


def front_matter(markdown: str) -> tuple[dict, str]:
    """A generated page's front matter and body."""
    assert markdown.startswith("---\n"), markdown[:80]
    _, meta, body = markdown.split("---\n", 2)
    return yaml.safe_load(meta), body


def section(markdown: str, heading: str) -> str:
    """The Markdown from the `## heading` line up to the next `## ` heading."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]
