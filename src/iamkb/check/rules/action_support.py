"""Condition keys that some of a statement's actions never see.

A condition applies to every action of its statement, but each action's request context holds only
the keys its service documents for it (and for the resource types it works on). For an action that
lacks the key, a condition on it is false (the Allow or Deny never applies to that action) or, with a
negated or `...IfExists` operator, true (the condition does not restrict it at all). Either way the
statement does not do what it says for that action.

IAM Access Analyzer reports this per action for service keys ("Unsupported action for condition key",
an error), and for the tag keys aws:ResourceTag/, aws:RequestTag/ and aws:TagKeys per statement: a
suggestion in an Allow (the actions are just not allowed), a security warning in a Deny (they are not
denied); with NotAction, a security warning for Deny, which leaves every action without the key undenied,
and a suggestion for Allow, which allows only the actions that have the key (the Allow with NotAction itself
is ALLOW_WITH_NOT_ACTION's security warning). Statements where no action supports a service key are
CONDITION_KEY_NOT_SUPPORTED (catalog_checks).

What counts, as Access Analyzer does it: an Action entry with a wildcard is not judged for service
keys; for tag keys it is reported only when none of the actions it matches has the key. Role trust
policies' companion actions (sts:TagSession, sts:SetSourceIdentity, sts:SetContext) are evaluated in
the request of the sts:AssumeRole* call they come with, which carries that call's keys, so they are not
reported in a statement that also allows an sts:AssumeRole* action.
"""

from __future__ import annotations

from collections.abc import Iterator

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.codes import define
from iamkb.core.enums import Effect
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import ConditionEntry, Statement, Value, resolve_action

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#"
_ABAC = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html"

define(
    "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
    FindingType.ERROR,
    "Condition key not supported by this action of the statement",
    "Some actions of the statement support the service's condition key and this one does not: its request "
    "context never has the key, so the condition cannot restrict it as written (it is false for the action, or "
    "true with a negated or ...IfExists operator). Move the action to a statement without the condition.",
    _CHECKS + "access-analyzer-reference-policy-checks-error-unsupported-action-for-condition-key",
)
define(
    "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY",
    FindingType.SUGGESTION,
    "Tag condition key that some allowed actions never see",
    "The Allow statement has a condition on aws:ResourceTag/, aws:RequestTag/ or aws:TagKeys, and some of its "
    "actions have no such key in their request context (the action creates no tagged resource, or its resource "
    "type takes no tags), so the statement does not allow them. Allow them in another statement, limited by "
    "resource names instead.",
    _CHECKS + "access-analyzer-reference-policy-checks-suggestion-allow-with-unsupported-tag-condition-key-for-service",
)
define(
    "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY",
    FindingType.SECURITY_WARNING,
    "Tag condition key that some denied actions never see",
    "The Deny statement has a condition on aws:ResourceTag/, aws:RequestTag/ or aws:TagKeys, and some of its "
    "actions have no such key in their request context, so the statement never denies them, however the "
    "resources are tagged. Deny them in another statement, by resource names. Do not use ...IfExists as a way "
    "out: it denies those actions everywhere.",
    _CHECKS
    + "access-analyzer-reference-policy-checks-security-warning-deny-with-unsupported-tag-condition-key-for-service",
)
define(
    "DENY_NOT_ACTION_WITH_TAG_CONDITION_KEY",
    FindingType.SECURITY_WARNING,
    "Deny with NotAction and a tag condition key",
    "A Deny statement with NotAction and a condition on aws:ResourceTag/, aws:RequestTag/ or aws:TagKeys denies "
    "only the actions that have the key: every other action (of today's services and of future ones) is left "
    "undenied. List the actions to deny in Action.",
    _CHECKS
    + "access-analyzer-reference-policy-checks-security-warning-deny-notaction-with-unsupported-tag-condition-key-for-service",
)

