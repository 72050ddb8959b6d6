"""`plan_job` on every fixture: the plan proves itself, and its documents match the stored snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from iamkb.job.inputs import read_jobs
from iamkb.job.model import JobOptions, Principal
from iamkb.job.plan import documents, fixing_statement, plan_job, sid
from iamkb.job.prove import prove

FIXTURES = Path(__file__).parent / "fixtures"
JOBS = [(path.stem, job) for path in sorted(FIXTURES.glob("*.json")) for job in read_jobs(path)]
EVERYTHING = JobOptions(
    caller_arn="arn:aws:iam::111122223333:user/alice",
    bucket_enforces_kms=True,
    bucket_vpce=True,
    vpc_endpoints=("vpce-0123456789abcdef0",),
    s3_event_notifications=True,
    input_key_arn="arn:aws:kms:us-east-1:111122223333:key/99999999-1111-2222-3333-444444444444",
)


@pytest.mark.parametrize("name,job", JOBS, ids=[f"{n}-{j.name}" for n, j in JOBS])
def test_every_fixture_plans_and_proves_itself(name, job, snapshot):
    plan = plan_job(job)
    proof = prove(plan, compare_alternatives=False)
    assert proof.failures == []
    assert all(r.get("decision") == "Allowed" or r.get("present") for r in proof.requirements)
    assert proof.neighbours and all(n["decision"] != "Allowed" for n in proof.neighbours)
    snapshot(
        f"{name}-{job.name}",
        {"documents": documents(plan), "maxSessionDuration": plan.max_session_duration, "notes": plan.notes},
    )


@pytest.mark.parametrize("name,job", JOBS, ids=[f"{n}-{j.name}" for n, j in JOBS])
def test_every_option_at_once_still_proves(name, job):
    proof = prove(plan_job(job, EVERYTHING), compare_alternatives=False)
    assert proof.failures == []


def test_plan_is_pure_and_stable():
    job = dict(JOBS)["custom-keys"]
    assert documents(plan_job(job)) == documents(plan_job(job))


def test_guardrails_and_pass_role_are_exact():
    job = dict(JOBS)["custom-keys"]
    caller = plan_job(job).caller_policy["Statement"]
    create = next(s for s in caller if s["Sid"] == "CallerCreateLabelingJob")
    assert create["Resource"] == ["arn:aws:sagemaker:eu-west-1:111122223333:labeling-job/reviews"]
    assert set(create["Condition"]["ArnEquals"]) == {
        "sagemaker:WorkteamArn",
        "sagemaker:OutputKmsKeyArn",
        "sagemaker:VolumeKmsKeyArn",
    }
    pass_role = next(s for s in caller if s["Sid"] == "CallerPassRole")
    assert pass_role["Resource"] == [job.role_arn]
    assert pass_role["Condition"] == {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}


def test_key_policy_keeps_the_account_root_statement():
    plan = plan_job(dict(JOBS)["custom-keys"])
    assert len(plan.key_policies) == 2
    for key, document in plan.key_policies.items():
        root = document["Statement"][0]
        assert root["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"} and root["Action"] == "kms:*"
        assert document["Statement"][1:] == plan.key_policy_statements[key]


def test_point_cloud_gets_cors_on_both_buckets_and_a_long_session():
    plan = plan_job(dict(JOBS)["point-cloud-describe"])
    assert set(plan.cors) == {"acme-lidar", "acme-lidar-out"}
    assert plan.max_session_duration == 28800


def test_fixing_statement_finds_the_planned_statement_of_each_requirement():
    plan = plan_job(dict(JOBS)["custom-keys"], EVERYTHING)
    for req in plan.requirements:
        found = fixing_statement(plan, req)
        if req.setting is not None:
            assert found is None
            continue
        assert found is not None, req.id
        name, statement = found
        assert statement["Sid"].startswith(sid(req.id)) and req.action in statement["Action"]
        if req.principal is Principal.KEY_POLICY:
            assert name.startswith("key-policy-")
