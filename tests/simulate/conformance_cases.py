"""Conformance cases for the evaluator, written from AWS's documentation of policy evaluation.

Each case is one row: (rule, description, policies, request, expected decision). `rule` names
the documented rule it exercises (see RULES). Policies use the scenario file's keys; requests
use Request's keyword arguments. Helpers below only shorten the policy JSON.
"""

from __future__ import annotations

A, X, I = "Allowed", "ExplicitlyDenied", "ImplicitlyDenied"  # noqa: E741 -- one letter per decision keeps the case table readable
ACCT, OTHER = "111122223333", "444455556666"
ROLE = f"arn:aws:iam::{ACCT}:role/GtExecution"
SESSION = f"arn:aws:sts::{ACCT}:assumed-role/GtExecution/job-1"
USER = f"arn:aws:iam::{ACCT}:user/carlos"
OTHER_ROLE = f"arn:aws:iam::{OTHER}:role/Partner"
OTHER_SESSION = f"arn:aws:sts::{OTHER}:assumed-role/Partner/s1"
BUCKET = "arn:aws:s3:::input-bucket"
OBJ = "arn:aws:s3:::input-bucket/images/1.jpg"
KEY = f"arn:aws:kms:us-east-1:{ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FN = f"arn:aws:lambda:us-east-1:{ACCT}:function:GtRecipePreLabel"

