"""One catalog snippet's reference page (snippet.md.j2): the policy and everything known about it.

The policy text is included from its single source file with `--8<--` (so the page can never drift from
the file the tests check), beside where it comes from, its placeholders and their fill-in form, what
`iamkb check` finds in it, what it grants (`snippet_grants`), the notebooks that exercise it and, when the
published text was wrong, the corrections: all computed at build time.
"""

from __future__ import annotations

from _site import REPO_ROOT, unescape_guide
from _snippet_notebooks import Notebook

from iamkb.check import check_paths
from iamkb.kb.snippets import SNIPPETS_DIR, Snippet, load_catalog
from pages import fill_in_form, render, snippet_grants

TEMPLATE = "snippet.md.j2"
PAGES_DIR = "reference/snippets"

KIND_TEXT = {
    "identity-policy": "Identity-based policy (a complete policy document)",
    "identity-statement": "One statement, to add to the `Statement` array of an identity-based policy",
    "resource-policy": "Resource-based policy (a complete policy document, attached to the resource)",
    "trust-policy": "Role trust policy (who may assume the role)",
}


def page_uri(snippet: Snippet) -> str:
    return f"{PAGES_DIR}/{snippet.id}.md"


def file_uri(path) -> str:
    """Where a snippet file lands in the built site: the same relative path as in the repository."""
    return path.relative_to(REPO_ROOT).as_posix()


def context(snippet: Snippet, notebooks: list[Notebook]) -> dict:
    catalog = load_catalog()
    source = snippet.source
    managed = None
    if source["type"] == "aws-managed":
        name = source["arn"].rsplit("/", 1)[-1]
        managed = {
            "arn": source["arn"],
            "reference": f"https://docs.aws.amazon.com/aws-managed-policy/latest/reference/{name}.html",
            "version": source["version"],
            "date": source["versionDate"],
        }
    return {
        "snippet": snippet,
        "title": snippet.title,
        "meta_title": snippet.title,
        "fill_in_forms": [snippet.id] if snippet.placeholders else [],
        "kind": KIND_TEXT.get(snippet.kind, f"`{snippet.kind}`"),
        "guide": catalog.guide,
        "heading": unescape_guide(source["heading"]),
        "managed": managed,
        "file": file_uri(snippet.path),
        "original": file_uri(snippet.original_path) if snippet.errata else None,
        "original_title": snippet.original_path.relative_to(SNIPPETS_DIR).as_posix(),
        "notebooks": notebooks,
        "placeholders": [catalog.placeholders[name] for name in snippet.placeholders],
        "form": fill_in_form.html(snippet) if snippet.placeholders else None,
        "findings": check_paths([snippet.path]),
        "grants": snippet_grants.section(snippet),
    }


def markdown(snippet: Snippet, notebooks: list[Notebook]) -> str:
    """The page's Markdown; links are relative to reference/snippets/."""
    return render(TEMPLATE, **context(snippet, notebooks))
