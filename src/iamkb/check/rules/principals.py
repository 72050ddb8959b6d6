"""Principal entries of resource-based and trust policies: what IAM accepts there, and what it means.

IAM Access Analyzer's checks of the Principal element, offline
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
entries AWS refuses (wildcards inside an ARN, policy variables, identity providers outside trust
policies), entries it accepts but that age badly (a role's or user's unique id), an assumed-role
session next to its own role, Allow with NotPrincipal, and the conditions a statement needs when it
lets an AWS service act on the resource (the confused deputy problem). Which entry names what is read
once, by `iamkb.core.arns.principal_name`; trust-policy rules are in `trust`, `"*"` without a narrowing
condition in `security`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.arns import PrincipalKind, PrincipalName, principal_name
from iamkb.core.codes import define
from iamkb.core.conditions import Family, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement, Value

E, S, W, G = FindingType.ERROR, FindingType.SECURITY_WARNING, FindingType.WARNING, FindingType.SUGGESTION
_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
_PRINCIPAL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
_DEPUTY = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"

define(
    "PRINCIPAL_WILDCARD",
    E,
    "Wildcard inside a principal",
    'A Principal entry names one principal exactly. The only wildcard AWS accepts is the whole value "*" (as '
    '`"Principal": "*"` or `{"AWS": "*"}`); `arn:aws:iam::111122223333:role/*` or `*.amazonaws.com` is refused. To '
    'admit a family of principals, use `{"AWS": "*"}` with a condition such as ArnLike on aws:PrincipalArn (Access '
    "Analyzer: UNSUPPORTED_WILDCARD_IN_PRINCIPAL).",
    _PRINCIPAL + "#principal-anonymous",
)
define(
    "POLICY_VARIABLE_IN_PRINCIPAL",
    E,
    "Policy variable in Principal",
    "Policy variables (`${aws:username}`) are replaced only in the Resource element and in condition values; a "
    "principal must be written out, so AWS refuses a variable there. A condition can compare the caller with the "
    "request instead, for example aws:PrincipalArn or aws:userid with a variable (Access Analyzer: "
    "VARIABLE_UNSUPPORTED_IN_ELEMENT).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse",
)
define(
    "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY",
    E,
    "Federated principal in a resource-based policy",
    "Identities of a SAML or OIDC provider act in AWS only by assuming a role, so only a role trust policy can name "
    "the provider. In a bucket, key or queue policy, name the role they assume (Access Analyzer: "
    "FEDERATED_PRINCIPAL_NOT_SUPPORTED).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html",
)
define(
    "ALLOW_WITH_NOT_PRINCIPAL",
    S,
    "Allow with NotPrincipal",
    "Allow with NotPrincipal grants the statement's actions to every principal except those listed, anonymous "
    "users included. Name the principals that need access in Principal; NotPrincipal belongs with Deny (Access "
    "Analyzer: ALLOW_WITH_NOT_PRINCIPAL).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
)
define(
    "SERVICE_PRINCIPAL_WITHOUT_SOURCE",
    S,
    "Service principal without a source condition",
    "A service principal such as `s3.amazonaws.com` acts for every AWS customer. A resource policy that lets the "
    "service act without aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths lets it act on "
    "behalf of anyone's resources: another account can point its bucket notifications, logs or trails at your "
    "resource (the confused deputy problem). Access Analyzer reports this for resource-based policies "
    "(RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL); iamkb does not report it in role trust policies, where services such "
    "as SageMaker are trusted without one in AWS's own guides.",
    _DEPUTY,
)
define(
    "SERVICE_PRINCIPAL_WEAK_CONDITION",
    G,
    "Service principal narrowed by a key other than a source key",
    "The statement limits a service principal with a key such as aws:Referer, aws:SourceOwner or aws:SourceIp. "
    "The keys AWS sets on a service's calls for this purpose are aws:SourceArn, aws:SourceAccount, aws:SourceOrgID "
    "and aws:SourceOrgPaths, and only they reliably name the customer the service acts for (Access Analyzer: "
    "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL).",
    _DEPUTY,
)
define(
    "SERVICE_PRINCIPAL_CONDITION_KEY",
    E,
    "Condition key that a service principal never has",
    "A service principal belongs to no AWS account or organization and has no tags, so aws:PrincipalOrgID, "
    "aws:PrincipalOrgPaths and aws:PrincipalTag/... are never in its requests. In a statement that names only "
    "service principals, such a condition never matches (or, negated, always does); use aws:SourceOrgID, "
    "aws:SourceAccount or aws:SourceArn, which describe the resource the service acts for (Access Analyzer: "
    "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL).",
    _CHECKS + "#access-analyzer-reference-policy-checks-error-unsupported-condition-key-for-service-principal",
)
define(
    "UNIQUE_ID_PRINCIPAL",
    W,
    "Unique id instead of an ARN in Principal",
    "`AROA...` and `AIDA...` are the unique ids of an IAM role and user. IAM accepts them and stores every role or "
    "user ARN that way, showing the id when the role or user has been deleted. A policy written with the id keeps "
    "naming that one role or user: a new one with the same name is not trusted until the policy names it again. "
    "Write the ARN (Access Analyzer: INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
)
define(
    "REDUNDANT_SESSION_PRINCIPAL",
    G,
    "Role session next to its role",
    "A role ARN in Principal already stands for every session of the role, so an assumed-role session of the same "
    "role (`arn:aws:sts::111122223333:assumed-role/RoleName/session`) in the same statement adds nothing. Access "
    "Analyzer reports it in role trust policies (REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY); iamkb also in "
    "resource-based policies, where the same holds.",
    _PRINCIPAL + "#principal-role-session",
)

# The keys AWS sets on a service principal's calls to name the customer it acts for
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
SOURCE_KEYS = frozenset({"aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"})
# Keys people narrow a service principal with instead, which do not name that customer reliably.
_WEAKER_KEYS = frozenset(
    {"aws:referer", "aws:sourceowner", "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:useragent"}
)
# Properties of an IAM principal that a service principal does not have.
_IAM_PRINCIPAL_KEYS = frozenset({"aws:principalorgid", "aws:principalorgpaths", "aws:principalorgmasteraccountid"})
_IAM_PRINCIPAL_FAMILIES = ("aws:principaltag/",)


class Named(NamedTuple):
    """A Principal entry, where it is written, and what it names."""

    principal_type: str
    value: Value
    name: PrincipalName

    @property
    def text(self) -> str:
        return self.value.value

    @property
    def filled(self) -> bool:
        """Neither a template's `<placeholder>` nor a policy variable: the text is what IAM would read."""
        return "<" not in self.text and "${" not in self.text


