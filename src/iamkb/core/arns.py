"""Could this Resource ARN name a resource of that type? Overlap of two ARN patterns. And what a
Principal entry (an account, role, session, provider ARN ...) names: `principal_name`.

A policy's ARN and a catalog ARN template are both patterns: the policy's has IAM wildcards
(`*` any run of characters, `?` one character), policy variables (`${aws:username}`) and our
snippets' placeholders (`<bucket-name>`); the template has variables (`${BucketName}`). The ARN
"matches" the type when some concrete ARN fits both, decided by a small dynamic program over the
two token lists (no concrete ARN is ever built).

What each variable may stand for (the choices the findings rest on):
- the policy's ARN is read by `iamkb.core.patterns` (the one reading of IAM wildcards) with
  `Reach.WIDE`: `*` and a policy variable are any run of characters, `/` and `:` included, `?` any
  one character. IAM (and the simulator) keep a wildcard inside its field in the first five fields;
  the lint takes the wider reading on purpose: it reports an ARN only when no reading can make it
  fit, because the catalog's per-action resource types are incomplete (AWS-owned SSM documents have
  no account, `elasticloadbalancing:AddTags` lists only load balancers) and a narrower reading turns
  those gaps into hundreds of false errors on AWS's own policies. The wide reading contains IAM's,
  so "fits no resource type" stays true of IAM's reading (see `iamkb.core.patterns`).
- a `<placeholder>` (`iamkb.core.placeholders`): one value without `/` or `:` (one bucket name, one
  account id, one role name). Its literal text is one such value too, so this is wider than IAM's
  reading of it as text.
- a template's `${Partition}`, `${Region}`, `${Account}`: one ARN field (no `:`).
- a template's resource variable: no `/` when it is the whole resource part (`${BucketName}`) or is
  followed by `/` (`${BucketName}/${ObjectName}`); otherwise any run (paths such as
  `role/${RoleNameWithPath}` or `log-group:${LogGroupName}` may contain `/`).
So `arn:aws:s3:::bucket/*` cannot be a bucket, and `arn:aws:s3:::bucket` cannot be an object.

On top of the overlap, `action_may_use` answers "can this action ever be authorized on this
Resource entry?" for both the lint (RESOURCE_MATCHES_NO_ACTION, ACTION_MATCHES_NO_RESOURCE) and
`iamkb grants` (resources a statement names for an action in vain). It says "no" only where the
answer is sound, because the catalog is incomplete in two ways that AWS's own managed policies show:
- an action listed without resource types may still be authorized per resource (the catalog just
  does not document it; `s3:ListAllMyBuckets` on `arn:aws:s3:::*` and `logs:DescribeLogGroups` on
  log-group ARNs are common in AWS's policies), so such an action may use any entry;
- actions are authorized against other services' resources (`ssm:StartSession` on an EKS cluster,
  renamed services such as codestar-connections/codeconnections), so an ARN is only judged against
  templates of its own service; an ARN of a service none of the action's types belong to gets no
  verdict.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache
from typing import NamedTuple

from iamkb.core import iamcatalog
from iamkb.core.patterns import IN_FIELD, LITERAL, ONE, PLACEHOLDER_UNIT, STAR, Reach, compile_pattern, includes

_TEMPLATE_VARIABLE = re.compile(r"\$\{[^}]*\}")


# Token kinds: a literal character ("lit", c), exactly one character ("one", excluded) or a run of
# zero or more characters ("run", excluded); a variable that cannot be empty is a "one" then a "run".
def _one(excluded: str = "") -> tuple:
    return ("one", frozenset(excluded))


def _run(excluded: str = "") -> tuple:
    return ("run", frozenset(excluded))


_ANY = (_run(),)
_FIELD = (_one(":"), _run(":"))
_SEGMENT = (_one("/:"), _run("/:"))
_NO_SLASH = (_one("/"), _run("/"))


class Arn(NamedTuple):
    """The six fields of an ARN as written (the resource part may itself contain `:`)."""

    partition: str
    service: str
    region: str
    account: str
    resource: str

    @classmethod
    def parse(cls, text: str) -> Arn | None:
        """The fields of `text`, split at the colons outside policy variables: the `:` of
        `${aws:RequestedRegion}` belongs to the variable, not between two fields."""
        fields = text.split(":", 5) if "${" not in text else _split_outside_variables(text)
        if len(fields) != 6 or fields[0] != "arn":
            return None
        return cls(*fields[1:])


_COLON_OR_VARIABLE = re.compile(r"\$\{[^}]*\}|:")


def _split_outside_variables(text: str) -> list[str]:
    """`text.split(":", 5)`, except that a colon inside `${...}` does not split."""
    fields: list[str] = []
    start = 0
    for match in _COLON_OR_VARIABLE.finditer(text):
        if match.group() == ":" and len(fields) < 5:
            fields.append(text[start : match.start()])
            start = match.end()
    fields.append(text[start:])
    return fields


# ARN fields that IAM Access Analyzer checks for their form (its "Invalid ARN account", "Invalid ARN
# Region" and "Invalid Region" checks): an account is 12 digits, or `aws` for AWS-owned resources such as
# managed policies (arn:aws:iam::aws:policy/...); a Region code is a two- to four-letter area, optionally a
# partition or sovereign qualifier, a direction and a number (us-east-1, us-gov-west-1, us-isob-east-1,
# eusc-de-east-1; https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
# Only the form is checked: the list of Regions grows, and a code of the right form may be a new one.
ACCOUNT_ID = re.compile(r"^(?:[0-9]{12}|aws)$")
REGION_CODE = re.compile(
    r"^[a-z]{2,4}(?:-[a-z]{2,4})?-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-[0-9]{1,2}$"
)


def is_pattern(field: str) -> bool:
    """Whether an ARN field holds a wildcard, a policy variable or a `<placeholder>`: not a value whose
    form can be judged."""
    return any(mark in field for mark in ("*", "?", "${", "<"))


_STAND_IN_ACCOUNT = "000000000000"


def covers_every(entry: str, service: str, resource: str) -> bool:
    """Whether a Resource entry matches every resource `arn:<partition>:<service>::<account>:<resource>`
    of the account it names (any account when its account field is a pattern): `role/*` asks for every
    role, `user/${aws:username}` for the caller's own user. IAM's reading (`Reach.FIELD`), decided by
    `iamkb.core.patterns.includes`; the partition is the entry's own, or aws."""
    if entry == "*":
        return True
    arn = Arn.parse(entry)
    if arn is None or not is_pattern(entry) or (not is_pattern(arn.service) and arn.service != service):
        return False  # not an ARN, one resource only, or another service's: the walk would say no too
    return includes(compile_pattern(entry), compile_pattern(_probe(entry, service, resource)))


