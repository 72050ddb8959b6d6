"""Does an account already give a labeling job everything it needs? Every requirement, simulated.

`verify(job, options, facts)` takes the job's requirements (`requirements.py`) and decides each against
what the account holds (`AccountFacts`: the policies of each principal, key and bucket policies, CORS
configurations, the role's MaxSessionDuration), with the simulator for IAM and structurally for settings.

Who is asked, per requirement principal:

- caller: the caller's policies and the SCPs;
- execution role: its policies (inline, attached, AWS managed by name), its permissions boundary and the
  SCPs, with the key policy, bucket policy, trust policy or topic policy of the resource as the resource
  policy when one is given;
- key, bucket and topic policies, and the trust policy: that policy as the resource policy of a request
  from the principal the requirement names (the execution role, the Lambda role, a service), together
  with that principal's own policies when they are given;
- bucket CORS and the role's MaxSessionDuration: compared with the setting the requirement asks for.

What "not given" means differs by kind, because some resources always have a policy and others may have
none: every role has a trust policy and every KMS key a key policy, so a missing one leaves the
requirement *not verified*; a bucket without `--bucket-policy` is taken to have no bucket policy (S3's
default), and a topic without one to have SNS's default policy, which leaves the decision to IAM. A
requirement whose principal has no policies given at all is not verified either. A result is one of:

- `ok`: Allowed, or the setting is present;
- `missing`: the given policies decide against it (an explicit Deny, or no Allow in a policy type that
  was given and must allow), or the setting is absent;
- `refused`: AWS refuses the request whatever the policies say (the simulator's `AlwaysDenied`: an AWS
  managed policy, a service-linked role or an `alias/aws/` key alias changed, or credentials that may not
  call the API), so no statement can fix it and none is offered;
- `unverified`: the decision depends on something not given.

`Report.exit_code()` is 0 when nothing is missing or refused and 1 otherwise (the job needs each
requirement); `strict=True` also fails on anything unverified. Missing results carry what fixes them: the planned statement of the requirement's row
(`plan.fixing_statement`, found by its stable Sid), the planned CORS rule or MaxSessionDuration, or,
should the plan have none, a statement derived from the requirement itself. What the given identity
policies allow beyond the plan is reported as information (`unneeded`, with `iamkb.compare`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iamkb.core.arns import Arn
from iamkb.core.errors import UsageError
from iamkb.job.failures import FailureMatch, match
from iamkb.job.model import Job, JobOptions, Plan, Principal, Requirement
from iamkb.job.plan import fixing_statement, plan_job
from iamkb.job.requirements import key_arn
from iamkb.simulate import (
    ALLOWED,
    ALWAYS_DENIED,
    EXPLICITLY_DENIED,
    IMPLICITLY_DENIED,
    Policies,
    Policy,
    Request,
    evaluate,
)

OK, MISSING, REFUSED, UNVERIFIED = "ok", "missing", "refused", "unverified"
SETTING_PRESENT, SETTING_MISSING, NOT_VERIFIED = "SettingPresent", "SettingMissing", "NotVerified"
# The CORS fields a browser request depends on; ExposeHeaders and MaxAgeSeconds only tune caching and
# what scripts may read (AWS publishes 2D rules with and without ExposeHeaders), so they are not required.
CORS_CHECKED = ("AllowedMethods", "AllowedOrigins", "AllowedHeaders")
# Why a refused requirement has no fix: AWS decides it before any policy is read (iamkb.simulate.fixed).
REFUSED_REASON = "AWS does not allow this whatever the policies say, so no policy can fix it"
VERSION = "2012-10-17"


@dataclass(frozen=True)
class Cors:
    """A bucket's CORS configuration as GetBucketCors returns it; `rules` empty means the bucket has none."""

    label: str
    rules: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class AccountFacts:
    """What an account holds around one job. Keys of `key_policies` are key ARNs, as the requirements name
    keys; `bucket_policies` and `cors` are keyed by bucket name, `topic_policies` by topic ARN."""

    role_policies: tuple[Policy, ...] = ()
    caller_policies: tuple[Policy, ...] = ()
    lambda_role_policies: tuple[Policy, ...] = ()
    trust_policy: Policy | None = None
    boundary: Policy | None = None
    scps: tuple[Policy, ...] = ()
    key_policies: dict[str, Policy] = field(default_factory=dict)
    bucket_policies: dict[str, Policy] = field(default_factory=dict)
    topic_policies: dict[str, Policy] = field(default_factory=dict)
    cors: dict[str, Cors] = field(default_factory=dict)
    max_session_duration: int | None = None

    def is_empty(self) -> bool:
        return not (
            self.role_policies
            or self.caller_policies
            or self.lambda_role_policies
            or self.trust_policy
            or self.boundary
            or self.scps
            or self.key_policies
            or self.bucket_policies
            or self.topic_policies
            or self.cors
            or self.max_session_duration is not None
        )


