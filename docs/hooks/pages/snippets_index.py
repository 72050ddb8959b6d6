"""The Snippets index (snippets-index.md.j2): every catalog snippet, grouped by task, in catalog order."""

from __future__ import annotations

from iamkb.kb.snippets import Snippet, load_catalog
from pages import render

TEMPLATE = "snippets-index.md.j2"
URI = "reference/snippets/index.md"

GROUP_TITLES = {
    "console": "Console access",
    "workforce": "Workforces",
    "execution-role": "Execution roles",
    "kms": "KMS encryption",
    "managed": "AWS managed policies",
}

KIND_SHORT = {
    "identity-policy": "identity policy",
    "identity-statement": "statement",
    "resource-policy": "resource policy",
    "trust-policy": "trust policy",
}


def group_title(group: str) -> str:
    return GROUP_TITLES.get(group, group.replace("-", " ").capitalize())


def by_group(snippets) -> dict[str, list[Snippet]]:
    """Snippets grouped by task, groups and snippets in catalog order."""
    groups: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        groups.setdefault(snippet.group, []).append(snippet)
    return groups


def context() -> dict:
    return {
        "title": "Snippets",
        "groups": [(group_title(group), members) for group, members in by_group(load_catalog().snippets).items()],
        "kind_short": KIND_SHORT,
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
