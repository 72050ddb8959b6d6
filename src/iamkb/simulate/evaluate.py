"""The decision: AWS's documented policy evaluation logic over every policy type.

Order of evaluation, as the IAM User Guide describes it ("Policy evaluation logic",
"Cross-account policy evaluation logic"):

0. Requests AWS decides whatever the policies say come first (fixed.py): sts:GetCallerIdentity is
   always allowed; a call the caller's credentials cannot make, or a change to a resource AWS owns,
   is AlwaysDenied.
1. An explicit Deny in any applicable policy ends evaluation: ExplicitlyDenied.
2. RCPs (resource account) and then SCPs (principal account): every level of the organization
   hierarchy must have an Allow, or the request is implicitly denied. SCPs do not limit
   service-linked roles or service principals; RCPs apply only to the services that support
   them (RCP_SERVICES) and not to service-linked roles.
3. Resource-based policy. Within one account, an Allow that names the caller directly (the IAM
   user, the role session, a federated user session, a service, or `"*"`) is enough on its own;
   one that names the role ARN (or the IAM user behind a federated user session) is still limited
   by the permissions boundary and the session policy but needs no identity-based Allow; one that
   names the account only delegates to the account's IAM policies. An anonymous (unsigned) request
   has no identity side at all: only a resource-based policy open to everyone can allow it, and of
   the guardrails only RCPs apply to it. Role trust policies and KMS key policies are the exception where
   the resource policy must allow in every case.
4. Identity-based policies, permissions boundary, session policy: each present type must allow.
   Session policies limit only session principals (role and federated user sessions), and a
   federated user session without one has no permissions at all.
5. Across accounts, both sides must allow: the resource policy (any principal match, the
   account included) and the caller's identity side (identity, boundary, session, SCPs).

The same function produces the fast answer and the explained one: without a Trace it stops at
the first deciding fact and allocates nothing; with one it checks every statement that names
the action and records why each did or did not apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from iamkb.core.enums import RCP_SERVICES, Decision, PolicyKind
from iamkb.core.policy import TRUST_ACTIONS
from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.explain import Evaluation, Trace
from iamkb.simulate.fixed import fixed_verdict
from iamkb.simulate.policy import CompiledStatement, Policy
from iamkb.simulate.principals import ACCOUNT, ANONYMOUS, DIRECT, PARENT, ROLE, WILDCARD
from iamkb.simulate.request import Request

# Session policies limit only session principals (and a caller left unnamed, who may be one).
_SESSION_KINDS = frozenset({"role-session", "federated-user", "unnamed"})
_GRANT_STRENGTH = {None: 0, ACCOUNT: 1, ROLE: 2, PARENT: 2, DIRECT: 3, WILDCARD: 3}
_PLAN_CACHE_LIMIT = 4096
_IDENTITY_SIDE = frozenset({PolicyKind.IDENTITY, PolicyKind.BOUNDARY})
_FAST = {d: Evaluation(d) for d in Decision}


class _Plan(NamedTuple):
    """The statements that name one action, grouped the way the decision needs them."""

    denies: tuple[CompiledStatement, ...]
    identity: tuple[CompiledStatement, ...]
    resource: tuple[CompiledStatement, ...] | None  # None: no resource-based policy given
    boundary: tuple[CompiledStatement, ...] | None
    session: tuple[CompiledStatement, ...] | None
    scp: tuple[tuple[CompiledStatement, ...], ...] | None  # one tuple of allows per level
    rcp: tuple[tuple[CompiledStatement, ...], ...] | None


class Policies:
    """Every policy that applies to the requests, compiled once.

    identity: list of documents; resource, boundary, session: one document each; scp and rcp:
    a list of levels (root, OUs..., account), each a list of documents. `labels` can rename
    policies in explanations, keyed by the default label (e.g. "identity[0]").

    A policy AWS would refuse raises PolicyShapeError (a UsageError) naming the policy and the pointer.

    Examples:
        >>> from iamkb.simulate import Policies, Request, evaluate
        >>> def allow(action):
        ...     return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}
        >>> policies = Policies(identity=[allow("s3:*")], boundary=allow("s3:Get*"),
        ...                     labels={"identity[0]": "execution role"})
        >>> caller = "arn:aws:iam::111122223333:role/GtExecution"
        >>> result = evaluate(policies, Request("s3:DeleteObject", "arn:aws:s3:::b/k", principal=caller), explain=True)
        >>> print(result.decision)
        ImplicitlyDenied
        >>> for line in result.explanation:
        ...     print(line)
        ImplicitlyDenied: the permissions boundary does not allow the request
        execution role /Statement/0 (Allow) applies
        >>> Policies(identity=allow("s3:*"))
        Traceback (most recent call last):
        ...
        iamkb.core.shape.PolicyShapeError: /: identity takes a list of policy documents
        hint: wrap the document in [...]
    """

    def __init__(
        self,
        identity: Iterable = (),
        resource=None,
        boundary=None,
        scp=None,
        rcp=None,
        session=None,
        labels: dict[str, str] | None = None,
    ):
        names = labels or {}
        if isinstance(identity, (dict, str)):
            raise PolicyShapeError("identity takes a list of policy documents", hint="wrap the document in [...]")
        for kind, tree in (("scp", scp), ("rcp", rcp)):
            if tree is not None and not (isinstance(tree, list) and all(isinstance(level, list) for level in tree)):
                raise PolicyShapeError(
                    f"{kind} takes a list of levels, each a list of policy documents",
                    hint=f"one policy at one level is {kind}=[[document]]",
                )

        def compile_one(document, kind: PolicyKind, label: str) -> Policy:
            return document if isinstance(document, Policy) else Policy(document, kind, names.get(label, label))

        self.identity = [compile_one(d, PolicyKind.IDENTITY, f"identity[{i}]") for i, d in enumerate(identity)]
        self.resource = None if resource is None else compile_one(resource, PolicyKind.RESOURCE, "resource")
        self.boundary = None if boundary is None else compile_one(boundary, PolicyKind.BOUNDARY, "boundary")
        self.session = None if session is None else compile_one(session, PolicyKind.SESSION, "session")
        self.scp = (
            None
            if scp is None
            else [
                [compile_one(d, PolicyKind.SCP, f"scp[{n}][{i}]") for i, d in enumerate(level)]
                for n, level in enumerate(scp)
            ]
        )
        self.rcp = (
            None
            if rcp is None
            else [
                [compile_one(d, PolicyKind.RCP, f"rcp[{n}][{i}]") for i, d in enumerate(level)]
                for n, level in enumerate(rcp)
            ]
        )
        self._plans: dict[str, _Plan] = {}

    def all_policies(self) -> list[Policy]:
        found = list(self.identity)
        found += [p for p in (self.resource, self.boundary, self.session) if p is not None]
        for levels in (self.scp, self.rcp):
            for level in levels or ():
                found += level
        return found

    def plan(self, action_lower: str) -> _Plan:
        plan = self._plans.get(action_lower)
        if plan is None:
            if len(self._plans) >= _PLAN_CACHE_LIMIT:
                self._plans.clear()
            plan = self._plans[action_lower] = self._make_plan(action_lower)
        return plan

    def _make_plan(self, action: str) -> _Plan:
        def named(policies) -> list[CompiledStatement]:
            return [s for p in policies for s in p.statements if s.matches_action(action)]

        def allows(policies) -> tuple[CompiledStatement, ...]:
            return tuple(s for s in named(policies) if s.allow)

        def optional(policy):
            return None if policy is None else allows([policy])

        def levels(tree):
            return None if tree is None else tuple(allows(level) for level in tree)

        denies = [s for s in named(self.all_policies()) if not s.allow]
        return _Plan(
            tuple(denies),
            allows(self.identity),
            optional(self.resource),
            optional(self.boundary),
            optional(self.session),
            levels(self.scp),
            levels(self.rcp),
        )


def evaluate(policies: Policies, request: Request, explain: bool = False) -> Evaluation:
    """Decide one request. With `explain`, say which statements matched and what was missing.

    The Python API behind `iamkb simulate`. The fast answer (no `explain`) stops at the first fact that
    decides; the explained one checks every statement naming the action, for `explanation` (plain-words
    lines) and `details` (the structured record).

    Examples:
        >>> from iamkb.simulate import Policies, Request, evaluate
        >>> role = {"Version": "2012-10-17", "Statement": [
        ...     {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::input-bucket/*"}]}
        >>> policies = Policies(identity=[role])
        >>> caller = "arn:aws:iam::111122223333:role/GtExecution"
        >>> read = Request("s3:GetObject", "arn:aws:s3:::input-bucket/a.jpg", principal=caller)
        >>> print(evaluate(policies, read).decision)
        Allowed
        >>> write = Request("s3:PutObject", "arn:aws:s3:::input-bucket/a.jpg", principal=caller)
        >>> result = evaluate(policies, write, explain=True)
        >>> print(result.decision)
        ImplicitlyDenied
        >>> result.details["reason"]
        'no identity-based policy allows the request'
    """
    if not explain:
        return _FAST[_decide(policies, request, None)]
    trace = Trace(request)
    decision = _decide(policies, request, trace)
    return trace.decision(decision)


# --- decide: the fast answer and the statement behind it (batch output; helper F) ---------------------
_Holds = Callable[[CompiledStatement, str, dict], bool]


def decide(policies: Policies, request: Request) -> tuple[Decision, CompiledStatement | None]:
    """The fast decision and the statement that made it, for batch output without explanations.

    The statement is the Deny that applies, for ExplicitlyDenied; for Allowed, the identity-based Allow
    that granted the request or, when none was needed, the resource-based one. None when no statement
    decided: an implicit denial (a missing Allow), a request AWS decides on its own, the root user.
    The decision is the one `evaluate` gives: the same function, told which statements held.
    """
    held: list[CompiledStatement] = []

    def holds(statement: CompiledStatement, resource: str, context: dict) -> bool:
        if statement.applies(resource, context):
            held.append(statement)
            return True
        return False

    decision = _decide(policies, request, None, holds)
    if decision is Decision.EXPLICITLY_DENIED:
        return decision, held[-1] if held else None
    if decision is not Decision.ALLOWED:
        return decision, None
    granted = None
    for statement in held:
        if statement.kind is PolicyKind.IDENTITY:
            return decision, statement
        if statement.kind is PolicyKind.RESOURCE:
            granted = statement
    return decision, granted


def evaluate_all(policies: Policies, requests: Iterable[Request], explain: bool = False) -> list[Evaluation]:
    return [evaluate(policies, r, explain) for r in requests]


def table_rows(policies: Policies, requests: Iterable[Request]) -> list[dict]:
    """One flat dict per request (principal, action, resource, decision, reason): ready for a table."""
    rows = []
    for request in requests:
        result = evaluate(policies, request, explain=True)
        assert result.details is not None  # explained evaluations carry them
        rows.append(
            {
                "principal": request.principal or "",
                "action": request.action,
                "resource": request.resource,
                "decision": result.decision,
                "reason": result.details["reason"],
            }
        )
    return rows


def can_assume(
    trust_policy: dict,
    principal: str,
    role_arn: str,
    identity: Iterable = (),
    context: dict | None = None,
    action: str = "sts:AssumeRole",
) -> Evaluation:
    """Whether `principal` (a service such as sagemaker.amazonaws.com, or a user/role ARN) can assume the role.

    The trust policy is the role's resource-based policy; `identity` holds the caller's own
    identity-based policies, which matter when the trust policy names only an account or when
    the caller is in another account. The answer is explained.
    """
    policies = Policies(identity=identity, resource=trust_policy, labels={"resource": "trust policy"})
    return evaluate(policies, Request(action, role_arn, principal=principal, context=context), explain=True)


def _decide(ps: Policies, req: Request, trace: Trace | None, holds: _Holds = CompiledStatement.applies) -> Decision:
    verdict = fixed_verdict(req)
    if verdict is not None:  # 0. AWS decides this request on its own
        if trace is not None:
            trace.fixed(verdict)
        return verdict.decision
    caller, context, resource = req.caller, req.values, req.resource
    plan = ps.plan(req.action_lower)
    identity_side = req.identity_side
    bounded = plan.boundary is not None
    session_applies = plan.session is not None and caller.kind in _SESSION_KINDS
    scp_applies = plan.scp is not None and identity_side and not req.service_linked
    rcp_applies = plan.rcp is not None and req.service in RCP_SERVICES and not req.service_linked
    if trace is not None:  # holds(statement, resource, context) stops at the first answer without a trace
        holds = trace.check  # same signature; records why each statement did or did not apply
        trace.scope(plan, req, scp_applies, rcp_applies, session_applies)

    # 1. explicit deny, in any policy that applies to this caller
    denied = False
    for statement in plan.denies:
        kind = statement.kind
        if (kind is PolicyKind.SCP and not scp_applies) or (kind is PolicyKind.RCP and not rcp_applies):
            continue
        if (kind in _IDENTITY_SIDE and not identity_side) or (kind is PolicyKind.SESSION and not session_applies):
            continue
        if statement.principal is not None and statement.principal_match(caller, bounded) is None:
            if trace is not None:
                trace.principal_mismatch(statement)
            continue
        if holds(statement, resource, context):
            if trace is None:
                return Decision.EXPLICITLY_DENIED
            denied = True
    if denied:
        return Decision.EXPLICITLY_DENIED

    # 2. organization guardrails: every level needs an Allow
    for applies, levels, kind in ((rcp_applies, plan.rcp, PolicyKind.RCP), (scp_applies, plan.scp, PolicyKind.SCP)):
        if not applies or levels is None:  # (it applies only when there are levels)
            continue
        for number, level in enumerate(levels):
            if not _any_allow(level, req, bounded, holds, trace):
                if trace is None:
                    return Decision.IMPLICITLY_DENIED
                trace.missing(kind, f"no {kind.long_name} at level {number} allows the request; every level must")

    # 3. resource-based policy
    grant = None
    if plan.resource is not None:
        for statement in plan.resource:
            match = statement.principal_match(caller, bounded)
            if match is None:
                if trace is not None:
                    trace.principal_mismatch(statement)
                continue
            if trace is None and _GRANT_STRENGTH[match] <= _GRANT_STRENGTH[grant]:
                continue  # cannot strengthen the grant already found
            if holds(statement, resource, context):
                if trace is not None:
                    trace.grant(statement, match)
                if _GRANT_STRENGTH[match] > _GRANT_STRENGTH[grant]:
                    grant = match
                if trace is None and _GRANT_STRENGTH[grant] == 3:
                    break

    must_allow_resource = req.action_lower in TRUST_ACTIONS or (req.service == "kms" and ":key/" in resource)
    if trace is not None:
        trace.resource_required = must_allow_resource
    if not identity_side:
        if grant is None:
            who = (
                'an anonymous (unsigned) request is allowed only by a resource-based policy open to everyone ("*")'
                if caller.kind == ANONYMOUS
                else "only a resource-based policy can allow a request from a service or identity provider"
            )
            return _implicit(trace, PolicyKind.RESOURCE, _no_resource_grant(plan, who))
        return _done(trace)
    if grant is None and (req.cross_account or must_allow_resource):
        if trace is None:
            return Decision.IMPLICITLY_DENIED
        if req.cross_account:
            why = f"cross-account request: the resource-based policy in account {req.resource_account} must allow it"
        else:
            resource_policy = "role trust policy" if req.service == "sts" else "KMS key policy"
            why = f"the {resource_policy} must allow this request itself"
        # and go on, to explain the identity side too
        trace.missing(PolicyKind.RESOURCE, _no_resource_grant(plan, why))

    same_account_grant = None if req.cross_account else grant
    if same_account_grant == ACCOUNT and trace is not None:
        trace.note(
            "the resource-based policy names only the account, which delegates to the account's own "
            "IAM policies: an identity-based policy must also allow the request"
        )
    if _GRANT_STRENGTH[same_account_grant] == 3:
        if trace is not None:
            trace.note(
                "the resource-based policy names this caller directly, so no identity-based policy, "
                "permissions boundary or session policy needs to allow it (same account)"
            )
        return _done(trace)

    # 4. identity side: identity-based policies (unless the resource policy named the role),
    #    then the permissions boundary and the session policy
    if same_account_grant in (ROLE, PARENT):
        if trace is not None:
            named = "the caller's role" if same_account_grant == ROLE else "the IAM user behind this federated session"
            trace.note(
                f"the resource-based policy names {named}, so no identity-based Allow is "
                "needed; the permissions boundary and session policy still limit it"
            )
    elif caller.kind == "root":
        if trace is not None:
            trace.note("the account root user needs no identity-based policy")
    elif not _any_allow(plan.identity, req, bounded, holds, trace):
        if trace is None:
            return Decision.IMPLICITLY_DENIED
        trace.missing(PolicyKind.IDENTITY, "no identity-based policy allows the request")
    if bounded and caller.kind != "root" and not _any_allow(plan.boundary, req, bounded, holds, trace):
        if trace is None:
            return Decision.IMPLICITLY_DENIED
        trace.missing(PolicyKind.BOUNDARY, "the permissions boundary does not allow the request")
    if session_applies and not _any_allow(plan.session, req, bounded, holds, trace):
        if trace is None:
            return Decision.IMPLICITLY_DENIED
        trace.missing(PolicyKind.SESSION, "the session policy does not allow the request")
    elif caller.kind == "federated-user" and plan.session is None:
        if trace is None:
            return Decision.IMPLICITLY_DENIED
        trace.missing(
            PolicyKind.SESSION,
            "a federated user session (GetFederationToken) without a session policy has no "
            "permissions; give the session policy it was created with",
        )
    return _done(trace)


def _any_allow(statements, req: Request, bounded: bool, holds, trace) -> bool:
    """Whether one of these Allow statements applies (all are checked when tracing)."""
    found = False
    for statement in statements:
        if statement.principal is not None and statement.principal_match(req.caller, bounded) is None:
            if trace is not None:
                trace.principal_mismatch(statement)
            continue
        if holds(statement, req.resource, req.values):
            if trace is None:
                return True
            found = True
    return found


def _no_resource_grant(plan: _Plan, why: str) -> str:
    if plan.resource is None:
        return f"{why}, and no resource-based policy was given"
    return f"{why}, and no statement of the resource-based policy allows it for this caller"


def _implicit(trace, kind: PolicyKind, reason: str) -> Decision:
    if trace is not None:
        trace.missing(kind, reason)
        return trace.outcome()
    return Decision.IMPLICITLY_DENIED


def _done(trace) -> Decision:
    return Decision.ALLOWED if trace is None else trace.outcome()
