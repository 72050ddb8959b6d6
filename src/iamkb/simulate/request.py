"""A request to evaluate: principal, action, resource and context, normalised once.

Normalising here (lower-cased action and context keys, context values as tuples of strings,
the principal parsed, AWS's derived keys added) is what lets evaluation itself do nothing but
dictionary look-ups and regex matches.
"""

from __future__ import annotations

from functools import lru_cache

from iamkb.simulate.principals import Caller, derived_context, parse_caller


class Request:
    """One request: who (principal ARN), what (action), on what (resource ARN), with which context.

    `principal` is an IAM user, role or role session, federated user session, root user or
    account id, a service or identity provider, `"anonymous"` for an unsigned request, or None
    when the caller is left unnamed. For a federated user session (GetFederationToken),
    `federated_by` names the IAM user whose credentials made it: a resource-based policy naming
    that user then applies to the session too (limited by its session policy).
    `context` maps condition keys to a value or a list of values (strings, numbers, booleans);
    keys are case-insensitive. Keys AWS derives from the principal (aws:PrincipalArn,
    aws:PrincipalAccount, aws:PrincipalType, aws:username for IAM users, aws:ResourceAccount)
    are filled in unless the context gives them. The resource's account is read from its ARN when
    the ARN has one, else taken to be the caller's (S3 ARNs have none: give `resource_account` for a
    bucket in another account).

    Examples:
        >>> from iamkb.simulate import Request
        >>> role = "arn:aws:iam::111122223333:role/GtExecution"
        >>> request = Request("s3:GetObject", "arn:aws:s3:::input-bucket/a.jpg", principal=role,
        ...                   context={"aws:SecureTransport": True})
        >>> request.values["aws:securetransport"], request.values["aws:principalaccount"]
        (('true',), ('111122223333',))
        >>> Request("s3:GetObject", "arn:aws:s3:::their-bucket/a.jpg", principal=role,
        ...         resource_account="444455556666").cross_account
        True
    """

    __slots__ = (
        "principal",
        "action",
        "resource",
        "resource_account",
        "context",
        "caller",
        "action_lower",
        "service",
        "values",
        "cross_account",
        "identity_side",
        "service_linked",
        "federated_by",
    )

    def __init__(
        self,
        action: str,
        resource: str = "*",
        principal: str | None = None,
        resource_account: str | None = None,
        context: dict | None = None,
        federated_by: str | None = None,
    ):
        self.principal, self.action, self.resource = principal, action, resource
        self.context = dict(context or {})
        self.federated_by = federated_by
        self.caller: Caller = _caller(principal, federated_by)
        if federated_by is not None:
            problem = federation_problem(self.caller, federated_by)
            if problem:
                raise ValueError(problem)
        self.action_lower = action.lower()
        self.service = self.action_lower.partition(":")[0]
        if resource_account is None:  # from the ARN; `aws` there (AWS-owned, e.g. managed policies) is no account
            parts = resource.split(":", 5)
            owner = parts[4] if len(parts) == 6 else ""
            resource_account = owner if len(owner) == 12 and owner.isdigit() else self.caller.account
        self.resource_account = resource_account
        account = self.caller.account
        self.cross_account = bool(account and resource_account and account != resource_account)
        self.identity_side = self.caller.is_aws_identity
        self.service_linked = self.caller.is_service_linked_role
        values = dict(_derived(self.caller, resource_account))
        for key, value in self.context.items():
            values[key.lower()] = context_values(key, value)
        self.values: dict[str, tuple[str, ...]] = values

    def __repr__(self) -> str:
        return f"Request({self.to_json()!r})"

    def to_json(self) -> dict:
        record: dict[str, object] = {
            "principal": self.principal,
            "action": self.action,
            "resource": self.resource,
            "resourceAccount": self.resource_account,
        }
        if self.federated_by is not None:
            record["federatedBy"] = self.federated_by
        if self.context:
            record["context"] = self.context
        return record


# Batches repeat the same few principals: parse each once (both results are never mutated).
_caller = lru_cache(maxsize=1024)(parse_caller)
_derived = lru_cache(maxsize=1024)(derived_context)


def federation_problem(caller: Caller, federated_by: str) -> str | None:
    """Why `federated_by` cannot be the IAM user behind this caller, or None when it can."""
    if caller.kind != "federated-user":
        return (
            "federatedBy names the IAM user behind a federated user session; the principal must be "
            "arn:aws:sts::ACCOUNT:federated-user/NAME"
        )
    parent = parse_caller(federated_by)
    if parent.kind not in ("user", "root") or parent.account != caller.account:
        return (
            f"federatedBy must be the ARN of an IAM user (or the root user) of account {caller.account}, "
            f"who called GetFederationToken; got {federated_by}"
        )
    return None


def context_values(key: str, value) -> tuple[str, ...]:
    """A context value as the tuple of strings conditions compare; raises TypeError for other JSON."""
    if isinstance(value, list):
        return tuple(_context_text(key, v) for v in value)
    return (_context_text(key, value),)


def _context_text(key: str, value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    raise TypeError(f"context key {key}: values must be strings, numbers or booleans (or an array of them)")
