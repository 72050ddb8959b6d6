"""The catalog describes every snippet file, and only real ones, and validates against its schema."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from iamkb.kb.snippets import CATALOG_PATH, CATALOG_SCHEMA_PATH, SNIPPETS_DIR, load_catalog

CATALOG = load_catalog()


def test_catalog_validates_against_its_schema():
    schema = json.loads(CATALOG_SCHEMA_PATH.read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(json.loads(CATALOG_PATH.read_text()))]
    assert errors == []


def test_catalog_schema_rejects_an_unknown_kind():
    schema = json.loads(CATALOG_SCHEMA_PATH.read_text())
    data = json.loads(CATALOG_PATH.read_text())
    data["snippets"][0]["kind"] = "inline-policy"
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_every_snippet_file_is_in_the_catalog_and_every_catalog_file_exists():
    on_disk = {p for p in SNIPPETS_DIR.rglob("*") if p.is_file() and p != CATALOG_PATH}
    in_catalog = {s.path for s in CATALOG.snippets} | {s.original_path for s in CATALOG.snippets}
    assert sorted(map(str, on_disk - in_catalog)) == [], "files under snippets/ the catalog does not describe"
    assert sorted(map(str, in_catalog - on_disk)) == [], "catalog entries whose file is missing"


def test_ids_are_unique():
    ids = [s.id for s in CATALOG.snippets]
    assert len(ids) == len(set(ids))


def test_every_placeholder_rule_exists_and_every_defined_placeholder_is_used():
    used = {p for s in CATALOG.snippets for p in s.placeholders}
    assert used == set(CATALOG.placeholders)


@pytest.mark.parametrize("name", sorted(load_catalog().placeholders))
def test_placeholder_example_satisfies_its_rule(name):
    placeholder = CATALOG.placeholders[name]
    assert placeholder.rule.violations(placeholder.example) == []


@pytest.mark.parametrize(
    ("rule", "value", "broken"),
    [
        ("s3-bucket-name", "My_Bucket", "may contain only lowercase letters"),
        ("s3-bucket-name", "ab", "3 to 63"),
        ("s3-bucket-name", "my..bucket", "adjacent periods"),
        ("s3-bucket-name", "192.168.5.4", "IP address"),
        ("s3-bucket-name", "xn--bucket", "reserved prefixes"),
        ("s3-bucket-name", "bucket-s3alias", "reserved suffixes"),
        ("s3-bucket-name", "-bucket", "begin and end"),
        ("account-id", "1111-2222-3333", "12 digits"),
        ("region", "US East", "Region code"),
        ("lambda-function-name", "arn:aws:lambda:us-east-1:111122223333:function:f", "not the function ARN"),
        ("iam-role-name", "/service-role/MyRole", "must not start with /"),
        ("iam-role-name", "service-role//MyRole", "must not contain //"),
        ("iam-role-name", "service-role/", "must end with the role name"),
        ("iam-role-name", "my role", "no spaces"),
        ("iam-role-name", "r" * 65, "1 to 64"),
        ("iam-role-name", "service-role/" + "r" * 65, "1 to 64"),
        ("s3-bucket-name", "my-bucket\n", "line breaks"),
        ("account-id", "111122223333\n", "line breaks"),
    ],
)
def test_rules_reject_bad_values_with_their_message(rule, value, broken):
    messages = CATALOG.rules[rule].violations(value)
    assert any(broken in m for m in messages), messages


@pytest.mark.parametrize("value", ["GroundTruthExecutionRole", "service-role/GroundTruthExecutionRole", "a/b/c@d"])
def test_a_role_may_be_given_with_its_path(value):
    """One rule for roles everywhere (catalog, form, render): the ARN's text after role/, path included."""
    assert CATALOG.rules["iam-role-name"].violations(value) == []


def test_rule_patterns_are_valid_in_javascript_too():
    """The site's form runs the same patterns in the browser: keep to the common regex subset."""
    for rule in CATALOG.rules.values():
        for check in rule.checks:
            assert not re.search(r"\(\?P<|\\[AZz]|\(\?[aiLmsux]", check["pattern"]), check["pattern"]


def test_the_key_policy_and_the_passrole_policy_name_the_role_the_how_to_creates():
    """Followed end to end, the site names one role: the built-in how-to creates it at the path the role
    placeholders' examples carry, and the KMS key policy and the PassRole policy, filled with those examples,
    both name exactly that role."""
    from iamkb.render import fill

    examples = {name: p.example for name, p in CATALOG.placeholders.items()}
    key_policy = json.loads(fill(CATALOG.get("output-data-key-policy").text(), examples))
    passrole = json.loads(fill(CATALOG.get("automated-labeling-passrole").text(), examples))
    in_key_policy = key_policy["Statement"][1]["Principal"]["AWS"]
    (passed,) = [s["Resource"] for s in passrole["Statement"] if s["Action"] == ["iam:PassRole"]]
    assert in_key_policy == passed
    how_to = (Path(__file__).resolve().parents[2] / "docs" / "how-to" / "execution-role-built-in.md").read_text(
        encoding="utf-8"
    )
    path, name = examples["execution-role-name"].rsplit("/", 1)
    assert f"create-role --role-name {name} --path /{path}/" in how_to
    assert passed.endswith(f":role/{path}/{name}")


def test_the_region_rule_is_the_arn_readers_region_code():
    """One reading of a Region code: the form and `iamkb render` use the catalog's rule, the lint uses
    iamkb.core.arns; they must be the same pattern (and the lint's is written in the common subset)."""
    from iamkb.core.arns import REGION_CODE

    (check,) = CATALOG.rules["region"].checks
    assert check["pattern"] == REGION_CODE.pattern
    assert CATALOG.rules["region"].violations("eusc-de-east-1") == []
