"""SCPs and RCPs (`iamkb check --kind scp|rcp`): their grammar, their size limit and the RCP rules of
rules/organization_policies, each with cases that fire and cases that do not."""

from __future__ import annotations

import pytest

from iamkb.check import check_document, infer_kind, schema
from iamkb.check.rules.structure import organizations_size
from iamkb.core import iamcatalog
from iamkb.core.enums import RCP_SERVICES
from tests.check.rules.util import codes, lint, policy, with_code

BUCKET = "arn:aws:s3:::my-labeling-input/*"
ORG = {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
NOT_A_SERVICE = {"BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}


def _without_none(statement: dict) -> dict:
    return {key: value for key, value in statement.items() if value is not None}


def deny(action="s3:*", resource=BUCKET, **rest) -> dict:
    """An SCP statement; an element given as None is left out."""
    return _without_none({"Effect": "Deny", "Action": action, "Resource": resource, **rest})


def rcp_deny(action="s3:*", resource=BUCKET, condition=None, **rest) -> dict:
    """An RCP statement; an element given as None is left out."""
    return _without_none(
        {"Effect": "Deny", "Principal": "*", "Action": action, "Resource": resource, "Condition": condition, **rest}
    )


def schema_findings(document, kind):
    return [(f.code, f.pointer) for f in schema.validate(document, kind, "policy.json")]


# --- the grammar --------------------------------------------------------------------------------------------

VALID = [
    ("scp", policy({"Effect": "Allow", "Action": "*", "Resource": "*"})),  # FullAWSAccess
    ("scp", {"Statement": deny()}),  # a lone statement object, no Version
    ("scp", policy(deny(NotAction=["iam:*", "support:*"], Action=None, Resource="*"))),
    (
        "scp",
        policy(
            deny(action="bedrock:Invoke*", resource=None, NotResource="arn:aws:bedrock:*::foundation-model/amazon.*")
        ),
    ),
    ("scp", policy({"Effect": "Allow", "Action": "ec2:*Instances", "Resource": "*", "Condition": ORG})),  # since 2025
    ("rcp", policy({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})),  # RCPFullAWSAccess
    ("rcp", policy(rcp_deny(condition={"BoolIfExists": {"aws:SecureTransport": "false"}}))),
    ("rcp", {"Statement": rcp_deny(action=["s3:*Object*", "sqs:?endMessage"], resource="*", Sid="Any text is fine")}),
    ("rcp", policy(rcp_deny(resource=None, NotResource=BUCKET))),
]


@pytest.mark.parametrize(("kind", "document"), VALID)
def test_valid_organizations_policies_pass_both_validators(kind, document):
    assert schema_findings(document, kind) == []
    assert schema.is_valid(document, kind) and schema._validator(kind).is_valid(document)


INVALID = [
    # Organizations supports no principal element in an SCP; the grammar names what it does take.
    ("scp", policy(deny(Principal="*")), "SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/Principal", "allowed here: Sid"),
    ("scp", policy(deny(NotPrincipal={"AWS": "*"})), "SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/NotPrincipal", "Sid"),
    ("scp", policy({"Effect": "Deny", "Action": "s3:*"}), "SCHEMA_MISSING_ELEMENT", "/Statement/0", "Resource"),
    ("scp", {**policy(deny()), "Id": "guardrails"}, "SCHEMA_UNKNOWN_ELEMENT", "/Id", "Version, Statement"),
    ("scp", policy(deny(Effect="deny")), "SCHEMA_INVALID_EFFECT", "/Statement/0/Effect", '"Deny"'),
    # RCPs support neither NotPrincipal nor NotAction: the hint points at the element to use.
    ("rcp", policy(rcp_deny(Principal=None, NotPrincipal="*")), "SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/NotPrincipal", 'did you mean "Principal"'),
    ("rcp", policy(rcp_deny(action=None, NotAction="s3:Get*")), "SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/NotAction", 'did you mean "Action"'),
    ("rcp", policy(rcp_deny(resource=None)), "SCHEMA_MISSING_ELEMENT", "/Statement/0", "Resource"),
    ("rcp", policy(rcp_deny(Principal={"AWS": "my labeling team"})), "SCHEMA_INVALID_PRINCIPAL", "/Statement/0/Principal/AWS", ""),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "document", "code", "pointer", "hint"), INVALID)
def test_invalid_organizations_policies_get_one_grammar_finding(kind, document, code, pointer, hint):
    findings = schema.validate(document, kind, "policy.json")
    assert [(f.code, f.pointer) for f in findings] == [(code, pointer)]
    assert hint in (findings[0].hint or "")
    assert not schema.is_valid(document, kind) and not schema._validator(kind).is_valid(document)


def test_the_same_statement_is_valid_as_another_kind():
    """What the grammar refuses is specific to the kind: Principal is fine in an RCP, NotAction in an SCP."""
    assert schema_findings(policy(rcp_deny()), "rcp") == []
    assert schema_findings(policy(rcp_deny()), "scp") == [("SCHEMA_UNKNOWN_ELEMENT", "/Statement/0/Principal")]
    not_action = policy(deny(action=None, NotAction="iam:*", Resource="*"))
    assert schema_findings(not_action, "scp") == []


def test_auto_never_guesses_an_organizations_policy():
    assert infer_kind(policy(deny())) == "identity"
    assert infer_kind(policy(rcp_deny())) == "resource"


# --- the size limit -----------------------------------------------------------------------------------------


def test_organizations_size_counts_white_space_inside_strings_but_not_between_elements():
    document = {"Statement": {"Sid": "a b", "Effect": "Deny"}}
    assert organizations_size(document) == len('{"Statement":{"Sid":"a b","Effect":"Deny"}}')


@pytest.mark.parametrize("kind", ["scp", "rcp"])
def test_organizations_policies_are_limited_to_5120_characters(kind):
    statement = rcp_deny() if kind == "rcp" else deny()
    room = 5120 - organizations_size(policy(dict(statement, Sid="")))
    assert "POLICY_TOO_LARGE" not in codes(lint(policy(dict(statement, Sid="x" * room)), kind))
    too_large = with_code(lint(policy(dict(statement, Sid="x" * (room + 1))), kind), "POLICY_TOO_LARGE")
    assert len(too_large) == 1 and "5,121 characters" in too_large[0].message and "5,120" in too_large[0].message
    assert "POLICY_TOO_LARGE" not in codes(lint(policy(dict(statement, Sid="x" * (room + 1))), kind, managed=True))


# --- RCP_PRINCIPAL ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "pointer"),
    [
        ({"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"}, "/Statement/0/Principal"),
        ({"AWS": "*"}, "/Statement/0/Principal"),  # everyone, but not in the one form RCPs take
        ({"Service": "sagemaker.amazonaws.com"}, "/Statement/0/Principal"),
        (None, "/Statement/0"),  # no Principal at all
    ],
)
def test_rcp_statements_name_every_principal(principal, pointer):
    statement = rcp_deny(Principal=principal)
    found = with_code(lint(policy(statement), "rcp"), "RCP_PRINCIPAL")
    assert [f.pointer for f in found] == [pointer]
    assert '"Principal": "*"' in found[0].hint


