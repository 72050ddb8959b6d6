"""The fill-in form: same rules as `iamkb render`, output `iamkb check` accepts, no HTML injection, never
"ready" with example values, on the snippet pages and in the how-to guides, and a plain answer without
JavaScript."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from iamkb.check import check_document
from iamkb.cli import build_parser
from iamkb.core.findings import FindingType
from iamkb.kb.snippets import load_catalog
from iamkb.render import render, violations

from .conftest import REPO_ROOT
from .test_search import ACTION_INDEX, search

pytestmark = pytest.mark.long  # run first (tests/conftest.py)

CATALOG = load_catalog()
SNIPPET = CATALOG.get("custom-task-types")
VALUES = {
    "input-bucket-name": "my-gt-input",
    "output-bucket-name": "my-gt-output",
    "region": "eu-west-1",
    "account-id": "444455550000",
    "pre-annotation-lambda-name": "gt-pre",
    "post-annotation-lambda-name": "gt_post-2",
}
FORM = ".iamkb-render"
SCRIPT = "javascripts/render-form.js"


def guides_with_placeholders() -> dict[str, list[str]]:
    """Every how-to guide that includes a policy with placeholders -> those policies, in page order."""
    found = {}
    for guide in sorted((REPO_ROOT / "docs" / "how-to").glob("*.md")):
        included = re.findall(r'--8<-- "(snippets/[^"]+)"', guide.read_text(encoding="utf-8"))
        snippets = [CATALOG.by_path(REPO_ROOT / path) for path in included]
        with_placeholders = [s.id for s in snippets if s is not None and s.placeholders]
        if with_placeholders:
            found[f"how-to/{guide.stem}/"] = with_placeholders
    return found


GUIDES = guides_with_placeholders()


def field(page, name, snippet_id=SNIPPET.id):
    return page.locator(f"#iamkb-render-{snippet_id}-{name}")


def errors(page, name):
    return page.locator(f"#iamkb-render-{SNIPPET.id}-{name}-errors li").all_text_contents()


def output(page, snippet_id=SNIPPET.id) -> str:
    return page.locator(f'{FORM}[data-snippet="{snippet_id}"] .iamkb-render__output code').text_content()


def status(page) -> str:
    return page.locator(f"{FORM} .iamkb-render__status").text_content()


def ready_to_copy(page) -> bool:
    copy = page.locator(f"{FORM} .iamkb-render__copy")
    download = page.locator(f"{FORM} .iamkb-render__download")
    return not copy.is_disabled() and download.get_attribute("href") is not None


def open_form(page):
    page.goto(f"reference/snippets/{SNIPPET.id}/")
    page.locator(f"{FORM} form").wait_for()
    return page


@pytest.fixture
def form(page):
    return open_form(page)


@pytest.fixture(scope="module")
def one_form(browser, base_url):
    """One loaded form for tests that each fill a single field and read only that field's errors: filling
    replaces the field's value, so they need no fresh page each (a page load is most of such a test)."""
    context = browser.new_context(base_url=base_url)
    yield open_form(context.new_page())
    context.close()


def test_one_field_per_placeholder_with_example_and_rule(form):
    for name in SNIPPET.placeholders:
        placeholder = CATALOG.placeholders[name]
        assert field(form, name).get_attribute("placeholder") == placeholder.example
        rule = form.locator(f"#iamkb-render-{SNIPPET.id}-{name}-rule a")
        assert rule.text_content() == placeholder.rule.title
        assert rule.get_attribute("href") == placeholder.rule.learn_more
    assert output(form) == SNIPPET.text()  # nothing typed yet: the snippet as published
    assert "iamkb render" in form.locator(f"{FORM} .iamkb-render__intro").text_content()


def test_invalid_bucket_name_shows_the_naming_rule(form):
    field(form, "input-bucket-name").press_sequentially("My_Bucket")
    shown = errors(form, "input-bucket-name")
    assert "may contain only lowercase letters, digits, periods (.) and hyphens (-)" in shown
    assert shown == violations("input-bucket-name", "My_Bucket")
    assert field(form, "input-bucket-name").get_attribute("aria-invalid") == "true"
    assert "My_Bucket" not in output(form) and "<input-bucket-name>" in output(form)
    assert not ready_to_copy(form)


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
def test_browser_and_python_rules_agree(one_form, name, value):
    field(one_form, name).fill(value)
    assert errors(one_form, name) == violations(name, value)


def test_valid_values_render_json_that_check_accepts(form):
    for name, value in VALUES.items():
        field(form, name).press_sequentially(value)
    assert all(errors(form, name) == [] for name in VALUES)
    text = output(form)
    assert text == render(SNIPPET, VALUES).text  # the same bytes `iamkb render` prints
    document = json.loads(text)
    assert document["Statement"][2]["Resource"][1] == "arn:aws:lambda:eu-west-1:444455550000:function:gt_post-2"
    findings = check_document(text, SNIPPET.check_kind)
    assert not [f for f in findings if f.finding_type == FindingType.ERROR]
    assert "ready to copy" in status(form) and ready_to_copy(form)


def test_the_examples_are_never_ready_to_copy(form):
    """ "Fill in the examples" shows the policy with 111122223333 and my-labeling-input: never a policy to attach."""
    form.locator(f"{FORM} button", has_text="Fill in the examples").click()
    assert output(form) == render(SNIPPET, use_examples=True).text
    assert "111122223333" in output(form) and "my-labeling-input" in output(form)
    shown = status(form)
    assert "example values" in shown and "ready to copy" not in shown
    for name in SNIPPET.placeholders:
        assert f"<{name}>" in shown
        note = form.locator(f"#iamkb-render-{SNIPPET.id}-{name}-example").text_content()
        assert "example value" in note
    assert not ready_to_copy(form)
    # Typing over each example makes the value the reader's own, even us-east-1, the example Region.
    for name, value in {**VALUES, "region": CATALOG.placeholders["region"].example}.items():
        field(form, name).fill(value)
    assert "ready to copy" in status(form) and ready_to_copy(form)


