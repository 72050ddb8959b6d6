"""`iamkb job verify JOB --role-policy FILE... [options]`: does the account give the job what it needs?

Each option names one thing the account holds (a policy file, a managed policy by name, a bucket's CORS
configuration, the role's MaxSessionDuration); `--from-aws JOB_NAME` reads all of them with read-only
calls instead (`iamkb.job.aws`, the `iamkb[aws]` extra). The decision logic is `iamkb.job.verify`.

Exit status: 0 when every requirement that could be verified is allowed, 1 when one is missing (with
`--strict`, also when one could not be verified for lack of a policy), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from iamkb.job.cli import FORMATS, add_job_arguments
from iamkb.job.plan_cli import add_account_fact_arguments

EPILOG = """\
what "not verified" means:
  a requirement whose policy is not given (no --key-policy for a key the job uses, no --trust-policy, no
  --caller-policy) is listed as not verified, not as missing. Keys and roles always have a key or trust
  policy, so its absence leaves the answer open; a bucket without --bucket-policy is taken to have none.
  --strict makes anything not verified fail too.

examples:
  iamkb job verify job.json --managed-policy AmazonSageMakerGroundTruthExecution
  iamkb job verify job.json --role-policy exec.json --trust-policy trust.json \\
      --key-policy 1234abcd-12ab-34cd-56ef-1234567890ab=key.json --cors my-input-bucket=cors.json
  iamkb job verify describe.json --role-policy exec.json --format json
  iamkb job verify --from-aws my-labeling-job --region eu-west-1 --profile audit"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    add_job_arguments(parser)
    job_argument = next(a for a in parser._actions if a.dest == "job")
    job_argument.nargs = "?"  # --from-aws reads the job from the account instead
    parser.add_argument("--job-name", metavar="NAME", help="the job to verify when a Terraform plan holds several")
    facts = parser.add_argument_group("what the account holds")
    facts.add_argument(
        "--role-policy",
        metavar="FILE",
        action="append",
        default=[],
        help="a policy of the execution role, inline or attached (repeat for several)",
    )
    facts.add_argument(
        "--managed-policy",
        metavar="NAME",
        action="append",
        default=[],
        help="an AWS managed policy attached to the execution role, by name "
        "(AmazonSageMakerGroundTruthExecution, AmazonSageMakerFullAccess)",
    )
    facts.add_argument("--trust-policy", metavar="FILE", help="the execution role's trust policy")
    facts.add_argument("--boundary", metavar="FILE", help="the execution role's permissions boundary")
    facts.add_argument(
        "--max-session-duration", metavar="SECONDS", type=int, help="the execution role's MaxSessionDuration"
    )
    facts.add_argument(
        "--key-policy",
        metavar="KEY=FILE",
        action="append",
        default=[],
        help="a KMS key's key policy; KEY is the key ID, alias or ARN as the job names it",
    )
    facts.add_argument(
        "--bucket-policy",
        metavar="BUCKET=FILE",
        action="append",
        default=[],
        help="a bucket's bucket policy (a bucket without one is taken to have none)",
    )
    facts.add_argument(
        "--cors",
        metavar="BUCKET=FILE",
        action="append",
        default=[],
        help="a bucket's CORS configuration (aws s3api get-bucket-cors output)",
    )
    facts.add_argument(
        "--topic-policy",
        metavar="TOPIC=FILE",
        action="append",
        default=[],
        help="an SNS topic's access policy; TOPIC is its ARN",
    )
    facts.add_argument(
        "--caller-policy",
        metavar="FILE",
        action="append",
        default=[],
        help="a policy of whoever calls CreateLabelingJob (repeat for several)",
    )
    facts.add_argument(
        "--lambda-role-policy",
        metavar="FILE",
        action="append",
        default=[],
        help="a policy of the post-annotation function's own role (repeat for several)",
    )
    facts.add_argument(
        "--scp",
        metavar="FILE",
        action="append",
        default=[],
        help="a service control policy; each one is its own level of the organization",
    )
    aws = parser.add_argument_group("reading the account (pip install 'iamkb[aws]')")
    aws.add_argument(
        "--from-aws",
        metavar="JOB_NAME",
        help="read the job, its role's policies, key policies, bucket policies and CORS with "
        "read-only AWS calls, then verify offline",
    )
    aws.add_argument("--profile", metavar="NAME", help="the AWS profile for --from-aws")
    add_account_fact_arguments(parser)
    parser.add_argument(
        "--failure-reason",
        metavar="TEXT",
        help="an error message to explain (default: the FailureReason of a DescribeLabelingJob file)",
    )
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on requirements not verified too")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    from iamkb.core.errors import UsageError
    from iamkb.job.plan_cli import options_from
    from iamkb.job.verify import verify

    options = options_from(args)
    if args.from_aws:
        if args.job:
            raise UsageError(
                "give JOB or --from-aws JOB_NAME, not both\nhint: --from-aws reads the job from the account"
            )
        from iamkb.job.aws import read_account

        job, facts = read_account(args.from_aws, region=args.region, profile=args.profile, options=options)
    else:
        if not args.job:
            raise UsageError("give the job file (JOB), or --from-aws JOB_NAME\nhint: run 'iamkb job verify --help'")
        job = _one_job(args)
        facts = facts_from_arguments(args, job, options)
        if facts.is_empty():
            raise UsageError(
                "give what the account holds: --role-policy, --managed-policy, --trust-policy, "
                "--key-policy, --cors and the other options\nhint: run 'iamkb job verify --help'"
            )
    report = verify(job, options, facts, failure_reason=args.failure_reason)
    if args.format == "json":
        print(json.dumps(report_json(report, args.strict), indent=2))
    else:
        print(report_text(report, args.strict))
    return report.exit_code(args.strict)


