"""Requests AWS decides whatever the policies say.

Policy evaluation never runs for these, so no statement can change the answer:

* `sts:GetCallerIdentity` needs no permission. AWS answers it even when a policy explicitly denies
  it, because a denied caller learns the same from the error message.
* Some credentials cannot call some APIs: the root user cannot call `sts:AssumeRole` (only IAM
  users and roles can); a federated user session (GetFederationToken) cannot call IAM through the
  API, nor STS other than GetCallerIdentity, GetScopedCredentials and GetDelegatedAccessToken; a
  role session cannot call GetFederationToken or GetSessionToken.
* Resources AWS owns cannot be changed by an account's principals: AWS managed policies, the
  permissions, trust policy and boundary of a service-linked role (and the role itself, which only
  its service deletes), the roles IAM Identity Center creates (AWSReservedSSO_...), and KMS aliases
  under `alias/aws/`, reserved for AWS managed keys.

The last group stays open to AWS itself: a service principal, a service-linked role session, or a
request a service makes for its caller (aws:ViaAWSService true) is evaluated as usual, since that
is how the owning service maintains these resources.

A refusal is `Decision.ALWAYS_DENIED`, with the reason and the AWS page that states the rule.
"""

from __future__ import annotations

from typing import NamedTuple

from iamkb.core.enums import Decision
from iamkb.simulate.request import Request

STS_COMPARISON = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html"
GET_CALLER_IDENTITY_PAGE = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"
FEDERATION_TOKEN_PAGE = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html"
MANAGED_POLICIES = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies"
)
SERVICE_LINKED_ROLES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html"
IDENTITY_CENTER_ROLES = "https://docs.aws.amazon.com/singlesignon/latest/userguide/troubleshooting.html#issue4"
KMS_ALIASES = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html"


class Verdict(NamedTuple):
    """AWS's own answer to a request: the decision, why, and the page that says so."""

    decision: Decision
    reason: str
    source: str


GET_CALLER_IDENTITY = "sts:getcalleridentity"
_ROLE_SESSION_CANNOT = frozenset({"sts:getfederationtoken", "sts:getsessiontoken"})
# The STS operations a federated user session may still call (the others it cannot).
_FEDERATED_STS = frozenset({GET_CALLER_IDENTITY, "sts:getscopedcredentials", "sts:getdelegatedaccesstoken"})

# Changing an AWS managed policy (TagPolicy and UntagPolicy take only customer managed policies).
_MANAGED_POLICY_CHANGES = frozenset(
    {
        "iam:createpolicyversion",
        "iam:deletepolicy",
        "iam:deletepolicyversion",
        "iam:setdefaultpolicyversion",
        "iam:tagpolicy",
        "iam:untagpolicy",
    }
)
# Changing a service-linked role's permissions, trust policy or boundary, or deleting it with IAM
# (it is deleted through iam:DeleteServiceLinkedRole); its description and tags stay editable.
_SERVICE_LINKED_ROLE_CHANGES = frozenset(
    {
        "iam:attachrolepolicy",
        "iam:detachrolepolicy",
        "iam:putrolepolicy",
        "iam:deleterolepolicy",
        "iam:updateassumerolepolicy",
        "iam:putrolepermissionsboundary",
        "iam:deleterolepermissionsboundary",
        "iam:deleterole",
    }
)
# IAM Identity Center's roles are changed only through their permission sets.
_RESERVED_ROLE_CHANGES = _SERVICE_LINKED_ROLE_CHANGES | {"iam:updaterole", "iam:updateroledescription"}
_ALIAS_CHANGES = frozenset({"kms:createalias", "kms:deletealias", "kms:updatealias"})
_SERVICES = frozenset({"iam", "sts", "kms"})


def fixed_verdict(req: Request) -> Verdict | None:
    """AWS's answer when it does not depend on the policies, else None."""
    if req.service not in _SERVICES:
        return None
    action, caller = req.action_lower, req.caller
    if action == GET_CALLER_IDENTITY and caller.is_aws_identity:
        return Verdict(
            Decision.ALLOWED,
            "sts:GetCallerIdentity needs no permission: AWS answers it even when a policy denies it",
            GET_CALLER_IDENTITY_PAGE,
        )
    refusal = _credential_refusal(req) or _owned_resource_refusal(req)
    return None if refusal is None else Verdict(Decision.ALWAYS_DENIED, *refusal)


def _credential_refusal(req: Request) -> tuple[str, str] | None:
    action, kind = req.action_lower, req.caller.kind
    if kind == "root" and action == "sts:assumerole":
        return "the root user cannot call sts:AssumeRole; only IAM users and role sessions can", STS_COMPARISON
    if kind == "federated-user" and req.service == "iam":
        return "a federated user session (GetFederationToken) cannot call IAM through the API", FEDERATION_TOKEN_PAGE
    if kind == "federated-user" and req.service == "sts" and action not in _FEDERATED_STS:
        return (
            f"a federated user session (GetFederationToken) cannot call {req.action}: of STS it may call only "
            "GetCallerIdentity, GetScopedCredentials and GetDelegatedAccessToken",
            FEDERATION_TOKEN_PAGE,
        )
    if kind == "role-session" and action in _ROLE_SESSION_CANNOT:
        return f"a role session cannot call {req.action}", STS_COMPARISON
    return None


def _owned_resource_refusal(req: Request) -> tuple[str, str] | None:
    action = req.action_lower
    if action not in _MANAGED_POLICY_CHANGES | _RESERVED_ROLE_CHANGES | _ALIAS_CHANGES or _aws_acting(req):
        return None
    parts = req.resource.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    service, account, resource = parts[2], parts[4], parts[5]
    if service == "iam" and account == "aws" and resource.startswith("policy/") and action in _MANAGED_POLICY_CHANGES:
        return f"{req.resource} is an AWS managed policy, which only AWS can change", MANAGED_POLICIES
    if service == "iam" and resource.startswith("role/"):
        name = resource.rsplit("/", 1)[-1]
        if resource.startswith("role/aws-service-role/") and action in _SERVICE_LINKED_ROLE_CHANGES:
            return (
                f"{req.resource} is a service-linked role: only its service can change its permissions, "
                "trust policy or boundary, or delete it",
                SERVICE_LINKED_ROLES,
            )
        reserved = resource.startswith("role/aws-reserved/sso.amazonaws.com/") or name.startswith("AWSReservedSSO_")
        if reserved and action in _RESERVED_ROLE_CHANGES:
            return (
                f"{req.resource} is a role IAM Identity Center manages: change its permission set instead",
                IDENTITY_CENTER_ROLES,
            )
    if service == "kms" and resource.startswith("alias/aws/") and action in _ALIAS_CHANGES:
        return f"{resource} is reserved for an AWS managed key: aliases under alias/aws/ cannot be changed", KMS_ALIASES
    return None


def _aws_acting(req: Request) -> bool:
    """Whether AWS itself makes the request: a service, a service-linked role, or a service for its caller."""
    caller = req.caller
    return caller.kind == "service" or caller.is_service_linked_role or req.values.get("aws:viaawsservice") == ("true",)