@pytest.mark.parametrize("value", ["111122223333", "123456789012"])
def test_a_typed_example_account_is_not_ready_either(form, value):
    """The accounts `iamkb check` calls example values (EXAMPLE_VALUE) are examples however they got there."""
    for name, own in {**VALUES, "account-id": value}.items():
        field(form, name).fill(own)
    assert errors(form, "account-id") == []  # a valid account id, and still an example
    assert "example values" in status(form) and "<account-id>" in status(form)
    assert not ready_to_copy(form)


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
    for name, value in VALUES.items():
        field(form, name).fill(value)
    form.locator(f"{FORM} .iamkb-render__copy").click()
    form.locator(f"{FORM} .iamkb-render__status", has_text="Copied").wait_for()
    copied = form.evaluate("navigator.clipboard.readText()")
    assert copied == output(form) == render(SNIPPET, VALUES).text


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


def own_values(snippet) -> dict[str, str]:
    """Valid values that are nobody's example, for every placeholder of `snippet`."""
    mine = {
        "s3-bucket-name": "acme-labels",
        "account-id": "444455550000",
        "iam-role-name": "AcmeLabelingRole",
        "region": "eu-west-1",
        "lambda-function-name": "acme-fn",
    }
    return {name: mine[CATALOG.placeholders[name].rule.id] for name in snippet.placeholders}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.split("/")[1])
def test_how_to_guides_offer_the_form_right_after_each_policy(page, guide):
    page.goto(guide)
    page.locator(f"{FORM} form").first.wait_for()
    placed = page.locator(f"{FORM}[data-snippet]").evaluate_all("forms => forms.map(f => f.dataset.snippet)")
    assert placed == GUIDES[guide]
    for snippet_id in placed:
        snippet = CATALOG.get(snippet_id)
        # The element before the form's box is the code block of the policy it fills.
        before = page.locator(f'.iamkb-render-box:has({FORM}[data-snippet="{snippet_id}"])').evaluate(
            "box => box.previousElementSibling.querySelector('code').textContent"
        )
        assert json.loads(before) == snippet.document()
        values = own_values(snippet)
        for name, value in values.items():
            field(page, name, snippet_id).fill(value)
        assert output(page, snippet_id) == render(snippet, values).text


def test_the_guides_that_need_a_form_are_found():
    """What the test above relies on: the guides that show the execution role and key policies are among them."""
    assert GUIDES["how-to/execution-role-built-in/"] == ["built-in-task-types", "automated-labeling-passrole"]
    assert GUIDES["how-to/execution-role-custom/"] == ["custom-task-types"]
    assert GUIDES["how-to/kms-encryption/"] == ["output-data-key-policy"]


def form_pages(site_dir) -> dict[str, bool]:
    """Every built HTML page -> whether it shows a fill-in form."""
    return {
        path.relative_to(site_dir).as_posix(): 'class="iamkb-render"' in path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*.html"))
    }


def test_the_form_script_loads_only_on_pages_with_a_form(site_dir):
    pages = form_pages(site_dir)
    assert sum(pages.values()) == len(GUIDES) + sum(1 for s in CATALOG.snippets if s.placeholders)
    script = re.compile(r'<script src="[^"]*' + re.escape(SCRIPT) + '"')
    loading = {path for path in pages if script.search((site_dir / path).read_text(encoding="utf-8"))}
    assert loading == {path for path, has_form in pages.items() if has_form}


def test_a_page_without_a_form_requests_no_form_script(page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("", wait_until="load")
    assert requested and not [url for url in requested if url.endswith(SCRIPT)]


@pytest.mark.parametrize("path", ["how-to/execution-role-built-in/", f"reference/snippets/{SNIPPET.id}/"])
def test_without_javascript_the_form_says_what_to_do(new_context, path):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(path)
    notes = page.locator(".iamkb-render__noscript")
    assert notes.count() >= 1
    for number in range(notes.count()):
        container = page.locator(FORM).nth(number)
        snippet = CATALOG.get(container.get_attribute("data-snippet"))
        assert notes.nth(number).is_visible()
        assert "needs JavaScript" in notes.nth(number).text_content()
        command = container.locator("noscript pre, pre").first.text_content()
        words = shlex.split(command.replace("\\\n", " "))  # a shell joins the continued lines
        assert words[:3] == ["iamkb", "render", snippet.id]
        # The command parses with `iamkb render`'s own options and names each placeholder once.
        args = build_parser("render").parse_args(words[1:])
        assert [pair.split("=", 1)[0] for pair in args.set] == list(snippet.placeholders)
        assert container.locator("input").count() == 0  # no dead fields


def test_action_index_lists_expanded_actions_with_their_snippets(page):
    page.goto("reference/actions/")
    row = page.locator("tr", has=page.locator("code", has_text="kms:ReEncryptTo"))
    assert "output-data-key-policy" in row.text_content()
    labeling = page.locator("tr", has=page.locator("code", has_text="sagemaker:CreateLabelingJob"))
    assert "ground-truth-console" in labeling.text_content() and "AmazonSageMakerFullAccess" in labeling.text_content()


@pytest.mark.parametrize("action", ["kms:ReEncryptFrom", "sagemaker:CreateLabelingJob"])
def test_searching_an_action_only_a_wildcard_grants_finds_the_action_index(page, action):
    assert not any(f'"{action}"' in s.text() for s in CATALOG.snippets)  # only via kms:ReEncrypt*, sagemaker:*
    assert ACTION_INDEX in search(page, action)
