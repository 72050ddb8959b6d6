"""Values AWS managed policies use despite the catalog: reported as suggestions, nothing else."""

from iamkb.check.rules.aws_deviations import KNOWN, is_known
from iamkb.core.findings import FindingType
from tests.check.rules.util import allow, lint, policy, with_code


def test_a_known_value_becomes_a_suggestion_that_keeps_the_original_message():
    (finding,) = with_code(lint(policy(allow("s3:ListObjects"))), "USED_BY_AWS_MANAGED_POLICIES")
    assert finding.finding_type is FindingType.SUGGESTION
    assert finding.extra["insteadOf"] == "UNKNOWN_ACTION"
    assert "s3:ListObjects" in finding.message and "AWS managed policies" in finding.message


def test_other_values_keep_their_code():
    found = lint(policy(allow("s3:ListObject")))
    assert with_code(found, "UNKNOWN_ACTION") and not with_code(found, "USED_BY_AWS_MANAGED_POLICIES")


def test_lookup_is_exact_and_case_insensitive():
    assert is_known("UNKNOWN_SERVICE", "EVIDENTLY")
    assert not is_known("UNKNOWN_ACTION", "evidently")  # per code
    assert all(value == value.lower() for values in KNOWN.values() for value in values)