def holds_without_key(entry: ConditionEntry) -> bool | None:
    """What the condition entry answers for a request without its key; None for an operator AWS rejects.
    Null answers by its value (`true`: the key is absent), except `ForAllValues:Null`, which always holds,
    and `ForAnyValue:Null`, which never does."""
    operator = find_operator(entry.operator)
    if operator is None:
        return None
    if operator.family is Family.NULL and operator.qualifier is None:
        return "true" in entry.texts
    return operator.holds_without_key


def named_principals(statement: Statement) -> list[Named]:
    """The statement's Principal (or NotPrincipal) entries, each read."""
    return [Named(t, value, principal_name(t, value.value)) for t, value in statement.principals]


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        kind = ctx.statement_kind(statement)
        if kind not in ("resource", "trust") or statement.principal_element is None:
            continue
        named = named_principals(statement)
        for entry in named:
            yield from _entry(ctx, entry, kind)
        yield from _redundant_sessions(ctx, named)
        if kind == "resource":
            yield from _resource_statement(ctx, statement, named)


def _entry(ctx: LintContext, entry: Named, kind: str) -> Iterator[Finding]:
    text = entry.text
    if "${" in text:
        yield ctx.finding(
            "POLICY_VARIABLE_IN_PRINCIPAL",
            f"'{text}' holds a policy variable, but variables are not replaced in Principal.",
            entry.value.pointer,
            "Write the principal out, or name the account and compare the caller in a condition, such as "
            '"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/${aws:username}"}.',
        )
    elif entry.name.kind is not PrincipalKind.EVERYONE and ("*" in text or "?" in text):
        yield ctx.finding(
            "PRINCIPAL_WILDCARD",
            f"'{text}' uses a wildcard, but Principal entries ({entry.principal_type} here) name principals "
            'exactly: only a whole "*" stands for everyone.',
            entry.value.pointer,
            'List the principals, or write {"AWS": "*"} with a condition such as "ArnLike": {"aws:PrincipalArn": '
            '"arn:aws:iam::111122223333:role/Labeling*"}.',
        )
    if entry.name.kind in (PrincipalKind.ROLE_ID, PrincipalKind.USER_ID):
        what = "role" if entry.name.kind is PrincipalKind.ROLE_ID else "user"
        yield ctx.finding(
            "UNIQUE_ID_PRINCIPAL",
            f"'{text}' is the unique id of an IAM {what}, not its ARN: it names only that {what}, and IAM shows it "
            f"this way when the {what} has been deleted.",
            entry.value.pointer,
            f"Write the {what}'s ARN, such as \"arn:aws:iam::111122223333:{what}/"
            f'{"GroundTruthExecutionRole" if what == "role" else "labeling-admin"}".',
        )
    if kind == "resource" and entry.principal_type == "Federated":
        yield ctx.finding(
            "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY",
            f"'{text}' is a federated principal, which only a role trust policy can name.",
            entry.value.pointer,
            'Name the role the federated users assume, such as {"AWS": "arn:aws:iam::111122223333:role/Labelers"}, '
            "and trust the identity provider in that role's trust policy.",
        )