define(
    "ALLOW_NOT_ACTION_WITH_TAG_CONDITION_KEY",
    FindingType.SUGGESTION,
    "Allow with NotAction and a tag condition key",
    "An Allow statement with NotAction and a condition on aws:ResourceTag/, aws:RequestTag/ or aws:TagKeys allows "
    "only the actions whose request has the key: every other action it seems to allow (of today's services and "
    "future ones) is not allowed by it. List the actions to allow in Action. Access Analyzer reports this as a "
    'suggestion ("Allow NotAction with unsupported tag condition key for service").',
    _CHECKS
    + "access-analyzer-reference-policy-checks-suggestion-allow-notaction-with-unsupported-tag-condition-key-for-service",
)

_TAG_KEYS = ("aws:resourcetag/", "aws:requesttag/", "aws:tagkeys")
_ASSUME = ("sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity")
_COMPANIONS = frozenset({"sts:tagsession", "sts:setsourceidentity", "sts:setcontext"})
_SHOWN = 5

_LABELING_INPUT = policy("""\
    {
      "Sid": "ListAndReadImages",
      "Effect": "Allow",
      "Action": ["s3:ListBucket"],
      "Resource": "arn:aws:s3:::my-labeling-input",
      "Condition": {"StringLike": {"s3:prefix": "images/*"}}
    }""")
_PROJECT_JOBS = policy("""\
    {
      "Sid": "StopProjectJobs",
      "Effect": "Allow",
      "Action": ["sagemaker:StopLabelingJob"],
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"StringEquals": {"aws:ResourceTag/project": "cats"}}
    }""")
_PROTECT_OUTPUT = policy("""\
    {
      "Sid": "ProtectFinishedJobs",
      "Effect": "Deny",
      "Action": ["sagemaker:DeleteWorkteam"],
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:ResourceTag/stage": "final"}}
    }""")