def test_rcp_principal_star_is_fine_and_the_rule_is_only_for_rcps():
    assert "RCP_PRINCIPAL" not in codes(lint(policy(rcp_deny()), "rcp"))
    bucket_policy = policy(rcp_deny(Principal={"AWS": "111122223333"}))
    assert "RCP_PRINCIPAL" not in codes(lint(bucket_policy, "resource"))
    # NotPrincipal is the grammar's to report (with "did you mean Principal"): no second finding
    assert "RCP_PRINCIPAL" not in codes(lint(policy(rcp_deny(Principal=None, NotPrincipal="*")), "rcp"))


# --- RCP_ALLOW ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": BUCKET}, 'resources other than "*"'),
        ({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "NotResource": BUCKET}, 'resources other than "*"'),
        ({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": ORG}, "a Condition"),
    ],
)
def test_rcp_allow_statements_have_the_shape_of_rcpfullawsaccess(statement, words):
    found = with_code(lint(policy(statement), "rcp"), "RCP_ALLOW")
    assert [f.pointer for f in found] == ["/Statement/0/Effect"] and words in found[0].message


def test_rcp_allow_of_everything_without_condition_and_every_deny_pass():
    full = policy({"Effect": "Allow", "Principal": "*", "Action": ["s3:*", "sqs:*"], "Resource": "*"})
    assert "RCP_ALLOW" not in codes(lint(full, "rcp"))
    assert "RCP_ALLOW" not in codes(lint(policy(rcp_deny(condition=ORG)), "rcp"))