def _one_job(args: argparse.Namespace) -> Any:
    from iamkb.core.errors import UsageError
    from iamkb.job.inputs import read_jobs

    jobs = read_jobs(args.job, region=args.region, account=args.account)
    if args.job_name:
        picked = [j for j in jobs if j.name == args.job_name]
        if not picked:
            raise UsageError(
                f"{args.job}: no labeling job named {args.job_name!r}\n"
                f"hint: the file holds {', '.join(j.name for j in jobs)}"
            )
        return picked[0]
    if len(jobs) > 1:
        raise UsageError(
            f"{args.job}: the plan holds {len(jobs)} labeling jobs ({', '.join(j.name for j in jobs)})\n"
            "hint: pick one with --job-name NAME; the account options describe one job's role"
        )
    return jobs[0]


# --- account facts from the command line ----------------------------------------------------------------


def facts_from_arguments(args: argparse.Namespace, job: Any, options: Any) -> Any:
    """AccountFacts from the files the options name; every file is read and checked as the kind it is."""
    from iamkb.job.verify import AccountFacts, managed_policy, normalise_key

    keys = _keyed(args.key_policy, "--key-policy", "KEY=FILE")
    key_policies = {normalise_key(k, job): _policy(f, "resource", "--key-policy") for k, f in keys}
    topics = dict(_keyed(args.topic_policy, "--topic-policy", "TOPIC=FILE"))
    return AccountFacts(
        role_policies=tuple(
            [_policy(p, "identity", "--role-policy") for p in args.role_policy]
            + [managed_policy(name) for name in args.managed_policy]
        ),
        caller_policies=tuple(_policy(p, "identity", "--caller-policy") for p in args.caller_policy),
        lambda_role_policies=tuple(_policy(p, "identity", "--lambda-role-policy") for p in args.lambda_role_policy),
        trust_policy=_policy(args.trust_policy, "resource", "--trust-policy") if args.trust_policy else None,
        boundary=_policy(args.boundary, "boundary", "--boundary") if args.boundary else None,
        scps=tuple(_policy(p, "scp", "--scp") for p in args.scp),
        key_policies=_known(key_policies, _job_values(job, options, "key"), "--key-policy", "keys"),
        bucket_policies=_known(
            {
                b: _policy(f, "resource", "--bucket-policy")
                for b, f in _keyed(args.bucket_policy, "--bucket-policy", "BUCKET=FILE")
            },
            _job_values(job, options, "bucket"),
            "--bucket-policy",
            "buckets",
        ),
        topic_policies=_known(
            {t: _policy(f, "resource", "--topic-policy") for t, f in topics.items()},
            _job_values(job, options, "topic"),
            "--topic-policy",
            "topics",
        ),
        cors=_known(
            {b: _cors(f) for b, f in _keyed(args.cors, "--cors", "BUCKET=FILE")},
            _job_values(job, options, "bucket"),
            "--cors",
            "buckets",
        ),
        max_session_duration=_duration(args.max_session_duration),
    )


