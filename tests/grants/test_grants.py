import pytest

from iamkb.core.errors import UsageError
from iamkb.core.policy import catalog_actions
from iamkb.grants import ACCESS_LEVELS, expand_actions, grants, inapplicable_resources, statements
from iamkb.render import render


def names(actions):
    return {a.full_name for a in actions}


def test_wildcards_expand_against_the_catalog():
    reencrypt = names(catalog_actions("kms:ReEncrypt*"))
    assert reencrypt == {"kms:ReEncryptFrom", "kms:ReEncryptTo"}
    assert names(catalog_actions("KMS:reencrypt*")) == reencrypt  # case-insensitive like IAM
    sagemaker = catalog_actions("sagemaker:*")
    assert len(sagemaker) > 300 and all(a.service == "sagemaker" for a in sagemaker)
    assert "sagemaker:CreateLabelingJob" in names(sagemaker)


def test_a_wildcard_in_the_service_part_spans_services():
    found = names(catalog_actions("*:ListFunctions"))
    assert "lambda:ListFunctions" in found
    assert all(n.endswith(":ListFunctions") for n in found)


def test_not_action_is_everything_else():
    everything = expand_actions(("*",)).actions
    rest = expand_actions(("s3:*", "iam:*"), negated=True).actions
    assert len(rest) == len(everything) - len(catalog_actions("s3:*")) - len(catalog_actions("iam:*"))
    assert not any(a.service in ("s3", "iam") for a in rest)


def test_unknown_actions_are_kept_and_named():
    expansion = expand_actions(("s3:GetObject", "s3:GetObjekt", "nosuchservice:Do"))
    assert names(expansion.actions) == {"s3:GetObject"}
    assert expansion.unknown == ("s3:GetObjekt", "nosuchservice:Do")


def test_grants_groups_by_service_and_access_level():
    result = grants(render("built-in-task-types", use_examples=True).document(), "built-in-task-types")
    assert [g.statement.pointer for g in result.statements] == ["/Statement/0", "/Statement/1"]
    assert result.statements[0].by_service() == {
        "s3": {
            "List": [a for a in result.statements[0].expansion.actions if a.name == "ListBucket"],
            "Read": [a for a in result.statements[0].expansion.actions if a.name == "GetBucketLocation"],
        }
    }
    data = result.to_json()
    assert data["allowedActionCount"] == 4
    assert data["statements"][1]["services"] == {"s3": {"Read": ["GetObject"], "Write": ["PutObject"]}}
    assert data["statements"][1]["resources"] == [
        "arn:aws:s3:::my-labeling-input/*",
        "arn:aws:s3:::my-labeling-output/*",
    ]


def test_levels_come_in_the_catalogs_order():
    result = grants(render("ground-truth-console").document(), "ground-truth-console")
    levels = list(result.statements[0].by_service()["sagemaker"])
    assert levels == sorted(levels, key=lambda level: ACCESS_LEVELS.index(level.split(",")[0]))


def test_conditions_and_deny_are_reported():
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "iam:PassRole",
                "Resource": "*",
                "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}},
            },
            {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"},
        ],
    }
    result = grants(policy, "p")
    assert (
        str(result.statements[0].statement.conditions[0])
        == "StringEquals iam:PassedToService = sagemaker.amazonaws.com"
    )
    assert [g.statement.sid for g in result.denies] == ["NoDelete"]
    assert "s3:DeleteObject" in names(result.denies[0].expansion.actions)
    assert "s3:DeleteObject" not in result.allowed_actions()


def test_resources_an_action_cannot_use_are_flagged():
    policy = {
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "*"],
    }
    (statement,) = statements(policy, "p")
    by_name = {a.name: a for a in expand_actions(statement.action_texts).actions}
    assert inapplicable_resources(by_name["GetObject"], statement) == ["arn:aws:s3:::bucket"]
    # a bucket name has no "/", so even a wildcard after the slash names objects, never a bucket
    assert inapplicable_resources(by_name["ListBucket"], statement) == ["arn:aws:s3:::bucket/*"]


def test_an_action_without_resource_types_may_use_any_resource():
    # The catalog lists no resource type for s3:ListAllMyBuckets, yet AWS's own policies grant it on
    # "arn:aws:s3:::*": a missing type is a gap in the catalog, not proof that only "*" works.
    (statement,) = statements({"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"}, "p")
    (action,) = expand_actions(statement.action_texts).actions
    assert not action.resource_types
    assert inapplicable_resources(action, statement) == []


