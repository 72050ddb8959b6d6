"""The Action index (actions.md.j2): every action some snippet allows -> the snippets that allow it.

Wildcards and NotAction are expanded against the IAM catalog, one table per service, so searching an
action name lands on the snippets that grant it. Each action's row has its own id (`row_id`), so a link
(a search result for the action's exact name, docs/javascripts/search-worker.js) opens the page at the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from iamkb.core import iamcatalog
from iamkb.grants import grants
from iamkb.kb.snippets import Snippet, load_catalog
from iamkb.render import render as fill
from pages import render

TEMPLATE = "actions.md.j2"
URI = "reference/actions.md"


@dataclass(frozen=True)
class Allowance:
    snippet: Snippet
    conditional: bool  # every statement that allows the action does so only under conditions


def allowances() -> dict[str, tuple[iamcatalog.Action, list[Allowance]]]:
    """action (lowercase full name) -> the action and the snippets whose Allow statements grant it.

    A statement whose every resource names nothing the action works on does not count (for example
    `sagemaker:*` on flow-definition ARNs grants no action that never touches a flow definition).
    Placeholders are filled with the catalog's examples: which actions a policy allows does not
    depend on the bucket or account names.
    """
    found: dict[str, tuple[iamcatalog.Action, list[Allowance]]] = {}
    for snippet in load_catalog().snippets:
        result = grants(fill(snippet, use_examples=True).document(), snippet.id)
        per_action: dict[str, tuple[iamcatalog.Action, list[bool]]] = {}
        for group in result.allows:
            statement = group.statement
            for action in group.expansion.actions:
                unusable = group.inapplicable.get(action.full_name, ())
                if statement.resources and not statement.not_resource and len(unusable) == len(statement.resources):
                    continue
                key = action.full_name.lower()
                per_action.setdefault(key, (action, []))[1].append(bool(statement.conditions))
        for key, (action, conditions) in per_action.items():
            found.setdefault(key, (action, []))[1].append(Allowance(snippet, all(conditions)))
    return found


def anchor(service: str) -> str:
    """The id of a service's section: `cognito-idp` -> `service-cognito-idp`."""
    return "service-" + re.sub(r"[^a-z0-9]+", "-", service.lower())


def row_id(full_name: str) -> str:
    """The id of an action's row: `cognito-idp:AdminCreateUser` -> `action-cognito-idp-admincreateuser`.

    The search worker makes the same id from the same name (`rowId` in docs/javascripts/search-worker.js)
    to link its result to the row; tests/site/test_search.py opens such links.
    """
    return "action-" + re.sub(r"[^a-z0-9]+", "-", full_name.lower())


def context() -> dict:
    found = allowances()
    by_service: dict[str, list] = {}
    for action, allowed_by in found.values():
        by_service.setdefault(action.service, []).append((action, allowed_by))
    services = [
        {
            "name": service,
            "anchor": anchor(service),
            "snippets": sorted({a.snippet.id for _, allowed_by in by_service[service] for a in allowed_by}),
            "actions": [
                {"action": action, "id": row_id(action.full_name), "allowed_by": allowed_by}
                for action, allowed_by in sorted(by_service[service], key=lambda item: item[0].name.lower())
            ],
        }
        for service in sorted(by_service)
    ]
    return {
        "title": "Action index",
        "meta_title": "Action index",
        "count": len(found),
        "catalog_version": iamcatalog.catalog_version(),
        "catalog_date": iamcatalog.catalog_date(),
        "services": services,
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
