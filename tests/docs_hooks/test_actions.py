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
    passrole = next(line for line in markdown.splitlines() if "<td><code>iam:PassRole</code></td>" in line)
    assert "[automated-labeling-passrole](snippets/automated-labeling-passrole.md) *with conditions*" in passrole


def test_anchor():
    assert actions.anchor("cognito-idp") == "service-cognito-idp"


def test_row_id():
    assert actions.row_id("cognito-idp:AdminCreateUser") == "action-cognito-idp-admincreateuser"


def test_every_action_row_has_its_own_id():
    markdown = actions.markdown()
    rows = re.findall(r'^<tr id="([^"]+)" markdown><td><code>([^<]+)</code></td>', markdown, re.M)
    assert len(rows) == len(actions.allowances())
    assert all(row_id == actions.row_id(name) for row_id, name in rows)
    assert len({row_id for row_id, _ in rows}) == len(rows), "two actions share a row id"
