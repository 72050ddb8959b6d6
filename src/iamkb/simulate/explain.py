"""Decisions and their explanations: what matched, what failed, and which policy type was missing.

`Trace` is handed to the decision logic (evaluate._decide) when an explanation is wanted; the
logic calls it at every statement it checks, so the explanation follows exactly the path the
decision took. Without a trace nothing here runs, which keeps plain decisions cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from iamkb.core.enums import Decision, Effect, PolicyKind
from iamkb.simulate.conditions import describe_failure
from iamkb.simulate.policy import CompiledStatement
from iamkb.simulate.principals import ACCOUNT
from iamkb.simulate.request import Request

if TYPE_CHECKING:
    from iamkb.simulate.fixed import Verdict

# the members under the names callers have imported since before Decision was an enum
ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED = Decision.ALLOWED, Decision.EXPLICITLY_DENIED, Decision.IMPLICITLY_DENIED
ALWAYS_DENIED = Decision.ALWAYS_DENIED


class Evaluation(NamedTuple):
    """The answer: `decision` is Decision.ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED or ALWAYS_DENIED.

    `explanation` (plain-words lines) and `details` (statements, condition results, missing
    allows) are filled only when evaluate() was asked to explain.
    """

    decision: Decision
    explanation: tuple[str, ...] = ()
    details: dict | None = None

    @property
    def allowed(self) -> bool:
        return self.decision is Decision.ALLOWED


class Trace:
    """Collects, for an explained evaluation, every statement checked and every missing Allow."""

    def __init__(self, request: Request):
        self.request = request
        self.statements: list[dict] = []
        self.missing_allows: list[dict] = []
        self.notes: list[str] = []
        self._records: dict[int, dict] = {}
        self.resource_required = False  # a role trust policy or KMS key policy must allow itself
        self.named = False  # whether any statement of any policy names the action
        self.verdict: Verdict | None = None  # AWS decided without the policies (fixed.py)

    def scope(self, plan, req: Request, scp_applies: bool, rcp_applies: bool, session_applies: bool) -> None:
        """Record what the evaluation covers; `plan` is the evaluator's statements naming the action."""
        caller = req.caller
        self.named = bool(
            plan.denies
            or plan.identity
            or plan.resource
            or plan.boundary
            or plan.session
            or any(plan.scp or ())
            or any(plan.rcp or ())
        )
        if plan.session is not None and not session_applies:
            self.note("the session policy is not applied: only role sessions and federated user sessions have one")
        if req.cross_account:
            self.note(
                f"cross-account request: principal account {caller.account}, resource account {req.resource_account}"
            )
        if plan.scp is not None and not scp_applies:
            self.note(
                "SCPs are not applied: they limit only IAM users and roles of member accounts, "
                "not service principals, service-linked roles or anonymous requests"
            )
        if plan.rcp is not None and not rcp_applies:
            why = (
                "service-linked roles are exempt"
                if caller.is_service_linked_role
                else f"the {req.service} service does not support RCPs"
            )
            self.note(f"RCPs are not applied: {why}")

    def check(self, statement: CompiledStatement, resource: str, context: dict) -> bool:
        """Statement.applies, recording which part (resource, which condition) decided."""
        record = self._record(statement)
        if not statement.matches_resource(resource, context):
            record["applies"] = False
            unresolved = statement.resources.unresolved(context) if statement.resources else []
            word = "NotResource lists" if statement.not_resource else "Resource does not match"
            record["why"] = f"{word} {resource}" + (
                f" (no value for {', '.join('${' + u + '}' for u in unresolved)})" if unresolved else ""
            )
            return False
        results = [test.describe(context) for test in statement.conditions]
        record["conditions"] = results
        failed = [r for r in results if not r["holds"]]
        record["applies"] = not failed
        if failed:
            record["why"] = "condition failed: " + "; ".join(describe_failure(r) for r in failed)
        return not failed

    def principal_mismatch(self, statement: CompiledStatement) -> None:
        record = self._record(statement)
        record["applies"] = False
        who = self.request.caller.arn or "the caller (no principal given)"
        if statement.not_principal and statement.allow:
            record["why"] = f"NotPrincipal names {who}, so this Allow leaves it out"
        elif statement.not_principal:
            record["why"] = f"NotPrincipal spares {who} (it lists every identity of the request)"
        else:
            record["why"] = f"Principal does not name {who}"

    def grant(self, statement: CompiledStatement, kind: str) -> None:
        self._record(statement)["principalMatch"] = kind

    def fixed(self, verdict: Verdict) -> None:
        """AWS decided the request whatever the policies say; none of them is consulted."""
        self.verdict = verdict
        self.named = True  # (whether a policy names the action does not matter)
        self.note(f"AWS decides this request whatever the policies say ({verdict.source})")

    def missing(self, kind: PolicyKind, reason: str) -> None:
        self.missing_allows.append({"policyType": kind, "reason": reason})

    def note(self, text: str) -> None:
        self.notes.append(text)

    def _record(self, statement: CompiledStatement) -> dict:
        record = self._records.get(id(statement))
        if record is None:
            record = self._records[id(statement)] = {
                "policy": statement.label,
                "policyType": statement.kind,
                "pointer": statement.pointer,
                "sid": statement.sid,
                "effect": Effect.ALLOW if statement.allow else Effect.DENY,
                "name": statement.name,
            }
            self.statements.append(record)
        return record

    def outcome(self) -> Decision:
        return Decision.IMPLICITLY_DENIED if self.missing_allows else Decision.ALLOWED

    def decision(self, decision: Decision) -> Evaluation:
        """The explained Evaluation: plain-words lines and the structured details."""
        denied_by = [r for r in self.statements if r["effect"] is Effect.DENY and r.get("applies")]
        allowed_by = [r for r in self.statements if r["effect"] is Effect.ALLOW and r.get("applies")]
        lines = []
        if self.verdict is not None:
            reason = self.verdict.reason
        elif decision is Decision.EXPLICITLY_DENIED:
            reason = "explicitly denied by " + ", ".join(r["name"] for r in denied_by)
        elif decision is Decision.IMPLICITLY_DENIED:
            reason = self.missing_allows[0]["reason"]
        else:  # name the granting statements: guardrails only permit, an account principal only delegates
            needed = self.request.cross_account or self.resource_required
            delegating = None if needed else ACCOUNT
            grants = [
                r
                for r in allowed_by
                if r["policyType"] is PolicyKind.IDENTITY
                or (r["policyType"] is PolicyKind.RESOURCE and r.get("principalMatch") != delegating)
            ]
            if grants:
                reason = "allowed by " + ", ".join(r["name"] for r in grants)
            else:
                reason = self.notes[-1] if self.notes else "allowed"
        lines.append(f"{decision}: {reason}")
        lines += self.notes
        for record in self.statements:
            verdict = "applies" if record.get("applies") else "does not apply"
            line = f"{record['name']} ({record['effect']}) {verdict}"
            if record.get("why"):
                line += f": {record['why']}"
            lines.append(line)
        lines += [m["reason"] for m in self.missing_allows[1:]]
        if not self.named:
            lines.append(f"no statement of any policy names the action {self.request.action}")
        details = {
            "reason": reason,
            "request": self.request.to_json(),
            "crossAccount": self.request.cross_account,
            "deniedBy": [r["name"] for r in denied_by] if decision is Decision.EXPLICITLY_DENIED else [],
            "allowedBy": [r["name"] for r in allowed_by],
            "missingAllow": self.missing_allows if decision is Decision.IMPLICITLY_DENIED else [],
            "statements": self.statements,
            "notes": self.notes,
        }
        if self.verdict is not None:
            details["awsRule"] = {"reason": self.verdict.reason, "source": self.verdict.source}
        return Evaluation(decision, tuple(lines), details)
