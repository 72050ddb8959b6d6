"""Unknown services, actions, wildcards and condition keys."""

from tests.check.rules.util import allow, lint, policy, with_code


def test_unknown_service_is_reported_with_a_suggestion():
    (finding,) = with_code(lint(policy(allow("sagemker:CreateLabelingJob"))), "UNKNOWN_SERVICE")
    assert finding.pointer == "/Statement/0/Action"
    assert "'sagemaker'" in finding.message and finding.hint


def test_known_service_is_not_reported():
    assert not with_code(lint(policy(allow(["sagemaker:CreateLabelingJob", "s3:*"]))), "UNKNOWN_SERVICE")


def test_unknown_action_points_at_the_element_and_suggests():
    (finding,) = with_code(lint(policy(allow(["s3:GetObject", "s3:GetObjcet"]))), "UNKNOWN_ACTION")
    assert finding.pointer == "/Statement/0/Action/1"
    assert "s3:GetObject" in finding.message


def test_action_names_are_case_insensitive():
    assert not with_code(lint(policy(allow("S3:getobject"))), "UNKNOWN_ACTION")


def test_wildcard_matching_nothing():
    (finding,) = with_code(lint(policy(allow("s3:Fly*"))), "WILDCARD_MATCHES_NO_ACTION")
    assert finding.pointer == "/Statement/0/Action"
    assert not with_code(lint(policy(allow("s3:Get*"))), "WILDCARD_MATCHES_NO_ACTION")


def test_unknown_condition_keys():
    statement = allow(
        "s3:GetObject",
        "arn:aws:s3:::b/*",
        Condition={"StringEquals": {"aws:SourceAcount": "111122223333", "s3:NoSuchKey": "x", "nosuch:Key": "x"}},
    )
    found = with_code(lint(policy(statement)), "UNKNOWN_CONDITION_KEY")
    assert [f.pointer.rsplit("/", 1)[1] for f in found] == ["aws:SourceAcount", "s3:NoSuchKey", "nosuch:Key"]
    assert "aws:SourceAccount" in found[0].message


def test_known_global_service_and_identity_provider_keys_pass():
    statement = allow(
        "s3:GetObject",
        "arn:aws:s3:::b/*",
        Condition={
            "StringEquals": {
                "aws:sourceaccount": "111122223333",
                "aws:PrincipalTag/team": "ml",
                "s3:ExistingObjectTag/project": "gt",
                "token.actions.githubusercontent.com:sub": "x",
            }
        },
    )
    assert not with_code(lint(policy(statement)), "UNKNOWN_CONDITION_KEY")


def test_condition_key_not_supported_by_the_statements_actions():
    statement = allow("s3:GetObject", "arn:aws:s3:::b/*", Condition={"StringEquals": {"iam:PassedToService": "x"}})
    (finding,) = with_code(lint(policy(statement)), "CONDITION_KEY_NOT_SUPPORTED")
    assert finding.pointer == "/Statement/0/Condition/StringEquals/iam:PassedToService"
    assert finding.finding_type.value == "ERROR"  # Access Analyzer's "Unsupported action for condition key"


def test_condition_key_supported_by_an_action_or_unresolvable_statement_passes():
    passrole = allow("iam:PassRole", Condition={"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})
    everything = allow("*", Condition={"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}})
    assert not with_code(lint(policy(passrole, everything)), "CONDITION_KEY_NOT_SUPPORTED")


def test_action_shapes_the_schema_reports_are_not_reported_again():
    found = lint(policy(allow(["*:Get*", "s3:Get Object", "s3"])))
    assert not with_code(found, "UNKNOWN_SERVICE") and not with_code(found, "UNKNOWN_ACTION")
