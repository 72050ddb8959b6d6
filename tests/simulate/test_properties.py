"""Property-based tests: laws of the evaluation logic that must hold for any policies and request.

Some requests AWS decides whatever the policies say (iamkb.simulate.fixed): sts:GetCallerIdentity is
always allowed, and a call the credentials cannot make or a change to a resource AWS owns is always
denied. The laws below hold for them too, read honestly: a Deny cannot turn GetCallerIdentity into a
denial, and an AlwaysDenied request stays AlwaysDenied whatever policy is added (which the law
"policies never change a fixed answer" checks directly).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iamkb.simulate import ALLOWED, ALWAYS_DENIED, EXPLICITLY_DENIED, Policies, Request, evaluate

ACCT, OTHER = "111122223333", "444455556666"
ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "iam:PassRole",
    "sts:AssumeRole",
    "kms:Decrypt",
    "lambda:InvokeFunction",
    "sqs:SendMessage",
    "sts:GetCallerIdentity",
    "iam:DeletePolicy",
    "iam:AttachRolePolicy",
    "kms:CreateAlias",
]
ACTION_PATTERNS = ACTIONS + ["*", "s3:*", "s3:Get*", "S3:GETOBJECT", "iam:Pass?ole", "*:*", "lambda:*Function"]
RESOURCES = [
    "arn:aws:s3:::input-bucket/a.jpg",
    "arn:aws:s3:::input.bucket/a",
    "arn:aws:s3:::other/x",
    f"arn:aws:iam::{ACCT}:role/Worker",
    f"arn:aws:kms:us-east-1:{ACCT}:key/k1",
    f"arn:aws:lambda:us-east-1:{ACCT}:function:GtRecipe1",
    f"arn:aws:sqs:us-east-1:{OTHER}:q",
    "*",
    "arn:aws:iam::aws:policy/AdministratorAccess",
    f"arn:aws:iam::{ACCT}:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForSageMaker",
    f"arn:aws:iam::{ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123",
    f"arn:aws:kms:us-east-1:{ACCT}:alias/aws/s3",
]
RESOURCE_PATTERNS = RESOURCES + [
    "*",
    "arn:aws:s3:::input-bucket/*",
    "arn:aws:s3:::input?bucket/*",
    "arn:aws:*:*:*:*",
    "arn:aws:lambda:*:*:function:*GtRecipe*",
    "arn:aws:s3:::home/${aws:username}/*",
    "arn:aws:s3:::${aws:PrincipalTag/team, 'x'}/*",
]
PRINCIPALS = [
    f"arn:aws:sts::{ACCT}:assumed-role/Exec/s1",
    f"arn:aws:iam::{ACCT}:role/Exec",
    f"arn:aws:iam::{ACCT}:user/carlos",
    f"arn:aws:iam::{ACCT}:root",
    f"arn:aws:sts::{OTHER}:assumed-role/P/s",
    "sagemaker.amazonaws.com",
    None,
    f"arn:aws:iam::{ACCT}:role/aws-service-role/sagemaker.amazonaws.com/AWSServiceRoleForSageMaker",
    f"arn:aws:sts::{ACCT}:federated-user/susan",
    "anonymous",
]
PRINCIPAL_ELEMENTS = [
    "*",
    {"AWS": "*"},
    {"AWS": ACCT},
    {"AWS": f"arn:aws:iam::{ACCT}:role/Exec"},
    {"AWS": f"arn:aws:iam::{ACCT}:user/carlos"},
    {"Service": "sagemaker.amazonaws.com"},
    {"AWS": [OTHER, f"arn:aws:sts::{ACCT}:assumed-role/Exec/s1"]},
]
KEYS = [
    "iam:PassedToService",
    "aws:SourceIp",
    "aws:TagKeys",
    "s3:max-keys",
    "aws:CurrentTime",
    "aws:SecureTransport",
    "aws:SourceArn",
    "aws:username",
    "aws:PrincipalTag/team",
]
OPERATORS = {
    "StringEquals": ["sagemaker.amazonaws.com", "a*", "${aws:username}"],
    "StringNotEquals": ["sagemaker.amazonaws.com", "x"],
    "StringLike": ["sage*", "?", "${aws:PrincipalTag/team}*"],
    "StringEqualsIgnoreCase": ["SageMaker.amazonaws.com"],
    "NumericLessThan": ["10", "2.5"],
    "DateGreaterThan": ["2026-01-01T00:00:00Z", "1700000000"],
    "Bool": ["true", "false"],
    "IpAddress": ["10.0.0.0/8", "2001:db8::/32"],
    "NotIpAddress": ["192.168.0.0/16"],
    "ArnLike": ["arn:aws:s3:::*", "arn:aws:sagemaker:*:*:labeling-job/*"],
    "ArnNotEquals": ["arn:aws:s3:::input-bucket"],
    "Null": ["true", "false"],
    "BinaryEquals": ["QmluYXJ5"],
}
CONTEXT_VALUES = [
    "sagemaker.amazonaws.com",
    "10.1.2.3",
    "2001:db8::1",
    "5",
    "true",
    "false",
    "x*",
    "",
    "2026-06-01T00:00:00Z",
    "arn:aws:s3:::input-bucket",
    "QmluYXJ5",
    "not a number",
]


@st.composite
def conditions(draw):
    block = {}
    for _ in range(draw(st.integers(0, 2))):
        base = draw(st.sampled_from(sorted(OPERATORS)))
        prefix = "" if base == "Null" else draw(st.sampled_from(["", "", "ForAllValues:", "ForAnyValue:"]))
        suffix = "" if base == "Null" else draw(st.sampled_from(["", "", "IfExists"]))
        values = draw(st.lists(st.sampled_from(OPERATORS[base]), min_size=1, max_size=2))
        block.setdefault(prefix + base + suffix, {})[draw(st.sampled_from(KEYS))] = values
    return block


@st.composite
def statements(draw, with_principal=False, effect=None, resource_optional=False, rcp=False):
    statement = {"Effect": effect or draw(st.sampled_from(["Allow", "Deny"]))}
    actions = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=3))
    statement["NotAction" if draw(st.integers(0, 9)) == 0 else "Action"] = actions
    resources = draw(st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=3))
    if not resource_optional or draw(st.booleans()):
        statement["NotResource" if draw(st.integers(0, 9)) == 0 else "Resource"] = resources
    if rcp:
        statement["Principal"] = "*"  # the only principal an RCP takes
    elif with_principal:
        statement["Principal" if draw(st.integers(0, 5)) else "NotPrincipal"] = draw(
            st.sampled_from(PRINCIPAL_ELEMENTS)
        )
    block = draw(conditions())
    if block:
        statement["Condition"] = block
    return statement


def documents(with_principal=False, effect=None, resource_optional=False, rcp=False):
    return st.lists(statements(with_principal, effect, resource_optional, rcp), min_size=0, max_size=3).map(
        lambda items: {"Version": "2012-10-17", "Statement": items}
    )


@st.composite
def policy_sets(draw):
    chosen = {"identity": draw(st.lists(documents(), max_size=2))}
    if draw(st.booleans()):
        chosen["resource"] = draw(documents(with_principal=True, resource_optional=True))
    for kind in ("boundary", "session"):
        if draw(st.integers(0, 3)) == 0:
            chosen[kind] = draw(documents())
    if draw(st.integers(0, 3)) == 0:
        chosen["scp"] = draw(st.lists(st.lists(documents(), min_size=1, max_size=2), min_size=1, max_size=2))
    if draw(st.integers(0, 3)) == 0:
        chosen["rcp"] = draw(st.lists(st.lists(documents(rcp=True), min_size=1, max_size=2), min_size=1, max_size=2))
    return chosen


@st.composite
def requests(draw):
    context = {}
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3, unique=True)):
        if draw(st.booleans()):
            context[key] = draw(st.sampled_from(CONTEXT_VALUES))
        else:
            context[key] = draw(st.lists(st.sampled_from(CONTEXT_VALUES), max_size=3))
    principal = draw(st.sampled_from(PRINCIPALS))
    federated = principal is not None and ":federated-user/" in principal and draw(st.booleans())
    return Request(
        draw(st.sampled_from(ACTIONS)),
        draw(st.sampled_from(RESOURCES)),
        principal=principal,
        resource_account=draw(st.sampled_from([None, None, ACCT, OTHER])),
        context=context,
        federated_by=f"arn:aws:iam::{ACCT}:user/carlos" if federated else None,
    )


def decide(policies: dict, request: Request) -> str:
    return evaluate(Policies(**policies), request).decision


def with_statement(policies: dict, kind: str, statement: dict) -> dict:
    """A copy of `policies` with `statement` added as a new policy of `kind`."""
    document = {"Version": "2012-10-17", "Statement": [statement]}
    copy = dict(policies)
    if kind == "identity":
        copy["identity"] = list(policies.get("identity", [])) + [document]
    elif kind in ("scp", "rcp"):
        copy[kind] = [list(level) + [document] for level in policies[kind]]
    else:
        existing = policies.get(kind, {"Version": "2012-10-17", "Statement": []})
        copy[kind] = {"Version": "2012-10-17", "Statement": list(existing["Statement"]) + [statement]}
    return copy


# Random, not derandomized: each run tries new examples, so 100 a run still searches further run by run
# (200 a run cost make test about 20 s of its 10-minute budget).
COMMON = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(policy_sets(), requests())
def test_the_engine_never_raises_and_both_paths_agree(policies, request):
    compiled = Policies(**policies)
    fast = evaluate(compiled, request)
    explained = evaluate(compiled, request, explain=True)
    assert fast.decision == explained.decision
    assert explained.explanation and explained.details["reason"]


def always_allowed(request: Request) -> bool:
    """sts:GetCallerIdentity needs no permission and ignores Deny, for every signed-in caller."""
    return request.action == "sts:GetCallerIdentity" and request.caller.is_aws_identity


@COMMON
@given(policy_sets(), requests(), st.data())
def test_an_explicit_deny_always_wins(policies, request, data):
    kinds = ["resource"] if request.caller.kind in ("service", "anonymous") else ["identity", "resource"]
    kind = data.draw(st.sampled_from(kinds))
    deny = {"Effect": "Deny", "Action": request.action, "Resource": request.resource}
    if kind == "resource":
        deny["Principal"] = "*"
    decision = decide(with_statement(policies, kind, deny), request)
    if always_allowed(request):
        assert decision == ALLOWED
    elif decide({}, request) == ALWAYS_DENIED:
        assert decision == ALWAYS_DENIED  # AWS refuses it before any policy, the Deny included
    else:
        assert decision == EXPLICITLY_DENIED


@COMMON
@given(policy_sets(), requests())
def test_policies_never_change_a_fixed_answer(policies, request):
    fixed = decide({}, request)
    if always_allowed(request) or fixed == ALWAYS_DENIED:
        assert decide(policies, request) == fixed
    else:
        assert decide(policies, request) != ALWAYS_DENIED


@COMMON
@given(policy_sets(), requests(), st.data())
def test_adding_an_allow_never_turns_allowed_into_a_denial(policies, request, data):
    if decide(policies, request) != ALLOWED:
        return
    kinds = ["identity", "resource"] + [k for k in ("boundary", "session", "scp", "rcp") if k in policies]
    kind = data.draw(st.sampled_from(kinds))
    extra = data.draw(
        statements(
            with_principal=kind == "resource", effect="Allow", resource_optional=kind == "resource", rcp=kind == "rcp"
        )
    )
    assert decide(with_statement(policies, kind, extra), request) == ALLOWED


@COMMON
@given(policy_sets(), requests())
def test_guardrails_never_grant_on_their_own(policies, request):
    guardrails = {k: v for k, v in policies.items() if k in ("boundary", "session", "scp", "rcp")}
    if request.caller.kind == "root" or always_allowed(request):
        return  # allowed without any policy: there is nothing for a guardrail to grant
    assert decide(guardrails, request) != ALLOWED
    full = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    open_guardrails = {
        "boundary": full,
        "session": full,
        "scp": [[full]],
        "rcp": [
            [
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}],
                }
            ]
        ],
    }
    assert decide(open_guardrails, request) != ALLOWED


@COMMON
@given(policy_sets(), requests())
def test_guardrails_only_take_away(policies, request):
    without = {k: v for k, v in policies.items() if k not in ("boundary", "session", "scp", "rcp")}
    if decide(policies, request) == ALLOWED:
        assert decide(without, request) == ALLOWED