# --- RCP_UNSUPPORTED_ACTION ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "words"),
    [
        ("sagemaker:CreateLabelingJob", "sagemaker, which does not support RCPs"),
        ("*", 'cannot use "*"'),
        ("s3*:GetObject", "s3-object-lambda"),  # the wildcard reaches S3 Object Lambda and S3 Express too
        ("*:GetObject", "do not support RCPs"),
    ],
)
def test_rcp_actions_name_services_that_support_rcps(action, words):
    found = with_code(lint(policy(rcp_deny(action=["s3:GetObject", action])), "rcp"), "RCP_UNSUPPORTED_ACTION")
    assert [f.pointer for f in found] == ["/Statement/0/Action/1"] and words in found[0].message


@pytest.mark.parametrize(
    "action", ["s3:GetObject", "S3:getobject", "sts:AssumeRole", "kms:*", "secretsmanage?:GetSecretValue", "logs:Put*"]
)
def test_rcp_actions_of_supported_services_pass(action):
    assert "RCP_UNSUPPORTED_ACTION" not in codes(lint(policy(rcp_deny(action=action)), "rcp"))


def test_rcp_action_rule_leaves_managed_policies_unknown_services_and_other_kinds_alone():
    full = policy({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})
    assert "RCP_UNSUPPORTED_ACTION" not in codes(lint(full, "rcp", managed=True))  # RCPFullAWSAccess itself
    unknown = lint(policy(rcp_deny(action="s4:GetObject")), "rcp")
    assert "UNKNOWN_SERVICE" in codes(unknown) and "RCP_UNSUPPORTED_ACTION" not in codes(unknown)
    assert "RCP_UNSUPPORTED_ACTION" not in codes(lint(policy(deny(action="sagemaker:*")), "scp"))


def test_every_rcp_service_is_in_the_iam_catalog():
    assert RCP_SERVICES <= iamcatalog.service_prefixes()
    assert {"s3", "sts", "kms", "sqs", "secretsmanager"} <= RCP_SERVICES and "sagemaker" not in RCP_SERVICES


# --- the Deny's reach: AWS services and your own principals -------------------------------------------------

