"""Role trust policies: who may assume the role, with which action, and under what conditions.

IAM Access Analyzer's checks of role trust policies, offline
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html): the
principal forms a trust policy refuses (NotPrincipal, `"Principal": "*"`, a federated principal that
is neither a provider ARN nor a domain), the one assume action each kind of principal can use, the
three actions IAM Roles Anywhere needs, condition keys whose values only another action of the
statement lets the caller set, and the conditions an OpenID Connect provider needs so that not every
identity the provider issues tokens to can assume the role (GitHub's above all, whose `sub` claim
names the repository and branch). Principal entries in general (wildcards, variables, unique ids) are
`principals`' concern; the actions a trust policy may hold at all are `structure`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from iamkb.check.example import TRUST_POLICY, mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.check.rules.principals import Named, holds_without_key, named_principals
from iamkb.core.arns import PrincipalKind
from iamkb.core.codes import define
from iamkb.core.conditions import Family, SetQualifier, find_operator
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement, condition_text, statement_covers

E, S, W, G = FindingType.ERROR, FindingType.SECURITY_WARNING, FindingType.WARNING, FindingType.SUGGESTION
_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
_ERROR = _CHECKS + "#access-analyzer-reference-policy-checks-error-"
_SECURITY = _CHECKS + "#access-analyzer-reference-policy-checks-security-warning-"
_GITHUB = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub"

define(
    "TRUST_POLICY_NOT_PRINCIPAL",
    E,
    "NotPrincipal in a trust policy",
    "A role trust policy says who may assume the role, so it names them in Principal; AWS does not accept "
    "NotPrincipal there (Access Analyzer: ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL).",
    _ERROR + "role-trust-policy-syntax-error-notprincipal",
)
define(
    "TRUST_POLICY_ANY_PRINCIPAL",
    E,
    'Principal "*" in a trust policy',
    'A role trust policy does not accept the bare `"Principal": "*"`. Name the accounts, roles, services or '
    'identity providers that may assume the role; `{"AWS": "*"}` narrowed by a condition such as '
    'aws:PrincipalOrgID is the form for "any principal that meets the condition" (Access Analyzer: '
    "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL).",
    _ERROR + "role-trust-policy-unsupported-wildcard-in-principal",
)
define(
    "FEDERATED_PRINCIPAL_FORMAT",
    E,
    "Federated principal is not an identity provider",
    "A Federated principal is the ARN of an IAM SAML provider (`arn:aws:iam::111122223333:saml-provider/Name`), "
    "the ARN of an IAM OIDC provider (`arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`) "
    "or a web identity provider's domain (`cognito-identity.amazonaws.com`, `accounts.google.com`). A URL with "
    "https:// or any other text names no provider (Access Analyzer: "
    "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY).",
    _ERROR + "invalid-federated-principal-syntax-in-role-trust-policy",
)
define(
    "TRUST_ACTION_PRINCIPAL_MISMATCH",
    E,
    "Assume action does not fit the principal",
    "Each kind of principal assumes a role through its own STS operation: a SAML provider with "
    "sts:AssumeRoleWithSAML, an OIDC or web identity provider with sts:AssumeRoleWithWebIdentity, accounts, "
    "roles, users and services with sts:AssumeRole. An assume action allowed to a principal that cannot call it "
    "grants nothing, and the principal's own action is usually missing (Access Analyzer: "
    "MISMATCHED_ACTION_FOR_PRINCIPAL).",
    _ERROR + "mismatched-action-for-principal",
)
define(
    "ROLES_ANYWHERE_MISSING_ACTIONS",
    E,
    "IAM Roles Anywhere without the actions it needs",
    "IAM Roles Anywhere (`rolesanywhere.amazonaws.com`) assumes a role with sts:AssumeRole and also sets the "
    "session's source identity and tags from the certificate, so the trust policy must allow sts:AssumeRole, "
    "sts:SetSourceIdentity and sts:TagSession; without all three it cannot deliver credentials (Access Analyzer: "
    "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY).",
    "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html",
)
define(
    "TRUST_CONDITION_KEY_NEEDS_ACTION",
    E,
    "Condition key set by an action the statement does not allow",
    "Some values of an assume request are supplied by the caller only with a permission of their own: a source "
    "identity (sts:SourceIdentity) needs sts:SetSourceIdentity, session tags (aws:RequestTag/..., aws:TagKeys, "
    "sts:TransitiveTagKeys) need sts:TagSession. A statement that requires such a value but does not allow its "
    "action never matches a request (Access Analyzer: "
    "MISSING_ACTION_FOR_CONDITION_KEY; which keys need which action is from the STS and IAM guides).",
    _ERROR + "missing-action-for-condition-key",
)
define(
    "OIDC_PRINCIPAL_WITHOUT_CONDITION",
    S,
    "OpenID Connect provider trusted without a condition on its claims",
    "An OIDC provider issues tokens to many identities (every app of an identity pool, every workload of an EKS "
    "cluster, every Google account). A trust policy that names the provider but tests none of its claim keys "
    "(`<provider>:aud`, `<provider>:sub`) lets any of them assume the role (Access Analyzer: "
    "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL).",
    _SECURITY + "missing-condition-key-for-oidc-principal",
)
define(
    "GITHUB_OIDC_WITHOUT_SUB",
    S,
    "GitHub OIDC provider trusted without a condition on sub",
    "GitHub's OIDC provider (token.actions.githubusercontent.com) issues tokens to the workflows of every "
    "repository on GitHub, not only yours. Without a condition on `token.actions.githubusercontent.com:sub`, which "
    "names the repository and branch, environment or pull request of the run, any GitHub workflow can assume the "
    "role (Access Analyzer: MISSING_GITHUB_REPO_CONDITION_KEY).",
    _GITHUB,
)
define(
    "GITHUB_OIDC_SUB_WILDCARD",
    W,
    "Wildcard in the GitHub sub condition",
    "A wildcard in `token.actions.githubusercontent.com:sub` lets more workflows assume the role than the author "
    "usually means: `repo:my-org/*` every repository of the organisation, `repo:my-org/my-repo:*` every branch, tag "
    "and pull request of the repository. Name the repository and branch (`repo:my-org/my-repo:ref:refs/heads/main`), "
    "or name the repository and restrict the branch with a `token.actions.githubusercontent.com:ref` condition "
    "(Access Analyzer: SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED).",
    _GITHUB,
)
define(
    "AUDIENCE_FOR_ANY_VALUE",
    S,
    "ForAnyValue on an OIDC audience claim",
    "A token's audience (`<provider>:aud`) names the application it was issued for and is compared as one value. "
    "ForAnyValue: reads it as a set and is satisfied when any one of a token's audiences is listed, which is wider "
    "than a trust policy means; compare the audience without a set operator (Access Analyzer: "
    "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE).",
    _SECURITY + "foranyvalue-with-audience-claim-type",
)
define(
    "AUDIENCE_FOR_ALL_VALUES",
    G,
    "ForAllValues on an OIDC audience claim",
    "A token's audience (`<provider>:aud`) usually holds one value, compared without a set operator. ForAllValues: "
    "is right only if the provider issues tokens with several audiences; it is also true for a token without one "
    "(Access Analyzer: CONFIRM_AUDIENCE_CLAIM_TYPE).",
    _CHECKS + "#access-analyzer-reference-policy-checks-suggestion-confirm-audience-claim-type",
)

# The three role-assumption operations and the principals that can call each.
_ASSUME = "sts:assumerole"
_SAML = "sts:assumerolewithsaml"
_WEB_IDENTITY = "sts:assumerolewithwebidentity"
_FEDERATED = (PrincipalKind.SAML_PROVIDER, PrincipalKind.OIDC_PROVIDER)
_NOT_JUDGED = (PrincipalKind.EVERYONE, PrincipalKind.OTHER)  # reported by their own codes

# Condition keys a caller can only supply with a permission of its own, and that permission
# (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html,
# https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required).
# The catalog lists them among the assume actions' keys, so CONDITION_KEY_NOT_SUPPORTED cannot tell.
# (sts:RequestContext keys, set with sts:SetContext, belong to sts:SetContext alone in the catalog,
# which that check already reports.)
_SET_BY = {
    "sts:sourceidentity": "sts:SetSourceIdentity",
    "aws:tagkeys": "sts:TagSession",
    "sts:transitivetagkeys": "sts:TagSession",
}
_SET_BY_FAMILY = {"aws:requesttag/": "sts:TagSession"}

ROLES_ANYWHERE = "rolesanywhere.amazonaws.com"
ROLES_ANYWHERE_ACTIONS = ("sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession")
_GITHUB_ISSUER = re.compile(r"token\.actions\.(?:githubusercontent\.com|[a-z0-9-]+\.ghe\.com)(?:/.*)?", re.IGNORECASE)
_GITHUB_REPOSITORY = re.compile(r"repo:([^:*?]+/[^:*?]+):")  # `repo:owner/name:` with no wildcard


def check(ctx: LintContext) -> Iterator[Finding]:
    statements = [s for s in ctx.statements if ctx.statement_kind(s) == "trust"]
    for statement in statements:
        yield from _principal_forms(ctx, statement)
        if statement.principal_element != "Principal":
            continue
        named = named_principals(statement)
        yield from _mismatched_actions(ctx, statement, named)
        if statement.allows:
            yield from _keys_needing_actions(ctx, statement)
            yield from _oidc_conditions(ctx, statement, named)
        yield from _audience(ctx, statement)
    yield from _roles_anywhere(ctx, statements)


def _principal_forms(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    if statement.not_principal:
        yield ctx.finding(
            "TRUST_POLICY_NOT_PRINCIPAL",
            "A role trust policy cannot use NotPrincipal: it must name who may assume the role.",
            statement.at("NotPrincipal"),
            "Rename NotPrincipal to Principal and list the principals that may assume the role; to keep someone out, "
            'add a Deny statement with "Principal": {"AWS": "*"} and a condition on aws:PrincipalArn.',
        )
        return
    if statement.principal == "*":
        yield ctx.finding(
            "TRUST_POLICY_ANY_PRINCIPAL",
            'A role trust policy does not accept "Principal": "*".',
            statement.at("Principal"),
            'Name who may assume the role, such as {"Service": "sagemaker.amazonaws.com"} or {"AWS": '
            '"arn:aws:iam::111122223333:root"}; for any principal of your organization write {"AWS": "*"} with an '
            "aws:PrincipalOrgID condition.",
        )
    for entry in named_principals(statement):
        if entry.principal_type != "Federated" or entry.name.kind is not PrincipalKind.OTHER or not entry.filled:
            continue
        if "*" not in entry.text and "?" not in entry.text:  # a wildcard is PRINCIPAL_WILDCARD's (principals.py)
            url = entry.text.startswith(("https://", "http://"))
            yield ctx.finding(
                "FEDERATED_PRINCIPAL_FORMAT",
                f"'{entry.text}' is {'a URL, not' if url else 'not'} an identity provider: a Federated principal is a "
                "SAML or OIDC provider's ARN, or a web identity provider's domain.",
                entry.value.pointer,
                "Write the provider's ARN from the IAM console (Identity providers), such as "
                '"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" (the issuer URL '
                'without https://) or "arn:aws:iam::111122223333:saml-provider/MyIdP".',
            )


def _fits(action: str, kind: PrincipalKind) -> bool:
    if action == _SAML:
        return kind is PrincipalKind.SAML_PROVIDER
    if action == _WEB_IDENTITY:
        return kind is PrincipalKind.OIDC_PROVIDER
    return kind not in _FEDERATED


def _describe(entry: Named) -> str:
    kind = entry.name.kind
    if kind is PrincipalKind.SAML_PROVIDER:
        return f"the SAML provider '{entry.text}'"
    if kind is PrincipalKind.OIDC_PROVIDER:
        return f"the OIDC provider '{entry.text}'"
    if kind is PrincipalKind.SERVICE:
        return f"the service '{entry.text}'"
    return f"'{entry.text}'"


def _right_action(kind: PrincipalKind) -> str:
    if kind is PrincipalKind.SAML_PROVIDER:
        return "sts:AssumeRoleWithSAML"
    if kind is PrincipalKind.OIDC_PROVIDER:
        return "sts:AssumeRoleWithWebIdentity"
    return "sts:AssumeRole"


def _mismatched_actions(ctx: LintContext, statement: Statement, named: list[Named]) -> Iterator[Finding]:
    if statement.action_element != "Action":
        return
    judged = [entry for entry in named if entry.name.kind not in _NOT_JUDGED]
    for value in statement.actions:
        action = value.value.lower()
        if action not in (_ASSUME, _SAML, _WEB_IDENTITY):
            continue
        wrong = [entry for entry in judged if not _fits(action, entry.name.kind)]
        if not wrong:
            continue
        right = sorted({_right_action(entry.name.kind) for entry in wrong})
        yield ctx.finding(
            "TRUST_ACTION_PRINCIPAL_MISMATCH",
            f"{value.value} cannot be used by {', '.join(_describe(entry) for entry in wrong[:3])}"
            f"{' and others' if len(wrong) > 3 else ''}; {'it assumes' if len(wrong) == 1 else 'they assume'} "
            f"roles with {' and '.join(right)}.",
            value.pointer,
            "Allow sts:AssumeRoleWithSAML to SAML providers, sts:AssumeRoleWithWebIdentity to OIDC and web identity "
            "providers and sts:AssumeRole to accounts, roles, users and services; give principals that need "
            "different actions statements of their own.",
        )


def _setting_action(key: str) -> str | None:
    lowered = key.lower()
    found = _SET_BY.get(lowered)
    if found is None:
        found = next((action for prefix, action in _SET_BY_FAMILY.items() if lowered.startswith(prefix)), None)
    return found


def _keys_needing_actions(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for entry in statement.conditions:
        action = _setting_action(entry.key)
        if action is None or holds_without_key(entry) is not False or statement_covers(statement, action):
            continue
        yield ctx.finding(
            "TRUST_CONDITION_KEY_NEEDS_ACTION",
            f"The condition requires {entry.key} in the request, but the caller can only set it with {action}, which "
            "this statement does not allow, so the statement never matches.",
            entry.pointer,
            f'Add "{action}" to the statement\'s Action, next to the assume action.',
            subject=entry.key,
        )


def _claim(key: str) -> tuple[str, str]:
    """(provider, claim) of an identity provider's condition key: `token.actions.githubusercontent.com:sub`."""
    provider, _, claim = key.rpartition(":")
    return provider.lower(), claim.lower()


