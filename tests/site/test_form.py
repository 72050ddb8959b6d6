"""The fill-in form on snippet pages: same rules as `iamkb render`, output `iamkb check` accepts, no HTML injection."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys

import pytest

from iamkb.check import check_document
from iamkb.cli import main
from iamkb.compare import compare
from iamkb.core.findings import FindingType
from iamkb.kb.snippets import load_catalog
from iamkb.render import render, render_each, violations

from .conftest import REPO_ROOT
from .test_search import search

SNIPPET = load_catalog().get("custom-task-types")
VALUES = {
    "input-bucket-name": "my-gt-input",
    "output-bucket-name": "my-gt-output",
    "region": "eu-west-1",
    "account-id": "444455556666",
    "pre-annotation-lambda-name": "gt-pre",
    "post-annotation-lambda-name": "gt_post-2",
}
FORM = ".iamkb-render"


def field(page, name):
    return page.locator(f"#iamkb-render-{SNIPPET.id}-{name}")


def errors(page, name):
    return page.locator(f"#iamkb-render-{SNIPPET.id}-{name}-errors li").all_text_contents()


def output(page) -> str:
    return page.locator(f"{FORM} .iamkb-render__output code").text_content()


@pytest.fixture
def form(page):
    page.goto(f"reference/snippets/{SNIPPET.id}/")
    page.locator(f"{FORM} form").wait_for()
    return page


def test_one_field_per_placeholder_with_example_and_rule(form):
    catalog = load_catalog()
    for name in SNIPPET.placeholders:
        placeholder = catalog.placeholders[name]
        assert field(form, name).get_attribute("placeholder") == placeholder.example
        rule = form.locator(f"#iamkb-render-{SNIPPET.id}-{name}-rule a")
        assert rule.text_content() == placeholder.rule.title
        assert rule.get_attribute("href") == placeholder.rule.learn_more
    assert output(form) == SNIPPET.text()  # nothing typed yet: the snippet as published


def test_invalid_bucket_name_shows_the_naming_rule(form):
    field(form, "input-bucket-name").press_sequentially("My_Bucket")
    shown = errors(form, "input-bucket-name")
    assert "may contain only lowercase letters, digits, periods (.) and hyphens (-)" in shown
    assert shown == violations("input-bucket-name", "My_Bucket")
    assert field(form, "input-bucket-name").get_attribute("aria-invalid") == "true"
    assert "My_Bucket" not in output(form) and "<input-bucket-name>" in output(form)
    assert form.locator(f"{FORM} .iamkb-render__copy").is_disabled()
    assert form.locator(f"{FORM} .iamkb-render__download").get_attribute("href") is None


@pytest.mark.parametrize(
    "name, value",
    [
        ("input-bucket-name", "ab"),
        ("input-bucket-name", "a..b"),
        ("input-bucket-name", "192.168.1.1"),
        ("input-bucket-name", "xn--bucket"),
        ("input-bucket-name", "bucket-s3alias"),
        ("input-bucket-name", "-bucket"),
        ("input-bucket-name", "b" * 64),
        ("region", "US East"),
        ("region", "us-gov-west-1"),
        ("account-id", "1111-2222-3333"),
        ("account-id", "012345678901"),
        ("pre-annotation-lambda-name", "arn:aws:lambda:us-east-1:111122223333:function:f"),
        ("pre-annotation-lambda-name", "f" * 65),
    ],
)
def test_browser_and_python_rules_agree(form, name, value):
    field(form, name).fill(value)
    assert errors(form, name) == violations(name, value)


def test_valid_values_render_json_that_check_accepts(form):
    for name, value in VALUES.items():
        field(form, name).press_sequentially(value)
    assert all(errors(form, name) == [] for name in VALUES)
    text = output(form)
    assert text == render(SNIPPET, VALUES).text  # the same bytes `iamkb render` prints
    document = json.loads(text)
    assert document["Statement"][2]["Resource"][1] == "arn:aws:lambda:eu-west-1:444455556666:function:gt_post-2"
    findings = check_document(text, SNIPPET.check_kind)
    assert not [f for f in findings if f.finding_type == FindingType.ERROR]
    assert not form.locator(f"{FORM} .iamkb-render__copy").is_disabled()


def test_typed_markup_is_never_interpreted(form):
    dialogs = []
    form.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    images_before = form.locator("img").count()
    markup = "<img src=x onerror=alert(1)>"
    for name in ("input-bucket-name", "pre-annotation-lambda-name"):
        field(form, name).press_sequentially(markup)
    form.wait_for_timeout(300)  # an onerror handler would have run by now
    assert dialogs == []
    assert form.locator("img").count() == images_before
    assert form.locator(f"{FORM} img").count() == 0
    assert form.evaluate("document.querySelectorAll('img[src=x]').length") == 0
    assert field(form, "input-bucket-name").input_value() == markup  # kept as text, and refused
    assert errors(form, "input-bucket-name") == violations("input-bucket-name", markup)


def test_copy_copies_exactly_the_rendered_text(form, context, base_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    form.locator(f"{FORM} button", has_text="Fill in the examples").click()
    form.locator(f"{FORM} .iamkb-render__copy").click()
    form.locator(f"{FORM} .iamkb-render__status", has_text="Copied").wait_for()
    copied = form.evaluate("navigator.clipboard.readText()")
    assert copied == output(form) == render(SNIPPET, use_examples=True).text


def test_download_serves_the_rendered_text(form):
    for name, value in VALUES.items():
        field(form, name).fill(value)
    with form.expect_download() as download:
        form.locator(f"{FORM} .iamkb-render__download").click()
    assert download.value.suggested_filename == SNIPPET.path.name
    with open(download.value.path(), encoding="utf-8") as served:
        assert served.read() == output(form) == render(SNIPPET, VALUES).text


def test_pages_without_placeholders_have_no_form(page):
    page.goto("reference/snippets/ground-truth-console/")
    page.locator("h1").wait_for()
    assert page.locator(FORM).count() == 0


def test_action_index_lists_expanded_actions_with_their_snippets(page):
    page.goto("reference/actions/")
    row = page.locator("tr", has=page.locator("code", has_text="kms:ReEncryptTo"))
    assert "output-data-key-policy" in row.text_content()
    labeling = page.locator("tr", has=page.locator("code", has_text="sagemaker:CreateLabelingJob"))
    assert "ground-truth-console" in labeling.text_content() and "AmazonSageMakerFullAccess" in labeling.text_content()


@pytest.mark.parametrize("action", ["kms:ReEncryptFrom", "sagemaker:CreateLabelingJob"])
def test_searching_an_action_only_a_wildcard_grants_finds_the_action_index(page, action):
    assert not any(f'"{action}"' in s.text() for s in load_catalog().snippets)  # only via kms:ReEncrypt*, sagemaker:*
    assert "/reference/actions/" in search(page, action)


# --- the hook's pages and data, checked against the commands themselves -------------------------------

HOOKS = REPO_ROOT / "docs" / "hooks"


def load_hook():
    sys.path.insert(0, str(HOOKS))
    try:
        spec = importlib.util.spec_from_file_location("grants_pages_under_test", HOOKS / "grants_pages.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(HOOKS))


def test_embedded_data_cannot_end_its_script_element():
    hook = load_hook()
    hostile = {"text": "</script><script>alert(1)</script><!--", "amp": "&lt;"}
    embedded = hook._script_json(hostile)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == hostile


def test_each_comparison_on_the_site_is_what_the_command_says(site_dir, capsys):
    hook = load_hook()
    page = (site_dir / "reference" / "comparisons" / "index.html").read_text(encoding="utf-8")
    statuses = [int(s) for s in re.findall(r"Output \(exit status (\d)\)", page)]
    assert len(statuses) == len(hook.QUESTIONS)
    for question, shown in zip(hook.QUESTIONS, statuses, strict=True):
        argv = ["compare", question.a, question.b]
        for name, value in question.values.items():
            argv += ["--set", f"{name}={value}"]
        status = main(argv)
        out = capsys.readouterr().out
        assert status == shown, question.title
        assert html.escape(out.splitlines()[-1], quote=False) in page
        assert ("Not covered" if status else "Covered") in page


def test_the_four_answers():
    """The questions the site answers, pinned: a change in a snippet or in compare that flips one is news."""
    hook = load_hook()
    answers = {}
    for question in hook.QUESTIONS:
        a, b = render_each([question.a, question.b], question.values)
        answers[question.title] = compare(a.document(), b.document()).a_allows_more
    assert list(answers.values()) == [False, False, False, True]
