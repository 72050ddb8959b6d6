"""Privilege escalation: combinations of allowed actions that let a principal give itself more.

The methods are the published ones: Rhino Security Labs' 21 IAM privilege-escalation methods
("AWS IAM Privilege Escalation – Methods and Mitigation"), plus the same pass-a-role pattern for
services that run code which the Ground Truth guide's readers use (SageMaker, CodeBuild, ECS,
Glue jobs). A method applies when the policy allows every action it needs; wildcards (`iam:*`,
`sagemaker:Create*`, `*`) and NotAction count, and an unconditional Deny on every resource removes
an action. Resource ARNs and conditions are not evaluated (they may narrow a method: the finding
says so), which matches the lists' intent: these actions deserve scrutiny wherever they appear.

One case is certain rather than possible, and gets its own code, SELF_ESCALATION_BY_POLICY: a
statement that allows writing or attaching policies on every role, user, group or managed policy of
the account (or on the caller's own user, `user/${aws:username}`) lets the principal grant itself
anything, AdministratorAccess included, because its own identity is among those resources. Those are
Rhino's policy-version, attach-policy, put-policy and add-user-to-group methods (iam:CreatePolicyVersion,
iam:SetDefaultPolicyVersion, iam:Attach/PutUserPolicy, iam:Attach/PutGroupPolicy, iam:AddUserToGroup),
and its role methods (iam:AttachRolePolicy, iam:PutRolePolicy) without the sts:AssumeRole they need for
another role: a principal that is a role (a console session, SSO, a service) writes on its own role
directly.
iam:UpdateAssumeRolePolicy is not among them: it changes who may assume a role, not what a role may
do, and stays a PRIVILEGE_ESCALATION method with sts:AssumeRole. A statement limited by
iam:PolicyARN (which policies may be attached) or iam:PermissionsBoundary (the boundary the target
must have) is not self-escalation for the actions those keys govern. Such a statement's actions are
not reported again as PRIVILEGE_ESCALATION methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.arns import covers_every
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType
from iamkb.core.patterns import action_matches
from iamkb.core.policy import ActionIndex, Statement, Value, statement_covers

# AWS's page on delegating permission management safely (permissions boundaries, iam:PermissionsBoundary).
_DELEGATION = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"

define(
    "SELF_ESCALATION_BY_POLICY",
    FindingType.SECURITY_WARNING,
    "Principal can write or attach policies on its own identity",
    "The statement allows attaching or writing policies (iam:AttachRolePolicy, iam:PutRolePolicy, "
    "iam:Attach/PutUserPolicy, iam:Attach/PutGroupPolicy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, "
    "iam:AddUserToGroup) on every role, user, group or managed policy of the account. The principal's own "
    "identity is one of them, so it can give itself any permission, AdministratorAccess included (the "
    "policy-writing methods of Rhino Security Labs' privilege escalation list). Name the roles, users or policies in Resource, or limit "
    "which policies may be attached with an iam:PolicyARN condition (or the boundary the targets must have with "
    "iam:PermissionsBoundary).",
    _DELEGATION,
)


class Target(NamedTuple):
    """An action that writes permissions, and the resources (IAM ARN resource parts) among which the
    principal's own identity is: every role, every user or its own user, every group, every policy."""

    action: str
    resources: tuple[str, ...]
    limited_by: tuple[str, ...]  # the condition keys (lower case) that limit what it can grant