def _probe(entry: str, service: str, resource: str) -> str:
    arn = Arn.parse(entry)
    partition = arn.partition if arn and arn.partition and not is_pattern(arn.partition) else "aws"
    account = arn.account if arn and arn.account and not is_pattern(arn.account) else _STAND_IN_ACCOUNT
    return f"arn:{partition}:{service}::{account}:{resource}"


@cache
def policy_tokens(text: str, reach: Reach = Reach.WIDE) -> tuple:
    """Tokens of an ARN written in a policy: its `iamkb.core.patterns` units (the lint reads them wide)."""
    tokens: list = []
    for unit in compile_pattern(text, reach=reach, placeholders=True).units:
        if unit.kind == LITERAL:
            tokens.append(("lit", unit.text))
        elif unit.kind == ONE:
            tokens.append(_one(":" if unit.reach == IN_FIELD else ""))
        elif unit.kind == PLACEHOLDER_UNIT:
            tokens.extend(_SEGMENT)
        else:  # STAR, or a policy variable: any run
            tokens.append(_run(":" if unit.kind == STAR and unit.reach == IN_FIELD else ""))
    return tuple(tokens)


@cache
def template_tokens(template: str) -> tuple:
    """Tokens of a catalog ARN template (see the module docstring for what a variable may hold)."""
    fields = template.split(":", 5)
    if len(fields) != 6:
        return tuple(("lit", c) for c in template)
    tokens: list = []
    for index, field in enumerate(fields):
        if index:
            tokens.append(("lit", ":"))
        if index < 5:
            for part in _split_template(field):
                tokens.extend(_FIELD if part == "var" else (("lit", part),))
            continue
        pieces = _TEMPLATE_VARIABLE.split(field)
        whole = len(pieces) == 2 and pieces == ["", ""]
        for number, literal in enumerate(pieces):
            # a few templates end in a literal `*` (`...:cert:*`, `user/*`): any run there
            for c in literal:
                tokens.extend(_ANY if c == "*" else (("lit", c),))
            if number < len(pieces) - 1:
                followed_by_slash = pieces[number + 1].startswith("/")
                tokens.extend(_NO_SLASH if whole or followed_by_slash else (_one(), _run()))
    return tuple(tokens)


