"""`iamkb.job.verify`: the planted gaps are found with the statement that fixes them; a planned setup is clean."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from iamkb.job.inputs import read_job
from iamkb.job.model import JobOptions, Principal
from iamkb.job.plan import plan_job
from iamkb.job.verify import (
    MISSING,
    OK,
    REFUSED,
    UNVERIFIED,
    AccountFacts,
    Cors,
    cors_from_document,
    cors_problems,
    managed_policy,
    verify,
)
from iamkb.job.verify_cli import report_json, report_text
from iamkb.simulate import Policy

FIXTURES = Path(__file__).parent / "fixtures"
VERIFY = FIXTURES / "verify"
OUTPUT_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def policy(name: str, kind: str = "identity") -> Policy:
    return Policy(json.loads((VERIFY / name).read_text()), kind, name)


def by_status(report, status: str) -> set[tuple[str, str | None]]:
    return {(r.requirement.id, r.requirement.action) for r in report.results if r.status == status}


def test_managed_execution_policy_misses_a_bucket_without_sagemaker_in_its_name():
    job = read_job(VERIFY / "acme-data-job.json")
    report = verify(job, facts=AccountFacts(role_policies=(managed_policy("AmazonSageMakerGroundTruthExecution"),)))
    assert by_status(report, MISSING) == {
        ("EXEC_WRITE_OUTPUT", "s3:PutObject"),
        ("EXEC_WRITE_OUTPUT", "s3:AbortMultipartUpload"),
        ("EXEC_WRITE_OUTPUT", "s3:GetObject"),
        ("EXEC_READ_MANIFEST", "s3:GetObject"),
        ("EXEC_READ_INPUT_OBJECTS", "s3:GetObject"),
    }
    manifest = next(r for r in report.results if r.requirement.id == "EXEC_READ_MANIFEST")
    assert manifest.decision == "ImplicitlyDenied" and manifest.decided_by_text() == "no statement allows it"
    assert manifest.fix.where == "plan: execution-role-policy.json"
    assert manifest.fix.value["Sid"] == "ExecReadManifest"
    assert manifest.fix.value["Resource"] == ["arn:aws:s3:::acme-data/in/manifest.json"]
    # the bucket-name rule does not stop ListBucket (Resource "*"), which names the deciding statement
    listing = next(r for r in report.results if r.requirement.action == "s3:ListBucket")
    assert listing.status == OK
    assert listing.decided_by == (
        {"policy": "AWS managed policy AmazonSageMakerGroundTruthExecution", "pointer": "/Statement/3", "sid": None},
    )
    assert report.exit_code() == 1


def test_adding_the_fix_makes_the_same_job_pass():
    job = read_job(VERIFY / "acme-data-job.json")
    facts = AccountFacts(
        role_policies=(managed_policy("AmazonSageMakerGroundTruthExecution"), policy("exec-s3-acme-data.json"))
    )
    report = verify(job, facts=facts)
    assert by_status(report, MISSING) == set()
    write = next(r for r in report.results if r.requirement.action == "s3:PutObject")
    assert write.decided_by[0] == {
        "policy": "exec-s3-acme-data.json",
        "pointer": "/Statement/0",
        "sid": "ReadWriteAcmeData",
    }
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 1  # the caller, the trust policy and CORS were not given


def test_a_key_policy_that_only_delegates_needs_kms_in_the_role_policy():
    job = read_job(FIXTURES / "custom-keys.json")
    plan = plan_job(job)
    facts = AccountFacts(
        role_policies=(Policy(plan.execution_role_policy, "identity", "exec.json"),),
        key_policies={OUTPUT_KEY: policy("key-root-only.json", "resource")},
    )
    report = verify(job, facts=facts, plan=plan)
    missing = by_status(report, MISSING)
    assert ("KEY_OUTPUT_USE", "kms:Decrypt") in missing and ("KEY_OUTPUT_USE", "kms:GenerateDataKey") in missing
    decrypt = next(
        r for r in report.results if r.requirement.id == "KEY_OUTPUT_USE" and r.requirement.action == "kms:Decrypt"
    )
    assert decrypt.reason == "no identity-based policy allows the request"
    assert decrypt.fix.value["Principal"] == {"AWS": "arn:aws:iam::111122223333:role/gt-exec"}
    assert "kms:Decrypt" in decrypt.fix.value["Action"]
    # the volume key has no key policy given: its rows are not verified, never missing
    assert {r.status for r in report.results if r.requirement.id == "KEY_VOLUME_USE"} == {UNVERIFIED}
    assert any("key/abcd1234" in w and "--key-policy" in w for w in report.warnings)


def test_trust_policy_for_another_service_is_missing_and_names_the_fix():
    job = read_job(VERIFY / "acme-data-job.json")
    wrong = verify(job, facts=AccountFacts(trust_policy=policy("trust-ec2.json", "resource")))
    trust = next(r for r in wrong.results if r.requirement.id == "TRUST_SAGEMAKER")
    assert trust.status == MISSING and trust.decision == "ImplicitlyDenied"
    assert trust.fix.value["Principal"] == {"Service": "sagemaker.amazonaws.com"}
    right = verify(job, facts=AccountFacts(trust_policy=policy("trust-sagemaker.json", "resource")))
    trust = next(r for r in right.results if r.requirement.id == "TRUST_SAGEMAKER")
    assert trust.status == OK and trust.decided_by[0]["sid"] == "SageMakerAssumes"


def test_an_scp_deny_is_explicit_and_named():
    job = read_job(VERIFY / "acme-data-job.json")
    facts = AccountFacts(role_policies=(policy("exec-s3-acme-data.json"),), scps=(policy("scp-deny-put.json", "scp"),))
    put = next(r for r in verify(job, facts=facts).results if r.requirement.action == "s3:PutObject")
    assert put.status == MISSING and put.decision == "ExplicitlyDenied"
    assert put.decided_by == ({"policy": "scp-deny-put.json", "pointer": "/Statement/1", "sid": "NoUploads"},)


def test_cors_and_session_length_are_checked_as_settings():
    job = read_job(FIXTURES / "point-cloud-describe.json")
    get_only = cors_from_document(json.loads((VERIFY / "cors-get-only.json").read_text()), "cors-get-only.json")
    facts = AccountFacts(cors={"acme-lidar": get_only, "acme-lidar-out": Cors("none", ())}, max_session_duration=3600)
    report = verify(job, facts=facts)
    results = {r.requirement.id: r for r in report.results if r.requirement.action is None}
    assert results["CORS_INPUT_3D"].status == MISSING
    assert results["CORS_INPUT_3D"].reason == (
        "no CORS rule allows GET from origin * with headers *; no CORS rule allows HEAD; no CORS rule allows PUT"
    )
    assert results["CORS_OUTPUT_3D"].reason == "the bucket has no CORS configuration"
    assert results["CORS_OUTPUT_3D"].fix.value["AllowedMethods"] == ["GET", "HEAD", "PUT"]
    assert results["ROLE_MAX_SESSION_DURATION"].status == MISSING
    assert results["ROLE_MAX_SESSION_DURATION"].fix.value == {"MaxSessionDuration": 28800}
    # the describe file's FailureReason points at the session requirement
    assert [m.failure.id for m in report.failure_matches] == ["session-too-short"]
    assert [r.requirement.id for r in report.explained_by(report.failure_matches[0])] == ["ROLE_MAX_SESSION_DURATION"]

    wide = cors_from_document(json.loads((VERIFY / "cors-3d.json").read_text()), "cors-3d.json")
    fixed = verify(
        job, facts=AccountFacts(cors={"acme-lidar": wide, "acme-lidar-out": wide}, max_session_duration=43200)
    )
    settings = [r for r in fixed.results if r.requirement.action is None]
    assert {r.status for r in settings} == {OK}
    assert settings[0].decided_by[0] == {"policy": "cors-3d.json", "pointer": "/CORSRules/0", "sid": "GroundTruth3D"}


@pytest.mark.parametrize(
    ("rules", "problems"),
    [
        (
            [{"AllowedMethods": ["GET"], "AllowedOrigins": ["https://example.com"]}],
            ["no CORS rule allows GET from origin * with headers none"],
        ),
        ([{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"]}], []),
        (
            [{"AllowedMethods": ["GET", "HEAD", "PUT"], "AllowedOrigins": ["*"], "AllowedHeaders": ["x-amz-*"]}],
            [
                "no CORS rule allows GET from origin * with headers *",
                "no CORS rule allows HEAD from origin * with headers *",
                "no CORS rule allows PUT from origin * with headers *",
            ],
        ),
    ],
)
def test_cors_rules_must_take_origin_and_headers_per_method(rules, problems):
    needs_headers = bool(problems) and "headers *" in problems[0]
    setting = {
        "AllowedMethods": ["GET", "HEAD", "PUT"] if needs_headers else ["GET"],
        "AllowedOrigins": ["*"],
        "AllowedHeaders": ["*"] if needs_headers else [],
    }
    assert cors_problems(rules, setting) == problems


def test_a_planned_setup_verifies_clean():
    job = read_job(FIXTURES / "custom-keys.json")
    options = JobOptions(
        caller_arn="arn:aws:iam::111122223333:user/alice",
        lambda_role_arn="arn:aws:iam::111122223333:role/reviews-post-role",
    )
    plan = plan_job(job, options)
    facts = AccountFacts(
        role_policies=(Policy(plan.execution_role_policy, "identity", "execution-role-policy.json"),),
        caller_policies=(Policy(plan.caller_policy, "identity", "caller-policy.json"),),
        lambda_role_policies=(Policy(plan.lambda_role_policy, "identity", "lambda-role-policy.json"),),
        trust_policy=Policy(plan.trust_policy, "resource", "trust-policy.json"),
        key_policies={key: Policy(doc, "resource", f"key-policy {key}") for key, doc in plan.key_policies.items()},
        cors={bucket: Cors(f"cors-{bucket}.json", tuple(rules)) for bucket, rules in plan.cors.items()},
    )
    report = verify(job, options, facts, plan=plan)
    assert [r.requirement.id for r in report.results if r.status != OK] == []
    assert report.unneeded == [] and report.warnings == []
    assert report.exit_code(strict=True) == 0


def test_broad_policies_are_listed_as_information():
    job = read_job(VERIFY / "acme-data-job.json")
    report = verify(job, facts=AccountFacts(role_policies=(managed_policy("AmazonSageMakerFullAccess"),)))
    (item,) = report.unneeded
    assert item.policy == "AWS managed policy AmazonSageMakerFullAccess" and item.principal == "execution-role"
    assert "sagemaker" in item.services and item.actions > 100 and len(item.examples) == 3


def test_unknown_managed_policy_names_the_known_ones():
    from iamkb.core.errors import UsageError

    with pytest.raises(UsageError, match="known names: AmazonSageMakerFullAccess, AmazonSageMakerGroundTruthExecution"):
        managed_policy("AmazonS3FullAccess")


def test_requests_on_a_vpc_restricted_bucket_come_through_ground_truths_endpoint():
    job = read_job(VERIFY / "acme-data-job.json")
    options = JobOptions(bucket_vpce=True)
    plan = plan_job(job, options)
    planned = {"Version": "2012-10-17", "Statement": plan.bucket_policy_statements["acme-data"]}
    facts = AccountFacts(
        role_policies=(Policy(plan.execution_role_policy, "identity", "exec.json"),),
        bucket_policies={"acme-data": Policy(planned, "resource", "bucket.json")},
    )
    put = next(
        r
        for r in verify(job, options, facts, plan).results
        if r.requirement.id == "EXEC_WRITE_OUTPUT" and r.requirement.action == "s3:PutObject"
    )
    assert put.status == OK
    # a bucket policy that admits only some other endpoint denies the job's own uploads
    other = json.loads(json.dumps(planned).replace("vpce-08408e335ebf95b40", "vpce-0123456789abcdef0"))
    facts = AccountFacts(
        role_policies=facts.role_policies, bucket_policies={"acme-data": Policy(other, "resource", "bucket.json")}
    )
    results = verify(job, options, facts, plan).results
    put = next(r for r in results if r.requirement.id == "EXEC_WRITE_OUTPUT" and r.requirement.action == "s3:PutObject")
    assert put.status == MISSING and put.decision == "ExplicitlyDenied" and put.decided_by[0]["policy"] == "bucket.json"
    vpce = next(r for r in results if r.requirement.id == "BUCKET_POLICY_VPCE_OUTPUT")
    assert vpce.status == MISSING and vpce.fix.where == "plan: bucket-policy-acme-data.json"


def test_cors_entries_read_one_star_and_everything_else_literally():
    from iamkb.job.verify import _cors_matches

    assert _cors_matches("https://*.example.com", "https://labeling.example.com")
    assert not _cors_matches("https://*.example.com", "https://example.com")
    assert _cors_matches("x-amz-*", "x-amz-date")
    assert not _cors_matches("[a-z]", "b")  # fnmatch would take it as a character class
    assert _cors_matches("a?c", "a?c") and not _cors_matches("a?c", "abc")


def test_a_request_aws_always_refuses_is_its_own_verdict_without_a_fix():
    """AlwaysDenied (an AWS-owned resource here: an AWS managed policy) is no missing permission: no policy
    can fix it, so verify offers none, names AWS's rule, and still fails since the job needs it."""
    job = read_job(VERIFY / "acme-data-job.json")
    plan = plan_job(job, JobOptions())
    caller = next(r for r in plan.requirements if r.principal is Principal.CALLER)
    managed = "arn:aws:iam::aws:policy/AmazonSageMakerGroundTruthExecution"
    needs = replace(caller, id="CALLER_EDIT_MANAGED", action="iam:CreatePolicyVersion", resource=managed)
    everything = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    facts = AccountFacts(caller_policies=(Policy(everything, "identity", "admin"),))
    report = verify(job, facts=facts, plan=replace(plan, requirements=[caller, needs]))

    allowed, refused = report.results
    assert allowed.status == OK and report.count(MISSING) == 0
    assert (refused.status, refused.decision, refused.fix, refused.decided_by) == (REFUSED, "AlwaysDenied", None, ())
    assert refused.reason.startswith("AWS does not allow this whatever the policies say, so no policy can fix it: ")
    assert "AWS managed policy, which only AWS can change" in refused.reason
    assert "access_policies_managed-vs-inline.html" in refused.reason
    assert report.exit_code() == 1

    record = report_json(report, strict=False)
    assert record["summary"]["refusedByAws"] == 1 and record["summary"]["missing"] == 0
    assert record["summary"]["exitCode"] == 1
    (entry,) = [r for r in record["results"] if r["id"] == "CALLER_EDIT_MANAGED"]
    assert entry["status"] == "refused" and entry["decision"] == "AlwaysDenied" and "fix" not in entry
    text = report_text(report, strict=False)
    assert "1 refused by AWS" in text and "Missing, and what fixes each" not in text
    assert "Refused by AWS whatever the policies say (no policy can fix these):" in text
    assert f"  CALLER_EDIT_MANAGED: iam:CreatePolicyVersion on {managed}" in text


def test_without_a_refused_request_the_summary_does_not_mention_it():
    job = read_job(VERIFY / "acme-data-job.json")
    report = verify(job, facts=AccountFacts(role_policies=(managed_policy("AmazonSageMakerGroundTruthExecution"),)))
    assert "refused" not in report_text(report, strict=False).split("\n", 1)[0]
