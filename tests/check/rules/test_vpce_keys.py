"""Conditions on aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths with actions of services that do not support
them (CONDITION_KEY_UNSUPPORTED_BY_SERVICE), and the table of supporting services they are held to."""

import re

import pytest

from iamkb.check.rules.vpce_keys import supported
from iamkb.core import iamcatalog
from tests.check.rules.util import allow, lint, policy, with_code

CODE = "CONDITION_KEY_UNSUPPORTED_BY_SERVICE"
ORG = {"StringNotEqualsIfExists": {"aws:VpceOrgID": "o-a1b2c3d4e5"}}
ACCOUNT = {"StringEquals": {"aws:VpceAccount": "111122223333"}}
PATHS = {"ForAnyValue:StringLike": {"aws:VpceOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}


def deny(condition: dict, action="s3:GetObject", element="Action") -> dict:
    return {"Effect": "Deny", element: action, "Resource": "*", "Condition": condition}


def found(*statements: dict) -> list:
    return with_code(lint(policy(*statements)), CODE)


def test_the_table_holds_the_three_keys_with_catalog_services_and_its_source():
    table = supported()
    assert set(table) == {"aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths"}
    for lowered, support in table.items():
        assert support.key.lower() == lowered and iamcatalog.global_condition_key(support.key)
        assert support.services <= iamcatalog.service_prefixes(), support.services - iamcatalog.service_prefixes()
        assert support.except_actions == ("iam:PassRole",)
        anchor = "#condition-keys-" + lowered.removeprefix("aws:")
        assert support.url.endswith("reference_policies_condition-keys.html" + anchor)
    # As the page lists them: aws:VpceOrgID has the most services, sqs among them, and the others not.
    assert len(table["aws:vpceorgid"].services) == 52
    assert len(table["aws:vpceaccount"].services) == len(table["aws:vpceorgpaths"].services) == 39
    assert table["aws:vpceaccount"].services < table["aws:vpceorgid"].services
    assert "sqs" in table["aws:vpceorgid"].services and "sqs" not in table["aws:vpceaccount"].services


@pytest.mark.parametrize(
    "statement",
    [
        deny(ORG),
        deny(ORG, ["s3:*", "kms:*"]),  # AWS's own example of the key
        deny(ORG, "sqs:SendMessage"),
        deny(PATHS, ["iam:CreateRole", "s3:PutObject"]),
        allow("s3:GetObject", Condition=ACCOUNT),
        deny({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d5e6f7a8b9"}}, "sns:Publish"),  # another key
        deny(ORG, "nosuchservice:Get"),  # an unknown service is another check's finding
    ],
)
def test_a_key_with_its_supported_services_only_is_not_reported(statement):
    assert found(statement) == []


def test_a_service_the_key_does_not_list_is_named():
    (finding,) = found(deny(ACCOUNT, ["s3:GetObject", "sqs:SendMessage"]))
    assert finding.finding_type.value == "WARNING"
    assert finding.pointer == "/Statement/0/Condition/StringEquals/aws:VpceAccount"
    assert "the service sqs," in finding.message and "s3" not in finding.message
    assert finding.learn_more.endswith("#condition-keys-vpceorgid")
    assert "#condition-keys-vpceaccount" in finding.hint


@pytest.mark.parametrize(
    "condition",
    [
        {"StringEquals": {"aws:vpceorgid": "o-a1b2c3d4e5"}},
        {"ForAllValues:StringNotLikeIfExists": {"AWS:VPCEORGPATHS": "o-a1b2c3d4e5/*"}},
        {"Null": {"aws:VpceAccount": "false"}},
    ],
)
def test_any_operator_qualifier_and_case_of_the_key_counts(condition):
    (finding,) = found(deny(condition, ["s3:GetObject", "ec2:DescribeInstances"]))
    assert "the service ec2," in finding.message


def test_one_finding_per_statement_and_key():
    condition = {"StringEquals": {"aws:VpceOrgID": "o-a1b2c3d4e5"}, "StringNotEquals": {"aws:VpceOrgID": "o-0"}}
    assert len(found(deny(condition, "sns:Publish"))) == 1
    both = found(deny({"StringEquals": {**ACCOUNT["StringEquals"], **ORG["StringNotEqualsIfExists"]}}, "sqs:*"))
    assert [f.pointer.rsplit("/", 1)[1] for f in both] == ["aws:VpceAccount"]  # sqs supports aws:VpceOrgID


def test_a_wildcard_action_is_expanded_against_the_catalog():
    (finding,) = found(deny(ORG, "s3:Get*"), deny(ORG, "sns:Get*"))
    assert finding.pointer.startswith("/Statement/1/") and "the service sns," in finding.message


@pytest.mark.parametrize("action", ["iam:PassRole", "iam:*", "iam:Pass*"])
def test_iam_pass_role_is_excepted_from_iam(action):
    (finding,) = found(deny(ORG, action))
    assert "the action iam:PassRole," in finding.message and "service" not in finding.message


def test_action_star_is_every_other_service():
    (finding,) = found(allow("*", Condition=ACCOUNT))
    assert finding.message.startswith('"Action": "*" takes every service: all but the 39 that AWS lists')
    unsupported = len(iamcatalog.service_prefixes()) - 39
    assert re.search(rf"and {unsupported - 5} more and the action iam:PassRole\)", finding.message)


def test_not_action_reaches_every_service_it_does_not_list():
    (finding,) = found(deny(ORG, ["s3:*"], element="NotAction"))
    assert finding.message.startswith("The actions this NotAction leaves include the services ")
    assert "iam:PassRole" in finding.message
    unsupported = len(iamcatalog.service_prefixes() - supported()["aws:vpceorgid"].services)
    assert f"and {unsupported - 5} more" in finding.message


def test_a_statement_without_effect_or_actions_is_left_to_the_schema():
    assert found({"Action": "sns:Publish", "Resource": "*", "Condition": ORG}) == []
    assert found({"Effect": "Deny", "Resource": "*", "Condition": ORG}) == []