def _split_template(field: str) -> list[str]:
    """A non-resource field as literal characters and `var` markers."""
    out: list[str] = []
    for number, literal in enumerate(_TEMPLATE_VARIABLE.split(field)):
        if number:
            out.append("var")
        out.extend(literal)
    return out


@cache
def overlaps(policy_arn: str, template: str, reach: Reach = Reach.WIDE) -> bool:
    """True when some concrete ARN fits both the policy's ARN pattern and the catalog template.

    `reach` is how far the policy's wildcards may reach (`iamkb.core.patterns.Reach`): the lint asks with
    the wide reading (the module docstring says why); `Reach.FIELD` is IAM's own, which never overlaps
    where the wide one does not.

    Cached on the two strings (whose hashes Python keeps), not on the token tuples (rehashed on
    every lookup): the same pairs recur across the statements and actions of large policies.
    """
    if _resource_prefixes_differ(policy_arn, template):
        return False
    return _overlap(policy_tokens(policy_arn, reach), template_tokens(template))


_POLICY_SPECIAL = re.compile(r"[*?$<]")
_TEMPLATE_SPECIAL = re.compile(r"[*$]")


def _resource_prefixes_differ(policy_arn: str, template: str) -> bool:
    """A cheap early "no": the fixed text before the first wildcard or variable of the two resource
    parts must agree (`instance/...` never overlaps `volume/...`). Most pairs end here."""
    policy_fields = policy_arn.split(":", 5)
    if len(policy_fields) == 6 and _POLICY_SPECIAL.search(":".join(policy_fields[:5])):
        return False  # a wildcard before the resource part may reach into it: let the full comparison decide
    return resource_prefixes_differ(policy_arn, template)


def resource_prefixes_differ(policy_arn: str, template: str) -> bool:
    """Do the fixed starts of the two resource parts disagree? Decisive when the first five fields
    of the policy's ARN have no wildcard; otherwise a good guess of which templates to try first."""
    policy_fields = policy_arn.split(":", 5)
    template_fields = template.split(":", 5)
    if len(policy_fields) != 6 or len(template_fields) != 6:
        return False
    mine, theirs = policy_fields[5], template_fields[5]
    mine = mine[: m.start()] if (m := _POLICY_SPECIAL.search(mine)) else mine
    theirs = theirs[: t.start()] if (t := _TEMPLATE_SPECIAL.search(theirs)) else theirs
    common = min(len(mine), len(theirs))
    return mine[:common] != theirs[:common]


