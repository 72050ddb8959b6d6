"""pages/fill_in_form.py: the fill-in form's HTML block (fill-in-form.html.j2) and its data."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from pages import fill_in_form

from iamkb.check.rules.example_values import EXAMPLE_ACCOUNTS
from iamkb.cli import build_parser
from iamkb.kb.snippets import load_catalog

CATALOG = load_catalog()
WITH_PLACEHOLDERS = [s for s in CATALOG.snippets if s.placeholders]


def embedded(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="iamkb-render-data-[^"]+">(.*?)</script>', html).group(1)
    )


@pytest.mark.parametrize("snippet", WITH_PLACEHOLDERS, ids=lambda s: s.id)
def test_the_data_is_the_catalogs(snippet):
    data = embedded(fill_in_form.html(snippet))
    assert data == fill_in_form.data(snippet)
    assert data["text"] == snippet.text() and data["fileName"] == snippet.path.name
    assert [p["name"] for p in data["placeholders"]] == list(snippet.placeholders)
    for placeholder in data["placeholders"]:
        rule = CATALOG.placeholders[placeholder["name"]].rule
        assert data["rules"][placeholder["rule"]]["checks"] == list(rule.checks)
    # What `iamkb check` calls an example value: AWS's example accounts and the catalog's example buckets.
    assert EXAMPLE_ACCOUNTS <= set(data["exampleValues"])
    assert CATALOG.placeholders["input-bucket-name"].example in data["exampleValues"]


@pytest.mark.parametrize("snippet", WITH_PLACEHOLDERS, ids=lambda s: s.id)
def test_without_javascript_it_gives_the_render_command(snippet):
    html = fill_in_form.html(snippet)
    noscript = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    command = re.search(r"<pre><code>(.*?)</code></pre>", noscript, re.S).group(1)
    words = shlex.split(command.replace("\\\n", " "))  # a shell joins the continued lines
    args = build_parser("render").parse_args(words[1:])
    assert words[:3] == ["iamkb", "render", snippet.id] and args.snippet == snippet.id
    assert args.set == [f"{name}=VALUE" for name in snippet.placeholders]
    for name in snippet.placeholders:
        assert f"<li><code>{name}</code>:" in noscript


def test_one_raw_html_block_without_blank_lines():
    """Markdown would end a raw HTML block at a blank line and read the rest as Markdown."""
    for boxed in (False, True):
        html = fill_in_form.html(CATALOG.get("custom-task-types"), boxed=boxed)
        assert "\n\n" not in html and html.startswith("<div") and html.endswith("</div>")


def test_boxed_forms_carry_their_title():
    html = fill_in_form.html(CATALOG.get("built-in-task-types"), boxed=True)
    assert html.startswith('<div class="admonition note iamkb-render-box">')
    assert "Fill in the placeholders of built-in-task-types.json" in html
    assert "admonition" not in fill_in_form.html(CATALOG.get("built-in-task-types"))


def test_text_is_escaped():
    html = fill_in_form.html(CATALOG.get("built-in-task-types"))
    assert "labeling job&#39;s input data" in html  # the description's apostrophe, as HTML text


def test_a_snippet_without_placeholders_has_no_form():
    with pytest.raises(ValueError, match="no placeholders"):
        fill_in_form.html(CATALOG.get("ground-truth-console"))