def _policy(path: str, kind: str, flag: str) -> Any:
    """A policy file compiled as `kind`; problems are located in the file (line:column, pointer)."""
    from pathlib import Path

    from iamkb.core.errors import UsageError
    from iamkb.simulate.scenario import JsonFile, compile_policy

    if not Path(path).exists():  # a pipe or a directory exists: the reader says what it is
        raise UsageError(f"{flag} {path}: no such file\nhint: give the path of a policy JSON file")
    file = JsonFile(Path(path), path)
    return compile_policy(file.document, kind, path, file, ())


def _cors(path: str) -> Any:
    from pathlib import Path

    from iamkb.core.errors import UsageError
    from iamkb.job.verify import cors_from_document
    from iamkb.simulate.scenario import JsonFile

    if not Path(path).exists():  # a pipe or a directory exists: the reader says what it is
        raise UsageError(f"--cors {path}: no such file\nhint: save aws s3api get-bucket-cors output to a file")
    return cors_from_document(JsonFile(Path(path), path).document, path)


def _keyed(items: list[str], flag: str, shape: str) -> list[tuple[str, str]]:
    from iamkb.core.errors import UsageError

    pairs = []
    for item in items:
        name, sep, path = item.rpartition("=")
        if not sep or not name or not path:
            raise UsageError(
                f"{flag} {item!r}: expected {shape}\nhint: for example {flag} {shape.split('=')[0].lower()}=policy.json"
            )
        pairs.append((name, path))
    return pairs


def _job_values(job: Any, options: Any, kind: str) -> set[str]:
    """The keys (ARNs), buckets or topics (ARNs) the job's requirements are about."""
    from iamkb.job.requirements import values

    found = values(job, options)
    if kind == "key":
        return {v for k, v in found.items() if k.endswith("_key.arn") and isinstance(v, str)}
    if kind == "topic":
        return {v for k, v in found.items() if k.endswith("_topic.arn") and isinstance(v, str)}
    return {arn.split(":::", 1)[1] for arn in found.get("buckets.arns", [])}


def _known(given: dict[str, Any], known: set[str], flag: str, what: str) -> dict[str, Any]:
    """Refuse a KEY/BUCKET/TOPIC the job does not use: it is a typo, or the wrong job."""
    from iamkb.core.errors import UsageError

    for name in given:
        if name not in known and known:
            raise UsageError(
                f"{flag} {name}: the job does not use it\nhint: the job's {what}: {', '.join(sorted(known))}"
            )
        if not known:
            raise UsageError(f"{flag} {name}: the job uses no {what}\nhint: leave {flag} out")
    return given


def _duration(seconds: int | None) -> int | None:
    from iamkb.core.errors import UsageError

    if seconds is not None and not 3600 <= seconds <= 43200:
        raise UsageError(
            f"--max-session-duration {seconds}: IAM allows 3600 to 43200 seconds\n"
            "hint: give the role's MaxSessionDuration as aws iam get-role shows it"
        )
    return seconds


# --- output -----------------------------------------------------------------------------------------


def summary(report: Any, strict: bool) -> str:
    from iamkb.job.verify import MISSING, OK, REFUSED, UNVERIFIED

    ok, missing, refused, unverified = (report.count(s) for s in (OK, MISSING, REFUSED, UNVERIFIED))
    text = f"{len(report.results)} checks: {ok} allowed, {missing} missing"
    text += f", {refused} refused by AWS" if refused else ""
    text += f", {unverified} not verified (no policy given)"
    return text + (" — --strict counts those as failing" if strict and unverified else "")


