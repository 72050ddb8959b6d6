"""Privilege escalation: combinations of allowed actions that let a principal give itself more.

The methods are the published ones: Rhino Security Labs' 21 IAM privilege-escalation methods
("AWS IAM Privilege Escalation – Methods and Mitigation"), plus the same pass-a-role pattern for
services that run code which the Ground Truth guide's readers use (SageMaker, CodeBuild, ECS,
Glue jobs). A method applies when the policy allows every action it needs; wildcards (`iam:*`,
`sagemaker:Create*`, `*`) and NotAction count, and an unconditional Deny on every resource removes
an action. Resource ARNs and conditions are not evaluated (they may narrow a method: the finding
says so), which matches the lists' intent: these actions deserve scrutiny wherever they appear.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from iamkb.check.rules.context import LintContext
from iamkb.core.findings import Finding
from iamkb.core.patterns import action_matches
from iamkb.core.policy import ActionIndex, Statement, Value, statement_covers


class Method(NamedTuple):
    name: str
    actions: tuple[str, ...]
    how: str


_PASS = "iam:PassRole"
METHODS: tuple[Method, ...] = (
    Method(
        "CreateNewPolicyVersion",
        ("iam:CreatePolicyVersion",),
        "create a new default version of a policy attached to it, with any permissions",
    ),
    Method(
        "SetExistingDefaultPolicyVersion",
        ("iam:SetDefaultPolicyVersion",),
        "switch a policy attached to it to an older, wider version",
    ),
    Method("CreateAccessKey", ("iam:CreateAccessKey",), "create access keys for a more privileged user"),
    Method("CreateLoginProfile", ("iam:CreateLoginProfile",), "set a console password for a more privileged user"),
    Method("UpdateLoginProfile", ("iam:UpdateLoginProfile",), "change the console password of a more privileged user"),
    Method("AttachUserPolicy", ("iam:AttachUserPolicy",), "attach AdministratorAccess to itself"),
    Method("AttachGroupPolicy", ("iam:AttachGroupPolicy",), "attach any managed policy to its own group"),
    Method(
        "AttachRolePolicy",
        ("iam:AttachRolePolicy", "sts:AssumeRole"),
        "attach any managed policy to a role it can assume",
    ),
    Method("PutUserPolicy", ("iam:PutUserPolicy",), "write any inline policy on itself"),
    Method("PutGroupPolicy", ("iam:PutGroupPolicy",), "write any inline policy on its own group"),
    Method("PutRolePolicy", ("iam:PutRolePolicy", "sts:AssumeRole"), "write any inline policy on a role it can assume"),
    Method("AddUserToGroup", ("iam:AddUserToGroup",), "join a more privileged group"),
    Method(
        "UpdateAssumeRolePolicy",
        ("iam:UpdateAssumeRolePolicy", "sts:AssumeRole"),
        "rewrite a privileged role's trust policy and assume it",
    ),
    Method(
        "PassRoleToNewEC2Instance",
        (_PASS, "ec2:RunInstances"),
        "launch an instance with a more privileged role and use its credentials",
    ),
    Method(
        "PassRoleToNewLambdaThenInvoke",
        (_PASS, "lambda:CreateFunction", "lambda:InvokeFunction"),
        "create a function that runs as a more privileged role and invoke it",
    ),
    Method(
        "PassRoleToNewLambdaThenTrigger",
        (_PASS, "lambda:CreateFunction", "lambda:CreateEventSourceMapping"),
        "create a function that runs as a more privileged role and have an event source trigger it",
    ),
    Method(
        "UpdateExistingLambdaCode",
        ("lambda:UpdateFunctionCode",),
        "replace the code of a function that runs as a more privileged role",
    ),
    Method(
        "PassRoleToNewGlueDevEndpoint",
        (_PASS, "glue:CreateDevEndpoint"),
        "create a Glue development endpoint with a more privileged role and log in to it",
    ),
    Method(
        "UpdateExistingGlueDevEndpoint",
        ("glue:UpdateDevEndpoint",),
        "add its SSH key to a Glue development endpoint that has a more privileged role",
    ),
    Method(
        "PassRoleToCloudFormation",
        (_PASS, "cloudformation:CreateStack"),
        "create a stack that acts with a more privileged role",
    ),
    Method(
        "PassRoleToNewDataPipeline",
        (_PASS, "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"),
        "run a pipeline with a more privileged role",
    ),
    Method(
        "PassRoleToSageMakerNotebook",
        (_PASS, "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"),
        "create a notebook instance with a more privileged role and open it",
    ),
    Method(
        "OpenExistingSageMakerNotebook",
        ("sagemaker:CreatePresignedNotebookInstanceUrl",),
        "open an existing notebook instance and use its role",
    ),
    Method(
        "PassRoleToSageMakerTrainingJob",
        (_PASS, "sagemaker:CreateTrainingJob"),
        "run a training job's code with a more privileged role",
    ),
    Method(
        "PassRoleToSageMakerProcessingJob",
        (_PASS, "sagemaker:CreateProcessingJob"),
        "run a processing job's code with a more privileged role",
    ),
    Method(
        "PassRoleToCodeBuild",
        (_PASS, "codebuild:CreateProject", "codebuild:StartBuild"),
        "run a build with a more privileged role",
    ),
    Method(
        "PassRoleToEcsTask",
        (_PASS, "ecs:RegisterTaskDefinition", "ecs:RunTask"),
        "run a container with a more privileged task role",
    ),
    Method(
        "PassRoleToGlueJob",
        (_PASS, "glue:CreateJob", "glue:StartJobRun"),
        "run a Glue job's script with a more privileged role",
    ),
)


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.kind not in ("identity", "statement"):
        return  # escalation is about what an identity may do to itself
    allows = [s for s in ctx.statements if s.allows and s.action_element]
    denies = [s for s in ctx.statements if s.effect == "Deny" and _denies_everywhere(s)]
    # One index over every Allow statement's Action list answers "allowed anywhere?" in one lookup;
    # the statement that grants it is only looked for when a whole method is allowed.
    listed = ActionIndex([v for s in allows if s.action_element == "Action" for v in s.actions])
    negated = [s for s in allows if s.action_element == "NotAction"]
    cache: dict[str, tuple[Statement, Value | None]] = {}

    def allowed(action: str) -> bool:
        if not (listed.match(action) or any(statement_covers(s, action) for s in negated)):
            return False
        return not any(statement_covers(d, action) for d in denies)

    def granted(action: str) -> tuple[Statement, Value | None]:
        """The first Allow statement with the action, and its value that names it; asked only for
        actions that allowed() accepted, so there is one."""
        if action not in cache:
            cache[action] = next((s, _granting_value(s, action)) for s in allows if statement_covers(s, action))
        return cache[action]

    for method in METHODS:
        if not all(allowed(action) for action in method.actions):
            continue
        grants = [granted(action) for action in method.actions]
        statement, value = grants[0]
        assert statement.action_element is not None  # `allows` holds only statements with one
        narrowed = any(g[0].conditions or not _on_every_resource(g[0]) for g in grants)
        yield ctx.finding(
            "PRIVILEGE_ESCALATION",
            f"The policy allows {' + '.join(method.actions)}: a principal can {method.how} "
            f"(privilege escalation method {method.name})"
            + (". Resource or condition limits may narrow it." if narrowed else "."),
            value.pointer if value else statement.at(statement.action_element),
            "Remove these actions, or restrict them to named resources the principal cannot use against itself "
            "(for iam:PassRole: only the roles the service needs, with an iam:PassedToService condition).",
        )


def _granting_value(statement: Statement, action: str) -> Value | None:
    if statement.action_element != "Action":
        return None
    return next((v for v in statement.actions if action_matches(v.value, action)), None)


def _on_every_resource(statement: Statement) -> bool:
    return statement.resource_element == "Resource" and any(v.value == "*" for v in statement.resources)


def _denies_everywhere(statement: Statement) -> bool:
    return not statement.conditions and _on_every_resource(statement)
