"""The error-message table (`failures.json`): every row is well formed, matches its own example, and points at
requirements that exist; access denied messages point at the job's requirements by action and resource."""

from __future__ import annotations

from pathlib import Path

import pytest

from iamkb.job.failures import failures, match
from iamkb.job.inputs import read_job
from iamkb.job.requirements import requirements, rows

FIXTURES = Path(__file__).parent / "fixtures"
ROW_IDS = {row["id"] for row in rows()}


@pytest.mark.parametrize("failure", failures(), ids=lambda f: f.id)
def test_each_row_matches_its_example_and_names_real_requirements(failure):
    assert failure.id in [m.failure.id for m in match(failure.example)]
    assert set(failure.requirements) <= ROW_IDS
    assert failure.sources and all(s["url"].startswith("https://") for s in failure.sources)
    assert failure.by_action or failure.requirements or "Not " in failure.cause or "not a" in failure.cause.lower()


def test_ids_are_unique():
    ids = [f.id for f in failures()]
    assert len(ids) == len(set(ids))


def test_access_denied_points_at_the_requirement_with_that_action_and_resource():
    job = read_job(FIXTURES / "custom-keys.json")
    reqs = requirements(job)
    text = (
        "User: arn:aws:sts::111122223333:assumed-role/gt-exec/SageMaker is not authorized to perform: "
        's3:GetObject on resource: "arn:aws:s3:::acme-text/ui/template.html" because no identity-based policy '
        "allows the s3:GetObject action"
    )
    (found,) = match(text)
    assert (found.failure.id, found.action, found.resource) == (
        "access-denied",
        "s3:GetObject",
        "arn:aws:s3:::acme-text/ui/template.html",
    )
    assert found.requirement_ids(reqs) == ["EXEC_READ_UI_TEMPLATE", "EXEC_READ_INPUT_OBJECTS"]  # acme-text/*
    # without a resource, every requirement with the action is a candidate
    (broad,) = match("is not authorized to perform: lambda:InvokeFunction")
    assert broad.requirement_ids(reqs) == ["EXEC_INVOKE_PRE_ANNOTATION", "EXEC_INVOKE_POST_ANNOTATION"]


def test_specific_rows_come_before_the_generic_one():
    found = match(
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sagemaker:AddTags on "
        "resource: arn:aws:sagemaker:eu-west-1:111122223333:labeling-job/reviews"
    )
    assert [m.failure.id for m in found] == ["add-tags-denied", "access-denied"]
    assert found[0].requirement_ids(requirements(read_job(FIXTURES / "custom-keys.json"))) == ["CALLER_ADD_TAGS"]


def test_a_message_nobody_listed_matches_nothing():
    assert match("InternalServerError: try again later") == []


def test_the_troubleshooting_page_has_every_row_with_links_that_resolve():
    import re
    import sys

    hooks = Path(__file__).resolve().parents[2] / "docs" / "hooks"
    if str(hooks) not in sys.path:
        sys.path.insert(0, str(hooks))
    from pages import job_requirements, troubleshooting  # the site's page generators (docs/hooks/pages/)

    page = troubleshooting.markdown()
    anchors = set(re.findall(r'<code id="([a-z0-9_]+)">', job_requirements.markdown()))
    for failure in failures():
        assert f"{{ #{failure.id} }}" in page
    links = re.findall(r"\(\.\./reference/job-requirements\.md#([a-z0-9_]+)\)", page)
    assert links and set(links) <= anchors
    assert '--cors BUCKET=cors.json \\\n    --failure-reason "failed to load image"' in page
    assert "--failure-reason \"ClientError: SageMaker was unable to assume the role 'arn:aws:iam" in page
