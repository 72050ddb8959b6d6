"""Policy documents for the grammar tests: valid ones of each kind, and one invalid document per rule.

Shared by tests/test_schema.py (the validators accept and reject them) and
tests/test_schema_findings.py (each rule's finding, code, pointer and words).
"""

from __future__ import annotations

ALLOW_S3 = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}
TRUST = {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
KEY_STATEMENT = {
    "Sid": "Allow use of the key",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/service-role/example-role"},
    "Action": ["kms:Encrypt", "kms:Decrypt"],
    "Resource": "*",
}


def policy(*statements, **top):
    return {"Version": "2012-10-17", **top, "Statement": list(statements)}


def statement(**changes):
    body = dict(ALLOW_S3)
    for key, value in changes.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


# --- documents that must pass -------------------------------------------------------------------

VALID = [
    (policy(ALLOW_S3), "identity"),
    ({"Statement": ALLOW_S3}, "identity"),  # a lone statement object, no Version
    (policy(statement(Sid="", Action=["s3:Get*", "s3:?utObject"], Resource=["arn:aws:s3:::b", "*"])), "identity"),
    (
        policy(
            statement(NotAction="iam:*", Action=None, Effect="Deny", NotResource="arn:aws:iam::*:role/x", Resource=None)
        ),
        "identity",
    ),
    (policy(statement(Action="*")), "identity"),
    (policy(statement(Resource="arn:aws:s3:::<input-bucket-name>/*")), "identity"),
    (
        policy(
            statement(
                Action="lambda:InvokeFunction",
                Resource="arn:aws:lambda:<region>:<account-id>:function:<pre-annotation-lambda-name>",
            )
        ),
        "identity",
    ),
    (policy(statement(Resource="arn:aws:s3:::home/${aws:username}/*")), "identity"),
    (policy(statement(Resource="arn:${aws:partition}:iam::${aws:PrincipalAccount}:role/x")), "identity"),
    (policy(statement(Resource="arn:aws:organizations::*:")), "identity"),  # empty resource field (AWS managed)
    (
        policy(
            statement(
                Condition={
                    "StringEquals": {"s3:prefix": ["", "home/"], "aws:ResourceTag/Team": "ml"},
                    "NumericLessThanEquals": {"s3:max-keys": 10},
                    "Bool": {"aws:SecureTransport": False},
                    "ForAllValues:StringLikeIfExists": {"aws:TagKeys": ["team-*"]},
                    "ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"},
                    "Null": {"aws:ResourceTag/Team": "false"},
                }
            )
        ),
        "identity",
    ),
    (policy(TRUST), "trust"),
    (policy(dict(TRUST, Principal={"AWS": ["111122223333", "arn:aws:iam::111122223333:root"]})), "trust"),
    (
        policy(
            dict(
                TRUST,
                Principal={"Federated": "cognito-identity.amazonaws.com"},
                Action="sts:AssumeRoleWithWebIdentity",
                Sid="",
            )
        ),
        "trust",
    ),
    (policy(KEY_STATEMENT, Id="key-default-1"), "resource"),
    (policy(dict(KEY_STATEMENT, Principal="*")), "resource"),
    (
        policy(
            dict(
                KEY_STATEMENT,
                Principal={"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
            )
        ),
        "resource",
    ),
    (ALLOW_S3, "statement"),
    (KEY_STATEMENT, "statement"),
    (TRUST, "statement"),
]

# --- one invalid document per rule ---------------------------------------------------------------

CASES = [
    # (id, document, kind, code, pointer, words the message must contain)
    (
        "policy-not-object",
        [ALLOW_S3],
        "identity",
        "SCHEMA_WRONG_TYPE",
        "",
        "the policy must be an object, but it is a list",
    ),
    (
        "missing-statement",
        {"Version": "2012-10-17"},
        "identity",
        "SCHEMA_MISSING_ELEMENT",
        "",
        "the policy has no Statement",
    ),
    ("empty-statement", policy(), "identity", "SCHEMA_EMPTY_VALUE", "/Statement", "Statement is an empty list"),
    (
        "statement-string",
        {"Statement": "Allow"},
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement",
        "must be an object or a list",
    ),
    (
        "unknown-top-key",
        policy(ALLOW_S3, Statements=[]),
        "identity",
        "SCHEMA_UNKNOWN_ELEMENT",
        "/Statements",
        'unknown element "Statements" in the policy',
    ),
    (
        "unknown-statement-key",
        policy(statement(Actions=["s3:GetObject"])),
        "identity",
        "SCHEMA_UNKNOWN_ELEMENT",
        "/Statement/0/Actions",
        'unknown element "Actions" in statement 1',
    ),
    (
        "lowercase-key",
        policy(statement(effect="Allow", Effect=None)),
        "identity",
        "SCHEMA_UNKNOWN_ELEMENT",
        "/Statement/0/effect",
        'unknown element "effect"',
    ),
    (
        "version-value",
        policy(ALLOW_S3, Version="2023-01-01"),
        "identity",
        "SCHEMA_INVALID_VERSION",
        "/Version",
        'Version "2023-01-01" is not a version of the policy language',
    ),
    (
        "version-number",
        policy(ALLOW_S3, Version=2012),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Version",
        "Version must be a string, but it is the number 2012",
    ),
    (
        "id-in-identity",
        policy(ALLOW_S3, Id="abc"),
        "identity",
        "SCHEMA_ID_IN_IDENTITY_POLICY",
        "/Id",
        "identity policies do not use",
    ),
    (
        "missing-effect",
        policy(statement(Effect=None)),
        "identity",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "statement 1 has no Effect",
    ),
    (
        "effect-case",
        policy(statement(Effect="allow")),
        "identity",
        "SCHEMA_INVALID_EFFECT",
        "/Statement/0/Effect",
        'Effect "allow" is neither "Allow" nor "Deny"',
    ),
    (
        "effect-type",
        policy(statement(Effect=True)),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement/0/Effect",
        "Effect of statement 1 must be a string, but it is true (a boolean)",
    ),
    (
        "missing-action",
        policy(statement(Action=None)),
        "identity",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "statement 1 has neither Action nor NotAction",
    ),
    (
        "action-and-notaction",
        policy(statement(NotAction="s3:PutObject")),
        "identity",
        "SCHEMA_CONFLICTING_ELEMENTS",
        "/Statement/0",
        "has both Action and NotAction",
    ),
    (
        "action-no-colon",
        policy(statement(Action="s3GetObject")),
        "identity",
        "SCHEMA_INVALID_ACTION",
        "/Statement/0/Action",
        '"s3GetObject" is not an action',
    ),
    (
        "action-space",
        policy(statement(Action=["s3:GetObject", "s3: PutObject"])),
        "identity",
        "SCHEMA_INVALID_ACTION",
        "/Statement/0/Action/1",
        '"s3: PutObject" is not an action',
    ),
    (
        "action-empty-list",
        policy(statement(Action=[])),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Action",
        "Action of statement 1 is an empty list",
    ),
    (
        "action-empty-string",
        policy(statement(Action=["s3:GetObject", ""])),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Action/1",
        "item 2 of Action of statement 1 is an empty string",
    ),
    (
        "action-object",
        policy(statement(Action={"s3": "GetObject"})),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement/0/Action",
        "must be a string or a list of strings, but it is an object",
    ),
    (
        "action-item-number",
        policy(statement(Action=["s3:GetObject", 7])),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement/0/Action/1",
        "must be a string, but it is the number 7",
    ),
    (
        "missing-resource",
        policy(statement(Resource=None)),
        "identity",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "statement 1 has neither Resource nor NotResource",
    ),
    (
        "resource-and-notresource",
        policy(statement(NotResource="*")),
        "identity",
        "SCHEMA_CONFLICTING_ELEMENTS",
        "/Statement/0",
        "has both Resource and NotResource",
    ),
    (
        "resource-empty-string",
        policy(statement(Resource="")),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Resource",
        "Resource of statement 1 is an empty string",
    ),
    (
        "resource-few-fields",
        policy(statement(Resource="arn:aws:s3:bucket")),
        "identity",
        "SCHEMA_INVALID_RESOURCE",
        "/Statement/0/Resource",
        '"arn:aws:s3:bucket" is not "*" or an ARN',
    ),
    (
        "resource-not-arn",
        policy(statement(Resource=["*", "my-bucket"])),
        "identity",
        "SCHEMA_INVALID_RESOURCE",
        "/Statement/0/Resource/1",
        '"my-bucket" is not "*" or an ARN',
    ),
    (
        "sid-characters",
        policy(statement(Sid="Allow S3-read")),
        "identity",
        "SCHEMA_INVALID_SID",
        "/Statement/0/Sid",
        'Sid "Allow S3-read" has characters IAM does not allow',
    ),
    (
        "sid-number",
        policy(statement(Sid=1)),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement/0/Sid",
        "Sid of statement 1 must be a string",
    ),
    (
        "principal-in-identity",
        policy(ALLOW_S3, dict(TRUST, Resource="*")),
        "identity",
        "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY",
        "/Statement/1/Principal",
        "statement 2 has Principal, but identity policies cannot name principals",
    ),
    (
        "notprincipal-in-identity",
        policy(statement(NotPrincipal={"AWS": "111122223333"})),
        "identity",
        "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY",
        "/Statement/0/NotPrincipal",
        "has NotPrincipal",
    ),
    (
        "principal-missing-resource-policy",
        policy(ALLOW_S3),
        "resource",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "statement 1 has neither Principal nor NotPrincipal",
    ),
    (
        "principal-missing-trust",
        policy({"Effect": "Allow", "Action": "sts:AssumeRole"}),
        "trust",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "has neither Principal nor NotPrincipal",
    ),
    (
        "principal-and-notprincipal",
        policy(dict(KEY_STATEMENT, NotPrincipal={"AWS": "111122223333"})),
        "resource",
        "SCHEMA_CONFLICTING_ELEMENTS",
        "/Statement/0",
        "has both Principal and NotPrincipal",
    ),
    (
        "principal-string",
        policy(dict(KEY_STATEMENT, Principal="arn:aws:iam::111122223333:root")),
        "resource",
        "SCHEMA_INVALID_PRINCIPAL",
        "/Statement/0/Principal",
        'is neither "*" nor an object',
    ),
    (
        "principal-type-key",
        policy(dict(TRUST, Principal={"Services": "ec2.amazonaws.com"})),
        "trust",
        "SCHEMA_INVALID_PRINCIPAL",
        "/Statement/0/Principal/Services",
        'unknown principal type "Services"',
    ),
    (
        "principal-empty-object",
        policy(dict(TRUST, Principal={})),
        "trust",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Principal",
        "Principal of statement 1 is an empty object",
    ),
    (
        "principal-aws-value",
        policy(dict(KEY_STATEMENT, Principal={"AWS": "my-role"})),
        "resource",
        "SCHEMA_INVALID_PRINCIPAL",
        "/Statement/0/Principal/AWS",
        '"my-role" is not an AWS principal',
    ),
    (
        "principal-service-value",
        policy(dict(TRUST, Principal={"Service": ["sagemaker amazonaws"]})),
        "trust",
        "SCHEMA_INVALID_PRINCIPAL",
        "/Statement/0/Principal/Service/0",
        "is not a service principal name",
    ),
    (
        "resource-in-trust",
        policy(dict(TRUST, Resource="*")),
        "trust",
        "SCHEMA_RESOURCE_IN_TRUST_POLICY",
        "/Statement/0/Resource",
        "a role trust policy cannot name resources",
    ),
    (
        "missing-resource-in-resource-policy",
        policy({k: v for k, v in KEY_STATEMENT.items() if k != "Resource"}),
        "resource",
        "SCHEMA_MISSING_ELEMENT",
        "/Statement/0",
        "neither Resource nor NotResource",
    ),
    (
        "condition-operator",
        policy(statement(Condition={"StringEqual": {"aws:SourceAccount": "111122223333"}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_OPERATOR",
        "/Statement/0/Condition/StringEqual",
        'unknown condition operator "StringEqual"',
    ),
    (
        "condition-set-prefix",
        policy(statement(Condition={"ForEachValue:StringLike": {"aws:TagKeys": "a*"}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_OPERATOR",
        "/Statement/0/Condition/ForEachValue:StringLike",
        'unknown set operator prefix in "ForEachValue:StringLike"',
    ),
    (
        "null-if-exists",
        policy(statement(Condition={"NullIfExists": {"aws:TokenIssueTime": "true"}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_OPERATOR",
        "/Statement/0/Condition/NullIfExists",
        'unknown condition operator "NullIfExists"',
    ),
    (
        "condition-empty",
        policy(statement(Condition={})),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Condition",
        "Condition of statement 1 is an empty object",
    ),
    (
        "condition-block-list",
        policy(statement(Condition={"StringEquals": ["aws:SourceAccount"]})),
        "identity",
        "SCHEMA_WRONG_TYPE",
        "/Statement/0/Condition/StringEquals",
        "condition operator StringEquals must be an object",
    ),
    (
        "condition-value-null",
        policy(statement(Condition={"StringEquals": {"aws:SourceAccount": None}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_VALUE",
        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
        "condition key aws:SourceAccount must be a string, a number, a boolean or a list",
    ),
    (
        "condition-value-object",
        policy(statement(Condition={"StringEquals": {"aws:SourceAccount": ["1", {}]}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_VALUE",
        "/Statement/0/Condition/StringEquals/aws:SourceAccount/1",
        "must be a string, a number or a boolean, but it is an object",
    ),
    (
        "condition-value-empty-list",
        policy(statement(Condition={"StringEquals": {"aws:SourceAccount": []}})),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Condition/StringEquals/aws:SourceAccount",
        "is an empty list",
    ),
    (
        "condition-key-empty",
        policy(statement(Condition={"StringEquals": {"": "x"}})),
        "identity",
        "SCHEMA_EMPTY_VALUE",
        "/Statement/0/Condition/StringEquals/",
        "condition key that is an empty string",
    ),
    (
        "condition-key-slash",
        policy(statement(Condition={"StringEquals": {"aws:ResourceTag/team": {"a": 1}}})),
        "identity",
        "SCHEMA_INVALID_CONDITION_VALUE",
        "/Statement/0/Condition/StringEquals/aws:ResourceTag~1team",
        "condition key aws:ResourceTag/team",
    ),
    ("statement-kind-not-object", [ALLOW_S3], "statement", "SCHEMA_WRONG_TYPE", "", "the statement must be an object"),
    (
        "statement-kind-missing-effect",
        {"Action": "s3:GetObject", "Resource": "*"},
        "statement",
        "SCHEMA_MISSING_ELEMENT",
        "",
        "the statement has no Effect",
    ),
]