def _restricts(entry: ConditionEntry) -> bool:
    """A positive string test: it limits which values the claim may have."""
    operator = find_operator(entry.operator)
    return operator is not None and operator.family is Family.STRING and not operator.negated


def _oidc_conditions(ctx: LintContext, statement: Statement, named: list[Named]) -> Iterator[Finding]:
    for entry in named:
        if entry.name.kind is not PrincipalKind.OIDC_PROVIDER or not entry.filled or entry.name.name is None:
            continue
        issuer = entry.name.name.lower()
        claims = [(claim, c) for c in statement.conditions for provider, claim in [_claim(c.key)] if provider == issuer]
        if _GITHUB_ISSUER.fullmatch(issuer):
            yield from _github(ctx, entry, issuer, claims)
        elif not claims:
            yield ctx.finding(
                "OIDC_PRINCIPAL_WITHOUT_CONDITION",
                f"Every identity that {entry.name.name} issues tokens to can assume the role: no condition tests its "
                f"claims ({entry.name.name}:aud, {entry.name.name}:sub).",
                entry.value.pointer,
                f'Add a condition on the provider\'s claims, such as "StringEquals": {{"{entry.name.name}:aud": '
                '"<your client or identity pool id>"}, and on :sub when only some identities may assume the role.',
            )