@dataclass(frozen=True)
class Fix:
    """What to add for a missing requirement: a statement (or CORS rule, or setting) and where it goes."""

    where: str  # e.g. "plan: execution-role policy" or "derived from the requirement: key policy of K"
    value: Any


@dataclass(frozen=True)
class Result:
    requirement: Requirement
    status: str  # OK, MISSING, REFUSED, UNVERIFIED
    decision: str  # Allowed, ImplicitlyDenied, ExplicitlyDenied, AlwaysDenied, SettingPresent, SettingMissing,
    # NotVerified
    decided_by: tuple[dict[str, Any], ...] = ()  # statements: policy (label), pointer, sid
    reason: str = ""
    fix: Fix | None = None

    def decided_by_text(self) -> str:
        if self.decided_by:
            return ", ".join(_statement_name(s) for s in self.decided_by)
        if self.status == MISSING and self.decision == IMPLICITLY_DENIED:
            return "no statement allows it"
        return self.reason

    def to_json(self) -> dict[str, Any]:
        req = self.requirement
        record: dict[str, Any] = {"id": req.id, "field": req.field, "principal": req.principal.value}
        for name in ("key", "action", "resource", "setting"):
            if getattr(req, name) is not None:
                record[name] = getattr(req, name)
        record.update(
            {
                "status": self.status,
                "decision": self.decision,
                "decidedBy": [dict(s) for s in self.decided_by],
                "reason": self.reason,
            }
        )
        if self.fix is not None:
            record["fix"] = {"where": self.fix.where, "value": self.fix.value}
        return record


@dataclass(frozen=True)
class Unneeded:
    """What one given policy allows beyond the planned policy of its principal (information only)."""

    policy: str
    principal: str
    grants: int  # (action, resource) pairs not in the plan
    services: tuple[str, ...]
    actions: int
    resources: int
    examples: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "principal": self.principal,
            "grants": self.grants,
            "services": list(self.services),
            "actions": self.actions,
            "resources": self.resources,
            "examples": list(self.examples),
        }


