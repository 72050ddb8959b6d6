"""The "Does it cover my bucket?" check on the managed-policies how-to answers as `iamkb simulate` does.

For each bucket and object a reader might type, every row the page shows (action, resource, decision) is
compared with the simulator's decision on AmazonSageMakerGroundTruthExecution, with and without the object's
`SageMaker=true` tag. The cases include the surprises the page states: listing allowed on any bucket, a key
containing a name word matching in any bucket, capitalised words that can only match in keys.
"""

from __future__ import annotations

import pytest

from iamkb.kb.snippets import load_catalog
from iamkb.simulate import Policies, Request, evaluate

PAGE = "how-to/managed-policies/"
FORM = "form.bucket-coverage"
ROLE = "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"
MANAGED = load_catalog().get("AmazonSageMakerGroundTruthExecution").document()
CASES = [
    ("acme-data", "images/0001.jpg"),
    ("acme-data", "sagemaker/0001.jpg"),
    ("acme-data", "SageMaker-jobs/0001.jpg"),
    ("my-groundtruth-input", "images/0001.jpg"),
    ("my-sagemaker-output", "labels/output.manifest"),
    ("ground-truth-input", "images/0001.jpg"),
    ("acme-data", "a:b/c?.jpg"),
]
TAG = "s3:ExistingObjectTag/SageMaker"


def simulated(action: str, resource: str, tagged: bool) -> str:
    context = {TAG: "TRUE"} if tagged else {}
    request = Request(action, resource, principal=ROLE, context=context)
    return str(evaluate(Policies(identity=[MANAGED]), request).decision)


def rows(page) -> list[tuple[str, str, str]]:
    found = page.locator(f"{FORM} tbody tr")
    return [
        (row.get_attribute("data-action"), row.locator("td").nth(1).inner_text(), row.get_attribute("data-decision"))
        for row in found.all()
    ]


@pytest.mark.parametrize("tagged", [False, True], ids=["untagged", "tagged"])
def test_every_answer_is_the_simulators(page, tagged):
    page.goto(PAGE)
    form = page.locator(FORM)
    form.wait_for(state="visible")
    if tagged:
        form.locator("input[name=tagged]").check()
    compared = 0
    for bucket, key in CASES:
        form.locator("input[name=bucket]").fill(bucket)
        form.locator("input[name=key]").fill(key)
        shown = rows(page)
        assert len(shown) == 5, (bucket, key, shown)
        for action, resource, decision in shown:
            assert decision == simulated(action, resource, tagged), (action, resource, tagged)
            compared += 1
    assert compared == 5 * len(CASES)


def test_the_page_shows_the_surprises_it_states(page):
    """acme-data: listing yes, objects no; the same bucket with a key naming sagemaker: objects yes."""
    page.goto(PAGE)
    form = page.locator(FORM)
    form.wait_for(state="visible")
    form.locator("input[name=bucket]").fill("acme-data")
    form.locator("input[name=key]").fill("images/0001.jpg")
    decisions = {action: decision for action, _resource, decision in rows(page)}
    assert decisions["s3:ListBucket"] == "Allowed"
    assert decisions["s3:GetObject"] == decisions["s3:PutObject"] == "ImplicitlyDenied"
    form.locator("input[name=key]").fill("sagemaker/0001.jpg")
    decisions = {action: decision for action, _resource, decision in rows(page)}
    assert decisions["s3:GetObject"] == decisions["s3:PutObject"] == "Allowed"


def test_without_javascript_the_page_says_what_to_run_instead(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto(PAGE)
        assert not page.locator(FORM).is_visible()
        assert "iamkb simulate" in page.locator("noscript").first.inner_text()
    finally:
        context.close()