def _github(ctx: LintContext, entry: Named, issuer: str, claims: list[tuple[str, ConditionEntry]]) -> Iterator[Finding]:
    subs = [c for claim, c in claims if claim == "sub" and _restricts(c)]
    if not subs:
        yield ctx.finding(
            "GITHUB_OIDC_WITHOUT_SUB",
            f"Any GitHub Actions workflow, in any repository on GitHub, can assume the role: no condition limits "
            f"{issuer}:sub to your repositories.",
            entry.value.pointer,
            f'Add "StringEquals": {{"{issuer}:sub": "repo:my-org/my-repo:ref:refs/heads/main"}} (your repository and '
            f'branch) next to the "{issuer}:aud" condition.',
        )
        return
    branch_limited = any(
        claim == "ref" and _restricts(c) and any(text != "*" for text in c.texts) for claim, c in claims
    )
    for sub in subs:
        operator = find_operator(sub.operator)
        if operator is None or not operator.base.wildcards:
            continue
        for value in sub.values:
            text = condition_text(value.value)
            if "*" not in text and "?" not in text:
                continue
            repository = _GITHUB_REPOSITORY.match(text)
            if repository and branch_limited:
                continue
            if repository:
                who = f"every workflow run of {repository.group(1)} (any branch, tag, environment or pull request)"
            else:
                who = "the workflows of every repository the pattern matches"
            yield ctx.finding(
                "GITHUB_OIDC_SUB_WILDCARD",
                f"'{text}' lets {who} assume the role.",
                value.pointer,
                'Name the repository and branch, such as "repo:my-org/my-repo:ref:refs/heads/main", or name the '
                f'repository and limit the branch with a {issuer}:ref condition (StringEquals "refs/heads/main").',
            )