EXAMPLES = {
    "UNSUPPORTED_ACTION_FOR_CONDITION_KEY": mistake(
        "identity",
        _LABELING_INPUT,
        '["s3:ListBucket"],\n      "Resource": "arn:aws:s3:::my-labeling-input"',
        '["s3:ListBucket", "s3:GetObject"],\n'
        '      "Resource": ["arn:aws:s3:::my-labeling-input", "arn:aws:s3:::my-labeling-input/*"]',
        "s3:prefix is in the request of s3:ListBucket only: s3:GetObject is never allowed here",
    ),
    "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY": mistake(
        "identity",
        _PROJECT_JOBS,
        '["sagemaker:StopLabelingJob"]',
        '["sagemaker:StopLabelingJob", "sagemaker:ListLabelingJobs"]',
        "ListLabelingJobs works on no resource, so it has no aws:ResourceTag/ key and is never allowed here",
    ),
    "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY": mistake(
        "identity",
        _PROTECT_OUTPUT,
        '["sagemaker:DeleteWorkteam"]',
        '["sagemaker:DeleteWorkteam", "sagemaker:DeleteHumanLoop"]',
        "human loops take no tags, so this Deny never stops anyone deleting one",
    ),
    "ALLOW_NOT_ACTION_WITH_TAG_CONDITION_KEY": mistake(
        "identity",
        _PROJECT_JOBS,
        '"Action": ["sagemaker:StopLabelingJob"]',
        '"NotAction": ["iam:*", "sts:*"]',
        'meant as "everything but IAM and STS on the project\'s resources"; actions without the key are not allowed',
    ),
    "DENY_NOT_ACTION_WITH_TAG_CONDITION_KEY": mistake(
        "identity",
        _PROTECT_OUTPUT,
        '"Action": ["sagemaker:DeleteWorkteam"]',
        '"NotAction": ["sagemaker:CreateWorkteam"]',
        'meant as "nothing but creating work teams on final resources"; actions without the key are not denied',
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.effect is None or not statement.conditions:
            continue
        checked: set[str] = set()
        for entry in statement.conditions:
            lowered = entry.key.lower()
            if lowered in checked:
                continue
            checked.add(lowered)
            if lowered.startswith(_TAG_KEYS) and iamcatalog.global_condition_key(lowered):  # with a tag key
                yield from _tag_key(ctx, statement, entry)
            elif _is_service_key(lowered):
                yield from _service_key(ctx, statement, entry)


def _is_service_key(lowered: str) -> bool:
    """A key a service defines (not a global, cross-service or identity provider key)."""
    prefix = lowered.partition(":")[0]
    return iamcatalog.global_condition_key(lowered) is None and prefix in iamcatalog.service_prefixes()


def _supports(action: iamcatalog.Action, key: str) -> bool:
    service = iamcatalog.service(action.service)
    return service is not None and service.keys_for_action(action).find(key) is not None


def _resolved(statement: Statement) -> list[tuple[Value, tuple[iamcatalog.Action, ...], bool]]:
    """Each Action entry with the catalog actions it names and whether it has a wildcard; entries the
    catalog does not know (and `*`) are left out, and so are the trust companions of an sts:AssumeRole*."""
    assumes = any(a.full_name.lower() in _ASSUME for v in statement.actions for a in resolve_action(v.value).actions)
    found = []
    for value in statement.actions:
        resolved = resolve_action(value.value)
        actions = tuple(a for a in resolved.actions if not (assumes and a.full_name.lower() in _COMPANIONS))
        if actions:
            found.append((value, actions, resolved.has_wildcard))
    return found


def _service_key(ctx: LintContext, statement: Statement, entry: ConditionEntry) -> Iterator[Finding]:
    if statement.action_element != "Action":
        return
    entries = _resolved(statement)
    if not any(_supports(a, entry.key) for _, actions, _ in entries for a in actions):
        return  # no action has it: CONDITION_KEY_NOT_SUPPORTED
    for value, actions, wildcard in entries:
        if wildcard:
            continue
        (action,) = actions
        if _supports(action, entry.key):
            continue
        yield ctx.finding(
            "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
            f"'{action.full_name}' does not support the condition key '{entry.key}' of this statement, so the "
            "condition cannot restrict it as written.",
            value.pointer,
            f"Move '{action.full_name}' to a statement without the '{entry.key}' condition (see the action's "
            "condition keys in the Service Authorization Reference).",
            subject=f"{action.full_name} with {entry.key}",
        )


def _tag_key(ctx: LintContext, statement: Statement, entry: ConditionEntry) -> Iterator[Finding]:
    if statement.action_element == "NotAction":
        if statement.effect is Effect.DENY:
            yield ctx.finding(
                "DENY_NOT_ACTION_WITH_TAG_CONDITION_KEY",
                f"This Deny with NotAction and a condition on '{entry.key}' denies only the actions that have the "
                "key; every other action is left undenied.",
                entry.pointer,
                "List the actions to deny in Action; deny actions without tag keys in another statement, by "
                "resource names.",
            )
        else:
            yield ctx.finding(
                "ALLOW_NOT_ACTION_WITH_TAG_CONDITION_KEY",
                f"This Allow with NotAction and a condition on '{entry.key}' allows only the actions that have the "
                "key; every other action is not allowed by it.",
                entry.pointer,
                "List the actions to allow in Action; allow actions without tag keys in another statement, by "
                "resource names.",
            )
        return
    unsupported = [
        value.value
        for value, actions, _ in _resolved(statement)
        if not any(_supports(action, entry.key) for action in actions)
    ]
    if not unsupported:
        return
    shown = ", ".join(unsupported[:_SHOWN]) + (
        f" and {len(unsupported) - _SHOWN} more" if len(unsupported) > _SHOWN else ""
    )
    if statement.effect is Effect.DENY:
        yield ctx.finding(
            "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY",
            f"{shown}: no request for these has '{entry.key}', so this statement never denies them.",
            entry.pointer,
            "Deny these actions in a statement of their own, naming the resources in Resource (not with "
            f"...IfExists, which would deny them everywhere). See {_ABAC}.",
        )
    else:
        yield ctx.finding(
            "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY",
            f"{shown}: no request for these has '{entry.key}', so this statement does not allow them.",
            entry.pointer,
            "Allow these actions in a statement of their own, naming the resources in Resource instead of "
            "matching tags.",
        )