def report_text(report: Any, strict: bool) -> str:
    from iamkb.job.verify import MISSING, REFUSED

    job = report.job
    lines = [f"{job.name} ({job.region}, account {job.account}): {summary(report, strict)}", ""]
    header = ("REQUIREMENT", "ACTION / SETTING", "RESOURCE", "FIELD", "PRINCIPAL", "DECISION", "DECIDED BY")
    rows = [header] + [_row(r) for r in report.results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:  # one width fewer than cells: the last column is not padded
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1])
    fixes: dict[tuple[str, str, str], list[Any]] = {}
    for result in (r for r in report.results if r.status == MISSING):
        value = json.dumps(result.fix.value, separators=(",", ":")) if result.fix else ""
        fixes.setdefault(
            (result.requirement.id, result.requirement.resource or str(result.requirement.key), value), []
        ).append(result)
    if fixes:
        lines += ["", "Missing, and what fixes each:"]
        for (req_id, on, value), group in fixes.items():
            first = group[0]
            actions = ", ".join(r.requirement.action for r in group if r.requirement.action) or "setting"
            lines.append(f"  {req_id}: {actions} on {on}")
            lines += [f"    why: {why}" for why in dict.fromkeys(r.reason for r in group if r.reason)]
            if first.fix is not None:
                lines.append(f"    fix ({first.fix.where}): {value}")
    refused = [r for r in report.results if r.status == REFUSED]
    if refused:
        lines += ["", "Refused by AWS whatever the policies say (no policy can fix these):"]
        for result in refused:
            req = result.requirement
            lines += [f"  {req.id}: {req.action} on {req.resource}", f"    why: {result.reason}"]
    if report.warnings:
        lines += ["", "Not verified (no policy given):"] + [f"  warning: {w}" for w in report.warnings]
    if report.unneeded:
        lines += ["", "Information: access the given policies grant beyond the plan:"]
        for item in report.unneeded:
            lines.append(
                f"  {item.policy} ({item.principal}): {item.grants} grants beyond the plan, "
                f"{item.actions} actions on {item.resources} resources in {', '.join(item.services)}; "
                f"e.g. {'; '.join(item.examples)}"
            )
    if report.failure_reason:
        lines += ["", f"Failure reason: {report.failure_reason}"]
        lines += _failure_lines(report) or ["  no entry of the troubleshooting table matches this message"]
    return "\n".join(lines)


def _row(result: Any) -> tuple[str, ...]:
    req = result.requirement
    principal = req.principal.value + (f" ({req.key})" if req.key and req.key != req.resource else "")
    return (
        req.id,
        req.action or "setting",
        req.resource or str(req.key),
        req.field,
        principal,
        str(result.decision),
        result.decided_by_text(),
    )


def _failure_lines(report: Any) -> list[str]:
    lines = []
    for found in report.failure_matches:
        failure = found.failure
        lines.append(f"  {failure.title} [{failure.id}]: {failure.cause}")
        explained = report.explained_by(found)
        for result in explained:
            req = result.requirement
            lines.append(
                f"    -> {req.id}{' ' + req.action if req.action else ''}: {result.status} ({result.decision})"
            )
        if not explained and not failure.requirements and not failure.by_action:
            lines.append("    -> not a requirement of the job: verify cannot reveal it")
        elif not explained:
            lines.append("    -> none of the job's requirements is of this kind")
    return lines


def report_json(report: Any, strict: bool) -> dict[str, Any]:
    from iamkb.job.verify import MISSING, OK, REFUSED, UNVERIFIED

    job = report.job
    record: dict[str, Any] = {
        "job": job.name,
        "region": job.region,
        "account": job.account,
        "summary": {
            "requirements": len(report.results),
            "allowed": report.count(OK),
            "missing": report.count(MISSING),
            "refusedByAws": report.count(REFUSED),
            "notVerified": report.count(UNVERIFIED),
            "strict": strict,
            "exitCode": report.exit_code(strict),
        },
        "results": [r.to_json() for r in report.results],
        "warnings": report.warnings,
        "unneeded": [u.to_json() for u in report.unneeded],
    }
    if report.failure_reason:
        record["failureReason"] = {
            "text": report.failure_reason,
            "matches": [
                {
                    "id": m.failure.id,
                    "title": m.failure.title,
                    "cause": m.failure.cause,
                    "requirements": [
                        {
                            "id": r.requirement.id,
                            "action": r.requirement.action,
                            "status": r.status,
                            "decision": r.decision,
                        }
                        for r in report.explained_by(m)
                    ],
                }
                for m in report.failure_matches
            ],
        }
    return record
