"""`iamkb job`: subcommands about one labeling job (`requirements`, and `plan` / `verify` from their modules).

Each subcommand is one entry of `SUBCOMMANDS`: name -> (module, help). The module exposes
`configure(parser)` and `run(args) -> int` like every command module, and is imported only when its
subcommand runs, so adding `plan` or `verify` is one line here and one module there.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "requirements": ("iamkb.job.cli", "list every permission and setting the job needs, with its source"),
    "plan": ("iamkb.job.plan_cli", "write least-privilege policies for the job, proven by check and simulation"),
    "verify": (
        "iamkb.job.verify_cli",
        "simulate every requirement against what the account holds; exit 1 if one is missing",
    ),
}
FORMATS = ("text", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    """One subparser per SUBCOMMANDS entry. A module serving one subcommand exposes `configure`/`run`; this
    module serves several and names them `configure_<name>`/`run_<name>`. Modules keep heavy imports in run."""
    sub = parser.add_subparsers(dest="job_command", metavar="SUBCOMMAND", parser_class=type(parser))
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        subparser = sub.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(module_name)
        getattr(module, f"configure_{name}", module.configure)(subparser)
        subparser.set_defaults(_job_run=getattr(module, f"run_{name}", module.run))


def run(args: argparse.Namespace) -> int:
    job_run = getattr(args, "_job_run", None)
    if job_run is None:
        from iamkb.core.errors import UsageError

        raise UsageError(f"give a subcommand: {', '.join(SUBCOMMANDS)}\nhint: run 'iamkb job --help'")
    return int(job_run(args))


def add_job_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments every job subcommand shares: the job file and the Region/account overrides."""
    parser.add_argument(
        "job", metavar="JOB", help="CreateLabelingJob request, DescribeLabelingJob output, or terraform show -json plan"
    )
    parser.add_argument("--region", metavar="R", help="the job's Region, when its ARNs do not say it")
    parser.add_argument("--account", metavar="A", help="the job's account ID (must match the role's)")


def configure_requirements(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--caller", metavar="ARN", help="who calls CreateLabelingJob (default: a placeholder role)")


def run_requirements(args: argparse.Namespace) -> int:
    import json

    from iamkb.core.arns import Arn
    from iamkb.core.errors import UsageError
    from iamkb.job.inputs import read_jobs
    from iamkb.job.model import JobOptions
    from iamkb.job.requirements import features, requirements

    if args.caller is not None and Arn.parse(args.caller) is None:
        raise UsageError(f"--caller {args.caller!r} is not an ARN\nhint: give the ARN of a user or role")
    options = JobOptions(caller_arn=args.caller)
    jobs = read_jobs(args.job, region=args.region, account=args.account)
    if args.format == "json":
        out = [
            {
                "job": job.name,
                "region": job.region,
                "account": job.account,
                "features": features(job, options),
                "requirements": [_record(r) for r in requirements(job, options)],
            }
            for job in jobs
        ]
        print(json.dumps(out if len(out) > 1 else out[0], indent=2))
        return 0
    for number, job in enumerate(jobs):
        if number:
            print()
        print(f"{job.name} ({job.region}, account {job.account}): {', '.join(features(job, options))}")
        for req in requirements(job, options):
            print(_line(req))
    return 0


def _record(req: Any) -> dict[str, Any]:
    record = {
        "id": req.id,
        "field": req.field,
        "principal": req.principal.value,
        "title": req.title,
        "source": {"title": req.source.title, "url": req.source.url},
        "inferred": req.inferred,
    }
    for name in ("action", "resource", "key", "request_principal", "setting"):
        value = getattr(req, name)
        if value is not None:
            record[name] = value
    if req.conditions:
        record["conditions"] = req.conditions
    if req.context:
        record["context"] = req.context
    return record


def _line(req: Any) -> str:
    import json

    what = req.action if req.action else json.dumps(req.setting, separators=(",", ":"))
    parts = [
        f"  {req.id}{' [inferred]' if req.inferred else ''}",
        f"    field: {req.field}",
        f"    principal: {req.principal.value}" + (f" ({req.key})" if req.key else ""),
        f"    {'action' if req.action else 'setting'}: {what}",
    ]
    if req.resource:
        parts.append(f"    resource: {req.resource}")
    if req.conditions:
        parts.append(f"    conditions: {json.dumps(req.conditions, separators=(',', ':'))}")
    parts.append(f"    source: {req.source.url}")
    return "\n".join(parts)
