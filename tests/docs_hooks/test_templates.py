"""pages/__init__.py: the Jinja environment every generator renders with, and its filters."""

from __future__ import annotations

import json

import jinja2
import pytest
from pages import ENVIRONMENT, TEMPLATES_DIR, code_link, count, render, script_json, yaml_string

from .conftest import front_matter


def test_every_template_compiles():
    names = sorted(p.name for p in TEMPLATES_DIR.glob("*.j2"))
    assert "_page.md.j2" in names and "fill-in-form.html.j2" in names and len(names) >= 14
    for name in names:
        ENVIRONMENT.get_template(name)


def test_a_misspelt_variable_fails_instead_of_printing_nothing():
    with pytest.raises(jinja2.UndefinedError):
        ENVIRONMENT.from_string("{{ titel }}").render(title="x")


def test_markdown_templates_are_not_escaped_and_the_form_template_is():
    assert ENVIRONMENT.from_string("{{ v }}").render(v="<b>") == "<b>"
    assert ENVIRONMENT.autoescape("fill-in-form.html.j2") is True
    assert ENVIRONMENT.autoescape("snippet.md.j2") is False


def test_the_page_frame_writes_front_matter_and_title():
    template = ENVIRONMENT.from_string('{% extends "_page.md.j2" %}{% block body %}Body.{% endblock %}')
    meta, body = front_matter(template.render(title="T: x", meta_title='Say "x": y', fill_in_forms=["a-b"]))
    assert meta == {"title": 'Say "x": y', "diataxis": "reference", "fill_in_forms": ["a-b"]}
    assert body == "# T: x\n\nBody."
    meta, _ = front_matter(template.render(title="T", diataxis="how-to"))
    assert meta == {"diataxis": "how-to"}


def test_filters():
    assert count(1, "action") == "1 action" and count(1644, "action") == "1,644 actions"
    assert count(0, "service") == "0 services"
    assert yaml_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert (
        code_link("UNKNOWN_ACTION", "../") == "[<code>UNKNOWN_<wbr>ACTION</code>](../finding-codes.md#unknown_action)"
    )
    assert code_link("NOT_A_CODE") == "<code>NOT_<wbr>A_<wbr>CODE</code>"


def test_embedded_json_cannot_end_its_script_element():
    hostile = {"text": "</script><script>alert(1)</script><!--", "amp": "&lt;"}
    embedded = script_json(hostile)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == hostile


def test_render_uses_the_templates_folder():
    assert render("_page.md.j2", title="Only a title").endswith("# Only a title\n\n")
