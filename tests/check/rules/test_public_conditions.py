"""An Allow for "Principal": "*" whose only limit, a condition on who calls, has a wildcard or variable too early."""

import pytest

from tests.check.rules.util import lint, policy, with_code

WILDCARD, VARIABLE = "PERMISSIVE_WILDCARD_FOR_ANY_PRINCIPAL", "PERMISSIVE_VARIABLE_FOR_ANY_PRINCIPAL"


def for_anyone(condition: dict, principal="*", effect="Allow") -> dict:
    return policy(
        {
            "Effect": effect,
            "Principal": principal,
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::my-labeling-output/*",
            "Condition": condition,
        }
    )


@pytest.mark.parametrize(
    ("code", "condition"),
    [
        (WILDCARD, {"StringLike": {"aws:PrincipalOrgID": "o-*"}}),
        (WILDCARD, {"StringLike": {"aws:PrincipalAccount": ["111122223333", "1111?*"]}}),
        (WILDCARD, {"ArnLike": {"aws:SourceArn": "arn:*"}}),
        (WILDCARD, {"StringLikeIfExists": {"aws:SourceAccount": "*"}}),
        (VARIABLE, {"StringEquals": {"aws:PrincipalAccount": "${aws:PrincipalAccount}"}}),
        (VARIABLE, {"StringEquals": {"aws:PrincipalOrgID": "o-${aws:PrincipalTag/org}"}}),
    ],
)
def test_a_loose_limit_on_an_allow_for_everyone_is_an_error_at_the_value(code, condition):
    (finding,) = with_code(lint(for_anyone(condition), "resource"), code)
    assert finding.finding_type.value == "ERROR" and "/Condition/" in finding.pointer


def test_the_principal_can_be_written_as_aws_star():
    document = for_anyone({"StringLike": {"aws:PrincipalOrgID": "o-*"}}, principal={"AWS": "*"})
    assert len(with_code(lint(document, "resource"), WILDCARD)) == 1


@pytest.mark.parametrize(
    ("condition", "principal", "effect"),
    [
        ({"StringLike": {"aws:PrincipalOrgID": "o-a1b2*"}}, "*", "Allow"),  # six characters fixed
        ({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/labeling-*"}}, "*", "Allow"),
        ({"StringEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}, "*", "Allow"),  # the resource's own
        ({"StringEquals": {"aws:PrincipalOrgID": "o-*"}}, "*", "Allow"),  # no wildcard under StringEquals
        ({"StringNotLike": {"aws:PrincipalOrgID": "o-*"}}, "*", "Allow"),  # negated
        ({"StringLike": {"aws:PrincipalOrgID": "o-*"}}, "*", "Deny"),  # a Deny
        ({"StringLike": {"aws:PrincipalOrgID": "o-*"}}, {"AWS": "arn:aws:iam::111122223333:root"}, "Allow"),
        ({"StringLike": {"s3:prefix": "*"}}, "*", "Allow"),  # not a key that says who calls
    ],
)
def test_fixed_enough_values_named_principals_and_other_keys_are_not_reported(condition, principal, effect):
    findings = lint(for_anyone(condition, principal, effect), "resource")
    assert with_code(findings, WILDCARD) == [] and with_code(findings, VARIABLE) == []
