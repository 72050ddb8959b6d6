"""A plan proves itself before it is printed: `prove(plan) -> Proof`.

Three proofs, all offline:

1. check: every planned policy passes `iamkb check` for its kind with no ERROR, SECURITY_WARNING or
   WARNING finding (suggestions are reported, not fatal);
2. simulation: the simulator allows every requirement against the planned documents (settings such as
   CORS rules and MaxSessionDuration are proven present in the plan instead), and denies neighbours
   derived mechanically from each requirement: another bucket, a sibling prefix or object, another
   function, role, key, topic or queue, another action on the same object, another principal for the
   resource-based policies, and for each Condition key another value and no value (the guardrails on
   CreateLabelingJob, iam:PassedToService, ...). A neighbour that the job itself needs (the manifest's
   sibling inside an input prefix the job reads) is not one: it is dropped when the requirements of the
   same principal, taken as policy statements, allow it;
3. comparison: what the broad alternatives (the guide's snippets filled with the job's values, and the
   AWS managed policies) grant beyond the plan, with `iamkb.compare`, and which of the plan's
   requirements each alternative would not allow (simulated).

Proofs 1 and 2 decide: any failure means a bug in the requirements table or the planner, and
`iamkb job plan` prints the failures instead of the plan. Proof 3 is information.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from iamkb.job.model import Plan, Principal, Requirement
from iamkb.job.plan import (
    IDENTITY_PRINCIPALS,
    MAX_SESSION_LIMIT,
    check_kind,
    documents,
    policy,
    root_statement,
)

FATAL = frozenset({"ERROR", "SECURITY_WARNING", "WARNING"})
# Findings about the values the plan copies from the job description (its account id, bucket names), not
# about the plan's permissions: an input that uses AWS's example account (as this project's example jobs
# do) is the input's business, so the proof leaves these out.
FROM_THE_JOB = frozenset({"EXAMPLE_VALUE"})
OTHER_SERVICE = "ec2.amazonaws.com"
# Another action on the same resource, which the plan must not grant with it.
ACTION_NEIGHBOURS = {
    "s3:GetObject": "s3:DeleteObject",
    "s3:PutObject": "s3:DeleteObject",
    "lambda:InvokeFunction": "lambda:UpdateFunctionCode",
}
_RESOURCE_TYPES = {
    "lambda": "function",
    "iam": "role",
    "kms": "key",
    "sns": "topic",
    "sqs": "queue",
    "sagemaker": "labeling job",
}
EXAMPLES = 5


@dataclass
class Proof:
    """The proofs' records (JSON-ready) and every failure, in words."""

    checks: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    neighbours: list[dict[str, Any]] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "failures": self.failures,
            "checks": self.checks,
            "requirements": self.requirements,
            "neighbours": self.neighbours,
            "alternatives": self.alternatives,
        }


def prove(plan: Plan, *, compare_alternatives: bool = True) -> Proof:
    """Check, simulate and compare `plan`; the plan itself is not changed.

    Every planned document must pass `iamkb check` with no ERROR or WARNING; the simulator must allow every
    requirement and deny each neighbour of one (another bucket, prefix, role, key ...); `compare` reports
    what the guide's snippets and the AWS managed policies would grant beyond the plan for this job.

    Examples:
        >>> from iamkb.job.inputs import read_job
        >>> from iamkb.job.plan import plan_job
        >>> from iamkb.job.prove import prove
        >>> proof = prove(plan_job(read_job("examples/jobs/bounding-box-private.json")))
        >>> proof.failures
        []
        >>> sorted({n["what"] for n in proof.neighbours if n["of"] == "CALLER_PASS_ROLE"})
        ['another iam:PassedToService', 'another role', 'no iam:PassedToService']
        >>> "AmazonSageMakerGroundTruthExecution" in [a["alternative"] for a in proof.alternatives]
        True
    """
    proof = Proof()
    check_documents(plan, proof)
    simulate_plan(plan, proof)
    if compare_alternatives:
        compare_with_alternatives(plan, proof)
    return proof


# --- 1. iamkb check -------------------------------------------------------------------------------


