"""A plan that is wrong must fail its proof with a message that says what and where."""

from __future__ import annotations

import copy
from pathlib import Path

from iamkb.job.inputs import read_job
from iamkb.job.model import Requirement
from iamkb.job.plan import plan_job
from iamkb.job.prove import neighbours, other_resources, prove

FIXTURES = Path(__file__).parent / "fixtures"


def _plan(name: str = "custom-keys"):
    return plan_job(read_job(FIXTURES / f"{name}.json"))


def test_a_missing_statement_fails_the_simulation():
    plan = _plan()
    plan.execution_role_policy = copy.deepcopy(plan.execution_role_policy)
    plan.execution_role_policy["Statement"] = [
        s for s in plan.execution_role_policy["Statement"] if s["Sid"] != "ExecInvokePostAnnotation"
    ]
    failures = prove(plan, compare_alternatives=False).failures
    assert failures == [
        (
            "simulate EXEC_INVOKE_POST_ANNOTATION: lambda:InvokeFunction on "
            "arn:aws:lambda:eu-west-1:111122223333:function:reviews-post by "
            "arn:aws:iam::111122223333:role/gt-exec is ImplicitlyDenied, but the job needs it"
        )
    ]


def test_a_too_broad_resource_fails_on_the_neighbour_it_lets_in():
    plan = _plan()
    for statement in plan.execution_role_policy["Statement"]:
        if statement["Sid"] == "ExecInvokePreAnnotation":
            statement["Resource"] = ["arn:aws:lambda:eu-west-1:111122223333:function:*"]
    failures = prove(plan, compare_alternatives=False).failures
    assert (
        "simulate neighbour of EXEC_INVOKE_PRE_ANNOTATION (another function): lambda:InvokeFunction on "
        "arn:aws:lambda:eu-west-1:111122223333:function:reviews-pre-other is Allowed, but the plan must deny it"
        in failures
    )


def test_a_dropped_guardrail_fails_on_another_workteam():
    plan = _plan()
    create = plan.caller_policy["Statement"][0]
    del create["Condition"]["ArnEquals"]["sagemaker:WorkteamArn"]
    failures = prove(plan, compare_alternatives=False).failures
    assert any("(another sagemaker:WorkteamArn)" in f for f in failures)
    assert any("(no sagemaker:WorkteamArn)" in f for f in failures)


def test_pass_role_to_another_service_is_a_neighbour():
    plan = _plan()
    del plan.caller_policy["Statement"][1]["Condition"]
    failures = prove(plan, compare_alternatives=False).failures
    assert any("CALLER_PASS_ROLE (another iam:PassedToService)" in f for f in failures)


def test_a_policy_that_check_rejects_fails_the_check():
    plan = _plan("bounding-box")
    plan.trust_policy["Statement"][0]["Action"] = ["sts:AssumeRole", "s3:GetObject"]
    failures = prove(plan, compare_alternatives=False).failures
    assert any(f.startswith("check trust-policy.json#") for f in failures)


def test_a_missing_cors_rule_fails():
    plan = _plan("point-cloud-describe")
    del plan.cors["acme-lidar-out"]
    plan.max_session_duration = None
    failures = prove(plan, compare_alternatives=False).failures
    assert any(f.startswith("setting CORS_OUTPUT_3D:") and "cors-acme-lidar-out.json" in f for f in failures)
    assert any(f.startswith("setting ROLE_MAX_SESSION_DURATION:") for f in failures)


def test_neighbours_of_an_s3_prefix():
    assert other_resources("arn:aws:s3:::acme-output/labels/*") == [
        ("another bucket", "arn:aws:s3:::acme-output-other/labels/*"),
        ("a sibling prefix", "arn:aws:s3:::acme-output/labels-other/*"),
    ]
    assert other_resources("arn:aws:s3:::b/jobs/manifest.json")[1] == (
        "another object",
        "arn:aws:s3:::b/jobs/other-manifest.json",
    )
    assert other_resources("*") == []


def test_a_needed_sibling_is_not_a_neighbour():
    """The manifest's sibling object lies inside the input bucket the job reads: not listed as a must-deny."""
    proof = prove(_plan(), compare_alternatives=False)
    listed = {(n["action"], n["resource"]) for n in proof.neighbours}
    assert ("s3:GetObject", "arn:aws:s3:::acme-text/in/other-manifest.jsonl") not in listed
    assert ("s3:GetObject", "arn:aws:s3:::acme-text-other/in/manifest.jsonl") in listed


def test_neighbours_of_a_trust_requirement_change_the_principal():
    req = next(r for r in _plan().requirements if r.id == "TRUST_SAGEMAKER")
    assert isinstance(req, Requirement)
    assert [(what, n.request_principal) for what, n in neighbours(req)] == [("another principal", "ec2.amazonaws.com")]


def test_alternatives_report_extra_grants_and_missing_requirements():
    proof = prove(_plan("bounding-box"))
    managed = next(a for a in proof.alternatives if a["alternative"] == "AmazonSageMakerGroundTruthExecution")
    assert managed["beyondPlan"] > 0 and managed["examples"]
    # the managed policy's bucket-name rules: acme-* buckets are not *sagemaker*/*GroundTruth* names
    assert {"EXEC_READ_MANIFEST", "EXEC_WRITE_OUTPUT"} <= {m["id"] for m in managed["notAllowed"]}
    trust = next(a for a in proof.alternatives if a["alternative"] == "sagemaker-trust-policy")
    assert trust["beyondPlan"] == 0 and trust["notAllowed"] == []
