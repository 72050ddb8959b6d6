"""Privilege escalation methods, wildcards expanded, Deny taken into account."""

from iamkb.check.rules.escalation import METHODS
from iamkb.core.policy import resolve_action
from tests.check.rules.util import allow, lint, policy, with_code


def methods(document, kind="identity"):
    return [
        f.message.split("method ")[1].split(")")[0] for f in with_code(lint(document, kind), "PRIVILEGE_ESCALATION")
    ]


def test_single_action_methods_and_pointer():
    (finding,) = with_code(lint(policy(allow(["s3:GetObject", "iam:CreatePolicyVersion"]))), "PRIVILEGE_ESCALATION")
    assert finding.pointer == "/Statement/0/Action/1" and "CreateNewPolicyVersion" in finding.message


def test_passrole_combinations_need_every_action():
    assert methods(policy(allow("iam:PassRole"), allow("sagemaker:CreateTrainingJob"))) == [
        "PassRoleToSageMakerTrainingJob"
    ]
    assert methods(policy(allow("sagemaker:CreateTrainingJob"))) == []
    assert "PassRoleToNewLambdaThenInvoke" not in methods(policy(allow(["iam:PassRole", "lambda:CreateFunction"])))


def test_wildcards_count_and_everything_allows_every_method():
    assert "PassRoleToSageMakerNotebook" in methods(policy(allow(["iam:*", "sagemaker:*"])))
    assert len(methods(policy(allow("*")))) == len(METHODS)


def test_unconditional_deny_removes_an_action():
    document = policy(allow("iam:*"), {"Effect": "Deny", "Action": "iam:CreatePolicyVersion", "Resource": "*"})
    assert "CreateNewPolicyVersion" not in methods(document)
    assert "AttachUserPolicy" in methods(document)


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