def check_documents(plan: Plan, proof: Proof) -> None:
    from iamkb.check import check_document

    for name, document in documents(plan).items():
        kind = check_kind(name)
        if kind is None:
            continue
        findings = [f for f in check_document(document, kind, name) if f.code not in FROM_THE_JOB]
        records = []
        for f in findings:
            record = {"code": f.code, "type": f.finding_type.value, "message": f.message, "pointer": f.pointer}
            records.append(record)
            if f.finding_type.value in FATAL:
                proof.failures.append(f"check {name}#{f.pointer}: {f.finding_type.value} {f.code}: {f.message}")
        proof.checks.append({"document": name, "kind": kind, "findings": records})


# --- 2. simulation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request to simulate, for a requirement or for a neighbour of one."""

    principal: Principal  # whose documents decide (the requirement's)
    key: str | None
    action: str
    resource: str
    request_principal: str | None
    context: dict[str, Any]

    def request(self):
        from iamkb.simulate import Request

        return Request(self.action, self.resource, principal=self.request_principal, context=self.context)

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"principal": self.request_principal, "action": self.action, "resource": self.resource}
        if self.context:
            record["context"] = self.context
        return record


class Simulator:
    """The planned documents that decide a request of each principal, compiled once per setup."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self._cache: dict[tuple, Any] = {}

    def decide(self, probe: Probe) -> str:
        from iamkb.simulate import evaluate

        return evaluate(self.policies(probe), probe.request()).decision

    def policies(self, probe: Probe):
        plan = self.plan
        identity: list[dict] = []
        resource = None
        if probe.principal is Principal.CALLER:
            identity = [plan.caller_policy]
        elif probe.principal in (Principal.EXECUTION_ROLE, Principal.BUCKET_POLICY):
            identity = [plan.execution_role_policy]
        elif probe.principal is Principal.LAMBDA_ROLE:
            identity = [plan.lambda_role_policy or policy([])]
        if probe.principal is Principal.BUCKET_POLICY:
            resource = policy(plan.bucket_policy_statements[str(probe.key)])
        elif probe.principal is Principal.KEY_POLICY:
            resource = plan.key_policies[str(probe.key)]
        elif probe.principal is Principal.TOPIC_POLICY:
            resource = policy(plan.topic_policy_statements[str(probe.key)])
        elif probe.principal is Principal.TRUST_POLICY or (
            probe.action.lower() == "sts:assumerole" and probe.resource == plan.job.role_arn
        ):
            resource = plan.trust_policy
        elif probe.action.lower().startswith("kms:"):
            # a planned key decides with its planned policy; any other key is taken to have AWS's default one
            resource = plan.key_policies.get(probe.resource) or policy(
                [root_statement(plan.job.partition, plan.job.account)]
            )
        cache_key = (
            probe.principal,
            probe.key,
            id(resource) if resource is not None else None,
            json.dumps(resource, sort_keys=True) if resource is not None else None,
        )
        if cache_key not in self._cache:
            from iamkb.simulate import Policies

            self._cache[cache_key] = Policies(identity=identity, resource=resource)
        return self._cache[cache_key]


def simulate_plan(plan: Plan, proof: Proof) -> None:
    simulator = Simulator(plan)
    intended = _Intended(plan.requirements)
    shared = bucket_contexts(plan.requirements)
    for req in plan.requirements:
        if req.setting is not None:
            _prove_setting(plan, req, proof)
            continue
        probe = _probe(req, shared.get(str(req.key)) if req.principal is Principal.BUCKET_POLICY else None)
        decision = simulator.decide(probe)
        proof.requirements.append({"id": req.id, **probe.record(), "decision": decision})
        if decision != "Allowed":
            proof.failures.append(
                f"simulate {req.id}: {req.action} on {req.resource} by {req.request_principal} "
                f"is {decision}, but the job needs it"
            )
        for what, neighbour in neighbours(req, probe):
            if intended.allows(neighbour):
                continue
            decision = simulator.decide(neighbour)
            proof.neighbours.append({"of": req.id, "what": what, **neighbour.record(), "decision": decision})
            if decision == "Allowed":
                proof.failures.append(
                    f"simulate neighbour of {req.id} ({what}): {neighbour.action} on "
                    f"{neighbour.resource} is Allowed, but the plan must deny it"
                )


def _prove_setting(plan: Plan, req: Requirement, proof: Proof) -> None:
    setting = req.setting or {}
    if req.principal is Principal.BUCKET_CORS:
        present = setting in plan.cors.get(str(req.key), [])
        where = f"cors-{req.key}.json"
    else:
        minimum = setting.get("MaxSessionDuration", {}).get("minimum", 0)
        value = plan.max_session_duration or 0
        present = minimum <= value <= MAX_SESSION_LIMIT
        where = "maxSessionDuration"
    proof.requirements.append({"id": req.id, "setting": setting, "key": req.key, "in": where, "present": present})
    if not present:
        proof.failures.append(f"setting {req.id}: {json.dumps(setting)} is missing from {where}")


def _probe(req: Requirement, shared: dict[str, Any] | None = None) -> Probe:
    """The requirement's request; `shared` context comes first (the request's own values win)."""
    context = {**(shared or {}), **req.context}
    return Probe(req.principal, req.key, str(req.action), str(req.resource), req.request_principal, context)


def bucket_contexts(reqs: list[Requirement]) -> dict[str, dict[str, Any]]:
    """Per bucket, every context value its bucket-policy requirements name: the job's requests to that bucket
    carry them all (through Ground Truth's endpoint and with SSE-KMS), so each Deny is tested with the others."""
    merged: dict[str, dict[str, Any]] = {}
    for req in reqs:
        if req.principal is Principal.BUCKET_POLICY:
            merged.setdefault(str(req.key), {}).update(req.context)
    return merged


def neighbours(req: Requirement, base: Probe | None = None) -> list[tuple[str, Probe]]:
    """The requests next to `req` (simulated as `base`) that the plan must deny, each with what makes it one."""
    base = base or _probe(req)
    found: list[tuple[str, Probe]] = []
    resource_policy = req.principal in (Principal.TRUST_POLICY, Principal.KEY_POLICY, Principal.TOPIC_POLICY)
    if req.principal is not Principal.TRUST_POLICY and req.principal is not Principal.KEY_POLICY:
        for what, resource in other_resources(base.resource):
            found.append((what, _replace(base, resource=resource)))
    other_action = ACTION_NEIGHBOURS.get(base.action)
    if other_action and base.resource != "*":
        found.append((f"another action ({other_action})", _replace(base, action=other_action)))
    if resource_policy and base.request_principal:
        found.append(("another principal", _replace(base, request_principal=other_value(base.request_principal))))
    keys = [k for block in req.conditions.values() for k in block]
    if req.principal is Principal.BUCKET_POLICY:
        keys = list(req.context)
    for key in dict.fromkeys(keys):
        if key not in base.context:
            continue
        value = base.context[key]
        changed = [other_value(v) for v in value] if isinstance(value, list) else other_value(str(value))
        found.append((f"another {key}", _replace(base, context={**base.context, key: changed})))
        found.append((f"no {key}", _replace(base, context={k: v for k, v in base.context.items() if k != key})))
    return found


def other_resources(resource: str) -> list[tuple[str, str]]:
    """Another bucket, a sibling prefix or object (S3); another function, role, key, ... (other ARNs)."""
    if resource == "*" or not resource.startswith("arn:"):
        return []
    parts = resource.split(":", 5)
    service = parts[2]
    if service != "s3":
        return [(f"another {_RESOURCE_TYPES.get(service, service + ' resource')}", resource + "-other")]
    head, rest = ":".join(parts[:5]), parts[5]
    bucket, slash, key = rest.partition("/")
    found = [("another bucket", f"{head}:{bucket}-other{slash}{key}")]
    if key.endswith("/*"):
        prefix, _, last = key[:-2].rpartition("/")
        found.append(("a sibling prefix", f"{head}:{bucket}/{prefix + '/' if prefix else ''}{last}-other/*"))
    elif key and key != "*":
        folder, _, name = key.rpartition("/")
        found.append(("another object", f"{head}:{bucket}/{folder + '/' if folder else ''}other-{name}"))
    return found


def other_value(value: str) -> str:
    """A value next to `value`: another service principal, ARN or string."""
    if value.endswith(".amazonaws.com") and not value.startswith("arn:"):
        return OTHER_SERVICE if value != OTHER_SERVICE else "lambda.amazonaws.com"
    return value + "-other"


def _replace(probe: Probe, **changes: Any) -> Probe:
    values = {**probe.__dict__, **changes}
    return Probe(**values)


class _Intended:
    """The requirements of each principal as Allow statements: what the job itself needs."""

    def __init__(self, reqs: list[Requirement]):
        self._statements: dict[tuple, list[dict]] = {}
        self._policies: dict[tuple, Any] = {}
        for req in reqs:
            if req.action is None:
                continue
            statement: dict[str, Any] = {"Effect": "Allow", "Action": req.action, "Resource": req.resource or "*"}
            if req.conditions:
                statement["Condition"] = req.conditions
            self._statements.setdefault(self._key(req.principal, req.key, req.request_principal), []).append(statement)

    @staticmethod
    def _key(principal: Principal, key: str | None, who: str | None) -> tuple:
        return principal, key, who

    def allows(self, probe: Probe) -> bool:
        from iamkb.simulate import Policies, evaluate

        if probe.principal is Principal.BUCKET_POLICY:
            return False  # a bucket policy's neighbours differ only in context, which the job never sends
        key = self._key(probe.principal, probe.key, probe.request_principal)
        statements = self._statements.get(key)
        if not statements:
            return False
        if key not in self._policies:
            self._policies[key] = Policies(identity=[policy(statements)])
        request = _replace(probe, request_principal=_identity_caller(probe)).request()
        return evaluate(self._policies[key], request).decision == "Allowed"


def _identity_caller(probe: Probe) -> str | None:
    """Requirements as identity statements are simulated for an IAM caller, also when a service asks."""
    who = probe.request_principal or ""
    return who if who.startswith("arn:") else "arn:aws:iam::000000000000:role/intended"


# --- 3. comparison with the broad alternatives ----------------------------------------------------


def compare_with_alternatives(plan: Plan, proof: Proof) -> None:
    from iamkb.compare import compare

    simulator = Simulator(plan)
    for target, principal, key, name, document in alternatives(plan):
        record: dict[str, Any] = {"alternative": name, "document": target}
        if isinstance(document, str):
            record["error"] = document
            proof.alternatives.append(record)
            continue
        planned = documents(plan)[target]
        comparison = compare(document, planned, name, target)
        record["beyondPlan"] = len(comparison.gaps)
        record["actionsBeyondPlan"] = len({g.action for g in comparison.gaps})
        record["examples"] = [{"action": g.action, "resource": g.resource} for g in comparison.gaps[:EXAMPLES]]
        record["notAllowed"] = _not_allowed(plan, simulator, principal, key, document)
        proof.alternatives.append(record)


def _not_allowed(
    plan: Plan, simulator: Simulator, principal: Principal, key: str | None, document: dict
) -> list[dict[str, str]]:
    """The plan's requirements of `principal` that `document`, in the planned document's place, would deny."""
    from iamkb.simulate import Policies, evaluate

    missing = []
    compiled: dict[int, Any] = {}  # one compiled alternative per planned setup
    for req in plan.requirements:
        if req.principal is not principal or req.key != key or req.action is None:
            continue
        probe = _probe(req)
        planned = simulator.policies(probe)
        if id(planned) not in compiled:
            if principal in IDENTITY_PRINCIPALS:
                compiled[id(planned)] = Policies(identity=[document], resource=planned.resource)
            else:
                compiled[id(planned)] = Policies(identity=planned.identity, resource=document)
        decision = evaluate(compiled[id(planned)], probe.request()).decision
        if decision != "Allowed":
            missing.append({"id": req.id, "action": probe.action, "resource": probe.resource, "decision": decision})
    return missing


def alternatives(plan: Plan) -> list[tuple[str, Principal, str | None, str, dict | str]]:
    """(planned document, principal, key, alternative's name, its document or why it could not be made)."""
    from iamkb.job.requirements import values

    job = plan.job
    found = values(job)
    # A role placeholder is everything the role's ARN has after role/, path included (the catalog's rule).
    role_name = job.role_arn.split(":", 5)[-1].removeprefix("role/")
    input_buckets = found.get("input.buckets") or [str(found["output.bucket"])]
    fill = {
        "input-bucket-name": str(input_buckets[0]),
        "output-bucket-name": str(found["output.bucket"]),
        "region": job.region,
        "account-id": job.account,
        "account-number": job.account,
        "role-name": role_name,
        "execution-role-name": role_name,
    }
    for name, field_name in (
        ("pre-annotation-lambda-name", "pre_lambda.arn"),
        ("post-annotation-lambda-name", "post_lambda.arn"),
    ):
        if field_name in found:
            fill[name] = str(found[field_name]).rsplit(":", 1)[-1]
    custom = "pre_lambda.arn" in found or "post_lambda.arn" in found
    features = {r.id for r in plan.requirements}
    exec_snippets = [
        "custom-task-types"
        if custom and "pre-annotation-lambda-name" in fill and "post-annotation-lambda-name" in fill
        else "built-in-task-types"
    ]
    if "EXEC_PASS_ROLE_SELF" in features:
        exec_snippets.append("automated-labeling-passrole")
    if "EXEC_VOLUME_KEY_GRANT" in features:
        exec_snippets.append("storage-volume-create-grant")
    caller_snippets = ["ground-truth-console"]
    if custom:
        caller_snippets.append("custom-workflow-statement")
    if found.get("workteam.type") == "vendor-crowd":
        caller_snippets += ["vendor-subscription-statement", "vendor-workteam-apis-statement"]
    made: list[tuple[str, Principal, str | None, str, dict | str]] = [
        (
            "execution-role-policy.json",
            Principal.EXECUTION_ROLE,
            None,
            " + ".join(exec_snippets),
            _rendered(exec_snippets, fill),
        ),
        (
            "execution-role-policy.json",
            Principal.EXECUTION_ROLE,
            None,
            "AmazonSageMakerGroundTruthExecution",
            _rendered(["AmazonSageMakerGroundTruthExecution"], fill),
        ),
        ("caller-policy.json", Principal.CALLER, None, " + ".join(caller_snippets), _rendered(caller_snippets, fill)),
        (
            "caller-policy.json",
            Principal.CALLER,
            None,
            "AmazonSageMakerFullAccess",
            _rendered(["AmazonSageMakerFullAccess"], fill),
        ),
        (
            "trust-policy.json",
            Principal.TRUST_POLICY,
            None,
            "sagemaker-trust-policy",
            _rendered(["sagemaker-trust-policy"], fill),
        ),
    ]
    for number, key in enumerate(plan.key_policies, 1):
        made.append(
            (
                f"key-policy-{number}.json",
                Principal.KEY_POLICY,
                key,
                "output-data-key-policy",
                _rendered(["output-data-key-policy"], fill),
            )
        )
    return made


def _rendered(snippet_ids: list[str], fill: dict[str, str]) -> dict | str:
    """The snippets filled with the job's values, as one policy; a string saying why when one cannot be."""
    from iamkb.core.errors import UsageError
    from iamkb.kb.snippets import load_catalog
    from iamkb.render import render

    catalog = load_catalog()
    merged: list[dict] = []
    for snippet_id in snippet_ids:
        snippet = catalog.get(snippet_id)
        try:
            document = render(snippet, {k: v for k, v in fill.items() if k in snippet.placeholders}).document()
        except UsageError as exc:
            return f"{snippet_id}: {str(exc).splitlines()[-1].strip()}"
        statements = document.get("Statement", []) if "Statement" in document else [document]
        merged.extend([statements] if isinstance(statements, dict) else statements)
    return policy(merged)


def summary(proof: Proof) -> list[str]:
    """A few lines for the terminal: what was proven and what the alternatives would add."""
    allowed = sum(1 for r in proof.requirements if r.get("decision") == "Allowed" or r.get("present"))
    lines = [
        f"checked {len(proof.checks)} policies: "
        + ("FAILED" if any(f.startswith("check ") for f in proof.failures) else "no error or warning"),
        (
            f"simulated {len(proof.requirements)} requirements ({allowed} allowed or present) and "
            f"{len(proof.neighbours)} neighbours "
            f"({sum(1 for n in proof.neighbours if n['decision'] != 'Allowed')} denied)"
        ),
    ]
    for alt in proof.alternatives:
        if "error" in alt:
            lines.append(f"  {alt['alternative']} instead of {alt['document']}: not compared ({alt['error']})")
            continue
        missing = ", ".join(dict.fromkeys(m["id"] for m in alt["notAllowed"])) or "nothing"
        lines.append(
            f"  {alt['alternative']} instead of {alt['document']}: grants {alt['beyondPlan']} more "
            f"(action, resource) pairs over {alt['actionsBeyondPlan']} actions; would not allow: {missing}"
        )
    return lines