def _redundant_sessions(ctx: LintContext, named: list[Named]) -> Iterator[Finding]:
    roles = {(entry.name.account, entry.name.name): entry for entry in named if entry.name.kind is PrincipalKind.ROLE}
    for entry in named:
        if entry.name.kind is not PrincipalKind.ROLE_SESSION:
            continue
        role = roles.get((entry.name.account, entry.name.name))
        if role is not None:
            yield ctx.finding(
                "REDUNDANT_SESSION_PRINCIPAL",
                f"'{entry.text}' is a session of the role '{role.text}', which this statement already names (at "
                f"{role.value.pointer}).",
                entry.value.pointer,
                "Remove the assumed-role session; the role ARN covers all its sessions.",
            )


def _resource_statement(ctx: LintContext, statement: Statement, named: list[Named]) -> Iterator[Finding]:
    if statement.not_principal:
        if statement.allows:
            yield ctx.finding(
                "ALLOW_WITH_NOT_PRINCIPAL",
                "This Allow statement grants its actions to every principal except those listed in NotPrincipal, "
                "including anonymous users.",
                statement.at("NotPrincipal"),
                "List the principals that need access in Principal; to exclude some, use NotPrincipal in a Deny "
                "statement instead.",
            )
        return
    services = [entry for entry in named if entry.name.kind is PrincipalKind.SERVICE and entry.filled]
    if not services:
        return
    if len(services) == len(named):
        yield from _keys_services_lack(ctx, statement)
    if statement.allows:
        yield from _source_conditions(ctx, statement, services)