def _audience(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    for entry in statement.conditions:
        provider, claim = _claim(entry.key)
        operator = find_operator(entry.operator)
        if claim != "aud" or not any(mark in provider for mark in "./") or operator is None:
            continue
        if operator.qualifier is SetQualifier.FOR_ANY_VALUE:
            yield ctx.finding(
                "AUDIENCE_FOR_ANY_VALUE",
                f"{entry.operator} compares the single-valued audience claim {entry.key} as a set of values.",
                entry.pointer,
                f'Write "{operator.unqualified}" without the ForAnyValue: prefix.',
                subject=entry.key,
            )
        elif operator.qualifier is SetQualifier.FOR_ALL_VALUES:
            yield ctx.finding(
                "AUDIENCE_FOR_ALL_VALUES",
                f"{entry.operator} treats the audience claim {entry.key} as multivalued, and is also true for a token "
                "without an audience.",
                entry.pointer,
                f'Unless your provider issues tokens with several audiences, write "{operator.unqualified}" without '
                "the ForAllValues: prefix.",
                subject=entry.key,
            )


def _roles_anywhere(ctx: LintContext, statements: list[Statement]) -> Iterator[Finding]:
    trusting = [
        statement
        for statement in statements
        if statement.allows
        and statement.principal_element == "Principal"
        and any(
            kind == "Service" and value.value.lower().removesuffix(".cn") == ROLES_ANYWHERE
            for kind, value in statement.principals
        )
    ]
    if not trusting:
        return
    missing = [a for a in ROLES_ANYWHERE_ACTIONS if not any(statement_covers(s, a) for s in trusting)]
    if missing:
        first = trusting[0]
        yield ctx.finding(
            "ROLES_ANYWHERE_MISSING_ACTIONS",
            f"The trust policy lets {ROLES_ANYWHERE} assume the role but does not allow it {', '.join(missing)}, "
            "so IAM Roles Anywhere cannot deliver credentials for the role.",
            first.at(first.action_element) if first.action_element else first.pointer,
            f'Allow all three to {ROLES_ANYWHERE}: "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", '
            '"sts:TagSession"].',
        )


# --- examples: the trust policies of a Ground Truth team's roles --------------------------------------

# The role a GitHub Actions workflow of the team's labeling pipeline assumes to start labeling jobs.
_GITHUB_DEPLOY = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:my-org/labeling-pipeline:ref:refs/heads/main"
        }
      }
    }""")
# A labeling app's users sign in through a Cognito identity pool.
_COGNITO_APP = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"Federated": "cognito-identity.amazonaws.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"}
      }
    }""")
