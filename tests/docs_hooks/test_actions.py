"""pages/actions.py: the Action index (actions.md.j2)."""

from __future__ import annotations

import re

from pages import actions


def test_services_link_their_tables_and_count_their_actions():
    markdown = actions.markdown()
    found = actions.allowances()
    assert f"Every one of the {len(found)} actions" in markdown
    summary = re.findall(r"^\| \[`([^`]+)`\]\(#(service-[^)]+)\) \| (\d+) \|", markdown, re.M)
    assert summary
    for service, anchor, number in summary:
        assert anchor == actions.anchor(service) and f"## {service} {{ #{anchor} }}" in markdown
        assert int(number) == sum(1 for action, _ in found.values() if action.service == service)


def test_an_action_only_a_condition_allows_is_marked():
    markdown = actions.markdown()
    passrole = next(line for line in markdown.splitlines() if line.startswith("| `iam:PassRole` |"))
    assert "[automated-labeling-passrole](snippets/automated-labeling-passrole.md) *with conditions*" in passrole


def test_anchor():
    assert actions.anchor("cognito-idp") == "service-cognito-idp"