_ROLES, _GROUPS, _POLICIES = ("role/*",), ("group/*",), ("policy/*",)
_USERS = ("user/*", "user/${aws:username}")
# The keys each action has in the IAM catalog: which policy may be attached, which boundary the target has.
_ARN, _BOUNDARY = "iam:policyarn", "iam:permissionsboundary"
TARGETS: tuple[Target, ...] = (
    Target("iam:AttachRolePolicy", _ROLES, (_ARN, _BOUNDARY)),
    Target("iam:PutRolePolicy", _ROLES, (_BOUNDARY,)),
    Target("iam:AttachUserPolicy", _USERS, (_ARN, _BOUNDARY)),
    Target("iam:PutUserPolicy", _USERS, (_BOUNDARY,)),
    Target("iam:AttachGroupPolicy", _GROUPS, (_ARN,)),
    Target("iam:PutGroupPolicy", _GROUPS, ()),
    Target("iam:AddUserToGroup", _GROUPS, ()),
    Target("iam:CreatePolicyVersion", _POLICIES, ()),
    Target("iam:SetDefaultPolicyVersion", _POLICIES, ()),
)
_ON = {
    "role/*": "every role (its own, when the principal is a role)",
    "user/*": "every user (its own included)",
    "user/${aws:username}": "the caller's own user",
    "group/*": "every group (its own included)",
    "policy/*": "every customer managed policy (those attached to it included)",
}

_CREATE_EXECUTION_ROLES = policy("""\
    {
      "Sid": "CreateExecutionRoles",
      "Effect": "Allow",
      "Action": ["iam:CreateRole", "iam:AttachRolePolicy"],
      "Resource": "arn:aws:iam::111122223333:role/service-role/GroundTruth-*"
    }""")

EXAMPLES = {
    "SELF_ESCALATION_BY_POLICY": mistake(
        "identity",
        _CREATE_EXECUTION_ROLES,
        '"arn:aws:iam::111122223333:role/service-role/GroundTruth-*"',
        '"*"',
        "meant for creating execution roles; on every role it also attaches AdministratorAccess to the caller's own",
    ),
}


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
    reported: set[tuple[int, str]] = set()  # (statement, action) already a SELF_ESCALATION_BY_POLICY
    for statement in allows:
        found = [(t, on) for t in TARGETS if (on := _own_identity(statement, t, denies))]
        if found:
            reported.update((id(statement), t.action) for t, _ in found)
            yield _self_escalation(ctx, statement, found)
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
        if (id(statement), method.actions[0]) in reported:
            continue  # that statement's finding already names the action, more precisely
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


# --- writing permissions on the principal's own identity ---------------------------------------------


def _own_identity(statement: Statement, target: Target, denies: list[Statement]) -> str | None:
    """Which of the target's resources (`role/*`, ...) the statement lets it write on, if any."""
    if not statement_covers(statement, target.action) or any(statement_covers(d, target.action) for d in denies):
        return None
    if statement.condition_keys.intersection(target.limited_by):
        return None
    entries = [v.value for v in statement.resources if isinstance(v.value, str)]
    for resource in target.resources:
        if statement.resource_element == "Resource" and any(covers_every(e, "iam", resource) for e in entries):
            return resource
        if statement.resource_element == "NotResource" and not any(covers_every(e, "iam", resource) for e in entries):
            return resource  # every resource but the listed ones, and they do not exclude these
    return None


def _self_escalation(ctx: LintContext, statement: Statement, found: list[tuple[Target, str]]) -> Finding:
    assert statement.action_element is not None  # `allows` holds only statements with one
    value = next((v for t, _ in found if (v := _granting_value(statement, t.action))), None)
    by_resource: dict[str, list[str]] = {}
    for target, on in found:
        by_resource.setdefault(on, []).append(target.action)
    grants = "; ".join(f"{', '.join(actions)} on {_ON[on]}" for on, actions in by_resource.items())
    keys = sorted({entry.key for entry in statement.conditions})
    narrowed = f" Conditions on {', '.join(keys)} may narrow it." if keys else ""
    return ctx.finding(
        "SELF_ESCALATION_BY_POLICY",
        f"This statement allows {grants}: the principal can grant itself any permission, AdministratorAccess "
        f"included.{narrowed}",
        value.pointer if value else statement.at(statement.action_element),
        "Name in Resource the roles, users, groups or policies the principal manages (for execution roles, a path "
        "such as arn:aws:iam::<account-id>:role/service-role/GroundTruth-*), or limit the policies it may attach "
        "with an iam:PolicyARN condition.",
    )