@dataclass
class Report:
    job: Job
    results: list[Result]
    unneeded: list[Unneeded] = field(default_factory=list)
    failure_reason: str | None = None
    failure_matches: list[FailureMatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def exit_code(self, strict: bool = False) -> int:
        """0 when every verified requirement holds (and, with `strict`, when every one was verifiable)."""
        if self.count(MISSING) or self.count(REFUSED) or (strict and self.count(UNVERIFIED)):
            return 1
        return 0

    def explained_by(self, found: FailureMatch) -> list[Result]:
        """The job's results a failure message points at, missing and unverified ones first."""
        ids = found.requirement_ids([r.requirement for r in self.results])
        picked = [
            r
            for r in self.results
            if r.requirement.id in ids
            and (
                not found.failure.by_action
                or found.action is None
                or (r.requirement.action or "").lower() == found.action.lower()
            )
        ]
        order = {MISSING: 0, REFUSED: 0, UNVERIFIED: 1, OK: 2}
        return sorted(picked, key=lambda r: order[r.status])


# --- the verification ---------------------------------------------------------------------------------


def verify(
    job: Job,
    options: JobOptions | None = None,
    facts: AccountFacts | None = None,
    plan: Plan | None = None,
    failure_reason: str | None = None,
) -> Report:
    """Decide every requirement of `job` against `facts`; `plan` supplies the fixes (planned when None).

    A requirement whose principal has no policy in `facts` is "not verified", not missing.

    Examples:
        >>> from iamkb.job.inputs import read_job
        >>> from iamkb.job.verify import AccountFacts, managed_policy, verify
        >>> job = read_job("examples/jobs/bounding-box-private.json")  # its bucket is named acme-data
        >>> role = AccountFacts(role_policies=(managed_policy("AmazonSageMakerGroundTruthExecution"),))
        >>> report = verify(job, facts=role)
        >>> sorted({r.requirement.id for r in report.results if r.decision == "ImplicitlyDenied"})
        ['EXEC_READ_INPUT_OBJECTS', 'EXEC_READ_LABEL_CATEGORIES', 'EXEC_READ_MANIFEST', 'EXEC_READ_UI_TEMPLATE', 'EXEC_WRITE_OUTPUT']
        >>> report.exit_code()
        1
    """
    facts = facts or AccountFacts()
    plan = plan or plan_job(job, options or JobOptions())
    passing = _bucket_policy_context(plan.requirements)
    results = [_with_fix(_decide(req, job, facts, passing), plan) for req in plan.requirements]
    warnings = list(dict.fromkeys(r.reason for r in results if r.status == UNVERIFIED))
    reason = failure_reason if failure_reason is not None else job.failure_reason
    return Report(job, results, unneeded(facts, plan), reason, match(reason) if reason else [], warnings)


def _bucket_policy_context(reqs: list[Requirement]) -> dict[tuple[str, str], dict[str, Any]]:
    """(bucket, action) -> the context a bucket-policy row says the job's requests carry there.

    A bucket whose policy denies requests without SSE-KMS or from outside a VPC endpoint is one the job
    writes with SSE-KMS and reaches through Ground Truth's endpoint: the execution role's own requests
    on that bucket carry the same values, so they are simulated with them."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for req in reqs:
        if req.principal is Principal.BUCKET_POLICY and req.key and req.action:
            found.setdefault((req.key, req.action.lower()), {}).update(req.context)
    return found


def _decide(req: Requirement, job: Job, facts: AccountFacts, passing: dict[tuple[str, str], dict[str, Any]]) -> Result:
    if req.principal is Principal.BUCKET_CORS:
        return _decide_cors(req, facts)
    if req.principal is Principal.ROLE_SETTING:
        return _decide_session(req, facts)
    return _decide_iam(req, job, facts, passing)


def _decide_iam(
    req: Requirement, job: Job, facts: AccountFacts, passing: dict[tuple[str, str], dict[str, Any]]
) -> Result:
    assert req.action is not None and req.resource is not None
    identity, identity_flag = _identity(req, job, facts)
    resource, resource_flag, resource_required = _resource_policy(req, job, facts)
    if resource_required and resource is None:
        return Result(req, UNVERIFIED, NOT_VERIFIED, reason=f"no {resource_flag} given")
    if identity is None:
        return Result(req, UNVERIFIED, NOT_VERIFIED, reason=f"no {identity_flag} given")
    bounded = req.principal in (Principal.EXECUTION_ROLE, Principal.KEY_POLICY, Principal.BUCKET_POLICY)
    policies = Policies(
        identity=list(identity),
        resource=resource,
        boundary=facts.boundary if bounded else None,
        scp=[[p] for p in facts.scps] or None,
    )
    arn = Arn.parse(req.resource)
    bucket = arn.resource.split("/", 1)[0] if arn is not None and arn.service == "s3" else ""
    context = {**passing.get((bucket, req.action.lower()), {}), **req.context}
    request = Request(req.action, req.resource, principal=req.request_principal, context=context or None)
    decision = evaluate(policies, request, explain=True)
    details = decision.details or {}
    records = details.get("statements", [])
    if decision.decision == ALLOWED:
        granting = [
            r
            for r in records
            if r["effect"] == "Allow" and r.get("applies") and r["policyType"] in ("identity", "resource")
        ]
        return Result(req, OK, ALLOWED, _refs(granting), details.get("reason", ""))
    if decision.decision == ALWAYS_DENIED:
        rule = details.get("awsRule", {})
        why = f"{REFUSED_REASON}: {rule.get('reason', '')} ({rule.get('source', '')})"
        return Result(req, REFUSED, ALWAYS_DENIED, reason=why)
    if decision.decision == EXPLICITLY_DENIED:
        denying = [r for r in records if r["effect"] == "Deny" and r.get("applies")]
        return Result(req, MISSING, EXPLICITLY_DENIED, _refs(denying), details.get("reason", ""))
    missing_types = {m["policyType"] for m in details.get("missingAllow", [])}
    unknown = []
    if "identity" in missing_types and not identity:
        unknown.append(identity_flag)
    if "resource" in missing_types and resource is None and resource_flag:
        unknown.append(resource_flag)
    if unknown:
        return Result(req, UNVERIFIED, NOT_VERIFIED, reason=f"no {' and no '.join(unknown)} given")
    return Result(req, MISSING, IMPLICITLY_DENIED, reason=details.get("reason", ""))


def _identity(req: Requirement, job: Job, facts: AccountFacts) -> tuple[tuple[Policy, ...] | None, str]:
    """The identity-based policies of the requesting principal and how to give them: None when the
    requirement is about them and they are not given; () for a service principal (its requests depend
    on the resource policy alone)."""
    exec_flag = "execution-role policy (--role-policy or --managed-policy)"
    lambda_flag = "policy of the Lambda function's role (--lambda-role-policy)"
    principal = req.principal
    if principal is Principal.CALLER:
        return (facts.caller_policies or None), "caller policy (--caller-policy)"
    if principal is Principal.LAMBDA_ROLE:
        return (facts.lambda_role_policies or None), lambda_flag
    if principal is Principal.EXECUTION_ROLE:
        return (facts.role_policies or None), exec_flag
    # a resource policy's requirement: the request principal's own policies go along when known
    if not Request("sts:GetCallerIdentity", principal=req.request_principal).caller.is_aws_identity:
        return (), ""
    if req.request_principal == job.role_arn:
        return facts.role_policies, exec_flag
    return facts.lambda_role_policies, lambda_flag


def _resource_policy(req: Requirement, job: Job, facts: AccountFacts) -> tuple[Policy | None, str, bool]:
    """(the resource policy, how to give it, whether the requirement cannot be decided without it)."""
    principal, resource = req.principal, req.resource or ""
    if principal is Principal.TRUST_POLICY:
        return facts.trust_policy, "trust policy (--trust-policy)", True
    if principal is Principal.KEY_POLICY:
        return facts.key_policies.get(req.key or ""), f"key policy of {req.key} (--key-policy KEY=FILE)", True
    if principal is Principal.BUCKET_POLICY:
        return facts.bucket_policies.get(req.key or ""), f"bucket policy of {req.key} (--bucket-policy)", True
    if principal is Principal.TOPIC_POLICY:
        return facts.topic_policies.get(req.key or ""), f"topic policy of {req.key} (--topic-policy)", True
    arn = Arn.parse(resource)
    if arn is None:
        return None, "", False
    if arn.service == "kms" and arn.resource.startswith("key/"):  # every key has a key policy
        return facts.key_policies.get(resource), f"key policy of {resource} (--key-policy KEY=FILE)", False
    if arn.service == "iam" and resource == job.role_arn and req.action and req.action.lower().startswith("sts:"):
        return facts.trust_policy, "trust policy (--trust-policy)", False
    if arn.service == "s3":  # no bucket policy given: the bucket has none
        return facts.bucket_policies.get(arn.resource.split("/", 1)[0]), "", False
    if arn.service == "sns":  # no topic policy given: SNS's default policy leaves it to IAM
        return facts.topic_policies.get(resource), "", False
    return None, "", False


def _refs(records: list[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    return tuple({"policy": r["policy"], "pointer": r["pointer"], "sid": r["sid"]} for r in records)


def _statement_name(ref: dict[str, Any]) -> str:
    return f"{ref['policy']} {ref['pointer']}" + (f" (Sid {ref['sid']})" if ref.get("sid") else "")


# --- settings -----------------------------------------------------------------------------------------


def _decide_cors(req: Requirement, facts: AccountFacts) -> Result:
    config = facts.cors.get(req.key or "")
    if config is None:
        return Result(req, UNVERIFIED, NOT_VERIFIED, reason=f"no CORS configuration of {req.key} given (--cors)")
    assert req.setting is not None
    problems = cors_problems(config.rules, req.setting)
    if not problems:
        covering = next(i for i, rule in enumerate(config.rules) if not cors_problems([rule], req.setting))
        ref = {"policy": config.label, "pointer": f"/CORSRules/{covering}", "sid": config.rules[covering].get("ID")}
        return Result(req, OK, SETTING_PRESENT, (ref,), "a CORS rule allows the requests workers' browsers make")
    return Result(req, MISSING, SETTING_MISSING, reason="; ".join(problems))


def cors_problems(rules: Any, setting: dict[str, Any]) -> list[str]:
    """Why no single CORS rule serves the browser requests `setting` describes (empty when one does).

    A browser request is served by the first rule whose origins, method and requested headers all match,
    so one rule must take the required origins and headers for each required method."""
    if not rules:
        return ["the bucket has no CORS configuration"]
    problems = []
    for method in setting.get("AllowedMethods", []):
        candidates = [r for r in rules if method in r.get("AllowedMethods", [])]
        if not candidates:
            problems.append(f"no CORS rule allows {method}")
            continue
        if not any(
            _takes_all(r.get("AllowedOrigins", []), setting.get("AllowedOrigins", []))
            and _takes_all(r.get("AllowedHeaders", []), setting.get("AllowedHeaders", []))
            for r in candidates
        ):
            origins = ", ".join(setting.get("AllowedOrigins", [])) or "-"
            headers = ", ".join(setting.get("AllowedHeaders", [])) or "none"
            problems.append(f"no CORS rule allows {method} from origin {origins} with headers {headers}")
    return problems


def _cors_matches(entry: str, value: str) -> bool:
    """An S3 CORS entry (AllowedOrigin, AllowedHeader) against a value. S3 allows at most one `*` per entry
    and reads every other character, `?` and `[` included, literally, so this is neither an IAM wildcard
    (iamkb.core.patterns) nor fnmatch (which reads `[...]` as a class)."""
    head, star, tail = entry.partition("*")
    if not star:
        return entry == value
    return len(value) >= len(head) + len(tail) and value.startswith(head) and value.endswith(tail)


def _takes_all(patterns: list[str], wanted: list[str]) -> bool:
    """Every wanted origin or header (itself possibly `*`) is taken by one pattern; S3 compares headers
    case-insensitively and allows one `*` per entry."""
    lowered = [p.lower() for p in patterns]
    return all(
        "*" in lowered or w.lower() in lowered or ("*" not in w and any(_cors_matches(p, w.lower()) for p in lowered))
        for w in wanted
    )


def _decide_session(req: Requirement, facts: AccountFacts) -> Result:
    assert req.setting is not None
    minimum = int(req.setting["MaxSessionDuration"]["minimum"])
    if facts.max_session_duration is None:
        return Result(
            req,
            UNVERIFIED,
            NOT_VERIFIED,
            reason="no MaxSessionDuration of the execution role given (--max-session-duration)",
        )
    ref = ({"policy": "the execution role's MaxSessionDuration", "pointer": "", "sid": None},)
    if facts.max_session_duration >= minimum:
        return Result(req, OK, SETTING_PRESENT, ref, f"{facts.max_session_duration} s >= {minimum} s")
    return Result(
        req,
        MISSING,
        SETTING_MISSING,
        ref,
        f"MaxSessionDuration is {facts.max_session_duration} s; the task time needs at least {minimum} s",
    )


# --- fixes --------------------------------------------------------------------------------------------


def _with_fix(result: Result, plan: Plan) -> Result:
    if result.status != MISSING:
        return result
    return Result(
        result.requirement,
        result.status,
        result.decision,
        result.decided_by,
        result.reason,
        fix_for(result.requirement, plan),
    )


def fix_for(req: Requirement, plan: Plan) -> Fix:
    """The planned statement (by its Sid), CORS rule or setting that gives the requirement; a statement
    derived from the requirement itself if the plan has none for it."""
    if req.principal is Principal.ROLE_SETTING and plan.max_session_duration:
        return Fix("plan: the execution role's settings", {"MaxSessionDuration": plan.max_session_duration})
    if req.principal is Principal.BUCKET_CORS:
        good = [r for r in plan.cors.get(req.key or "", []) if not cors_problems([r], req.setting or {})]
        if good:
            return Fix(f"plan: cors-{req.key}.json", good[0])
    found = fixing_statement(plan, req)
    if found is not None:
        return Fix(f"plan: {found[0]}", found[1])
    return Fix(f"derived from the requirement: {_home(req)}", derived_statement(req))


def derived_statement(req: Requirement) -> dict[str, Any]:
    """The least statement that gives one requirement, from its own action, resource and conditions."""
    if req.principal is Principal.BUCKET_CORS:
        return dict(req.setting or {})
    if req.principal is Principal.ROLE_SETTING:
        return {"MaxSessionDuration": (req.setting or {})["MaxSessionDuration"]["minimum"]}
    statement: dict[str, Any] = {"Sid": "".join(p.capitalize() for p in req.id.split("_")), "Effect": "Allow"}
    if req.principal in (Principal.TRUST_POLICY, Principal.KEY_POLICY, Principal.TOPIC_POLICY, Principal.BUCKET_POLICY):
        who = req.request_principal or ""
        statement["Principal"] = {"AWS": who} if who.startswith("arn:") else {"Service": who}
    statement["Action"] = req.action
    if req.principal is Principal.KEY_POLICY:
        statement["Resource"] = "*"  # in a key policy, "*" is the key itself
    elif req.principal is not Principal.TRUST_POLICY:
        statement["Resource"] = req.resource
    if req.conditions:
        statement["Condition"] = req.conditions
    return statement


def _home(req: Requirement) -> str:
    homes = {
        Principal.CALLER: "the caller's policy",
        Principal.EXECUTION_ROLE: "the execution role's policy",
        Principal.TRUST_POLICY: "the execution role's trust policy",
        Principal.LAMBDA_ROLE: "the Lambda function's role policy",
        Principal.KEY_POLICY: f"the key policy of {req.key}",
        Principal.BUCKET_POLICY: f"the bucket policy of {req.key} (let this request through its Deny)",
        Principal.TOPIC_POLICY: f"the topic policy of {req.key}",
        Principal.BUCKET_CORS: f"a CORS rule of {req.key}",
        Principal.ROLE_SETTING: "the execution role",
    }
    return homes[req.principal]


# --- access beyond the plan ---------------------------------------------------------------------------


def unneeded(facts: AccountFacts, plan: Plan, examples: int = 3) -> list[Unneeded]:
    """Per given identity policy, what it allows that the planned policy of its principal does not
    (`iamkb.compare`: every (action, resource) it grants that the plan is not proven to grant)."""
    from iamkb.compare import compare

    empty = {"Version": VERSION, "Statement": []}
    groups = (
        (Principal.EXECUTION_ROLE, facts.role_policies, plan.execution_role_policy),
        (Principal.CALLER, facts.caller_policies, plan.caller_policy),
        (Principal.LAMBDA_ROLE, facts.lambda_role_policies, plan.lambda_role_policy or empty),
    )
    found = []
    for principal, given, planned in groups:
        for policy in given:
            gaps = compare(policy.document, planned, policy.label, "plan").gaps
            if not gaps:
                continue
            shown = tuple(dict.fromkeys(f"{g.action} on {g.resource}" for g in gaps))[:examples]
            found.append(
                Unneeded(
                    policy.label,
                    principal.value,
                    len(gaps),
                    tuple(sorted({g.action.split(":", 1)[0] for g in gaps if ":" in g.action})),
                    len({g.action for g in gaps}),
                    len({g.resource for g in gaps}),
                    shown,
                )
            )
    return found


# --- account facts from files -------------------------------------------------------------------------


def managed_policy(name: str) -> Policy:
    """An AWS managed policy the knowledge base holds (snippets/managed/), by its name."""
    from iamkb.kb.snippets import load_catalog

    known = {s.id: s for s in load_catalog().snippets if s.aws_managed}
    if name not in known:
        raise UsageError(
            f"--managed-policy {name!r}: not an AWS managed policy the knowledge base holds\n"
            f"hint: known names: {', '.join(sorted(known))}; give other policies with --role-policy"
        )
    return Policy(known[name].document(), "identity", f"AWS managed policy {name}")


def cors_from_document(document: Any, label: str) -> Cors:
    """GetBucketCors output ({"CORSRules": [...]}) checked for shape; a UsageError names what is wrong."""
    rules = document.get("CORSRules") if isinstance(document, dict) else None
    if not isinstance(rules, list):
        raise UsageError(
            f'{label}: expected GetBucketCors output, an object with "CORSRules": [...]\n'
            "hint: aws s3api get-bucket-cors --bucket BUCKET > cors.json"
        )
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict):
            raise UsageError(f"{label}: at /CORSRules/{index}: a CORS rule must be an object")
        for name in CORS_CHECKED:
            value = rule.get(name, [])
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise UsageError(f"{label}: at /CORSRules/{index}/{name}: must be an array of strings")
    return Cors(label, tuple(rules))


def normalise_key(key: str, job: Job) -> str:
    """A key named as the job names it (ID, alias or ARN) as the requirements name it: an ARN."""
    return key_arn(key, job.partition, job.region, job.account)
