"""pages/snippet_grants.py: a snippet page's "What this grants" section (snippet-grants.md.j2)."""

from __future__ import annotations

from pages import snippet_grants

from iamkb.grants import grants
from iamkb.kb.snippets import load_catalog

CATALOG = load_catalog()


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def test_counts_and_command():
    text = snippet_grants.section(CATALOG.get("built-in-task-types"))
    assert "this policy allows **4 actions** in 1 service." in text
    assert "`iamkb grants built-in-task-types --example` (or with `--set NAME=VALUE`" in text
    assert "| `s3` | 1 | 2 | 1 | 4 |" in text
    statement = snippet_grants.section(CATALOG.get("custom-workflow-statement"))
    assert "this statement allows" in statement and "`iamkb grants custom-workflow-statement`" in statement


def test_wildcards_are_named_up_to_three():
    many = policy({"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "kms:Re*", "sqs:*"], "Resource": "*"})
    text = snippet_grants.markdown(grants(many, "p"), "this policy", "`x`")
    assert "Its wildcards (`s3:Get*`, `s3:List*`, `kms:Re*` and 1 more) also allow the matching actions" in text
    text = snippet_grants.markdown(
        grants(policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}), "p"), "this policy", "`x`"
    )
    assert "wildcards" not in text and "allows **1 action** in 1 service. `x` prints" in text


def test_not_action_is_counted_not_listed():
    text = snippet_grants.markdown(
        grants(policy({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}), "p"), "this policy", "`x`"
    )
    assert "NotAction allows every other action, including those AWS adds after that day." in text
    assert "every action except `iam:*`" in text
    assert "GetObject" not in text  # thousands of names: only the counts per level


def test_statements_are_folded_and_indented():
    text = snippet_grants.section(CATALOG.get("automated-labeling-passrole"))
    block = text.split('??? abstract "Statement by statement: resources, conditions and every action name"\n', 1)[1]
    lines = [line for line in block.splitlines() if line]
    assert lines and all(line.startswith("    ") for line in lines)
    assert "    - only when `StringEquals iam:PassedToService = sagemaker.amazonaws.com`" in block
    assert "Allowed only under conditions (see the statements below): `iam:PassRole`." in text


def test_two_level_actions_count_under_the_first():
    text = snippet_grants.section(CATALOG.get("AmazonSageMakerFullAccess"))
    assert "An action the catalog files under two levels (such as *Tagging, Write*) counts under the first." in text
    assert "| **All services** |" in text
