"""`iamkb simulate`: evaluate requests against policies, offline.

Two ways in:

* `--scenario FILE`: a batch file of policies and requests (see scenario.py), for notebooks,
  tests and CI; `"expect"` per request turns it into a set of claims (exit 1 if one fails);
* `--policy FILE ... --action A --resource R`: one request, for people at a terminal;
  `--set name=value` fills `<name>` placeholders of the guide's snippets first.

Decisions are data: a denied request still exits 0 unless an expectation says otherwise.
"""

from __future__ import annotations

import argparse
import sys

from iamkb.core.errors import UsageError
from iamkb.core.shape import short

FORMATS = ("text", "json", "jsonl")  # iamkb.simulate.output.FORMATS (not imported: --help stays light)
EXPECTATIONS = ("Allowed", "ExplicitlyDenied", "ImplicitlyDenied", "AlwaysDenied", "Denied")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "scenario file:\n"
        '  {"policies": {"identity": [POLICY...], "resource": POLICY, "boundary": POLICY, "session": POLICY,\n'
        '                "scp": [[POLICY...]...], "rcp": [[POLICY...]...]},\n'
        '   "requests": [{"principal": ARN, "action": "s3:GetObject", "resource": ARN, "resourceAccount": ID,\n'
        '                 "context": {"KEY": VALUE or [VALUES]}, "federatedBy": USER_ARN, "expect": "Allowed"}...]}\n'
        '  POLICY is a policy document or {"file": "path.json"}: a path relative to the scenario file\'s folder,\n'
        "  which must stay inside that folder (absolute paths, and .. or links leading out, are refused).\n"
        "  expect is Allowed, ExplicitlyDenied, ImplicitlyDenied, AlwaysDenied or Denied (any denial).\n"
        "  Requests are read as they are evaluated, so a scenario of any size runs in little memory.\n\n"
        "output formats:\n"
        "  text   a table with each request's reason (all of its explanation with --explain) and a summary\n"
        "  json   one array of explained records: index, request, decision, reason, explanation, details\n"
        "  jsonl  one compact object per request, written as it is decided (for large batches):\n"
        '         {"index": 0, "decision": "Allowed", "statement": "identity[0] /Statement/1 (Sid Read)"}\n'
        "         statement is the Deny that applies or the Allow that grants, null when none decides;\n"
        '         "expect" and "expectMet" are added when the request has an expectation, and with\n'
        '         --explain the json record\'s "request", "reason", "explanation" and "details"\n\n'
        "examples:\n"
        "  iamkb simulate --scenario claims.json\n"
        "  iamkb simulate --scenario batch.json --format jsonl > decisions.jsonl\n"
        "  iamkb simulate --policy exec-role.json --set input-bucket-name=my-in --set output-bucket-name=my-out \\\n"
        "      --action s3:GetObject --resource arn:aws:s3:::my-in/a.jpg\n"
        "  iamkb simulate --policy console.json --action iam:PassRole --resource arn:aws:iam::111122223333:role/R \\\n"
        "      --context iam:PassedToService=sagemaker.amazonaws.com"
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    batch = parser.add_argument_group("batch")
    batch.add_argument("--scenario", metavar="FILE", help="JSON file with policies and requests")
    one = parser.add_argument_group("one request")
    one.add_argument(
        "--policy", metavar="FILE", action="append", default=[], help="identity-based policy (repeat for several)"
    )
    one.add_argument("--resource-policy", metavar="FILE", help="resource-based policy or role trust policy")
    one.add_argument("--boundary", metavar="FILE", help="permissions boundary")
    one.add_argument("--session-policy", metavar="FILE", help="session policy")
    one.add_argument(
        "--scp",
        metavar="FILE",
        action="append",
        default=[],
        help="service control policy; each one is its own level of the hierarchy",
    )
    one.add_argument(
        "--rcp",
        metavar="FILE",
        action="append",
        default=[],
        help="resource control policy; each one is its own level of the hierarchy",
    )
    one.add_argument("--action", metavar="SERVICE:NAME", help="the action, e.g. s3:GetObject")
    one.add_argument("--resource", metavar="ARN", default="*", help="the resource ARN (default: *)")
    one.add_argument("--principal", metavar="ARN", help="who makes the request (user, role, session, service)")
    one.add_argument("--resource-account", metavar="ID", help="the resource's account, when its ARN has none (S3)")
    one.add_argument(
        "--federated-by",
        metavar="USER_ARN",
        help="for a federated user session (GetFederationToken): the IAM user whose credentials made it",
    )
    one.add_argument(
        "--context",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="a condition key value; repeat a key for a multivalued key",
    )
    one.add_argument(
        "--set",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        dest="placeholders",
        help="fill the <NAME> placeholder in the policies",
    )
    one.add_argument(
        "--expect",
        choices=EXPECTATIONS,
        help="exit 1 unless the decision is this",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="text: print each request's whole explanation; jsonl: add request, reason, explanation and details",
    )


