"""Who is asking (the request principal) and whether a policy's Principal element names them.

A request principal is one of:

* an IAM user `arn:aws:iam::111122223333:user/path/name`;
* a role session `arn:aws:sts::111122223333:assumed-role/RoleName/session` (or the role ARN
  `arn:aws:iam::111122223333:role/path/RoleName`, read as "some session of this role");
* a federated user session `arn:aws:sts::111122223333:federated-user/name` (GetFederationToken);
  the session's name is the caller's choice, so the IAM user that made it is given apart
  (Request's `federated_by`) when a resource policy names that user;
* the account root user `arn:aws:iam::111122223333:root` (or the bare account id);
* `anonymous`: an unsigned request, which only a resource-based policy open to everyone
  (`"*"`, `{"AWS": "*"}`, or an Allow with NotPrincipal) can allow;
* anything else - `sagemaker.amazonaws.com`, `cognito-identity.amazonaws.com`, a SAML or OIDC
  provider ARN - is a service or identity provider, matched by name against Service or
  Federated entries.

How a Principal element matches decides how much a same-account resource policy can grant on
its own (see evaluate.py), so `match` reports the kind of match, not just yes/no:

* WILDCARD - `"*"` or `{"AWS": "*"}`;
* DIRECT   - the exact user, session, federated user, service or provider;
* ROLE     - a role ARN, which matches every session of that role (sessions carry no role
             path, so the role name and account decide);
* PARENT   - the IAM user that created a federated user session: like ROLE, the grant is
             limited by the session policy ("Session policies", IAM User Guide);
* ACCOUNT  - an account id or `arn:...:iam::ID:root`, which matches every principal of the
             account but only delegates to that account's own IAM policies.

AWS does not allow partial wildcards in Principal, so entries other than `*` match exactly.
"""

from __future__ import annotations

from typing import NamedTuple

from iamkb.core.shape import PolicyShapeError, json_type, short, string_list

WILDCARD, DIRECT, ROLE, PARENT, ACCOUNT = "wildcard", "direct", "role", "parent", "account"
ANONYMOUS = "anonymous"  # the request principal of an unsigned request
_PRINCIPAL_KEYS = {"AWS", "Service", "Federated", "CanonicalUser"}


class Caller(NamedTuple):
    """The request principal, parsed once per request."""

    arn: str  # as given ('' when the request names none)
    kind: str  # user, role-session, federated-user, root, service, anonymous, unnamed (no principal given)
    account: str | None
    role_name: str | None = None  # for role sessions
    name: str | None = None  # user name, session name, federated user name
    parent: str | None = None  # federated user sessions: the IAM user ARN that called GetFederationToken

    @property
    def is_aws_identity(self) -> bool:
        """IAM users, role sessions, federated users, root (and an unnamed caller) have identity-side policies."""
        return self.kind in ("user", "role-session", "federated-user", "root", "unnamed")

    @property
    def is_service_linked_role(self) -> bool:
        """Service-linked roles live under /aws-service-role/ and are named AWSServiceRoleFor...
        (sessions show only the name)."""
        return self.kind == "role-session" and (
            ":role/aws-service-role/" in self.arn or (self.role_name or "").startswith("AWSServiceRoleFor")
        )


def parse_caller(principal: str | None, federated_by: str | None = None) -> Caller:
    """The request principal; `federated_by` is the IAM user behind a federated user session."""
    if not principal:
        return Caller("", "unnamed", None)
    if principal == ANONYMOUS:
        return Caller(ANONYMOUS, ANONYMOUS, None)
    if len(principal) == 12 and principal.isdigit():
        return Caller(f"arn:aws:iam::{principal}:root", "root", principal)
    parts = principal.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[4]:
        service, account, resource = parts[2], parts[4], parts[5]
        if service == "iam" and resource == "root":
            return Caller(principal, "root", account)
        if service == "iam" and resource.startswith("user/"):
            return Caller(principal, "user", account, name=resource.rsplit("/", 1)[-1])
        if service == "iam" and resource.startswith("role/"):
            return Caller(principal, "role-session", account, role_name=resource.rsplit("/", 1)[-1])
        if service == "sts" and resource.startswith("assumed-role/"):
            pieces = resource.split("/")
            if len(pieces) >= 3:
                return Caller(principal, "role-session", account, role_name=pieces[1], name="/".join(pieces[2:]))
        if service == "sts" and resource.startswith("federated-user/"):
            return Caller(principal, "federated-user", account, name=resource.split("/", 1)[1], parent=federated_by)
    return Caller(principal, "service", None)


def derived_context(caller: Caller, resource_account: str | None) -> dict[str, tuple[str, ...]]:
    """Global condition keys AWS sets from the principal; the request's own context wins over these."""
    keys: dict[str, tuple[str, ...]] = {}
    if caller.account:
        keys["aws:principalaccount"] = (caller.account,)
    if caller.kind == "role-session":
        partition = caller.arn.split(":")[1]
        role_arn = (
            caller.arn if ":role/" in caller.arn else f"arn:{partition}:iam::{caller.account}:role/{caller.role_name}"
        )
        keys["aws:principalarn"] = (role_arn,)
        keys["aws:principaltype"] = ("AssumedRole",)
        keys["aws:principalisawsservice"] = ("false",)
    elif caller.kind in ("user", "root", "federated-user"):
        keys["aws:principalarn"] = (caller.arn,)
        keys["aws:principaltype"] = (
            {"user": "User", "root": "Account", "federated-user": "FederatedUser"}[caller.kind],
        )
        keys["aws:principalisawsservice"] = ("false",)
        if caller.kind == "user" and caller.name is not None:  # a user always has its name
            keys["aws:username"] = (caller.name,)
    elif caller.kind == "service" and caller.arn.endswith(".amazonaws.com"):
        keys["aws:principalisawsservice"] = ("true",)
        keys["aws:principalservicename"] = (caller.arn,)
    elif caller.kind == ANONYMOUS:  # the principal key values of an anonymous caller (policy variables page)
        keys["aws:userid"] = (ANONYMOUS,)
        keys["aws:principaltype"] = ("Anonymous",)
    if resource_account:
        keys["aws:resourceaccount"] = (resource_account,)
    return keys