# rule -> (the rule in our words, the AWS documentation page that states it)
RULES = {
    "eval-default-deny": (
        "Policy evaluation logic: every request is implicitly denied unless a policy allows it",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    ),
    "eval-explicit-deny": (
        "Policy evaluation logic: an explicit Deny in any policy overrides any Allow",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    ),
    "eval-identity-resource-union": (
        "Single account: identity-based and resource-based policies are a union",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html",
    ),
    "eval-boundary": (
        "Permissions boundaries: effective permissions are identity policies AND boundary",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
    ),
    "eval-boundary-resource": (
        "Permissions boundaries: a resource policy naming the user or session is not limited by the boundary",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    ),
    "eval-session": (
        "Session policies: effective permissions are identity policies AND session policy",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session",
    ),
    "eval-session-resource": (
        "Session policies: a resource policy naming the session ARN is not limited; naming the role is",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    ),
    "eval-scp": (
        "SCPs: every level of the hierarchy must allow; SCPs never grant",
        "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    ),
    "eval-rcp": (
        "RCPs: every level must allow, for supported services; RCPs never grant",
        "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
    ),
    "eval-slr": (
        "SCPs and RCPs do not restrict service-linked roles",
        "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    ),
    "cross-account": (
        "Cross-account policy evaluation logic: the resource policy and the identity side must both allow",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html",
    ),
    "trust-policy": (
        "Role trust policies must allow sts:AssumeRole themselves (exception to the union rule)",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    ),
    "kms-key-policy": (
        "KMS key policies must allow; the account principal delegates to IAM policies",
        "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
    ),
    "principal": (
        "Principal element: account, root, user, role (matches its sessions), session, service, wildcard",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    ),
    "not-principal": (
        "NotPrincipal: the statement applies to every principal except those listed",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    ),
    "action": (
        "Action element: case-insensitive names, * and ? wildcards",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
    ),
    "not-action": (
        "NotAction: matches every action except those listed",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
    ),
    "resource": (
        "Resource element: ARNs compared case-sensitively, segment by segment, * and ? only",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
    ),
    "not-resource": (
        "NotResource: matches every resource except those listed",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
    ),
    "cond-string": (
        "Condition operators: String (Equals, NotEquals, EqualsIgnoreCase, Like, NotLike)",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-numeric": (
        "Condition operators: Numeric",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-date": (
        "Condition operators: Date (ISO 8601 and epoch seconds)",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-bool": (
        "Condition operators: Bool",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-binary": (
        "Condition operators: BinaryEquals",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-ip": (
        "Condition operators: IpAddress and NotIpAddress (IPv4 and IPv6 CIDR)",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-arn": (
        "Condition operators: ArnEquals, ArnLike, ArnNotEquals, ArnNotLike",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-null": (
        "Condition operators: Null checks whether a key is present",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-ifexists": (
        "...IfExists: true when the key is missing from the request",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-missing": (
        "A missing key makes positive operators false and negated ones true",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    ),
    "cond-logic": (
        "Condition logic: AND across operators and keys, OR across values, NOR for negated operators",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html",
    ),
    "cond-keys": (
        "Condition key names are case-insensitive; values are case-sensitive",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html",
    ),
    "cond-sets": (
        "Multivalued keys: ForAllValues (true when missing or empty) and ForAnyValue",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
    ),
    "variables": (
        "Policy variables: substitution, defaults, ${*} ${?} ${$}, values never act as wildcards",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
    ),
    "version": (
        "Version: policy variables are only substituted under 2012-10-17",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
    ),
}


def st(effect="Allow", action="s3:GetObject", resource=OBJ, **extra):
    statement = {"Effect": effect}
    if action is not None:
        statement["Action"] = action
    if resource is not None:
        statement["Resource"] = resource
    for key, value in extra.items():
        statement[
            {
                "cond": "Condition",
                "principal": "Principal",
                "not_action": "NotAction",
                "not_resource": "NotResource",
                "not_principal": "NotPrincipal",
                "sid": "Sid",
            }[key]
        ] = value
    return statement


def doc(*statements, version="2012-10-17"):
    policy = {"Statement": list(statements)}
    if version:
        policy["Version"] = version
    return policy


def allow(action="s3:GetObject", resource=OBJ, **extra):
    return doc(st("Allow", action, resource, **extra))


def deny(action="s3:GetObject", resource=OBJ, **extra):
    return doc(st("Deny", action, resource, **extra))


def rp(principal, effect="Allow", action="s3:GetObject", resource=OBJ, **extra):
    """A resource-based policy with one statement naming `principal`."""
    return doc(st(effect, action, resource, principal=principal, **extra))


def req(action="s3:GetObject", resource=OBJ, principal=ROLE, **extra):
    return {"action": action, "resource": resource, "principal": principal, **extra}


def ident(*docs):
    return {"identity": list(docs)}


def cond(block, action="s3:GetObject", resource=OBJ):
    return ident(allow(action, resource, cond=block))


def ctx(**values):
    """Context keys given as keyword arguments; `__` stands for `:` and `_S_` for `/`."""
    return {k.replace("__", ":").replace("_S_", "/"): v for k, v in values.items()}


EVERYTHING = allow("*", "*")
FULL_ACCESS = doc(st("Allow", "*", "*"))

CASES = [
    # --- default deny, explicit deny, union -------------------------------------------------
    ("eval-default-deny", "no policies at all", {}, req(), I),
    ("eval-default-deny", "identity policy for another action", ident(allow("s3:PutObject")), req(), I),
    ("eval-default-deny", "identity policy for another resource", ident(allow(resource=BUCKET + "/other/*")), req(), I),
    ("eval-default-deny", "an allow that matches", ident(allow()), req(), A),
    (
        "eval-default-deny",
        "empty statement list allows nothing",
        ident({"Version": "2012-10-17", "Statement": []}),
        req(),
        I,
    ),
    (
        "eval-explicit-deny",
        "deny in the same identity policy wins",
        ident(doc(st("Allow", "s3:*", "*"), st("Deny", "s3:GetObject", OBJ))),
        req(),
        X,
    ),
    ("eval-explicit-deny", "deny in another identity policy wins", ident(EVERYTHING, deny()), req(), X),
    (
        "eval-explicit-deny",
        "deny in the resource policy wins over identity allow",
        {**ident(EVERYTHING), "resource": rp("*", "Deny")},
        req(),
        X,
    ),
    ("eval-explicit-deny", "deny in the boundary wins", {**ident(EVERYTHING), "boundary": deny()}, req(), X),
    ("eval-explicit-deny", "deny in the session policy wins", {**ident(EVERYTHING), "session": deny()}, req(), X),
    ("eval-explicit-deny", "deny in an SCP wins", {**ident(EVERYTHING), "scp": [[FULL_ACCESS, deny()]]}, req(), X),
    (
        "eval-explicit-deny",
        "deny in an RCP wins",
        {**ident(EVERYTHING), "rcp": [[doc(st("Allow", "*", "*", principal="*")), rp("*", "Deny")]]},
        req(),
        X,
    ),
    (
        "eval-explicit-deny",
        "a deny whose condition fails does not apply",
        ident(EVERYTHING, deny(cond={"Bool": {"aws:SecureTransport": "false"}})),
        req(context={"aws:SecureTransport": True}),
        A,
    ),
    (
        "eval-explicit-deny",
        "a deny for another resource does not apply",
        ident(EVERYTHING, deny(resource=BUCKET + "/secret/*")),
        req(),
        A,
    ),
    ("eval-explicit-deny", "explicit deny reported even without any allow", ident(deny()), req(), X),
    ("eval-explicit-deny", "deny with a wildcard action", ident(EVERYTHING, deny("s3:*", "*")), req(), X),
    (
        "eval-identity-resource-union",
        "resource policy alone allows a role session in the same account",
        {"resource": rp({"AWS": SESSION})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-identity-resource-union",
        "resource policy alone allows an IAM user in the same account",
        {"resource": rp({"AWS": USER})},
        req(principal=USER),
        A,
    ),
    (
        "eval-identity-resource-union",
        "resource policy naming the role allows its session",
        {"resource": rp({"AWS": ROLE})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-identity-resource-union",
        "identity alone allows when the resource policy names someone else",
        {**ident(allow()), "resource": rp({"AWS": USER})},
        req(),
        A,
    ),
    (
        "eval-identity-resource-union",
        "resource policy naming only the account delegates to IAM: no identity allow",
        {"resource": rp({"AWS": ACCT})},
        req(),
        I,
    ),
    (
        "eval-identity-resource-union",
        "resource policy naming the account root plus identity allow",
        {**ident(allow()), "resource": rp({"AWS": f"arn:aws:iam::{ACCT}:root"})},
        req(),
        A,
    ),
    (
        "eval-identity-resource-union",
        "resource policy with Principal * allows a same-account caller",
        {"resource": rp("*")},
        req(),
        A,
    ),
    (
        "eval-identity-resource-union",
        "resource policy for another action does not help",
        {"resource": rp("*", action="s3:PutObject")},
        req(),
        I,
    ),
    (
        "eval-identity-resource-union",
        "neither allows",
        {**ident(allow("s3:PutObject")), "resource": rp({"AWS": USER})},
        req(),
        I,
    ),
    # --- permissions boundaries ---------------------------------------------------------------
    ("eval-boundary", "identity allows, boundary allows", {**ident(allow()), "boundary": allow("s3:*", "*")}, req(), A),
    (
        "eval-boundary",
        "identity allows, boundary does not",
        {**ident(allow()), "boundary": allow("ec2:*", "*")},
        req(),
        I,
    ),
    (
        "eval-boundary",
        "boundary allows, identity does not: boundaries never grant",
        {**ident(allow("s3:PutObject")), "boundary": allow("s3:*", "*")},
        req(),
        I,
    ),
    ("eval-boundary", "boundary alone grants nothing", {"boundary": EVERYTHING}, req(), I),
    (
        "eval-boundary",
        "boundary allow with a failing condition",
        {**ident(allow()), "boundary": allow(cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}})},
        req(context={"aws:RequestedRegion": "eu-west-1"}),
        I,
    ),
    (
        "eval-boundary",
        "boundary limits the identity policy's wildcard",
        {**ident(allow("s3:*", "*")), "boundary": allow("s3:Get*", "*")},
        req(action="s3:PutObject"),
        I,
    ),
    (
        "eval-boundary-resource",
        "resource policy naming the IAM user is not limited by the boundary",
        {"boundary": allow("ec2:*", "*"), "resource": rp({"AWS": USER})},
        req(principal=USER),
        A,
    ),
    (
        "eval-boundary-resource",
        "resource policy naming the role is limited by the boundary",
        {"boundary": allow("ec2:*", "*"), "resource": rp({"AWS": ROLE})},
        req(principal=SESSION),
        I,
    ),
    (
        "eval-boundary-resource",
        "resource policy naming the role session is not limited by the boundary",
        {"boundary": allow("ec2:*", "*"), "resource": rp({"AWS": SESSION})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-boundary-resource",
        "resource policy naming the role, boundary allows: no identity allow needed",
        {"boundary": allow("s3:*", "*"), "resource": rp({"AWS": ROLE})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-boundary-resource",
        "resource policy naming the account is limited by the boundary",
        {**ident(allow()), "boundary": allow("ec2:*", "*"), "resource": rp({"AWS": ACCT})},
        req(),
        I,
    ),
    (
        "eval-boundary-resource",
        "explicit deny in the boundary still wins over a direct resource grant",
        {"boundary": deny(), "resource": rp({"AWS": USER})},
        req(principal=USER),
        X,
    ),
    # --- session policies -----------------------------------------------------------------------
    (
        "eval-session",
        "identity and session policy allow",
        {**ident(allow()), "session": allow()},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-session",
        "session policy does not allow",
        {**ident(allow()), "session": allow("s3:PutObject")},
        req(principal=SESSION),
        I,
    ),
    ("eval-session", "session policy alone grants nothing", {"session": EVERYTHING}, req(principal=SESSION), I),
    (
        "eval-session",
        "identity, boundary and session all allow",
        {**ident(allow()), "boundary": allow(), "session": allow()},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-session",
        "identity and boundary allow, session does not",
        {**ident(allow()), "boundary": allow(), "session": allow("ec2:*", "*")},
        req(principal=SESSION),
        I,
    ),
    (
        "eval-session-resource",
        "resource policy naming the session ARN is not limited by the session policy",
        {"session": allow("ec2:*", "*"), "resource": rp({"AWS": SESSION})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-session-resource",
        "resource policy naming the role is limited by the session policy",
        {"session": allow("ec2:*", "*"), "resource": rp({"AWS": ROLE})},
        req(principal=SESSION),
        I,
    ),
    (
        "eval-session-resource",
        "resource policy naming the role, session policy allows",
        {"session": allow(), "resource": rp({"AWS": ROLE})},
        req(principal=SESSION),
        A,
    ),
    (
        "eval-session-resource",
        "resource policy naming a different session does not match",
        {"resource": rp({"AWS": f"arn:aws:sts::{ACCT}:assumed-role/GtExecution/other"})},
        req(principal=SESSION),
        I,
    ),
    (
        "eval-session",
        "a session policy does not limit an IAM user (not a session principal)",
        {**ident(allow()), "session": allow("ec2:*", "*")},
        req(principal=USER),
        A,
    ),
    (
        "eval-session",
        "a federated user session without a session policy has no permissions",
        ident(allow()),
        req(principal=f"arn:aws:sts::{ACCT}:federated-user/bob"),
        I,
    ),
    (
        "eval-session",
        "a federated user session with an allowing session policy",
        {**ident(allow()), "session": allow()},
        req(principal=f"arn:aws:sts::{ACCT}:federated-user/bob"),
        A,
    ),
    (
        "eval-session-resource",
        "federated user session named directly",
        {"session": allow("ec2:*", "*"), "resource": rp({"AWS": f"arn:aws:sts::{ACCT}:federated-user/bob"})},
        req(principal=f"arn:aws:sts::{ACCT}:federated-user/bob"),
        A,
    ),
    # --- SCPs and RCPs --------------------------------------------------------------------------
    ("eval-scp", "SCP allows everything", {**ident(allow()), "scp": [[FULL_ACCESS]]}, req(), A),
    ("eval-scp", "SCP allows only ec2", {**ident(allow()), "scp": [[allow("ec2:*", "*")]]}, req(), I),
    ("eval-scp", "SCP alone grants nothing", {"scp": [[FULL_ACCESS]]}, req(), I),
    (
        "eval-scp",
        "every level must allow: root allows, OU does not",
        {**ident(allow()), "scp": [[FULL_ACCESS], [allow("ec2:*", "*")]]},
        req(),
        I,
    ),
    (
        "eval-scp",
        "every level allows",
        {**ident(allow()), "scp": [[FULL_ACCESS], [allow("s3:*", "*")], [FULL_ACCESS]]},
        req(),
        A,
    ),
    (
        "eval-scp",
        "one policy of a level is enough",
        {**ident(allow()), "scp": [[allow("ec2:*", "*"), allow("s3:*", "*")]]},
        req(),
        A,
    ),
    ("eval-scp", "an empty level allows nothing", {**ident(allow()), "scp": [[]]}, req(), I),
    (
        "eval-scp",
        "SCP conditions are evaluated",
        {**ident(allow()), "scp": [[allow("*", "*", cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}})]]},
        req(context={"aws:RequestedRegion": "us-east-1"}),
        A,
    ),
    (
        "eval-scp",
        "SCPs do not restrict service principals",
        {"scp": [[allow("ec2:*", "*")]], "resource": rp({"Service": "sagemaker.amazonaws.com"})},
        req(principal="sagemaker.amazonaws.com"),
        A,
    ),
    (
        "eval-scp",
        "SCPs apply to the account root user of a member account",
        {"scp": [[allow("ec2:*", "*")]]},
        req(principal=f"arn:aws:iam::{ACCT}:root"),
        I,
    ),
    (
        "eval-rcp",
        "RCP allows everything",
        {**ident(allow()), "rcp": [[doc(st("Allow", "*", "*", principal="*"))]]},
        req(),
        A,
    ),
    (
        "eval-rcp",
        "RCP for another service leaves S3 without an allow",
        {**ident(allow()), "rcp": [[doc(st("Allow", "sqs:*", "*", principal="*"))]]},
        req(),
        I,
    ),
    (
        "eval-rcp",
        "RCPs do not apply to services that do not support them",
        {**ident(allow("lambda:InvokeFunction", FN)), "rcp": [[doc(st("Allow", "s3:*", "*", principal="*"))]]},
        req(action="lambda:InvokeFunction", resource=FN),
        A,
    ),
    ("eval-rcp", "RCP alone grants nothing", {"rcp": [[doc(st("Allow", "*", "*", principal="*"))]]}, req(), I),
    (
        "eval-rcp",
        "RCP deny on another account's principals",
        {
            **ident(allow()),
            "resource": rp({"AWS": OTHER_ROLE}),
            "rcp": [
                [
                    doc(st("Allow", "*", "*", principal="*")),
                    doc(
                        st("Deny", "s3:*", "*", principal="*", cond={"StringNotEquals": {"aws:PrincipalAccount": ACCT}})
                    ),
                ]
            ],
        },
        req(principal=OTHER_SESSION, resource_account=ACCT),
        X,
    ),
    (
        "eval-rcp",
        "RCP deny on other accounts spares own principals",
        {
            **ident(allow()),
            "rcp": [
                [
                    doc(st("Allow", "*", "*", principal="*")),
                    doc(
                        st("Deny", "s3:*", "*", principal="*", cond={"StringNotEquals": {"aws:PrincipalAccount": ACCT}})
                    ),
                ]
            ],
        },
        req(),
        A,
    ),
    (
        "eval-slr",
        "SCP does not restrict a service-linked role",
        {**ident(allow()), "scp": [[allow("ec2:*", "*")]]},
        req(
            principal=f"arn:aws:iam::{ACCT}:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForAmazonSageMaker"
        ),
        A,
    ),
    (
        "eval-slr",
        "RCP does not restrict a service-linked role session",
        {**ident(allow()), "rcp": [[doc(st("Allow", "sqs:*", "*", principal="*"))]]},
        req(principal=f"arn:aws:sts::{ACCT}:assumed-role/AWSServiceRoleForAmazonSageMaker/s"),
        A,
    ),
    (
        "eval-slr",
        "a service-linked role still needs its own identity-based Allow",
        {**ident(allow("s3:PutObject")), "scp": [[allow("ec2:*", "*")]]},
        req(principal=f"arn:aws:sts::{ACCT}:assumed-role/AWSServiceRoleForAmazonSageMaker/s"),
        I,
    ),
    # --- cross-account --------------------------------------------------------------------------
    ("cross-account", "identity allows, no resource policy", ident(allow()), req(resource_account=OTHER), I),
    (
        "cross-account",
        "resource policy allows, identity does not",
        {"resource": rp({"AWS": ROLE})},
        req(principal=SESSION, resource_account=OTHER),
        I,
    ),
    (
        "cross-account",
        "both allow",
        {**ident(allow()), "resource": rp({"AWS": ROLE})},
        req(principal=SESSION, resource_account=OTHER),
        A,
    ),
    (
        "cross-account",
        "resource policy naming the caller's account delegates, identity allows",
        {**ident(allow()), "resource": rp({"AWS": ACCT})},
        req(resource_account=OTHER),
        A,
    ),
    (
        "cross-account",
        "resource policy names another account",
        {**ident(allow()), "resource": rp({"AWS": "999988887777"})},
        req(resource_account=OTHER),
        I,
    ),
    (
        "cross-account",
        "both allow, boundary does not",
        {**ident(allow()), "boundary": allow("ec2:*", "*"), "resource": rp({"AWS": SESSION})},
        req(principal=SESSION, resource_account=OTHER),
        I,
    ),
    (
        "cross-account",
        "both allow, session policy does not",
        {**ident(allow()), "session": allow("ec2:*", "*"), "resource": rp({"AWS": SESSION})},
        req(principal=SESSION, resource_account=OTHER),
        I,
    ),
    (
        "cross-account",
        "resource account taken from the ARN",
        {**ident(allow("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{OTHER}:q"))},
        req(action="sqs:SendMessage", resource=f"arn:aws:sqs:us-east-1:{OTHER}:q"),
        I,
    ),
    (
        "cross-account",
        "resource account from the ARN, resource policy allows",
        {
            **ident(allow("sqs:SendMessage", f"arn:aws:sqs:us-east-1:{OTHER}:q")),
            "resource": rp({"AWS": ACCT}, action="sqs:SendMessage", resource=f"arn:aws:sqs:us-east-1:{OTHER}:q"),
        },
        req(action="sqs:SendMessage", resource=f"arn:aws:sqs:us-east-1:{OTHER}:q"),
        A,
    ),
    (
        "cross-account",
        "Principal * allows another account when identity allows",
        {**ident(allow()), "resource": rp("*")},
        req(resource_account=OTHER),
        A,
    ),
    (
        "cross-account",
        "explicit deny in the resource policy wins",
        {**ident(allow()), "resource": doc(st(principal={"AWS": ACCT}), st("Deny", principal="*"))},
        req(resource_account=OTHER),
        X,
    ),
    (
        "cross-account",
        "SCP of the caller's account applies",
        {**ident(allow()), "resource": rp({"AWS": ACCT}), "scp": [[allow("ec2:*", "*")]]},
        req(resource_account=OTHER),
        I,
    ),
    # --- trust policies and KMS key policies ----------------------------------------------------
    (
        "trust-policy",
        "SageMaker can assume a role that trusts it",
        {"resource": rp({"Service": "sagemaker.amazonaws.com"}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", ROLE, "sagemaker.amazonaws.com"),
        A,
    ),
    (
        "trust-policy",
        "EC2 cannot assume a role that trusts only SageMaker",
        {"resource": rp({"Service": "sagemaker.amazonaws.com"}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", ROLE, "ec2.amazonaws.com"),
        I,
    ),
    (
        "trust-policy",
        "a service with no trust policy cannot assume",
        {},
        req("sts:AssumeRole", ROLE, "sagemaker.amazonaws.com"),
        I,
    ),
    (
        "trust-policy",
        "identity allow alone cannot assume a role",
        ident(allow("sts:AssumeRole", "*")),
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER),
        I,
    ),
    (
        "trust-policy",
        "trust policy naming the user allows without identity policy (same account)",
        {"resource": rp({"AWS": USER}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER),
        A,
    ),
    (
        "trust-policy",
        "trust policy naming the account needs an identity allow",
        {"resource": rp({"AWS": ACCT}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER),
        I,
    ),
    (
        "trust-policy",
        "trust policy naming the account plus identity allow",
        {**ident(allow("sts:AssumeRole", "*")), "resource": rp({"AWS": ACCT}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER),
        A,
    ),
    (
        "trust-policy",
        "cross-account assume: trust names the other account and identity allows",
        {**ident(allow("sts:AssumeRole", "*")), "resource": rp({"AWS": OTHER}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", OTHER_SESSION),
        A,
    ),
    (
        "trust-policy",
        "cross-account assume without identity allow",
        {"resource": rp({"AWS": OTHER}, action="sts:AssumeRole", resource=None)},
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", OTHER_SESSION),
        I,
    ),
    (
        "trust-policy",
        "trust policy with an ExternalId condition, right id",
        {
            "resource": rp(
                {"AWS": USER},
                action="sts:AssumeRole",
                resource=None,
                cond={"StringEquals": {"sts:ExternalId": "gt-42"}},
            )
        },
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER, context={"sts:ExternalId": "gt-42"}),
        A,
    ),
    (
        "trust-policy",
        "trust policy with an ExternalId condition, no id",
        {
            "resource": rp(
                {"AWS": USER},
                action="sts:AssumeRole",
                resource=None,
                cond={"StringEquals": {"sts:ExternalId": "gt-42"}},
            )
        },
        req("sts:AssumeRole", f"arn:aws:iam::{ACCT}:role/Target", USER),
        I,
    ),
    (
        "trust-policy",
        "web identity: Federated provider with AssumeRoleWithWebIdentity",
        {
            "resource": rp(
                {"Federated": "cognito-identity.amazonaws.com"}, action="sts:AssumeRoleWithWebIdentity", resource=None
            )
        },
        req("sts:AssumeRoleWithWebIdentity", ROLE, "cognito-identity.amazonaws.com"),
        A,
    ),
    (
        "trust-policy",
        "trust policy allows AssumeRole but not TagSession",
        {"resource": rp({"Service": "sagemaker.amazonaws.com"}, action="sts:AssumeRole", resource=None)},
        req("sts:TagSession", ROLE, "sagemaker.amazonaws.com"),
        I,
    ),
    (
        "kms-key-policy",
        "identity allow without key policy is not enough",
        ident(allow("kms:Decrypt", "*")),
        req("kms:Decrypt", KEY),
        I,
    ),
    (
        "kms-key-policy",
        "default key policy (account principal) plus identity allow",
        {
            **ident(allow("kms:Decrypt", "*")),
            "resource": rp({"AWS": f"arn:aws:iam::{ACCT}:root"}, action="kms:*", resource="*"),
        },
        req("kms:Decrypt", KEY),
        A,
    ),
    (
        "kms-key-policy",
        "default key policy without identity allow",
        {"resource": rp({"AWS": f"arn:aws:iam::{ACCT}:root"}, action="kms:*", resource="*")},
        req("kms:Decrypt", KEY),
        I,
    ),
    (
        "kms-key-policy",
        "key policy naming the role grants without identity policy",
        {"resource": rp({"AWS": ROLE}, action="kms:Decrypt", resource="*")},
        req("kms:Decrypt", KEY, SESSION),
        A,
    ),
    (
        "kms-key-policy",
        "kms actions without a key resource follow the ordinary rule",
        ident(allow("kms:ListKeys", "*")),
        req("kms:ListKeys", "*"),
        A,
    ),
    # --- Principal / NotPrincipal ---------------------------------------------------------------
    ("principal", "AWS * matches a role session", {"resource": rp({"AWS": "*"})}, req(principal=SESSION), A),
    (
        "principal",
        "role ARN does not match a different role's session",
        {"resource": rp({"AWS": f"arn:aws:iam::{ACCT}:role/Other"})},
        req(principal=SESSION),
        I,
    ),
    (
        "principal",
        "role ARN with a path matches the session by role name",
        {"resource": rp({"AWS": f"arn:aws:iam::{ACCT}:role/service-role/GtExecution"})},
        req(principal=SESSION),
        A,
    ),
    (
        "principal",
        "role ARN in another account does not match",
        {"resource": rp({"AWS": f"arn:aws:iam::{OTHER}:role/GtExecution"})},
        req(principal=SESSION),
        I,
    ),
    (
        "principal",
        "user ARN does not match a different user",
        {"resource": rp({"AWS": f"arn:aws:iam::{ACCT}:user/dana"})},
        req(principal=USER),
        I,
    ),
    (
        "principal",
        "list of principals, one matches",
        {"resource": rp({"AWS": [f"arn:aws:iam::{ACCT}:user/dana", USER]})},
        req(principal=USER),
        A,
    ),
    (
        "principal",
        "service principal does not match an IAM caller",
        {"resource": rp({"Service": "sagemaker.amazonaws.com"})},
        req(principal=SESSION),
        I,
    ),
    (
        "principal",
        "account id string matches the account's principals (with identity allow)",
        {**ident(allow()), "resource": rp({"AWS": ACCT})},
        req(principal=USER),
        A,
    ),
    (
        "principal",
        "resource policy for an unnamed caller needs Principal *",
        {"resource": rp({"AWS": USER})},
        req(principal=None),
        I,
    ),
    ("principal", "root user caller needs no identity policy", {}, req(principal=f"arn:aws:iam::{ACCT}:root"), A),
    (
        "not-principal",
        "Deny with NotPrincipal spares the listed user and account",
        {**ident(allow()), "resource": doc(st("Deny", not_principal={"AWS": [USER, ACCT]}))},
        req(principal=USER),
        A,
    ),
    (
        "not-principal",
        "Deny with NotPrincipal listing the user but not the account denies",
        {**ident(allow()), "resource": doc(st("Deny", not_principal={"AWS": USER}))},
        req(principal=USER),
        X,
    ),
    (
        "not-principal",
        "Deny with NotPrincipal denies everyone else",
        {**ident(allow()), "resource": doc(st("Deny", not_principal={"AWS": [USER, ACCT]}))},
        req(principal=SESSION),
        X,
    ),
    (
        "not-principal",
        "a role session is spared when session, role and account are listed",
        {**ident(allow()), "resource": doc(st("Deny", not_principal={"AWS": [SESSION, ROLE, ACCT]}))},
        req(principal=SESSION),
        A,
    ),
    (
        "not-principal",
        "a role session is not spared by its role and account alone",
        {**ident(allow()), "resource": doc(st("Deny", not_principal={"AWS": [ROLE, ACCT]}))},
        req(principal=SESSION),
        X,
    ),
    (
        "not-principal",
        "NotPrincipal never spares a principal with a permissions boundary",
        {**ident(allow()), "boundary": allow(), "resource": doc(st("Deny", not_principal={"AWS": [USER, ACCT]}))},
        req(principal=USER),
        X,
    ),
    (
        "not-principal",
        "NotPrincipal spares a listed service",
        {
            "resource": doc(
                st(principal={"Service": "sagemaker.amazonaws.com"}),
                st("Deny", not_principal={"Service": "sagemaker.amazonaws.com"}),
            )
        },
        req(principal="sagemaker.amazonaws.com"),
        A,
    ),
    # --- Action / NotAction ---------------------------------------------------------------------
    ("action", "action names are case-insensitive (policy in odd case)", ident(allow("S3:getobject")), req(), A),
    (
        "action",
        "action names are case-insensitive (request in odd case)",
        ident(allow()),
        req(action="S3:GETOBJECT"),
        A,
    ),
    ("action", "service wildcard", ident(allow("s3:*")), req(), A),
    ("action", "prefix wildcard", ident(allow("s3:Get*")), req(), A),
    ("action", "prefix wildcard does not match other verbs", ident(allow("s3:Get*")), req(action="s3:PutObject"), I),
    ("action", "? matches exactly one character", ident(allow("s3:GetObjec?")), req(), A),
    ("action", "? does not match two characters", ident(allow("s3:GetObj?")), req(), I),
    ("action", "* alone matches every action", ident(allow("*")), req(action="iam:PassRole", resource=OBJ), A),
    ("action", "a wildcard inside the name", ident(allow("s3:*Object")), req(), A),
    ("action", "the service prefix must match", ident(allow("s3:GetObject")), req(action="s3express:GetObject"), I),
    ("action", "list of actions", ident(allow(["s3:PutObject", "s3:GetObject"])), req(), A),
    (
        "not-action",
        "NotAction allows everything else",
        ident(doc(st(action=None, resource="*", not_action="iam:*"))),
        req(),
        A,
    ),
    (
        "not-action",
        "NotAction does not allow the listed actions",
        ident(doc(st(action=None, resource="*", not_action="s3:*"))),
        req(),
        I,
    ),
    (
        "not-action",
        "Deny with NotAction denies everything except the list",
        ident(EVERYTHING, doc(st("Deny", action=None, resource="*", not_action=["s3:Get*"]))),
        req(action="s3:PutObject"),
        X,
    ),
    (
        "not-action",
        "Deny with NotAction spares the listed action",
        ident(EVERYTHING, doc(st("Deny", action=None, resource="*", not_action=["s3:Get*"]))),
        req(),
        A,
    ),
    # --- Resource / NotResource -----------------------------------------------------------------
    ("resource", "resource ARNs are case-sensitive", ident(allow(resource="arn:aws:s3:::Input-Bucket/*")), req(), I),
    ("resource", "bucket ARN does not match an object ARN", ident(allow(resource=BUCKET)), req(), I),
    ("resource", "object wildcard matches nested keys", ident(allow(resource=BUCKET + "/*")), req(), A),
    ("resource", "a dot is literal, not any character", ident(allow(resource="arn:aws:s3:::input.bucket/*")), req(), I),
    (
        "resource",
        "a dot matches a dot",
        ident(allow(resource="arn:aws:s3:::input.bucket/*")),
        req(resource="arn:aws:s3:::input.bucket/a"),
        A,
    ),
    ("resource", "+ is literal", ident(allow(resource="arn:aws:s3:::in+/*")), req(resource="arn:aws:s3:::innn/a"), I),
    (
        "resource",
        "parentheses and brackets are literal",
        ident(allow(resource="arn:aws:s3:::b/(a|[bc])")),
        req(resource="arn:aws:s3:::b/(a|[bc])"),
        A,
    ),
    (
        "resource",
        "brackets are not a character class",
        ident(allow(resource="arn:aws:s3:::b/[ab]")),
        req(resource="arn:aws:s3:::b/a"),
        I,
    ),
    (
        "resource",
        "? matches one character in the resource",
        ident(allow(resource="arn:aws:s3:::input-bucket/images/?.jpg")),
        req(),
        A,
    ),
    (
        "resource",
        "* in the region segment does not cross into the account",
        ident(allow("lambda:InvokeFunction", "arn:aws:lambda:*:function:GtRecipePreLabel")),
        req("lambda:InvokeFunction", FN),
        I,
    ),
    (
        "resource",
        "* per segment matches region and account",
        ident(allow("lambda:InvokeFunction", "arn:aws:lambda:*:*:function:*GtRecipe*")),
        req("lambda:InvokeFunction", FN),
        A,
    ),
    (
        "resource",
        "* in the resource segment crosses : and /",
        ident(allow("lambda:InvokeFunction", f"arn:aws:lambda:us-east-1:{ACCT}:*")),
        req("lambda:InvokeFunction", FN),
        A,
    ),
    (
        "resource",
        "function-name wildcard from the managed execution policy",
        ident(allow("lambda:InvokeFunction", "arn:aws:lambda:*:*:function:*SageMaker*")),
        req("lambda:InvokeFunction", FN),
        I,
    ),
    (
        "resource",
        "function-name wildcard matches the name fragment",
        ident(
            allow(
                "lambda:InvokeFunction",
                ["arn:aws:lambda:*:*:function:*GtRecipe*", "arn:aws:lambda:*:*:function:*SageMaker*"],
            )
        ),
        req("lambda:InvokeFunction", FN),
        A,
    ),
    (
        "resource",
        "a lower-case fragment does not match a mixed-case name",
        ident(allow("lambda:InvokeFunction", "arn:aws:lambda:*:*:function:*sagemaker*")),
        req("lambda:InvokeFunction", f"arn:aws:lambda:us-east-1:{ACCT}:function:SageMakerPost"),
        I,
    ),
    ("resource", "Resource * matches every resource", ident(allow(resource="*")), req(), A),
    (
        "resource",
        "a request on * needs Resource *",
        ident(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*")),
        req("s3:ListAllMyBuckets", "*"),
        I,
    ),
    ("resource", "a partition wildcard", ident(allow(resource="arn:*:s3:::input-bucket/*")), req(), A),
    (
        "resource",
        "another bucket with the same prefix",
        ident(allow(resource=BUCKET + "/*")),
        req(resource="arn:aws:s3:::input-bucket-2/a"),
        I,
    ),
    (
        "not-resource",
        "NotResource allows other resources",
        ident(allow(resource=None, not_resource=BUCKET + "/private/*")),
        req(),
        A,
    ),
    (
        "not-resource",
        "NotResource does not allow the listed resources",
        ident(allow(resource=None, not_resource=BUCKET + "/*")),
        req(),
        I,
    ),
    (
        "not-resource",
        "Deny with NotResource denies everything outside the list",
        ident(EVERYTHING, doc(st("Deny", "s3:*", None, not_resource=["arn:aws:s3:::output-bucket/*"]))),
        req(),
        X,
    ),
    # --- String conditions ----------------------------------------------------------------------
    (
        "cond-string",
        "StringEquals match",
        cond({"StringEquals": {"s3:prefix": "images/"}}),
        req(context={"s3:prefix": "images/"}),
        A,
    ),
    (
        "cond-string",
        "StringEquals is case-sensitive",
        cond({"StringEquals": {"s3:prefix": "images/"}}),
        req(context={"s3:prefix": "Images/"}),
        I,
    ),
    (
        "cond-string",
        "StringEquals treats * literally",
        cond({"StringEquals": {"s3:prefix": "img*"}}),
        req(context={"s3:prefix": "img1"}),
        I,
    ),
    (
        "cond-string",
        "StringEqualsIgnoreCase ignores case",
        cond({"StringEqualsIgnoreCase": {"s3:prefix": "IMAGES/"}}),
        req(context={"s3:prefix": "images/"}),
        A,
    ),
    (
        "cond-string",
        "StringNotEquals with another value",
        cond({"StringNotEquals": {"s3:prefix": "secret/"}}),
        req(context={"s3:prefix": "images/"}),
        A,
    ),
    (
        "cond-string",
        "StringNotEquals with the same value",
        cond({"StringNotEquals": {"s3:prefix": "secret/"}}),
        req(context={"s3:prefix": "secret/"}),
        I,
    ),
    (
        "cond-string",
        "StringNotEqualsIgnoreCase",
        cond({"StringNotEqualsIgnoreCase": {"s3:prefix": "SECRET/"}}),
        req(context={"s3:prefix": "secret/"}),
        I,
    ),
    (
        "cond-string",
        "StringLike with *",
        cond({"StringLike": {"s3:prefix": "images/*"}}),
        req(context={"s3:prefix": "images/2024/a"}),
        A,
    ),
    (
        "cond-string",
        "StringLike with ?",
        cond({"StringLike": {"s3:prefix": "img?"}}),
        req(context={"s3:prefix": "img12"}),
        I,
    ),
    (
        "cond-string",
        "StringLike treats regex characters literally",
        cond({"StringLike": {"s3:prefix": "a.c"}}),
        req(context={"s3:prefix": "abc"}),
        I,
    ),
    (
        "cond-string",
        "StringLike is case-sensitive",
        cond({"StringLike": {"s3:prefix": "images/*"}}),
        req(context={"s3:prefix": "IMAGES/a"}),
        I,
    ),
    (
        "cond-string",
        "StringNotLike",
        cond({"StringNotLike": {"s3:prefix": "secret/*"}}),
        req(context={"s3:prefix": "secret/a"}),
        I,
    ),
    (
        "cond-string",
        "PassRole only to SageMaker: SageMaker",
        cond({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"iam:PassedToService": "sagemaker.amazonaws.com"}),
        A,
    ),
    (
        "cond-string",
        "PassRole only to SageMaker: EC2",
        cond({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"iam:PassedToService": "ec2.amazonaws.com"}),
        I,
    ),
    (
        "cond-missing",
        "PassRole only to SageMaker: key missing",
        cond({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE),
        I,
    ),
    (
        "cond-missing",
        "StringNotEquals with the key missing is true",
        cond({"StringNotEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE),
        A,
    ),
    ("cond-missing", "StringLike with the key missing is false", cond({"StringLike": {"s3:prefix": "*"}}), req(), I),
    (
        "cond-missing",
        "ArnNotLike with the key missing is true",
        cond({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::x"}}),
        req(),
        A,
    ),
    (
        "cond-missing",
        "NotIpAddress with the key missing is true",
        cond({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
        req(),
        A,
    ),
    (
        "cond-missing",
        "NumericLessThan with the key missing is false",
        cond({"NumericLessThan": {"s3:max-keys": "10"}}),
        req(),
        I,
    ),
    (
        "cond-missing",
        "a Deny with a negated operator applies when the key is missing",
        ident(EVERYTHING, deny(cond={"StringNotEquals": {"aws:PrincipalTag/team": "labeling"}})),
        req(),
        X,
    ),
    # --- condition logic and key names ----------------------------------------------------------
    (
        "cond-logic",
        "values of one key are ORed",
        cond({"StringEquals": {"s3:prefix": ["a/", "b/"]}}),
        req(context={"s3:prefix": "b/"}),
        A,
    ),
    (
        "cond-logic",
        "keys of one operator are ANDed: both hold",
        cond({"StringEquals": {"s3:prefix": "a/", "s3:delimiter": "/"}}),
        req(context={"s3:prefix": "a/", "s3:delimiter": "/"}),
        A,
    ),
    (
        "cond-logic",
        "keys of one operator are ANDed: one fails",
        cond({"StringEquals": {"s3:prefix": "a/", "s3:delimiter": "/"}}),
        req(context={"s3:prefix": "a/", "s3:delimiter": "-"}),
        I,
    ),
    (
        "cond-logic",
        "operators are ANDed",
        cond({"StringEquals": {"s3:prefix": "a/"}, "Bool": {"aws:SecureTransport": "true"}}),
        req(context={"s3:prefix": "a/", "aws:SecureTransport": "false"}),
        I,
    ),
    (
        "cond-logic",
        "negated operator with several values is a NOR: one matches",
        cond({"StringNotEquals": {"s3:prefix": ["a/", "b/"]}}),
        req(context={"s3:prefix": "b/"}),
        I,
    ),
    (
        "cond-logic",
        "negated operator with several values is a NOR: none matches",
        cond({"StringNotEquals": {"s3:prefix": ["a/", "b/"]}}),
        req(context={"s3:prefix": "c/"}),
        A,
    ),
    (
        "cond-logic",
        "NotIpAddress with several ranges is a NOR",
        cond({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}),
        req(context={"aws:SourceIp": "192.168.1.1"}),
        I,
    ),
    (
        "cond-keys",
        "condition key names are case-insensitive (policy side)",
        cond({"StringEquals": {"IAM:PASSEDTOSERVICE": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"iam:PassedToService": "sagemaker.amazonaws.com"}),
        A,
    ),
    (
        "cond-keys",
        "condition key names are case-insensitive (request side)",
        cond({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"IAM:passedtoservice": "sagemaker.amazonaws.com"}),
        A,
    ),
    (
        "cond-keys",
        "condition values are case-sensitive",
        cond({"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"iam:PassedToService": "SageMaker.amazonaws.com"}),
        I,
    ),
    (
        "cond-keys",
        "aws:PrincipalAccount is derived from the principal",
        cond({"StringEquals": {"aws:PrincipalAccount": ACCT}}),
        req(),
        A,
    ),
    (
        "cond-keys",
        "aws:PrincipalArn of a session is its role ARN",
        cond({"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCT}:role/Gt*"}}),
        req(principal=SESSION),
        A,
    ),
    # --- Numeric, Date, Bool, Binary, IP, Arn, Null ---------------------------------------------
    (
        "cond-numeric",
        "NumericLessThan holds",
        cond({"NumericLessThan": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": 5}),
        A,
    ),
    (
        "cond-numeric",
        "NumericLessThan at the limit fails",
        cond({"NumericLessThan": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "10"}),
        I,
    ),
    (
        "cond-numeric",
        "NumericLessThanEquals at the limit",
        cond({"NumericLessThanEquals": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "10"}),
        A,
    ),
    (
        "cond-numeric",
        "NumericGreaterThan",
        cond({"NumericGreaterThan": {"s3:max-keys": 10}}),
        req(context={"s3:max-keys": "11"}),
        A,
    ),
    (
        "cond-numeric",
        "NumericGreaterThanEquals fails below",
        cond({"NumericGreaterThanEquals": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "9.5"}),
        I,
    ),
    (
        "cond-numeric",
        "NumericEquals compares numbers, not text",
        cond({"NumericEquals": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "10.0"}),
        A,
    ),
    (
        "cond-numeric",
        "NumericNotEquals",
        cond({"NumericNotEquals": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "10"}),
        I,
    ),
    (
        "cond-numeric",
        "a request value that is not a number does not match",
        cond({"NumericLessThan": {"s3:max-keys": "10"}}),
        req(context={"s3:max-keys": "few"}),
        I,
    ),
    (
        "cond-date",
        "DateLessThan with ISO 8601",
        cond({"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}),
        req(context={"aws:CurrentTime": "2026-11-27T12:00:00Z"}),
        A,
    ),
    (
        "cond-date",
        "DateGreaterThan fails before the date",
        cond({"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}),
        req(context={"aws:CurrentTime": "2026-11-27T12:00:00Z"}),
        I,
    ),
    (
        "cond-date",
        "epoch seconds compare with ISO dates",
        cond({"DateLessThan": {"aws:EpochTime": "2030-01-01T00:00:00Z"}}),
        req(context={"aws:EpochTime": 1800000000}),
        A,
    ),
    (
        "cond-date",
        "DateEquals across time zones",
        cond({"DateEquals": {"aws:CurrentTime": "2026-01-01T01:00:00+01:00"}}),
        req(context={"aws:CurrentTime": "2026-01-01T00:00:00Z"}),
        A,
    ),
    (
        "cond-date",
        "a date without a time is midnight UTC",
        cond({"DateGreaterThanEquals": {"aws:CurrentTime": "2026-01-01"}}),
        req(context={"aws:CurrentTime": "2026-01-01T00:00:00Z"}),
        A,
    ),
    (
        "cond-date",
        "DateNotEquals",
        cond({"DateNotEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}),
        req(context={"aws:CurrentTime": "2026-01-01T00:00:00Z"}),
        I,
    ),
    (
        "cond-bool",
        "Bool true",
        cond({"Bool": {"aws:SecureTransport": "true"}}),
        req(context={"aws:SecureTransport": True}),
        A,
    ),
    (
        "cond-bool",
        "Bool false does not match true",
        cond({"Bool": {"aws:SecureTransport": "false"}}),
        req(context={"aws:SecureTransport": "true"}),
        I,
    ),
    (
        "cond-bool",
        "Bool compares true/false in any case",
        cond({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
        req(context={"aws:MultiFactorAuthPresent": "True"}),
        A,
    ),
    ("cond-bool", "Bool with a missing key is false", cond({"Bool": {"aws:MultiFactorAuthPresent": "true"}}), req(), I),
    (
        "cond-binary",
        "BinaryEquals matches the same bytes",
        cond({"BinaryEquals": {"s3:x-amz-content-sha256": "QmluYXJ5"}}),
        req(context={"s3:x-amz-content-sha256": "QmluYXJ5"}),
        A,
    ),
    (
        "cond-binary",
        "BinaryEquals fails on other bytes",
        cond({"BinaryEquals": {"s3:x-amz-content-sha256": "QmluYXJ5"}}),
        req(context={"s3:x-amz-content-sha256": "T3RoZXI="}),
        I,
    ),
    (
        "cond-ip",
        "IpAddress inside an IPv4 range",
        cond({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        req(context={"aws:SourceIp": "203.0.113.7"}),
        A,
    ),
    (
        "cond-ip",
        "IpAddress outside the range",
        cond({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        req(context={"aws:SourceIp": "203.0.114.7"}),
        I,
    ),
    (
        "cond-ip",
        "IpAddress with a single address",
        cond({"IpAddress": {"aws:SourceIp": "203.0.113.7"}}),
        req(context={"aws:SourceIp": "203.0.113.7"}),
        A,
    ),
    (
        "cond-ip",
        "IpAddress with an IPv6 range",
        cond({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}),
        req(context={"aws:SourceIp": "2001:db8:1::5"}),
        A,
    ),
    (
        "cond-ip",
        "an IPv4 address is never in an IPv6 range",
        cond({"IpAddress": {"aws:SourceIp": "::/0"}}),
        req(context={"aws:SourceIp": "203.0.113.7"}),
        I,
    ),
    (
        "cond-ip",
        "NotIpAddress outside the range",
        cond({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
        req(context={"aws:SourceIp": "203.0.113.7"}),
        A,
    ),
    (
        "cond-ip",
        "NotIpAddress inside the range",
        cond({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
        req(context={"aws:SourceIp": "10.1.2.3"}),
        I,
    ),
    (
        "cond-arn",
        "ArnLike with wildcards per segment",
        cond({"ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:*:*:labeling-job/*"}}),
        req(context={"aws:SourceArn": f"arn:aws:sagemaker:us-east-1:{ACCT}:labeling-job/job-1"}),
        A,
    ),
    (
        "cond-arn",
        "ArnLike: * in a segment does not cross :",
        cond({"ArnLike": {"aws:SourceArn": "arn:aws:sagemaker:*:labeling-job/*"}}),
        req(context={"aws:SourceArn": f"arn:aws:sagemaker:us-east-1:{ACCT}:labeling-job/job-1"}),
        I,
    ),
    (
        "cond-arn",
        "ArnEquals accepts wildcards too",
        cond({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::input-*"}}),
        req(context={"aws:SourceArn": BUCKET}),
        A,
    ),
    (
        "cond-arn",
        "ArnEquals is case-sensitive",
        cond({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::Input-bucket"}}),
        req(context={"aws:SourceArn": BUCKET}),
        I,
    ),
    (
        "cond-arn",
        "ArnNotEquals with a different ARN",
        cond({"ArnNotEquals": {"aws:SourceArn": "arn:aws:s3:::other"}}),
        req(context={"aws:SourceArn": BUCKET}),
        A,
    ),
    (
        "cond-arn",
        "ArnNotLike with a matching ARN",
        cond({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::input-*"}}),
        req(context={"aws:SourceArn": BUCKET}),
        I,
    ),
    ("cond-null", "Null true: key absent", cond({"Null": {"aws:TokenIssueTime": "true"}}), req(), A),
    (
        "cond-null",
        "Null true: key present",
        cond({"Null": {"aws:TokenIssueTime": "true"}}),
        req(context={"aws:TokenIssueTime": "2026-01-01T00:00:00Z"}),
        I,
    ),
    (
        "cond-null",
        "Null false: key present",
        cond({"Null": {"aws:TokenIssueTime": "false"}}),
        req(context={"aws:TokenIssueTime": "2026-01-01T00:00:00Z"}),
        A,
    ),
    ("cond-null", "Null false: key absent", cond({"Null": {"aws:TokenIssueTime": "false"}}), req(), I),
    ("cond-null", "Null with a JSON boolean", cond({"Null": {"aws:TokenIssueTime": True}}), req(), A),
    # --- IfExists -------------------------------------------------------------------------------
    (
        "cond-ifexists",
        "StringEqualsIfExists with the key missing",
        cond({"StringEqualsIfExists": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE),
        A,
    ),
    (
        "cond-ifexists",
        "StringEqualsIfExists with a wrong value",
        cond({"StringEqualsIfExists": {"iam:PassedToService": "sagemaker.amazonaws.com"}}, "iam:PassRole", "*"),
        req("iam:PassRole", ROLE, context={"iam:PassedToService": "ec2.amazonaws.com"}),
        I,
    ),
    (
        "cond-ifexists",
        "NumericLessThanIfExists with the key missing",
        cond({"NumericLessThanIfExists": {"s3:max-keys": "10"}}),
        req(),
        A,
    ),
    (
        "cond-ifexists",
        "BoolIfExists with the key missing",
        cond({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}),
        req(),
        A,
    ),
    (
        "cond-ifexists",
        "BoolIfExists with false",
        cond({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}),
        req(context={"aws:MultiFactorAuthPresent": False}),
        I,
    ),
    (
        "cond-ifexists",
        "StringNotEqualsIfExists with a listed value",
        cond({"StringNotEqualsIfExists": {"s3:prefix": "secret/"}}),
        req(context={"s3:prefix": "secret/"}),
        I,
    ),
    (
        "cond-ifexists",
        "Deny with BoolIfExists false applies when MFA is missing",
        ident(EVERYTHING, deny(cond={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})),
        req(),
        X,
    ),
    # --- ForAllValues / ForAnyValue -------------------------------------------------------------
    (
        "cond-sets",
        "ForAllValues: every value allowed",
        cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "project"]}}),
        req(context={"aws:TagKeys": ["team"]}),
        A,
    ),
    (
        "cond-sets",
        "ForAllValues: one value not allowed",
        cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "project"]}}),
        req(context={"aws:TagKeys": ["team", "owner"]}),
        I,
    ),
    (
        "cond-sets",
        "ForAllValues with the key missing is true",
        cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(),
        A,
    ),
    (
        "cond-sets",
        "ForAllValues with an empty list is true",
        cond({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(context={"aws:TagKeys": []}),
        A,
    ),
    (
        "cond-sets",
        "ForAnyValue: one value matches",
        cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(context={"aws:TagKeys": ["owner", "team"]}),
        A,
    ),
    (
        "cond-sets",
        "ForAnyValue: none matches",
        cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(context={"aws:TagKeys": ["owner"]}),
        I,
    ),
    (
        "cond-sets",
        "ForAnyValue with the key missing is false",
        cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(),
        I,
    ),
    (
        "cond-sets",
        "ForAnyValue with an empty list is false",
        cond({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}),
        req(context={"aws:TagKeys": []}),
        I,
    ),
    (
        "cond-sets",
        "ForAllValues:StringNotEquals: no value is listed",
        cond({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}),
        req(context={"aws:TagKeys": ["team", "owner"]}),
        A,
    ),
    (
        "cond-sets",
        "ForAllValues:StringNotEquals: one value is listed",
        cond({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}),
        req(context={"aws:TagKeys": ["team", "secret"]}),
        I,
    ),
    (
        "cond-sets",
        "ForAnyValue:StringNotEquals: one value is not listed",
        cond({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["team"]}}),
        req(context={"aws:TagKeys": ["team", "owner"]}),
        A,
    ),
    (
        "cond-sets",
        "ForAnyValue:StringLike",
        cond({"ForAnyValue:StringLike": {"aws:TagKeys": ["gt-*"]}}),
        req(context={"aws:TagKeys": ["a", "gt-job"]}),
        A,
    ),
    (
        "cond-sets",
        "Deny with ForAnyValue on a missing key does not apply",
        ident(EVERYTHING, deny(cond={"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}})),
        req(),
        A,
    ),
    (
        "cond-sets",
        "an unqualified operator with several request values: any may match",
        cond({"StringEquals": {"aws:TagKeys": "team"}}),
        req(context={"aws:TagKeys": ["owner", "team"]}),
        A,
    ),
    (
        "cond-sets",
        "ForAllValuesIfExists style: StringEqualsIfExists under ForAllValues with a missing key",
        cond({"ForAllValues:StringEqualsIfExists": {"aws:TagKeys": ["team"]}}),
        req(),
        A,
    ),
    # --- policy variables and Version -----------------------------------------------------------
    (
        "variables",
        "${aws:username} in Resource matches the user's own prefix",
        ident(allow(resource="arn:aws:s3:::home/${aws:username}/*")),
        req(resource="arn:aws:s3:::home/carlos/a", principal=USER),
        A,
    ),
    (
        "variables",
        "${aws:username} does not match another user's prefix",
        ident(allow(resource="arn:aws:s3:::home/${aws:username}/*")),
        req(resource="arn:aws:s3:::home/dana/a", principal=USER),
        I,
    ),
    (
        "variables",
        "a variable with no value makes the resource not match",
        ident(allow(resource="arn:aws:s3:::home/${aws:username}/*")),
        req(resource="arn:aws:s3:::home/carlos/a", principal=SESSION),
        I,
    ),
    (
        "variables",
        "a default value fills a missing variable",
        ident(allow(resource="arn:aws:s3:::home/${aws:username, 'shared'}/*")),
        req(resource="arn:aws:s3:::home/shared/a", principal=SESSION),
        A,
    ),
    (
        "variables",
        "a substituted * is literal, not a wildcard",
        ident(allow(resource="arn:aws:s3:::home/${aws:PrincipalTag/team}/*")),
        req(resource="arn:aws:s3:::home/labeling/a", context={"aws:PrincipalTag/team": "*"}),
        I,
    ),
    (
        "variables",
        "a substituted * matches a literal *",
        ident(allow(resource="arn:aws:s3:::home/${aws:PrincipalTag/team}/*")),
        req(resource="arn:aws:s3:::home/*/a", context={"aws:PrincipalTag/team": "*"}),
        A,
    ),
    (
        "variables",
        "${*} is a literal asterisk",
        ident(allow(resource="arn:aws:s3:::b/star${*}")),
        req(resource="arn:aws:s3:::b/starry"),
        I,
    ),
    (
        "variables",
        "${*} matches an asterisk",
        ident(allow(resource="arn:aws:s3:::b/star${*}")),
        req(resource="arn:aws:s3:::b/star*"),
        A,
    ),
    (
        "variables",
        "${?} is a literal question mark",
        ident(allow(resource="arn:aws:s3:::b/what${?}")),
        req(resource="arn:aws:s3:::b/whats"),
        I,
    ),
    (
        "variables",
        "${$} is a literal dollar",
        ident(allow(resource="arn:aws:s3:::b/${$}{x}")),
        req(resource="arn:aws:s3:::b/${x}"),
        A,
    ),
    (
        "variables",
        "variables in condition values",
        cond({"StringEquals": {"s3:prefix": "home/${aws:username}/"}}, "s3:ListBucket", BUCKET),
        req("s3:ListBucket", BUCKET, USER, context={"s3:prefix": "home/carlos/"}),
        A,
    ),
    (
        "variables",
        "variables in StringLike keep their value literal",
        cond({"StringLike": {"s3:prefix": "home/${aws:PrincipalTag/team}/*"}}, "s3:ListBucket", BUCKET),
        req("s3:ListBucket", BUCKET, context={"s3:prefix": "home/x/a", "aws:PrincipalTag/team": "?"}),
        I,
    ),
    (
        "variables",
        "variable names are case-insensitive",
        ident(allow(resource="arn:aws:s3:::home/${AWS:UserName}/*")),
        req(resource="arn:aws:s3:::home/carlos/a", principal=USER),
        A,
    ),
    (
        "variables",
        "a condition whose variable has no value does not hold",
        cond({"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team}"}}),
        req(context={"s3:prefix": ""}),
        I,
    ),
    (
        "version",
        "no Version: ${aws:username} is literal text",
        ident(doc(st(resource="arn:aws:s3:::home/${aws:username}/*"), version=None)),
        req(resource="arn:aws:s3:::home/carlos/a", principal=USER),
        I,
    ),
    (
        "version",
        "no Version: the literal text matches itself",
        ident(doc(st(resource="arn:aws:s3:::home/${aws:username}/*"), version=None)),
        req(resource="arn:aws:s3:::home/${aws:username}/a", principal=USER),
        A,
    ),
    (
        "version",
        "2008-10-17: variables are literal",
        ident(doc(st(resource="arn:aws:s3:::home/${aws:username}/*"), version="2008-10-17")),
        req(resource="arn:aws:s3:::home/carlos/a", principal=USER),
        I,
    ),
]