def _keys_services_lack(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for entry in statement.conditions:
        lowered = entry.key.lower()
        if lowered not in _IAM_PRINCIPAL_KEYS and not lowered.startswith(_IAM_PRINCIPAL_FAMILIES):
            continue
        result = "always matches" if holds_without_key(entry) else "never matches"
        yield ctx.finding(
            "SERVICE_PRINCIPAL_CONDITION_KEY",
            f"{entry.key} describes an IAM principal's organization or tags; the service principals of this statement "
            f"have none, so the condition {result}.",
            entry.pointer,
            "To limit which customers' resources the service may act for, use aws:SourceOrgID, aws:SourceAccount or "
            "aws:SourceArn.",
            subject=entry.key,
        )


def _source_conditions(ctx: LintContext, statement: Statement, services: list[Named]) -> Iterator[Finding]:
    keys = statement.condition_keys
    if keys & SOURCE_KEYS:
        return
    names = ", ".join(entry.text for entry in services[:3]) + (" and others" if len(services) > 3 else "")
    weaker = next((entry for entry in statement.conditions if entry.key.lower() in _WEAKER_KEYS), None)
    if weaker is not None:
        yield ctx.finding(
            "SERVICE_PRINCIPAL_WEAK_CONDITION",
            f"{names} is limited by {weaker.key}, not by the keys that name the resource or account it acts for.",
            weaker.pointer,
            f"Replace {weaker.key} with aws:SourceArn (the resource that calls) or aws:SourceAccount (its account).",
            subject=weaker.key,
        )
        return
    yield ctx.finding(
        "SERVICE_PRINCIPAL_WITHOUT_SOURCE",
        f"{names} may act on this resource for any AWS customer: no aws:SourceArn, aws:SourceAccount, "
        "aws:SourceOrgID or aws:SourceOrgPaths condition limits whose resources it acts for.",
        services[0].value.pointer,
        'Add a condition such as "StringEquals": {"aws:SourceAccount": "111122223333"} or "ArnLike": '
        '{"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}.',
    )


# --- examples: the policies of a Ground Truth team's buckets and topics -----------------------------

_BUCKET = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*"
    }""")
# The input bucket announces new images to the job's SNS topic (streaming labeling jobs).
_TOPIC = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"Service": "s3.amazonaws.com"},
      "Action": "sns:Publish",
      "Resource": "arn:aws:sns:us-east-1:111122223333:my-labeling-input-topic",
      "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}}
    }""")
_ROLE = '"arn:aws:iam::111122223333:role/GroundTruthExecutionRole"'

EXAMPLES = {
    "PRINCIPAL_WILDCARD": mistake("resource", _BUCKET, _ROLE, '"arn:aws:iam::111122223333:role/GroundTruth*"'),
    "POLICY_VARIABLE_IN_PRINCIPAL": mistake(
        "resource",
        _BUCKET,
        _ROLE,
        '"arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}-labeling"',
        "meant as: the labeling role of the caller's team",
    ),
    "FEDERATED_PRINCIPAL_IN_RESOURCE_POLICY": mistake(
        "resource",
        _BUCKET,
        '{"AWS": ' + _ROLE + "}",
        '{"Federated": "arn:aws:iam::111122223333:saml-provider/LabelingIdP"}',
        "meant as: the labelers who sign in through the company's identity provider",
    ),
    "ALLOW_WITH_NOT_PRINCIPAL": mistake(
        "resource",
        _BUCKET,
        '"Principal": {"AWS"',
        '"NotPrincipal": {"AWS"',
        "meant as: deny everyone but the execution role, written with Allow",
    ),
    "SERVICE_PRINCIPAL_WITHOUT_SOURCE": mistake(
        "resource",
        _TOPIC,
        ',\n      "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}}',
        "",
    ),
    "SERVICE_PRINCIPAL_WEAK_CONDITION": mistake(
        "resource",
        _TOPIC,
        '{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}}',
        '{"StringEquals": {"aws:SourceOwner": "111122223333"}}',
    ),
    "SERVICE_PRINCIPAL_CONDITION_KEY": mistake(
        "resource",
        _TOPIC,
        '{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}}',
        '{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-labeling-input"}, '
        '"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}',
        "meant as: only for buckets of our organization (aws:SourceOrgID says that)",
    ),
    "UNIQUE_ID_PRINCIPAL": mistake(
        "resource",
        _BUCKET,
        _ROLE,
        '"AROAEXAMPLEROLEID1234"',
        "copied from a policy whose role had been deleted, so IAM showed its unique id",
    ),
    "REDUNDANT_SESSION_PRINCIPAL": mistake(
        "resource",
        _BUCKET,
        _ROLE + "}",
        "[\n        " + _ROLE + ",\n        "
        '"arn:aws:sts::111122223333:assumed-role/GroundTruthExecutionRole/labeling-job-session"\n      ]}',
    ),
}
