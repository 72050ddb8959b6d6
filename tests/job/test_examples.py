"""The example jobs under examples/: each reads, its stored plan is what the planner makes now, the stored
documents pass `iamkb check` and the simulator, and `iamkb job verify` finds exactly the planted gaps of
the broken setups and nothing in the planned policies.

The stored plans are files a user copies from the site, so they are tested as files: the checks and
simulations run on what is on disk (the proofs are `iamkb.job.prove`'s, given a Plan rebuilt from the
files), and verify runs through the command line with the paths a user would type.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from typing import Any

import pytest

from iamkb.job.model import Plan
from iamkb.job.plan import documents, plan_job
from iamkb.job.prove import Proof, check_documents, simulate_plan
from iamkb.job.requirements import features, key_arn, requirements, values
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("examples_regenerate", ROOT / "examples" / "regenerate.py")
assert _spec is not None and _spec.loader is not None
examples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(examples)

JOBS = examples.job_names()
BROKEN = examples.broken_setups()
REGENERATE = "the stored plans under examples/plans/ are not what `iamkb job plan` makes now: run `make examples`"

# What each example is there to show (examples/jobs/README.md): a job that stops showing it fails here.
SHOWS = {
    "bounding-box-private": {
        "features": {"tags", "label-categories", "ui-template", "cors-2d"},
        "workteam": "private-crowd",
    },
    "custom-workflow": {"features": {"custom-pre-annotation", "custom-post-annotation", "post-annotation-reads-s3"}},
    "keys-automated-labeling": {
        "features": {"output-key", "volume-key", "automated-labeling", "option:bucket-enforces-kms"}
    },
    "streaming-sns": {"features": {"streaming", "streaming-output", "option:s3-event-notifications"}},
    "point-cloud-long-task": {"features": {"cors-3d", "long-task"}},
    "vpc": {"features": {"vpc", "automated-labeling", "option:bucket-vpce"}},
    "vendor-team": {"features": {"s3-input"}, "workteam": "vendor-crowd"},
    "terraform-plan": {"features": {"tags", "s3-input"}},
}
# The function-name rules of AmazonSageMakerGroundTruthExecution's lambda:InvokeFunction statement.
MANAGED_FUNCTION_NAME_WORDS = ("GtRecipe", "LabelingFunction", "SageMaker", "sagemaker", "Sagemaker")


def stored(name: str) -> dict[str, Any]:
    """The stored JSON plan of an example: file name -> parsed JSON."""
    folder = examples.plan_dir(name, "json")
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def plan_from_files(name: str, files: dict[str, Any]) -> Plan:
    """A Plan whose documents are the stored files (the job and requirements are the example's own)."""
    job, options = examples.job_and_options(name)
    plan = plan_job(job, options)
    record = files["plan.json"]
    key_files = record["keys"]
    topic_files = record["topics"]
    return dataclasses.replace(
        plan,
        caller_policy=files["caller-policy.json"],
        execution_role_policy=files["execution-role-policy.json"],
        trust_policy=files["trust-policy.json"],
        max_session_duration=record["maxSessionDuration"],
        key_policies={key: files[file] for file, key in key_files.items()},
        key_policy_statements={
            key: files[file.replace(".json", "-statements.json")] for file, key in key_files.items()
        },
        cors={n[len("cors-") : -len(".json")]: d["CORSRules"] for n, d in files.items() if n.startswith("cors-")},
        lambda_role_policy=files.get("lambda-role-policy.json"),
        bucket_policy_statements={
            n[len("bucket-policy-") : -len(".json")]: d["Statement"]
            for n, d in files.items()
            if n.startswith("bucket-policy-")
        },
        topic_policy_statements={topic: files[file]["Statement"] for file, topic in topic_files.items()},
    )


def simulated(plan: Plan) -> Proof:
    proof = Proof()
    simulate_plan(plan, proof)
    return proof


def iamkb(argv: list[str]) -> tuple[int, str, str]:
    return examples.run_iamkb(argv)


def verify_json(argv: list[str]) -> tuple[int, dict[str, Any]]:
    code, out, err = iamkb([*argv, "--format", "json"])
    assert code in (0, 1), f"iamkb {' '.join(argv)} exited {code}: {err}"
    return code, json.loads(out)


def planned_account(name: str) -> list[str]:
    """`iamkb job verify` flags giving the account exactly the stored planned documents of an example."""
    folder = examples.plan_dir(name, "json")
    files = stored(name)
    record = files["plan.json"]

    def path(file: str) -> str:
        return examples.relative(folder / file)

    argv = [
        "--role-policy",
        path("execution-role-policy.json"),
        "--caller-policy",
        path("caller-policy.json"),
        "--trust-policy",
        path("trust-policy.json"),
    ]
    if "lambda-role-policy.json" in files:
        argv += ["--lambda-role-policy", path("lambda-role-policy.json")]
    for file, key in record["keys"].items():
        argv += ["--key-policy", f"{key}={path(file)}"]
    for file, topic in record["topics"].items():
        argv += ["--topic-policy", f"{topic}={path(file)}"]
    for file in files:
        if file.startswith("cors-"):
            argv += ["--cors", f"{file[len('cors-') : -len('.json')]}={path(file)}"]
        if file.startswith("bucket-policy-"):
            argv += ["--bucket-policy", f"{file[len('bucket-policy-') : -len('.json')]}={path(file)}"]
    if record["maxSessionDuration"]:
        argv += ["--max-session-duration", str(record["maxSessionDuration"])]
    return argv


def test_there_are_examples_of_every_kind_the_issue_names():
    assert set(JOBS) == set(SHOWS), "a job was added or removed: describe it in SHOWS and examples/jobs/README.md"
    assert len(BROKEN) >= 2


# --- the jobs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", JOBS)
def test_job_reads_and_shows_what_it_is_for(name):
    code, out, err = iamkb(["job", "requirements", examples.relative(examples.job_path(name)), "--format", "json"])
    assert code == 0, err
    assert json.loads(out)["requirements"]
    job, options = examples.job_and_options(name)
    assert SHOWS[name]["features"] <= set(features(job, options))
    if "workteam" in SHOWS[name]:
        assert values(job, options)["workteam.type"] == SHOWS[name]["workteam"]


def test_custom_workflow_functions_miss_the_managed_name_rules():
    job, options = examples.job_and_options("custom-workflow")
    functions = [r.resource for r in requirements(job, options) if r.action == "lambda:InvokeFunction"]
    assert len(functions) == 2
    for arn in functions:
        assert not any(word in arn.rsplit(":", 1)[-1] for word in MANAGED_FUNCTION_NAME_WORDS), arn


def test_point_cloud_task_is_longer_than_eight_hours():
    job, _ = examples.job_and_options("point-cloud-long-task")
    assert job.request["HumanTaskConfig"]["TaskTimeLimitInSeconds"] > 8 * 3600


def test_options_files_belong_to_jobs():
    stems = {p.name[: -len(examples.OPTIONS_SUFFIX)] for p in examples.JOBS_DIR.glob("*" + examples.OPTIONS_SUFFIX)}
    assert stems <= set(JOBS)


# --- the stored plans ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", examples.FORMATS)
@pytest.mark.parametrize("name", JOBS)
def test_stored_plan_is_what_the_planner_makes_now(name, output_format, tmp_path):
    code, _, err = iamkb(examples.plan_arguments(name, output_format, tmp_path))
    assert code == 0, err
    made = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    folder = examples.plan_dir(name, output_format)
    kept = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(kept) == sorted(made), REGENERATE
    changed = [file for file in made if kept[file] != made[file]]
    assert not changed, f"{REGENERATE} ({name}/{output_format}: {', '.join(changed)} changed)"


def test_no_stale_plans():
    assert sorted(p.name for p in examples.PLANS_DIR.iterdir() if p.is_dir()) == JOBS, REGENERATE


@pytest.mark.parametrize("name", JOBS)
def test_stored_policies_pass_check(name):
    proof = Proof()
    check_documents(plan_from_files(name, stored(name)), proof)
    assert {c["document"] for c in proof.checks} >= {
        "caller-policy.json",
        "execution-role-policy.json",
        "trust-policy.json",
    }
    assert not proof.failures, "\n".join(proof.failures)


@pytest.mark.parametrize("name", JOBS)
def test_stored_documents_allow_every_requirement_and_deny_the_neighbours(name):
    files = stored(name)
    plan = plan_from_files(name, files)
    assert set(documents(plan)) | {"plan.json"} == set(files), REGENERATE
    proof = simulated(plan)
    assert proof.requirements and proof.neighbours
    assert not proof.failures, "\n".join(proof.failures)


def test_the_simulation_of_stored_files_can_fail():
    """Dropping one statement from a stored policy must make the proof fail: the test above is not vacuous."""
    files = stored("custom-workflow")
    policy = files["execution-role-policy.json"]
    invoke = [s for s in policy["Statement"] if "lambda:InvokeFunction" in s["Action"]]
    assert invoke
    files["execution-role-policy.json"] = {
        **policy,
        "Statement": [s for s in policy["Statement"] if s is not invoke[0]],
    }
    failures = simulated(plan_from_files("custom-workflow", files)).failures
    assert any("EXEC_INVOKE_PRE_ANNOTATION" in f for f in failures), failures

    files = stored("custom-workflow")
    widened = files["execution-role-policy.json"]
    widened["Statement"][0] = {**widened["Statement"][0], "Action": ["*"]}
    failures = simulated(plan_from_files("custom-workflow", files)).failures
    assert any("neighbour" in f for f in failures), failures


# --- verify: nothing missing in the planned policies, exactly the planted gaps in the broken ones -------------


@pytest.mark.parametrize("name", JOBS)
def test_verify_finds_nothing_missing_in_the_planned_policies(name):
    argv = [
        "job",
        "verify",
        examples.relative(examples.job_path(name)),
        *examples.flags(examples.options(name)),
        *planned_account(name),
        "--strict",
    ]
    code, report = verify_json(argv)
    problems = [(r["id"], r.get("action"), r["status"], r["reason"]) for r in report["results"] if r["status"] != "ok"]
    assert code == 0 and not problems, problems


@pytest.mark.parametrize("name", BROKEN)
def test_verify_finds_the_planted_gaps(name):
    setup = examples.broken_setup(name)
    code, report = verify_json(examples.verify_arguments(name))
    missing = [r for r in report["results"] if r["status"] == "missing"]
    assert code == 1
    assert sorted({r["id"] for r in missing}) == sorted(setup["missing"])
    assert all(r.get("fix") for r in missing), "every missing requirement comes with the statement that fixes it"


@pytest.mark.parametrize("name", BROKEN)
def test_broken_setup_passes_once_the_proposed_fixes_are_added(name, tmp_path):
    """What verify proposes for each gap closes it: add every fix to its policy and nothing is missing."""
    job, _ = examples.job_and_options(examples.broken_setup(name)["job"])
    _, report = verify_json(examples.verify_arguments(name))
    fixes: dict[tuple[str, str | None], list[Any]] = {}
    for result in report["results"]:
        if result["status"] == "missing":
            fixes.setdefault((result["principal"], result.get("key")), []).append(result["fix"]["value"])
    argv = examples.verify_arguments(name)
    flags = {"execution-role": "--role-policy", "lambda-role": "--lambda-role-policy", "caller": "--caller-policy"}
    for number, ((principal, key), statements) in enumerate(fixes.items()):
        unique = [json.loads(s) for s in dict.fromkeys(json.dumps(s, sort_keys=True) for s in statements)]
        path = tmp_path / f"fix-{number}.json"
        if principal == "key-policy":  # the fix goes into the key policy the account has
            given = next(
                i
                for i in range(1, len(argv))
                if argv[i - 1] == "--key-policy"
                and key_arn(argv[i].split("=", 1)[0], job.partition, job.region, job.account) == key
            )
            document = json.loads((ROOT / argv[given].split("=", 1)[1]).read_text(encoding="utf-8"))
            document["Statement"] = [*document["Statement"], *unique]
            path.write_text(json.dumps(document), encoding="utf-8")
            argv[given] = argv[given].split("=", 1)[0] + "=" + str(path)
            continue
        assert principal in flags, f"no fix by file for {principal} in this test"
        path.write_text(json.dumps({"Version": "2012-10-17", "Statement": unique}), encoding="utf-8")
        argv += [flags[principal], str(path)]
    code, report = verify_json(argv)
    still = sorted({r["id"] for r in report["results"] if r["status"] == "missing"})
    assert code == 0 and not still, still


# --- the worked example of the how-to page -------------------------------------------------------------------


def test_stored_transcripts_are_what_the_commands_print_now(tmp_path):
    made = examples.transcripts(tmp_path)
    kept = {p.stem: p.read_text(encoding="utf-8") for p in examples.TRANSCRIPTS_DIR.glob("*.txt")}
    assert sorted(kept) == sorted(made), REGENERATE.replace("plans under examples/plans/", "transcripts")
    changed = [name for name in made if kept[name] != made[name]]
    assert not changed, f"{REGENERATE} (examples/transcripts/: {', '.join(changed)} changed)"
    # the story the how-to tells: the managed policy leaves gaps on acme-data, the plan closes them
    assert (
        made["verify-managed-policy"].endswith("$ echo $?\n1\n")
        and "EXEC_READ_MANIFEST" in made["verify-managed-policy"]
    )
    assert made["verify-plan"].endswith("$ echo $?\n0\n") and " 0 missing, 0 not verified" in made["verify-plan"]