class PrincipalSpec:
    """A compiled Principal (or NotPrincipal) element."""

    __slots__ = ("wildcard", "exact", "roles", "accounts", "raw")

    def __init__(self, element, tokens: tuple, what: str = "Principal"):
        self.raw = element
        self.wildcard = False
        self.exact: set[str] = set()
        self.roles: set[tuple[str, str]] = set()  # (account, role name)
        self.accounts: set[str] = set()
        if element == "*":
            self.wildcard = True
            return
        if not isinstance(element, dict) or not element:
            raise PolicyShapeError(
                f'{what} must be "*" or an object with AWS, Service, Federated or CanonicalUser, '
                f"got {json_type(element)}",
                tokens,
            )
        for key, value in element.items():
            if key not in _PRINCIPAL_KEYS:
                raise PolicyShapeError(
                    f"unknown {what} type {short(key)}", tokens + (key,), "use AWS, Service, Federated or CanonicalUser"
                )
            for index, entry in enumerate(string_list(value, tokens + (key,), f"{what} {key}")):
                self._add(key, entry, tokens + (key, index) if isinstance(value, list) else tokens + (key,))

    def _add(self, key: str, entry: str, tokens: tuple) -> None:
        if entry == "*":
            if key != "AWS":
                raise PolicyShapeError(
                    f'a wildcard principal is written "*" or {{"AWS": "*"}}, not under {key}', tokens
                )
            self.wildcard = True
        elif "*" in entry:
            raise PolicyShapeError(
                f"Principal entries cannot contain wildcards: {entry}",
                tokens,
                'use "*" with a Condition on aws:PrincipalArn instead',
            )
        elif key == "AWS" and len(entry) == 12 and entry.isdigit():
            self.accounts.add(entry)
        elif key == "AWS" and entry.startswith("arn:"):
            parts = entry.split(":", 5)
            if len(parts) == 6 and parts[2] == "iam" and parts[5] == "root":
                self.accounts.add(parts[4])
            elif len(parts) == 6 and parts[2] == "iam" and parts[5].startswith("role/"):
                self.roles.add((parts[4], parts[5].rsplit("/", 1)[-1]))
                self.exact.add(entry)
            else:
                self.exact.add(entry)
        else:
            self.exact.add(entry)

    def exempts(self, caller: Caller, bounded: bool) -> bool:
        """Whether a NotPrincipal Deny spares the caller: every identity the request carries must be listed.

        AWS evaluates a NotPrincipal Deny against each identity of the request, so a role session
        is spared only when its session ARN, its role ARN and its account are all listed (a user:
        user ARN and account; a federated user session: its ARN, its account and, when known, the
        IAM user behind it). A principal with a permissions boundary is never spared.
        """
        if self.wildcard:
            return True
        if bounded and caller.kind in ("user", "role-session"):
            return False
        if caller.kind in ("unnamed", ANONYMOUS):
            return False
        if caller.kind == "service":
            return caller.arn in self.exact
        needed = [caller.account in self.accounts]
        if caller.kind == "role-session":
            needed.append((caller.account, caller.role_name) in self.roles)
            if ":assumed-role/" in caller.arn:
                needed.append(caller.arn in self.exact)
        elif caller.kind != "root":
            needed.append(caller.arn in self.exact)
        if caller.parent is not None:
            needed.append(caller.parent in self.exact)
        return all(needed)

    def names(self, caller: Caller) -> bool:
        """Whether an Allow with this NotPrincipal leaves the caller out.

        Such an Allow grants every principal except those it names (an element AWS documents
        only with Deny today), so it leaves out a caller that the same entries, written as
        Principal, would name: by its own ARN, its role, the IAM user behind it, or its account.
        Reading "named" this widely keeps the Allow from granting anyone the policy meant to
        exclude.
        """
        return self.match(caller) is not None

    def match(self, caller: Caller) -> str | None:
        """The kind of match (WILDCARD, DIRECT, ROLE, PARENT, ACCOUNT) or None."""
        if self.wildcard:
            return WILDCARD
        if caller.kind == ANONYMOUS:
            return None  # an unsigned request is named only by "*"
        if caller.arn in self.exact and caller.kind != "role-session":
            return DIRECT
        if caller.kind == "role-session":
            if ":assumed-role/" in caller.arn and caller.arn in self.exact:
                return DIRECT
            if (caller.account, caller.role_name) in self.roles:
                return ROLE
        if caller.parent is not None and caller.parent in self.exact:
            return PARENT
        if caller.account and caller.account in self.accounts:
            return ACCOUNT
        return None