def _overlap(left: tuple, right: tuple) -> bool:
    """Search the pairs (i, j) of positions reachable from the start; literals prune most branches.

    Reaching (len(left), len(right)) means both patterns can end on the same string. A run may
    take one character of the other side when that character is allowed in both (a literal not
    excluded by the run; a "one" token always has some character in common). Written flat, with
    the token fields unpacked, because this loop is the lint's hot spot on large policies.
    """
    n, m = len(left), len(right)
    left_kind = [t[0] for t in left]
    right_kind = [t[0] for t in right]
    seen = {(0, 0)}
    pending = [(0, 0)]
    while pending:
        i, j = pending.pop()
        if i == n and j == m:
            return True
        a_kind = left_kind[i] if i < n else None
        b_kind = right_kind[j] if j < m else None
        steps = []
        if a_kind == "run":
            steps.append((i + 1, j))
            if b_kind is not None and b_kind != "run" and (b_kind == "one" or right[j][1] not in left[i][1]):
                steps.append((i, j + 1))
        if b_kind == "run":
            steps.append((i, j + 1))
            if a_kind is not None and a_kind != "run" and (a_kind == "one" or left[i][1] not in right[j][1]):
                steps.append((i + 1, j))
        if a_kind is not None and b_kind is not None and a_kind != "run" and b_kind != "run":
            if a_kind == "lit":
                fits = left[i][1] == right[j][1] if b_kind == "lit" else left[i][1] not in right[j][1]
            else:
                fits = b_kind == "one" or right[j][1] not in left[i][1]
            if fits:
                steps.append((i + 1, j + 1))
        for step in steps:
            if step not in seen:
                seen.add(step)
                pending.append(step)
    return False


def has_wildcard(text: str) -> bool:
    """Whether a policy string may stand for more than its own text (a wildcard or a policy variable)."""
    return not compile_pattern(text).is_literal


# --- which resources an action can use ------------------------------------------------------------


def action_may_use(action: iamcatalog.Action, resource: str) -> bool:
    """False only when the Resource entry provably names no resource `action` works on."""
    templates = templates_of(action)
    return not templates or fits(resource, templates)


def templates_of(action: iamcatalog.Action) -> tuple[str, ...]:
    """The ARN formats of the resource types an action works on (empty: the catalog lists none)."""
    return _templates(action.service, action.name)


@cache
def _templates(service_prefix: str, action_name: str) -> tuple[str, ...]:
    service = iamcatalog.service(service_prefix)
    action = service.action(action_name) if service else None
    if service is None or action is None:
        return ()
    types = service.resource_types
    return tuple(template for r in action.resource_types if r.name in types for template in types[r.name].arn_templates)


@cache
def template_field(template: str, index: int) -> str | None:
    """One of the six colon-separated fields of a template (2 is the service), None if malformed."""
    fields = template.split(":", 5)
    return fields[index] if len(fields) == 6 else None


def same_service_templates(resource: str, templates: tuple[str, ...]) -> list[str] | None:
    """The templates of the resource ARN's own service; None when its service has none among them.

    An entry that is not an ARN, or whose service is a wildcard, is compared with all of them.
    """
    parsed = Arn.parse(resource)
    if parsed is None or has_wildcard(parsed.service):
        return list(templates)
    same = [t for t in templates if template_field(t, 2) == parsed.service]
    return same or None


@cache
def fits(resource: str, templates: tuple[str, ...]) -> bool:
    """True unless the Resource entry provably names no resource of these formats."""
    if resource == "*":
        return True
    candidates = same_service_templates(resource, templates)
    if candidates is None:
        return True
    # Templates whose resource part starts like the entry's are tried first: `any` then stops early,
    # and the full comparison of non-matching pairs (the costly case) is rarely needed.
    likely = sorted(candidates, key=lambda t: resource_prefixes_differ(resource, t))
    return any(overlaps(resource, t) for t in likely)


# --- what a Principal entry names ---------------------------------------------------------------------
# The forms of AWS's reference of the Principal element
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html), plus
# the unique ids IAM shows in place of a deleted role's or user's ARN, AROA... and AIDA...
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes).


