"""Privilege escalation methods, wildcards expanded, Deny taken into account; self-escalation by policy."""

import pytest

from iamkb.check.rules.escalation import METHODS, TARGETS
from iamkb.core.policy import resolve_action
from tests.check.rules.util import allow, lint, policy, with_code

TEAM_POLICIES = "arn:aws:iam::111122223333:policy/team/*"
SELF_ESCALATED = {t.action for t in TARGETS}


def self_escalations(document, kind="identity"):
    return with_code(lint(document, kind), "SELF_ESCALATION_BY_POLICY")


def methods(document, kind="identity"):
    return [
        f.message.split("method ")[1].split(")")[0] for f in with_code(lint(document, kind), "PRIVILEGE_ESCALATION")
    ]


def test_single_action_methods_and_pointer():
    document = policy(allow(["s3:GetObject", "iam:CreatePolicyVersion"], TEAM_POLICIES))
    (finding,) = with_code(lint(document), "PRIVILEGE_ESCALATION")
    assert finding.pointer == "/Statement/0/Action/1" and "CreateNewPolicyVersion" in finding.message
    assert "may narrow it" in finding.message and not self_escalations(document)


def test_passrole_combinations_need_every_action():
    assert methods(policy(allow("iam:PassRole"), allow("sagemaker:CreateTrainingJob"))) == [
        "PassRoleToSageMakerTrainingJob"
    ]
    assert methods(policy(allow("sagemaker:CreateTrainingJob"))) == []
    assert "PassRoleToNewLambdaThenInvoke" not in methods(policy(allow(["iam:PassRole", "lambda:CreateFunction"])))


def test_wildcards_count_and_everything_allows_every_method():
    assert "PassRoleToSageMakerNotebook" in methods(policy(allow(["iam:*", "sagemaker:*"])))
    everything = policy(allow("*"))
    # `*` on `*` allows every method; those that start by writing a policy on every identity are the
    # statement's SELF_ESCALATION_BY_POLICY instead, so the statement is not reported twice for them
    assert methods(everything) == [m.name for m in METHODS if m.actions[0] not in SELF_ESCALATED]
    (finding,) = self_escalations(everything)
    assert all(action in finding.message for action in SELF_ESCALATED)


def test_unconditional_deny_removes_an_action():
    document = policy(
        allow("iam:*", TEAM_POLICIES), {"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"}
    )
    assert "CreateNewPolicyVersion" not in methods(document)
    assert "AttachUserPolicy" in methods(document)
    on_everything = policy(allow("iam:*"), {"Effect": "Deny", "Action": "iam:Put*", "Resource": "*"})
    (finding,) = self_escalations(on_everything)
    assert "iam:AttachRolePolicy" in finding.message and "iam:PutRolePolicy" not in finding.message


def test_narrowed_methods_say_so_and_resource_policies_are_not_checked():
    (finding,) = with_code(
        lint(policy(allow("iam:CreateAccessKey", "arn:aws:iam::*:user/${aws:username}"))), "PRIVILEGE_ESCALATION"
    )
    assert "may narrow it" in finding.message
    bucket = policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "iam:CreateAccessKey",
            "Resource": "*",
        }
    )
    assert methods(bucket, "resource") == []
    assert methods(policy(allow(["s3:GetObject", "sagemaker:DescribeLabelingJob"]))) == []


def test_every_method_names_real_catalog_actions():
    missing = [action for method in METHODS for action in method.actions if not resolve_action(action).actions]
    assert missing == []


# --- SELF_ESCALATION_BY_POLICY ---------------------------------------------------------------------


def test_the_guides_console_statement_can_attach_any_policy_to_the_callers_own_role():
    """The console policy's ListAndCreateExecutionRoles statement: iam:AttachRolePolicy on `*`."""
    statement = allow(["iam:ListRoles", "iam:CreateRole", "iam:CreatePolicy", "iam:AttachRolePolicy"])
    (finding,) = self_escalations(policy(statement))
    assert finding.pointer == "/Statement/0/Action/3" and finding.finding_type.value == "SECURITY_WARNING"
    assert "iam:AttachRolePolicy on every role (its own" in finding.message and "AdministratorAccess" in finding.message
    assert "may narrow" not in finding.message


