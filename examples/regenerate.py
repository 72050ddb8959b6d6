"""Regenerate examples/plans/ from examples/jobs/ with `iamkb job plan` (run by `make examples`).

Every example job `jobs/NAME.json` is planned in each output format into `plans/NAME/FORMAT/`; the
account facts the job file cannot hold (who calls CreateLabelingJob, the Lambda function's role,
bucket policies...) sit beside it in `jobs/NAME.options.json`, written as the command-line flags of
`iamkb job plan` (a flag that takes no value is `true`, a repeated one a list), so the stored plans
are exactly what a user typing the command gets. tests/job/test_examples.py imports this module for
the same file layout and fails when a stored plan drifts from what the planner makes now.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
JOBS_DIR = EXAMPLES / "jobs"
PLANS_DIR = EXAMPLES / "plans"
BROKEN_DIR = EXAMPLES / "broken"
FORMATS = ("json", "terraform", "cloudformation")
OPTIONS_SUFFIX = ".options.json"


def job_names() -> list[str]:
    """The example jobs, by file stem, in name order (options files are not jobs)."""
    return sorted(p.stem for p in JOBS_DIR.glob("*.json") if not p.name.endswith(OPTIONS_SUFFIX))


def job_path(name: str) -> Path:
    return JOBS_DIR / f"{name}.json"


def options_path(name: str) -> Path:
    return JOBS_DIR / f"{name}{OPTIONS_SUFFIX}"


def options(name: str) -> dict[str, Any]:
    """The example's account facts as stored: flag -> value, true or list ({} when it needs none)."""
    path = options_path(name)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def flags(values: dict[str, Any]) -> list[str]:
    """Flags as a command line: `true` is the bare flag, a list repeats the flag once per item."""
    argv: list[str] = []
    for flag, value in values.items():
        if value is True:
            argv.append(flag)
        elif isinstance(value, list):
            for item in value:
                argv += [flag, str(item)]
        elif value not in (False, None):
            argv += [flag, str(value)]
    return argv


def relative(path: Path) -> str:
    """A path as typed from the repository root (commands in the docs and the tests run from there)."""
    return path.relative_to(ROOT).as_posix()


def job_and_options(name: str) -> tuple[Any, Any]:
    """The example's Job and the JobOptions its options file gives, read as `iamkb job plan` reads them."""
    import argparse
    import dataclasses

    from iamkb.job.inputs import read_jobs
    from iamkb.job.plan_cli import configure, options_from

    parser = argparse.ArgumentParser()
    configure(parser)
    args = parser.parse_args([relative(job_path(name)), *flags(options(name))])
    (job,) = read_jobs(job_path(name))
    return dataclasses.replace(job, path=args.job), options_from(args)


def plan_dir(name: str, output_format: str) -> Path:
    return PLANS_DIR / name / output_format


def plan_arguments(name: str, output_format: str, output_dir: Path | None = None) -> list[str]:
    """`iamkb job plan` for one example and format, writing into its folder under plans/ (or `output_dir`)."""
    target = relative(plan_dir(name, output_format)) if output_dir is None else str(output_dir)
    return ["job", "plan", relative(job_path(name)), "--format", output_format, "-o", target, *flags(options(name))]


def run_iamkb(argv: list[str]) -> tuple[int, str, str]:
    """`iamkb ARGV` in this process, from the repository root: (exit status, stdout, stderr)."""
    from iamkb.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def broken_setups() -> list[str]:
    """The broken setups, by folder name: each holds the account's files and `verify.json`."""
    return sorted(p.parent.name for p in BROKEN_DIR.glob("*/verify.json"))


def broken_setup(name: str) -> dict[str, Any]:
    """A broken setup: `job` (an example's name), `arguments` (what the account holds, as `iamkb job
    verify` flags, paths from the repository root) and `missing` (the requirement ids it lacks)."""
    return json.loads((BROKEN_DIR / name / "verify.json").read_text(encoding="utf-8"))


def verify_arguments(name: str) -> list[str]:
    """`iamkb job verify` for one broken setup, with the example job's own account facts."""
    setup = broken_setup(name)
    return ["job", "verify", relative(job_path(setup["job"])), *flags(options(setup["job"])), *setup["arguments"]]


# The worked example of docs/how-to/plan-labeling-job-permissions.md: commands run one after the other in
# a fresh folder that holds examples/ (as a reader's clone does), each stored with what it printed.
TRANSCRIPTS_DIR = EXAMPLES / "transcripts"
TRANSCRIPTS = {
    "requirements": "iamkb job requirements examples/jobs/bounding-box-private.json",
    "plan": "iamkb job plan examples/jobs/bounding-box-private.json -o my-plan",
    "verify-managed-policy": "iamkb job verify examples/jobs/bounding-box-private.json"
    " --managed-policy AmazonSageMakerGroundTruthExecution --trust-policy my-plan/trust-policy.json",
    "verify-plan": "iamkb job verify examples/jobs/bounding-box-private.json"
    " --role-policy my-plan/execution-role-policy.json --trust-policy my-plan/trust-policy.json"
    " --caller-policy my-plan/caller-policy.json --cors acme-data=my-plan/cors-acme-data.json",
    "simulate-scenario": "iamkb simulate --scenario examples/scenarios/execution-role/claims.json",
    "simulate-jsonl": "iamkb simulate --scenario examples/scenarios/execution-role/claims.json --format jsonl",
}


def transcripts(workdir: Path) -> dict[str, str]:
    """Run TRANSCRIPTS in `workdir` (an empty folder): name -> `$ command`, its output, `$ echo $?`, status."""
    import shlex

    from iamkb.cli import main

    (workdir / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    made = {}
    for name, command in TRANSCRIPTS.items():
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(shlex.split(command)[1:])
        made[name] = f"$ {command}\n{out.getvalue()}{err.getvalue()}$ echo $?\n{code}\n"
    return made


def regenerate() -> int:
    """Plan every example in every format from scratch; 1 when any plan fails (its message is printed)."""
    failed = []
    for name in job_names():
        shutil.rmtree(PLANS_DIR / name, ignore_errors=True)
        for output_format in FORMATS:
            code, _, messages = run_iamkb(plan_arguments(name, output_format))  # messages: the proofs' summary
            if code != 0:
                failed.append(f"{name} ({output_format}): exit {code}\n{messages}")
    for stale in sorted({p.name for p in PLANS_DIR.iterdir() if p.is_dir()} - set(job_names())):
        shutil.rmtree(PLANS_DIR / stale)  # the plans of a job that was removed
    shutil.rmtree(TRANSCRIPTS_DIR, ignore_errors=True)
    TRANSCRIPTS_DIR.mkdir()
    with tempfile.TemporaryDirectory() as workdir:
        for name, text in transcripts(Path(workdir)).items():
            (TRANSCRIPTS_DIR / f"{name}.txt").write_text(text, encoding="utf-8")
    if failed:
        print("plans that failed:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    print(
        f"planned {len(job_names())} example jobs into {relative(PLANS_DIR)}/ ({', '.join(FORMATS)}) and ran "
        f"{len(TRANSCRIPTS)} commands into {relative(TRANSCRIPTS_DIR)}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())