class PrincipalKind(str, Enum):
    EVERYONE = "everyone"  # "*" or {"AWS": "*"}
    ACCOUNT = "account"  # 111122223333 or arn:aws:iam::111122223333:root
    ROLE = "role"
    ROLE_SESSION = "role session"  # arn:aws:sts::111122223333:assumed-role/RoleName/session
    USER = "user"
    FEDERATED_USER = "federated user"  # arn:aws:sts::111122223333:federated-user/name
    ROLE_ID = "role unique id"
    USER_ID = "user unique id"
    SERVICE = "service"
    SAML_PROVIDER = "SAML provider"  # arn:aws:iam::111122223333:saml-provider/name
    # an IAM OIDC provider (arn:aws:iam::111122223333:oidc-provider/host/path) or a web identity
    # provider named by its domain (cognito-identity.amazonaws.com, accounts.google.com, ...)
    OIDC_PROVIDER = "OIDC provider"
    CANONICAL_USER = "canonical user"
    OTHER = "other"  # none of these: the value is malformed for its principal type


class PrincipalName(NamedTuple):
    """What one Principal entry names. `name`: the role or user name (no path), the federated user, the
    service, the SAML provider's name, or an OIDC provider's issuer (`token.actions.githubusercontent.com`,
    the prefix of its condition keys); `session` only for role sessions."""

    kind: PrincipalKind
    account: str | None = None
    name: str | None = None
    session: str | None = None


UNIQUE_ID = re.compile(r"A(?:ROA|IDA)[0-9A-Z]{16,}")  # the grammar schema's AWS principal pattern accepts it too
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def principal_name(principal_type: str, text: str) -> PrincipalName:
    """Read one entry of a Principal element: `principal_type` is AWS, Service, Federated, CanonicalUser
    or "*" (the element `"*"`), as `Statement.principals` gives it."""
    if principal_type == "*" or (principal_type == "AWS" and text == "*"):
        return PrincipalName(PrincipalKind.EVERYONE)
    if principal_type == "Service":
        return PrincipalName(PrincipalKind.SERVICE, name=text)
    if principal_type == "CanonicalUser":
        return PrincipalName(PrincipalKind.CANONICAL_USER, name=text)
    if principal_type == "Federated":
        return _federated(text)
    if principal_type != "AWS":
        return PrincipalName(PrincipalKind.OTHER)
    if len(text) == 12 and text.isdigit():
        return PrincipalName(PrincipalKind.ACCOUNT, text)
    if UNIQUE_ID.fullmatch(text):
        return PrincipalName(PrincipalKind.ROLE_ID if text.startswith("AROA") else PrincipalKind.USER_ID, name=text)
    arn = Arn.parse(text)
    if arn is None:
        return PrincipalName(PrincipalKind.OTHER)
    kind, _, rest = arn.resource.partition("/")
    if arn.service == "iam" and arn.resource == "root":
        return PrincipalName(PrincipalKind.ACCOUNT, arn.account)
    if arn.service == "iam" and kind in ("role", "user") and rest:
        found = PrincipalKind.ROLE if kind == "role" else PrincipalKind.USER
        return PrincipalName(found, arn.account, rest.rsplit("/", 1)[-1])
    if arn.service == "sts" and kind == "assumed-role" and "/" in rest:
        role, session = rest.split("/", 1)
        return PrincipalName(PrincipalKind.ROLE_SESSION, arn.account, role, session)
    if arn.service == "sts" and kind == "federated-user" and rest:
        return PrincipalName(PrincipalKind.FEDERATED_USER, arn.account, rest)
    return PrincipalName(PrincipalKind.OTHER, arn.account)


def _federated(text: str) -> PrincipalName:
    arn = Arn.parse(text)
    if arn is None:
        return PrincipalName(PrincipalKind.OIDC_PROVIDER, name=text) if _DOMAIN.fullmatch(text) else _OTHER
    kind, _, rest = arn.resource.partition("/")
    if arn.service == "iam" and kind == "saml-provider" and rest:
        return PrincipalName(PrincipalKind.SAML_PROVIDER, arn.account, rest)
    if arn.service == "iam" and kind == "oidc-provider" and rest:
        return PrincipalName(PrincipalKind.OIDC_PROVIDER, arn.account, rest)
    return _OTHER


_OTHER = PrincipalName(PrincipalKind.OTHER)