# An on-premises labeling tool gets credentials through IAM Roles Anywhere.
_ROLES_ANYWHERE = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"Service": "rolesanywhere.amazonaws.com"},
      "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"],
      "Condition": {
        "ArnEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/1a2b3c4d"}
      }
    }""")
# Labeling admins may assume the execution role, recording who they are as the source identity.
_ADMINS = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/LabelingAdmin"},
      "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
      "Condition": {"StringLike": {"sts:SourceIdentity": "admin-*"}}
    }""")
_GITHUB_SUB = '"repo:my-org/labeling-pipeline:ref:refs/heads/main"'

EXAMPLES = {
    "TRUST_POLICY_NOT_PRINCIPAL": mistake(
        "trust",
        _ADMINS,
        '"Principal": {"AWS"',
        '"NotPrincipal": {"AWS"',
        "meant as: everyone but the labeling admins",
    ),
    "TRUST_POLICY_ANY_PRINCIPAL": mistake("trust", TRUST_POLICY, '{"Service": "sagemaker.amazonaws.com"}', '"*"'),
    "FEDERATED_PRINCIPAL_FORMAT": mistake(
        "trust",
        _GITHUB_DEPLOY,
        '"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"',
        '"https://token.actions.githubusercontent.com"',
        "the issuer URL copied from GitHub's documentation instead of the IAM provider's ARN",
    ),
    "TRUST_ACTION_PRINCIPAL_MISMATCH": mistake(
        "trust", _COGNITO_APP, '"sts:AssumeRoleWithWebIdentity"', '"sts:AssumeRole"'
    ),
    "ROLES_ANYWHERE_MISSING_ACTIONS": mistake(
        "trust", _ROLES_ANYWHERE, '["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]', '"sts:AssumeRole"'
    ),
    "TRUST_CONDITION_KEY_NEEDS_ACTION": mistake(
        "trust", _ADMINS, '["sts:AssumeRole", "sts:SetSourceIdentity"]', '"sts:AssumeRole"'
    ),
    "OIDC_PRINCIPAL_WITHOUT_CONDITION": mistake(
        "trust",
        _COGNITO_APP,
        ',\n      "Condition": {\n        "StringEquals": {"cognito-identity.amazonaws.com:aud": '
        '"us-east-1:12345678-1234-1234-1234-123456789012"}\n      }',
        "",
    ),
    "GITHUB_OIDC_WITHOUT_SUB": mistake(
        "trust",
        _GITHUB_DEPLOY,
        ',\n          "token.actions.githubusercontent.com:sub": ' + _GITHUB_SUB,
        "",
        "the condition from the provider's setup page, which checks only the audience",
    ),
    "GITHUB_OIDC_SUB_WILDCARD": mistake(
        "trust",
        _GITHUB_DEPLOY,
        '"StringEquals": {\n          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",\n'
        '          "token.actions.githubusercontent.com:sub": ' + _GITHUB_SUB,
        '"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},\n'
        '        "StringLike": {\n          "token.actions.githubusercontent.com:sub": "repo:my-org/*"',
    ),
    "AUDIENCE_FOR_ANY_VALUE": mistake(
        "trust", _COGNITO_APP, '"StringEquals": {"cognito', '"ForAnyValue:StringEquals": {"cognito'
    ),
    "AUDIENCE_FOR_ALL_VALUES": mistake(
        "trust", _COGNITO_APP, '"StringEquals": {"cognito', '"ForAllValues:StringEquals": {"cognito'
    ),
}
