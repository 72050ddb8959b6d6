"""fill_in_forms.py (the hook): a marker on a hand-written page becomes the form, placed right after its policy."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fill_in_forms import marker, on_page_markdown, place_forms
from mkdocs.exceptions import PluginError

POLICY = '```json title="execution-role/built-in-task-types.json"\n--8<-- "snippets/execution-role/built-in-task-types.json"\n```\n'
OTHER = '```json title="x"\n--8<-- "snippets/execution-role/automated-labeling-passrole.json"\n```\n'
CONSOLE = '```json\n--8<-- "snippets/console/ground-truth-console.json"\n```\n'


def test_the_marker_becomes_the_form_after_the_policy():
    page = f"# Guide\n\n{POLICY}\n{marker('built-in-task-types')}\n\nNext paragraph.\n"
    markdown, placed = place_forms(page, "how-to/guide.md")
    assert placed == ["built-in-task-types"]
    assert marker("built-in-task-types") not in markdown
    before, after = markdown.split('<div class="admonition note iamkb-render-box">', 1)
    assert before == f"# Guide\n\n{POLICY}\n"
    assert after.endswith("</div>\n\nNext paragraph.\n")


def test_an_indented_marker_keeps_its_block():
    indented = "".join("    " + line + "\n" for line in POLICY.splitlines())
    page = f'!!! note "In a box"\n\n{indented}\n    {marker("built-in-task-types")}\n'
    markdown, _ = place_forms(page, "how-to/guide.md")
    form = markdown.split("\n\n", 2)[2]
    assert all(line.startswith("    ") for line in form.splitlines() if line)


def test_the_page_meta_lists_the_forms():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="how-to/guide.md"), meta={"diataxis": "how-to"})
    on_page_markdown(f"{POLICY}\n{marker('built-in-task-types')}\n", page, None, None)
    assert page.meta["fill_in_forms"] == ["built-in-task-types"]
    untouched = SimpleNamespace(file=SimpleNamespace(src_uri="explanation/x.md"), meta={})
    assert on_page_markdown("# Nothing\n", untouched, None, None) == "# Nothing\n" and untouched.meta == {}


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (f"{POLICY}\n{marker('no-such-snippet')}\n", "no catalog snippet 'no-such-snippet'"),
        (f"{CONSOLE}\n{marker('ground-truth-console')}\n", "has no placeholders"),
        (f"{POLICY}\nSome text.\n\n{marker('built-in-task-types')}\n", "must come right after the code block"),
        (f"{OTHER}\n{marker('built-in-task-types')}\n", "must come right after the code block"),
        (f"{POLICY}\n{marker('built-in-task-types')}\n{marker('built-in-task-types')}\n", "a second fill-in form"),
        (f"{POLICY}\nNo form.\n", "shows built-in-task-types with placeholders but no fill-in form"),
    ],
)
def test_wrong_or_missing_markers_fail_the_build_with_the_line(page, message):
    with pytest.raises(PluginError, match=message) as raised:
        place_forms(page, "how-to/guide.md")
    assert "how-to/guide.md" in str(raised.value)


def test_a_missing_marker_is_required_only_in_the_guides():
    """An explanation page may show a policy without its form; a how-to guide may not."""
    assert place_forms(f"{POLICY}\nText.\n", "explanation/x.md") == (f"{POLICY}\nText.\n", [])
    assert place_forms(f"{CONSOLE}\nText.\n", "how-to/guide.md")[1] == []  # nothing to fill in


def test_the_marker_error_says_which_line():
    with pytest.raises(PluginError, match=r"how-to/guide.md:7:"):
        place_forms(f"{POLICY}\nText.\n\n{marker('built-in-task-types')}\n", "how-to/guide.md")
