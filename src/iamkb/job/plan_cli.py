"""`iamkb job plan JOB [-o DIR] [--format json|terraform|cloudformation]`: plan, prove, then write.

A plan whose proof fails is never written: the failures go to stderr and the exit status is 1 (a bug
in the requirements table or the planner). Writing refuses to overwrite a file whose content differs
unless `--force`, and never writes outside DIR (file names come from bucket names and job names,
which are checked). With several jobs in one input (a Terraform plan), `-o DIR` gets a subdirectory
per job.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from iamkb.job.cli import add_job_arguments

FORMATS = ("json", "terraform", "cloudformation")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def configure(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser)
    parser.add_argument("-o", "--output", metavar="DIR", help="write the files into DIR (default: print to stdout)")
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    parser.add_argument("--force", action="store_true", help="overwrite files in DIR whose content differs")
    parser.add_argument(
        "--no-compare",
        action="store_true",
        help="skip comparing the plan with the guide's snippets and AWS managed policies",
    )
    add_account_fact_arguments(parser)


def add_account_fact_arguments(parser: argparse.ArgumentParser) -> None:
    """The JobOptions flags, the facts the job file cannot say, for `plan` and `verify` alike; `options_from`
    in `iamkb.job.plan_cli` turns them into checked JobOptions."""
    facts = parser.add_argument_group("facts the job file cannot say")
    facts.add_argument("--caller", metavar="ARN", help="the user or role that calls CreateLabelingJob")
    facts.add_argument("--lambda-role", metavar="ARN", help="the post-annotation Lambda function's execution role")
    facts.add_argument(
        "--lambda-assumes-role",
        action="store_true",
        help="the post-annotation function assumes the execution role to read the annotations",
    )
    facts.add_argument(
        "--input-location",
        metavar="S3URI",
        action="append",
        default=[],
        help="where the manifest's data objects are (s3://bucket/prefix; repeatable; default: "
        "anywhere in the manifest's bucket)",
    )
    facts.add_argument("--input-key", metavar="ARN", help="the KMS key the input objects are encrypted with")
    facts.add_argument(
        "--bucket-enforces-kms", action="store_true", help="the output bucket's policy denies uploads without SSE-KMS"
    )
    facts.add_argument(
        "--bucket-vpce", action="store_true", help="the buckets' policies deny requests from outside VPC endpoints"
    )
    facts.add_argument(
        "--vpc-endpoint",
        metavar="VPCE_ID",
        action="append",
        default=[],
        help="your own VPC endpoint that such a bucket policy also admits (repeatable)",
    )
    facts.add_argument(
        "--s3-event-notifications",
        action="store_true",
        help="the input bucket sends new-object events to the streaming input topic",
    )


def options_from(args: argparse.Namespace):
    """JobOptions from the command line, each value checked with a hint."""
    from iamkb.core.arns import Arn
    from iamkb.core.errors import UsageError
    from iamkb.job.inputs import parse_s3_uri
    from iamkb.job.model import JobOptions

    for flag, value, service in (
        ("--caller", args.caller, ("iam", "sts")),
        ("--lambda-role", args.lambda_role, ("iam",)),
        ("--input-key", args.input_key, ("kms",)),
    ):
        parsed = Arn.parse(value) if value is not None else None
        if value is not None and (parsed is None or parsed.service not in service):
            raise UsageError(
                f"{flag} {value!r} is not an ARN of {' or '.join(service)}\nhint: give the whole ARN, "
                f"for example arn:aws:{service[0]}::111122223333:role/name"
                if service[0] != "kms"
                else f"{flag} {value!r} is not a KMS key ARN\nhint: for example "
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            )
    for uri in args.input_location:
        if parse_s3_uri(uri) is None:
            raise UsageError(f"--input-location {uri!r} is not an S3 URI\nhint: write it like s3://bucket/prefix/")
    for vpce in args.vpc_endpoint:
        if not re.fullmatch(r"vpce-[0-9a-f]{8,17}", vpce):
            raise UsageError(f"--vpc-endpoint {vpce!r} is not a VPC endpoint ID\nhint: write it like vpce-1a2b3c4d")
    return JobOptions(
        caller_arn=args.caller,
        lambda_role_arn=args.lambda_role,
        input_locations=tuple(args.input_location),
        input_key_arn=args.input_key,
        bucket_enforces_kms=args.bucket_enforces_kms,
        bucket_vpce=args.bucket_vpce,
        s3_event_notifications=args.s3_event_notifications,
        lambda_assumes_role=args.lambda_assumes_role,
        vpc_endpoints=tuple(args.vpc_endpoint),
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.core.errors import UsageError
    from iamkb.job.inputs import read_jobs
    from iamkb.job.plan import plan_job
    from iamkb.job.prove import prove, summary

    options = options_from(args)
    jobs = read_jobs(args.job, region=args.region, account=args.account)
    if len(jobs) > 1 and args.output is None and args.format != "json":
        raise UsageError(
            f"{args.job} holds {len(jobs)} labeling jobs ({', '.join(j.name for j in jobs)})\n"
            "hint: give -o DIR for a directory per job"
        )
    plans = []
    for job in jobs:
        plan = plan_job(job, options)
        proof = prove(plan, compare_alternatives=not args.no_compare)
        if not proof.passed:
            print(
                f"iamkb job plan: the plan for {job.name} does not prove itself, so it is not written "
                "(a bug in the requirements table or the planner):",
                file=sys.stderr,
            )
            for failure in proof.failures:
                print(f"  {failure}", file=sys.stderr)
            return 1
        plan.proofs = proof.to_json()
        plans.append((plan, summary(proof)))
    if args.output is None:
        _print(plans, args.format)
        return 0
    root = Path(args.output)
    planned = {
        (_safe(plan.job.name) + "/" if len(plans) > 1 else "") + name: text
        for plan, _ in plans
        for name, text in files(plan, args.format).items()
    }
    written = write_files(root, planned, force=args.force, inputs=(args.job,) if args.job else ())
    for plan, lines in plans:
        print(f"{plan.job.name}: planned and proven", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)
        for note in plan.notes:
            print(f"  note: {note}", file=sys.stderr)
    print(
        f"wrote {len(written)} of {len(planned)} files to {root} ({len(planned) - len(written)} unchanged)",
        file=sys.stderr,
    )
    return 0


def files(plan: Any, output_format: str) -> dict[str, str]:
    """File name (inside DIR) -> text for one plan."""
    if output_format == "terraform":
        from iamkb.job.formats import terraform

        return {"main.tf": terraform.render(plan)}
    if output_format == "cloudformation":
        from iamkb.job.formats import cloudformation

        return {"template.yaml": cloudformation.render(plan)}
    from iamkb.job.formats import jsonfiles

    return {_checked(name): text for name, text in jsonfiles.files(plan).items()}


def _print(plans: list, output_format: str) -> None:
    if output_format == "json":
        from iamkb.job.formats import jsonfiles

        objects = [jsonfiles.single(plan) for plan, _ in plans]
        sys.stdout.write(jsonfiles.dumps(objects if len(objects) > 1 else objects[0]))
        return
    plan, lines = plans[0]
    sys.stdout.write(files(plan, output_format)[next(iter(files(plan, output_format)))])
    for line in lines:
        print(f"{plan.job.name}: {line}", file=sys.stderr)


def write_files(root: Path, planned: dict[str, str], *, force: bool, inputs: tuple[str, ...] = ()) -> list[str]:
    """Write `planned` (relative name -> text) under `root`; every file is checked before any is written,
    and each is written atomically (`iamkb.core.output.write_file`), never over one of `inputs`."""
    from iamkb.core.errors import UsageError

    if root.exists() and not root.is_dir():
        raise UsageError(f"-o {root}: is not a directory\nhint: give a directory (it is created when missing)")
    base = root.resolve()
    changes = []
    conflicts = []
    for name, text in planned.items():
        target = (root / name).resolve()
        if base not in target.parents:
            raise UsageError(f"-o {root}: refusing to write {name} outside the directory")
        if target.exists():
            encoded = text.encode("utf-8", "surrogateescape")
            if not target.is_file() or target.stat().st_size != len(encoded) or target.read_bytes() != encoded:
                conflicts.append(name)
            else:
                continue
        changes.append((target, name, text))
    if conflicts and not force:
        raise UsageError(
            f"-o {root}: {len(conflicts)} file(s) exist with other content: {', '.join(conflicts)}\n"
            "hint: give --force to overwrite them, or choose another directory"
        )
    from iamkb.core.errors import OutputError, os_error_text
    from iamkb.core.output import write_file

    for target, name, text in changes:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"-o {root}: cannot create the directory for {name}: {os_error_text(exc)}") from None
        write_file(target, text, inputs=inputs, option=f"-o {root}:")  # whole or not at all, never over the input
    return [name for _, name, _ in changes]


def _checked(name: str) -> str:
    if not _SAFE_NAME.fullmatch(name):
        raise ValueError(f"unsafe file name {name!r}")  # bucket and job names are validated on input
    return name


def _safe(name: str) -> str:
    return _checked(name)
