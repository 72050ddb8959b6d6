"""Conditions on the VPC endpoint owner keys in a statement that reaches services which do not support them.

aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths (the account, organization and organization path that own
the VPC endpoint a request came through) are global keys, yet AWS's global condition key page says each works
only with a select set of services, which it lists per key (IAM without iam:PassRole), and that using one with
another service can lead to unintended authorization results
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpceaccount,
#condition-keys-vpceorgid, #condition-keys-vpceorgpaths). The lists are data, `vpce_keys.json` beside this module,
with the date they were read; the IAM catalog lists the keys but not which services set them.

A statement with a condition on one of these keys (any operator, set or IfExists qualifier; the key's name in
any case) gets one finding per key when its actions, expanded against the catalog, include an action of a
service not on that key's list, or an excepted action (iam:PassRole). `"Action": "*"` reaches every service;
NotAction reaches every service with an action it does not list. Access Analyzer reports this as a general
warning ("Use condition key only with supported services").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core import iamcatalog
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import Statement, resolve_action, statement_covers

_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"

define(
    "CONDITION_KEY_UNSUPPORTED_BY_SERVICE",
    FindingType.WARNING,
    "VPC endpoint owner key used with services that do not support it",
    "aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths are supported by a select set of services only, which "
    "AWS lists per key (IAM without iam:PassRole); AWS warns that a condition on one of them can give unintended "
    "authorization results for the actions of any other service. Keep such a condition in a statement whose "
    "actions all belong to the key's services, and control the other services in statements of their own. "
    'Access Analyzer reports this as a general warning ("Use condition key only with supported services").',
    _KEYS + "#condition-keys-vpceorgid",
)

_SHOWN = 5


class Support(NamedTuple):
    """One key's entry of vpce_keys.json: the services that support it and the actions excepted among them."""

    key: str  # as AWS spells it
    services: frozenset[str]  # service prefixes
    except_actions: tuple[str, ...]  # service:Action, as AWS spells them
    url: str


@cache
def supported() -> dict[str, Support]:
    """The table, by the key's lowercase name (IAM compares condition key names without regard to case)."""
    text = resources.files(__package__).joinpath("vpce_keys.json").read_text(encoding="utf-8")
    return {
        key.lower(): Support(key, frozenset(entry["services"]), tuple(entry["exceptActions"]), entry["source"]["url"])
        for key, entry in json.loads(text)["keys"].items()
    }


_PERIMETER = policy("""\
    {
      "Sid": "ReadLabelingDataOnlyThroughOurEndpoints",
      "Effect": "Deny",
      "Action": ["s3:GetObject", "kms:Decrypt"],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {"aws:VpceOrgID": "o-a1b2c3d4e5"},
        "BoolIfExists": {"aws:ViaAWSService": "false"}
      }
    }""")
EXAMPLES = {
    "CONDITION_KEY_UNSUPPORTED_BY_SERVICE": mistake(
        "identity",
        _PERIMETER,
        '["s3:GetObject", "kms:Decrypt"]',
        '["s3:GetObject", "kms:Decrypt", "sns:Publish"]',
        "Amazon SNS is not among the services that support aws:VpceOrgID",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        if statement.effect is None or statement.action_element is None:
            continue
        reached: frozenset[str] | None = None  # the statement's services, found once it uses one of the keys
        seen: set[str] = set()
        for entry in statement.conditions:
            support = supported().get(entry.key.lower())
            if support is None or support.key in seen:
                continue
            seen.add(support.key)
            if reached is None:
                reached = _services(statement)
            services = sorted(reached - support.services)
            actions = [a for a in support.except_actions if statement_covers(statement, a)]
            if not (services or actions):
                continue
            named = _named(services, actions)
            yield ctx.finding(
                "CONDITION_KEY_UNSUPPORTED_BY_SERVICE",
                _message(statement, entry.key, support, named),
                entry.pointer,
                f"Keep the condition on '{entry.key}' in a statement whose actions belong to the services AWS lists "
                f"for it, and move the others to a statement without it. See {support.url}.",
                subject=f"{entry.key} with {named}",
            )


def _message(statement: Statement, key: str, support: Support, named: str) -> str:
    if statement.action_element == "Action" and any(v.value == "*" for v in statement.actions):
        return (
            f'"Action": "*" takes every service: all but the {len(support.services)} that AWS lists as supporting '
            f"'{key}' are unsupported ({named}), so the condition can give unintended results for them."
        )
    reach = "The actions this NotAction leaves" if statement.not_action else "This statement's actions"
    return (
        f"{reach} include {named}, which AWS does not list as supporting '{key}': the condition can give unintended "
        "results for them."
    )


def _services(statement: Statement) -> frozenset[str]:
    """The service prefixes of the catalog actions the statement's Action or NotAction takes; entries the catalog
    does not know are left out (other checks report them)."""
    if statement.action_element == "NotAction":
        listed = statement.action_index
        return frozenset(
            prefix
            for prefix in iamcatalog.service_prefixes()
            if any(not listed.match(a.full_name) for a in _service(prefix).actions.values())
        )
    found: set[str] = set()
    for value in statement.actions:
        if value.value == "*":
            return iamcatalog.service_prefixes()
        found.update(action.service for action in resolve_action(value.value).actions)
    return frozenset(found)


def _service(prefix: str) -> iamcatalog.Service:
    found = iamcatalog.service(prefix)
    assert found is not None  # the prefix came from the catalog's own list
    return found


def _named(services: list[str], actions: list[str]) -> str:
    """`the services sns, sqs and 3 more and the action iam:PassRole`: a few of each, then how many more."""
    parts = []
    for noun, names in (("service", services), ("action", actions)):
        if names:
            shown = ", ".join(names[:_SHOWN]) + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")
            parts.append(f"the {noun}{'s' if len(names) > 1 else ''} {shown}")
    return " and ".join(parts)