@pytest.mark.parametrize(
    ("action", "resource"),
    [
        ("iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/*"),
        ("iam:PutRolePolicy", "arn:aws:iam::*:role/*"),
        ("iam:AttachUserPolicy", "arn:aws:iam::111122223333:user/*"),
        ("iam:PutUserPolicy", "arn:aws:iam::*:user/${aws:username}"),
        ("iam:AttachGroupPolicy", "arn:aws:iam::111122223333:group/*"),
        ("iam:PutGroupPolicy", "arn:aws:iam::111122223333:*"),
        ("iam:AddUserToGroup", "arn:aws:iam::111122223333:group/*"),
        ("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/*"),
        ("iam:SetDefaultPolicyVersion", "arn:*:iam::*:policy/*"),
        ("iam:Attach*", "*"),
    ],
)
def test_each_policy_writing_action_on_every_identity_of_its_kind(action, resource):
    assert self_escalations(policy(allow(action, resource)))


@pytest.mark.parametrize(
    "statement",
    [
        allow("iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/service-role/GroundTruth-*"),
        allow("iam:PutUserPolicy", "arn:aws:iam::111122223333:user/labelers/*"),
        allow("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/team/*"),
        allow("iam:UpdateAssumeRolePolicy"),  # who may assume a role, not what it may do: PRIVILEGE_ESCALATION's
        allow("iam:CreateRole"),
        allow(
            "iam:AttachRolePolicy",
            Condition={"ArnEquals": {"iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"}},
        ),
        allow(
            "iam:PutRolePolicy",
            Condition={"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/Boundary"}},
        ),
        {"Effect": "Deny", "Action": "iam:AttachRolePolicy", "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:AttachRolePolicy", "NotResource": "arn:aws:iam::111122223333:role/*"},
    ],
)
def test_named_resources_limiting_conditions_and_other_actions_are_not_self_escalation(statement):
    assert self_escalations(policy(statement)) == []


def test_not_resource_and_other_conditions_still_count():
    not_admin = {"Effect": "Allow", "Action": "iam:AttachRolePolicy", "NotResource": "arn:aws:iam::*:role/Admin"}
    assert self_escalations(policy(not_admin))
    (finding,) = self_escalations(
        policy(allow("iam:PutRolePolicy", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    )
    assert "Conditions on aws:MultiFactorAuthPresent may narrow it" in finding.message


def test_a_statement_reported_as_self_escalation_is_not_reported_again_as_a_method():
    broad = policy(allow(["iam:AttachRolePolicy", "sts:AssumeRole"]))
    assert self_escalations(broad) and "AttachRolePolicy" not in methods(broad)
    narrow = policy(allow(["iam:AttachRolePolicy", "sts:AssumeRole"], "arn:aws:iam::111122223333:role/team-*"))
    assert not self_escalations(narrow) and "AttachRolePolicy" in methods(narrow)


def test_only_identity_policies_and_statements():
    bucket = policy(
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "iam:AttachRolePolicy",
            "Resource": "*",
        }
    )
    assert self_escalations(bucket, "resource") == []
    assert self_escalations(allow("iam:AttachRolePolicy"), "statement")


def test_every_target_names_a_real_catalog_action():
    assert [t.action for t in TARGETS if len(resolve_action(t.action).actions) != 1] == []


def test_the_limiting_condition_keys_are_keys_of_their_actions():
    """iam:PolicyARN and iam:PermissionsBoundary only limit the actions whose request has them."""
    from iamkb.core import iamcatalog

    iam = iamcatalog.service("iam")
    for target in TARGETS:
        action = iam.action(target.action.split(":")[1])
        keys = iam.keys_for_action(action)
        assert all(keys.find(key) for key in target.limited_by), target.action
        assert not [
            k
            for k in ("iam:PolicyARN", "iam:PermissionsBoundary")
            if keys.find(k) and k.lower() not in target.limited_by
        ]
