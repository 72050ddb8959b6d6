"""The copy button of a snippet page puts exactly the snippet file's JSON on the clipboard."""

from __future__ import annotations

import json

import pytest

from iamkb.kb.snippets import load_catalog

CATALOG = load_catalog()
COPY_BUTTON = "button.md-code__button[data-md-type=copy]"


# One with placeholders, one corrected statement, and the longest file (copy must not truncate).
COPIED = ["built-in-task-types", "private-workforce-statement", "AmazonSageMakerFullAccess"]


@pytest.mark.parametrize("snippet", [CATALOG.get(i) for i in COPIED], ids=lambda s: s.id)
def test_copy_button_copies_the_file(page, context, base_url, snippet):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(f"reference/snippets/{snippet.id}/")
    block = page.locator("#policy ~ div.highlight").first  # the Policy section's code block
    block.hover()
    block.locator(COPY_BUTTON).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    text = snippet.text()
    # The file ends with one newline, the line terminator of its last line. A copied block carries the
    # lines, not the terminator after the last one (as when selecting the text by hand); pasting it into
    # the IAM console, a heredoc or a file gives the same document. Every other byte must match.
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert copied == text[:-1]
    assert json.loads(copied) == snippet.document()
