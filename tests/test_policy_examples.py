"""The policies the how-to pages offer beside AWS's snippets (examples/policies/): each is a real file, and
what the page says about it is checked here.

console-with-existing-execution-roles.json is the console policy for teams whose platform team creates the
execution roles in advance: the guide's statement ListAndCreateExecutionRoles (iam:CreateRole,
iam:CreatePolicy, iam:AttachRolePolicy on every resource) is replaced by iam:ListRoles alone, so the person
can pick an existing role but can no longer make a role of their own with any policy and pass it to
SageMaker.

execution-role-logs-and-metrics.json is the CloudWatch access the guide requires of every execution role
("CloudWatch to log worker metrics and labeling job statuses") but leaves out of its JSON examples; its
actions are the job planner's requirement EXEC_LOGS_METRICS, so the page and the planner cannot drift apart.

execution-role-kms-output-key.json is the IAM route to the output key: it works only while the key policy
delegates to the account (the root statement of the site's key policy and of AWS's default key policy).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iamkb.check import check_document
from iamkb.core.findings import FindingType
from iamkb.job.requirements import rows as requirement_rows
from iamkb.kb.snippets import load_catalog
from iamkb.render import fill
from iamkb.simulate import Decision, Policies, Request, evaluate

ROOT = Path(__file__).resolve().parents[1]
VARIANT = ROOT / "examples" / "policies" / "console-with-existing-execution-roles.json"
KMS_ROUTE = ROOT / "examples" / "policies" / "execution-role-kms-output-key.json"
LOGS_AND_METRICS = ROOT / "examples" / "policies" / "execution-role-logs-and-metrics.json"
PERSON = "arn:aws:iam::111122223333:user/alice"
ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"
NEW_ROLE = "arn:aws:iam::111122223333:role/AnythingIWant"
EXECUTION_ROLE = "arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole"


def _console() -> dict:
    snippet = load_catalog().get("ground-truth-console")
    return snippet.document()


def _variant() -> dict:
    return json.loads(VARIANT.read_text(encoding="utf-8"))


def _decision(document: dict, action: str, resource: str, **context) -> Decision:
    request = Request(action, resource, principal=PERSON, context=context)
    return evaluate(Policies(identity=[document]), request).decision


def test_the_variant_changes_only_the_role_creating_statement():
    console, variant = _console()["Statement"], _variant()["Statement"]
    assert len(console) == len(variant)
    changed = [(a, b) for a, b in zip(console, variant, strict=True) if a != b]
    assert len(changed) == 1
    published, kept = changed[0]
    assert published["Sid"] == "ListAndCreateExecutionRoles"
    assert kept == {"Sid": "ListExecutionRoles", "Effect": "Allow", "Action": ["iam:ListRoles"], "Resource": "*"}


def test_the_variant_has_no_error():
    findings = check_document(VARIANT.read_text(encoding="utf-8"), kind="identity", path=str(VARIANT))
    assert [f.code for f in findings if f.finding_type is FindingType.ERROR] == []


@pytest.mark.parametrize(
    ("action", "resource"),
    [
        ("iam:CreateRole", NEW_ROLE),
        ("iam:AttachRolePolicy", NEW_ROLE),
        ("iam:CreatePolicy", "arn:aws:iam::111122223333:policy/AnythingIWant"),
    ],
)
def test_the_published_policy_lets_the_person_make_any_role_and_the_variant_does_not(action, resource):
    assert _decision(_console(), action, resource) is Decision.ALLOWED
    assert _decision(_variant(), action, resource) is Decision.IMPLICITLY_DENIED


def test_with_the_published_policy_a_role_with_administrator_access_can_be_passed_to_sagemaker():
    """The whole escalation: make a role, attach AdministratorAccess, hand it to SageMaker."""
    console = _console()
    assert _decision(console, "iam:AttachRolePolicy", NEW_ROLE, **{"iam:PolicyARN": ADMIN_POLICY}) is Decision.ALLOWED
    passed = {"iam:PassedToService": "sagemaker.amazonaws.com"}
    assert _decision(console, "iam:PassRole", NEW_ROLE, **passed) is Decision.ALLOWED


def test_the_variant_still_lists_and_passes_the_existing_execution_role():
    variant = _variant()
    assert _decision(variant, "iam:ListRoles", "*") is Decision.ALLOWED
    passed = {"iam:PassedToService": "sagemaker.amazonaws.com"}
    assert _decision(variant, "iam:PassRole", EXECUTION_ROLE, **passed) is Decision.ALLOWED
    assert _decision(variant, "sagemaker:CreateLabelingJob", "*") is Decision.ALLOWED


def test_logs_and_metrics_grant_what_the_planner_requires_of_every_execution_role():
    (row,) = [r for r in requirement_rows() if r["id"] == "EXEC_LOGS_METRICS"]
    (statement,) = json.loads(LOGS_AND_METRICS.read_text(encoding="utf-8"))["Statement"]
    assert sorted(statement["Action"]) == sorted(row["actions"])
    assert statement["Resource"] == row["resource"]


def test_the_snippets_for_execution_roles_lack_logs_and_metrics():
    """Why the how-tos add the statement: no execution-role snippet of the guide grants these actions."""
    catalog = load_catalog()
    for snippet_id in ("built-in-task-types", "custom-task-types"):
        document = catalog.get(snippet_id).document()
        request = Request("logs:PutLogEvents", "*", principal=EXECUTION_ROLE)
        assert evaluate(Policies(identity=[document]), request).decision is Decision.IMPLICITLY_DENIED


KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_VALUES = {"region": "us-east-1", "account-id": "111122223333", "key-id": KEY.rsplit("/", 1)[1]}


def _key_decision(key_policy: dict) -> Decision:
    role_policy = json.loads(fill(KMS_ROUTE.read_text(encoding="utf-8"), KEY_VALUES))
    request = Request("kms:Decrypt", KEY, principal=EXECUTION_ROLE)
    return evaluate(Policies(identity=[role_policy], resource=key_policy), request).decision


def test_the_iam_route_works_while_the_key_policy_delegates_to_the_account():
    site_key_policy = json.loads(fill(load_catalog().get("output-data-key-policy").text(), KEY_VALUES))
    (root_statement,) = [s for s in site_key_policy["Statement"] if s["Sid"] == "EnableIamPolicies"]
    assert _key_decision({"Version": "2012-10-17", "Statement": [root_statement]}) is Decision.ALLOWED


def test_the_iam_route_has_no_effect_when_the_key_policy_does_not_delegate():
    others_only = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyAdmin"},
                "Action": "kms:*",
                "Resource": "*",
            }
        ],
    }
    assert _key_decision(others_only) is Decision.IMPLICITLY_DENIED