DEPUTY = {"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}
NULL_SOURCE = {"Null": {"aws:SourceAccount": "false"}}
IS_SERVICE = {"Bool": {"aws:PrincipalIsAWSService": "true"}}


def reach(condition, effect="Deny"):
    return codes(lint(policy(rcp_deny(condition=condition, Effect=effect)), "rcp")) & {
        "RCP_DENY_CATCHES_SERVICE_PRINCIPALS",
        "RCP_DENY_CATCHES_IAM_PRINCIPALS",
        "RCP_SOURCE_KEY_WITHOUT_NULL_CHECK",
    }


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        # principal keys: a service has none, so a Deny that holds without the key stops services
        (ORG, {"RCP_DENY_CATCHES_SERVICE_PRINCIPALS"}),
        ({"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}, {"RCP_DENY_CATCHES_SERVICE_PRINCIPALS"}),
        ({"StringNotEquals": {"aws:PrincipalTag/team": "labeling"}}, {"RCP_DENY_CATCHES_SERVICE_PRINCIPALS"}),
        ({"Null": {"aws:PrincipalOrgID": "true"}}, {"RCP_DENY_CATCHES_SERVICE_PRINCIPALS"}),
        ({**ORG, **NOT_A_SERVICE}, set()),  # AWS's data perimeter statement
        ({**ORG, "Bool": {"aws:PrincipalIsAWSService": False}}, set()),  # a JSON boolean reads the same
        ({**ORG, "Null": {"aws:PrincipalOrgID": "false"}}, set()),  # only requests that have the key
        ({"StringEquals": {"aws:PrincipalAccount": "444455556666"}}, set()),  # never holds without the key
        # source keys: IAM principals never have them, and some service calls do not either
        (DEPUTY, {"RCP_DENY_CATCHES_IAM_PRINCIPALS", "RCP_SOURCE_KEY_WITHOUT_NULL_CHECK"}),
        ({**DEPUTY, **IS_SERVICE}, {"RCP_SOURCE_KEY_WITHOUT_NULL_CHECK"}),
        ({**DEPUTY, **NULL_SOURCE}, set()),  # the Null check alone keeps IAM principals out as well
        ({**DEPUTY, **NULL_SOURCE, **IS_SERVICE}, set()),  # AWS's confused deputy statement
        ({"ArnNotLike": {"aws:SourceArn": "arn:aws:s3:::my-*"}, "Null": {"aws:SourceArn": "false"}}, set()),
        ({"StringEquals": {"aws:SourceAccount": "444455556666"}}, set()),
        ({"Null": {"aws:SourceAccount": "true"}}, {"RCP_DENY_CATCHES_IAM_PRINCIPALS"}),  # a deliberate presence test
        ({"Bool": {"aws:SecureTransport": "false"}}, set()),
    ],
)
def test_rcp_deny_conditions_that_reach_further_than_meant(condition, expected):
    assert reach(condition) == expected


def test_reach_warnings_are_for_rcp_deny_statements_only():
    assert reach(ORG, effect="Allow") == set()  # RCP_ALLOW says what is wrong with that one
    bucket_policy = policy(rcp_deny(condition=DEPUTY))
    assert codes(lint(bucket_policy, "resource")).isdisjoint({"RCP_DENY_CATCHES_IAM_PRINCIPALS"})


def test_reach_warning_points_at_the_condition_key_and_names_the_fix():
    [found] = with_code(lint(policy(rcp_deny(condition=ORG)), "rcp"), "RCP_DENY_CATCHES_SERVICE_PRINCIPALS")
    assert found.pointer == "/Statement/0/Condition/StringNotEqualsIfExists/aws:PrincipalOrgID"
    assert "aws:PrincipalIsAWSService" in found.hint


# --- whole documents through `iamkb check` ------------------------------------------------------------------


def test_aws_examples_of_scps_and_rcps_have_no_errors():
    """The SCP and RCP examples of the AWS Organizations user guide check clean of errors."""
    documents = [
        ("scp", policy(deny(action="ec2:RunInstances", resource="arn:aws:ec2:*:*:instance/*",
                            Condition={"StringNotEquals": {"ec2:InstanceType": "t2.micro"}}))),
        ("scp", policy(deny(action=None, NotAction=["cloudfront:*", "iam:*", "route53:*", "support:*"], resource="*",
                            Condition={"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]}}))),
        ("rcp", policy(rcp_deny(resource="*", condition={"BoolIfExists": {"aws:SecureTransport": "false"}}))),
        ("rcp", policy(rcp_deny(action=["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:*"], resource="*",
                                condition={**DEPUTY, **NULL_SOURCE, **IS_SERVICE}))),
    ]  # fmt: skip
    for kind, document in documents:
        errors = [f.code for f in check_document(document, kind) if f.finding_type.value == "ERROR"]
        assert errors == [], (kind, document)
