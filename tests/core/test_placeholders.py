"""The one placeholder pattern, and lint, render and simulate agreeing on it."""

import json

from hypothesis import given
from hypothesis import strategies as st

from iamkb.check.rules import lint_document
from iamkb.core.placeholders import placeholders, substitute
from iamkb.render import fill, render_text
from iamkb.simulate.scenario import fill_placeholders


def test_names_in_order_without_repeats():
    assert placeholders("<a-b> <Bucket_Name> <a-b> <your bucket> <v1.2>") == [
        "a-b",
        "Bucket_Name",
        "your bucket",
        "v1.2",
    ]


def test_what_is_not_a_placeholder():
    assert placeholders("<> < a> <-a> <a/b> <a:b> a<b or c>d") == ["b or c"]


def test_substitute_replaces_only_names_with_a_value():
    assert substitute("<a>-<b>-<a>", {"a": "1"}.get) == "1-<b>-1"


def _lint_names(text: str) -> set[str]:
    """The placeholder names the lint's UNFILLED_PLACEHOLDER finding lists for one Resource string."""
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": text}]}
    messages = [f.message for f in lint_document(document, "identity", "p.json") if f.code == "UNFILLED_PLACEHOLDER"]
    return {name for message in messages for name in placeholders(message.split(" in '", 1)[0])}


def _render_names(text: str) -> set[str]:
    """The names `iamkb render` fills: those whose value replaced them in the rendered policy."""
    names = set(placeholders(text))
    rendered = json.loads(render_text(json.dumps(text), "p.json", {n: f"V{i}" for i, n in enumerate(sorted(names))}))
    return {n for n in names if f"<{n}>" not in rendered}


def _simulate_names(text: str) -> set[str]:
    """The names `iamkb simulate --set` substitutes (the unfilled ones with no values given)."""
    return set(fill_placeholders({"Resource": text}, {})[1])


@given(st.text(alphabet="<>aZ_ -./:9*é", max_size=30))
def test_lint_render_and_simulate_find_the_same_placeholders(text):
    expected = set(placeholders(text))
    assert _lint_names(text) == expected
    assert _simulate_names(text) == expected
    assert _render_names(text) == expected


def test_render_escapes_values_for_json():
    assert fill('"<Bucket_Name>"', {"Bucket_Name": 'a"b'}) == '"a\\"b"'