def test_grants_and_the_lint_agree_on_which_resources_an_action_can_use():
    """One answer to "can this action use this ARN": what grants lists is what the lint reports."""
    from iamkb.check.rules import lint_document

    arns = [
        "arn:aws:s3:::bucket",
        "arn:aws:s3:::bucket/*",
        "arn:aws:s3:us-east-1::bucket",
        "arn:aws:lambda:us-east-1:111122223333:function:f",
        "arn:aws:ec2:*:*:volume/*",
        "arn:aws:ec2:us-east-1:111122223333:volume/v",
        "arn:aws:eks:*:*:cluster/c",
    ]
    for action_name in ("s3:GetObject", "s3:ListBucket", "lambda:InvokeFunction", "ec2:StartInstances"):
        for arn in arns:
            statement = {"Effect": "Allow", "Action": action_name, "Resource": arn}
            (parsed,) = statements(statement, "p")
            (action,) = expand_actions(parsed.action_texts).actions
            linted = {
                f.code for f in lint_document({"Version": "2012-10-17", "Statement": [statement]}, "identity", "p")
            }
            flagged = bool(
                linted
                & {
                    "ACTION_MATCHES_NO_RESOURCE",
                    "RESOURCE_MATCHES_NO_ACTION",
                    "ARN_REGION_MISMATCH",
                    "ARN_ACCOUNT_MISMATCH",
                }
            )
            assert bool(inapplicable_resources(action, parsed)) == flagged, (action_name, arn, linted)


def test_not_resource_lists_nothing_inapplicable():
    (statement,) = statements({"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::bucket"}, "p")
    (action,) = expand_actions(statement.action_texts).actions
    assert inapplicable_resources(action, statement) == []


def test_a_lone_statement_and_a_statement_object_are_policies():
    assert len(statements({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, "s")) == 1
    (single,) = statements({"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}, "p")
    assert single.pointer == "/Statement" and single.effect == "Deny"


@pytest.mark.parametrize(
    "document, where",
    [
        ([], "p.json at /: a policy must be a JSON object, got an array"),
        ({"Version": "2012-10-17"}, "neither Statement nor Effect"),
        ({"Statement": [{"Effect": "Maybe", "Action": "*"}]}, "/Statement/0/Effect"),
        ({"Statement": [{"Effect": "Allow", "Action": 3}]}, "/Statement/0/Action"),
        (
            {"Statement": [{"Effect": "Allow", "Resource": "*"}]},
            "/Statement/0: the statement needs Action or NotAction",
        ),
        (
            {"Statement": [{"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"aws:x": {}}}}]},
            "/Statement/0/Condition/Bool/aws:x",
        ),
    ],
)
def test_shape_errors_name_the_pointer(document, where):
    with pytest.raises(UsageError, match=where):
        statements(document, "p.json")


def test_boolean_condition_values_read_as_json():
    (statement,) = statements(
        {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": False}}}, "p"
    )
    assert statement.conditions[0].texts == ("false",)
    assert str(statement.conditions[0]) == "Bool aws:SecureTransport = false"


def test_shape_errors_name_the_file_and_pointer_and_send_the_user_to_check():
    with pytest.raises(UsageError) as caught:
        statements({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Conditions": {}}]}, "p.json")
    first, hint = str(caught.value).split("\n")
    assert first == 'p.json at /Statement/0/Conditions: unknown statement element "Conditions"'
    assert hint.startswith("hint: statement elements are Sid") and hint.endswith("; run iamkb check p.json")


def test_grants_reads_the_core_statement_model():
    from iamkb.core.enums import Effect
    from iamkb.core.policy import ConditionEntry, Statement

    (statement,) = statements(
        {
            "Version": "2008-10-17",
            "Statement": {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::${aws:username}",
                "Condition": {"StringEquals": {"s3:prefix": "a"}},
            },
        },
        "p",
    )
    assert isinstance(statement, Statement) and statement.effect is Effect.ALLOW
    assert isinstance(statement.conditions[0], ConditionEntry)
    assert not statement.variables  # ${...} is literal text in the 2008 language
    report = grants({"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}, "p").to_json()
    assert report["statements"][0]["effect"] == "Deny" and report["statements"][0]["actionsAsWritten"] == [
        "s3:DeleteObject"
    ]