def run(args: argparse.Namespace) -> int:
    from iamkb.simulate.output import print_results
    from iamkb.simulate.scenario import open_scenario

    placeholders = dict(_pairs(args.placeholders, "--set", "NAME=VALUE"))
    placeholders = {name.strip("<>"): value for name, value in placeholders.items()}
    if args.scenario:
        single = [
            flag
            for flag, given in (
                ("--policy", args.policy),
                ("--resource-policy", args.resource_policy),
                ("--boundary", args.boundary),
                ("--session-policy", args.session_policy),
                ("--scp", args.scp),
                ("--rcp", args.rcp),
                ("--action", args.action),
                ("--resource", args.resource != "*"),
                ("--principal", args.principal),
                ("--resource-account", args.resource_account),
                ("--federated-by", args.federated_by),
                ("--context", args.context),
                ("--expect", args.expect),
            )
            if given
        ]
        if single:
            raise UsageError(
                f"--scenario cannot be combined with {', '.join(single)}\n"
                'hint: put the policies and requests (and "expect") in the scenario file'
            )
        scenario = open_scenario(args.scenario, placeholders or None)
    else:
        scenario = _single_request(args, placeholders)
    for label, names in scenario.unfilled.items():
        for name in names:
            print(
                f"iamkb simulate: warning: {label} leaves <{name}> unfilled; it is compared as literal text "
                f"(fill it with --set {name}=VALUE)",
                file=sys.stderr,
            )
    explain = args.explain or (args.format == "text" and not args.scenario)  # one request: say why, in text
    return print_results(scenario, args.format, explain)


def _single_request(args: argparse.Namespace, placeholders: dict[str, str]):
    from pathlib import Path

    from iamkb.simulate import scenario as fields
    from iamkb.simulate.evaluate import Policies
    from iamkb.simulate.request import Request
    from iamkb.simulate.scenario import JsonFile, Scenario, compile_policy, fill_placeholders

    if args.action is None:
        raise UsageError(
            "give --scenario FILE, or --action (with --policy and the other policies)\n"
            "hint: run 'iamkb simulate --help' for examples"
        )
    _check("--action", args.action, fields.action_problem)
    _check("--resource", args.resource, fields.resource_problem)
    if args.principal is not None:
        _check("--principal", args.principal, fields.principal_problem)
    if args.resource_account is not None:
        _check("--resource-account", args.resource_account, fields.account_problem)
    if args.federated_by is not None:
        _check("--federated-by", args.federated_by, fields.principal_problem)
    unfilled: dict[str, list[str]] = {}

    def load(path: str, kind: str, label: str):
        policy_file = JsonFile(Path(path), path)
        document, left = fill_placeholders(policy_file.document, placeholders)
        if left:
            unfilled[path] = left
        return compile_policy(document, kind, f"{label} ({path})", policy_file, ())

    policies = Policies(
        identity=[load(p, "identity", f"identity[{i}]") for i, p in enumerate(args.policy)],
        resource=load(args.resource_policy, "resource", "resource") if args.resource_policy else None,
        boundary=load(args.boundary, "boundary", "boundary") if args.boundary else None,
        session=load(args.session_policy, "session", "session") if args.session_policy else None,
        scp=[[load(p, "scp", f"scp[{i}][0]")] for i, p in enumerate(args.scp)] or None,
        rcp=[[load(p, "rcp", f"rcp[{i}][0]")] for i, p in enumerate(args.rcp)] or None,
    )
    context: dict = {}
    for key, value in _pairs(args.context, "--context", "KEY=VALUE"):
        problem = fields.context_key_problem(key) or fields.context_problem(value)
        if problem:
            message, hint = problem if isinstance(problem, tuple) else (problem, None)
            raise UsageError(f"--context {short(key)}: {message}" + (f"\nhint: {hint}" if hint else ""))
        if key in context:
            context[key] = (context[key] if isinstance(context[key], list) else [context[key]]) + [value]
        else:
            context[key] = value
    try:
        request = Request(
            args.action,
            args.resource,
            principal=args.principal,
            resource_account=args.resource_account,
            context=context,
            federated_by=args.federated_by,
        )
    except ValueError as exc:  # a federated user session and the user behind it do not fit together
        raise UsageError(f"--federated-by: {exc}") from None
    return Scenario("(command line)", policies, [request], [args.expect], unfilled)


def _check(flag: str, value: str, problem_of) -> None:
    """Refuse an empty or malformed request field given on the command line, the way scenarios refuse it."""
    problem = ("the value is empty", "give a value, or leave the option out") if not value else problem_of(value)
    if problem:
        message, hint = problem
        raise UsageError(f"{flag}: {message}" + (f"\nhint: {hint}" if hint else ""))


def _pairs(items: list[str], option: str, shape: str) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"{option} {short(item)}: expected {shape}")
        pairs.append((key, value))
    return pairs
