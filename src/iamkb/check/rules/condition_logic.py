"""How the entries of a Condition block read as logic: a key written twice in one operator block,
values another value already covers, a `*` that turns a test into "always", "never" or a
presence test, and Null under a set qualifier.

None of these changes what a policy may do by mistake of syntax, which is why most are
suggestions: the condition does exactly what it says, only not in the words meant. They are IAM
Access Analyzer's checks of the same names
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), with
its finding types. What a `*` makes of a test follows the simulator's (and AWS's) reading of a
missing key: see `ConditionOperator.holds_without_key`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from iamkb.check.example import LIST_IMAGES, TRUST_POLICY, mistake, policy
from iamkb.check.rules.condition_values import value_texts
from iamkb.check.rules.context import LintContext
from iamkb.core.codes import define
from iamkb.core.conditions import (
    ConditionOperator,
    Family,
    find_operator,
    parse_base64,
    parse_bool,
    parse_date,
    parse_network,
    parse_number,
)
from iamkb.core.findings import Finding, FindingType
from iamkb.core.patterns import Pattern, compile_pattern, includes
from iamkb.core.policy import ConditionEntry, Statement
from iamkb.core.variables import GLOB, tokenize

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-"
E, G = FindingType.ERROR, FindingType.SUGGESTION

define(
    "CONDITION_KEY_CASE_DUPLICATE",
    E,
    "Condition key written twice in one operator block",
    "Condition key names are case-insensitive, so `aws:SourceAccount` and `aws:sourceaccount` under the same "
    "operator are one key written twice, and only one of the two tests is kept when IAM reads the block. Access "
    'Analyzer reports it as an error ("Duplicate keys with different case"); merge the values into one entry.',
    _CHECKS + "error-duplicate-keys-with-different-case",
)
define(
    "REDUNDANT_CONDITION_VALUE",
    G,
    "Condition value that another value already covers",
    "A key's values are alternatives, so a value that another one already covers adds nothing: the same value "
    "twice, `images/batch-1/*` beside `images/*` under StringLike, `10.1.0.0/16` beside `10.0.0.0/8`, or "
    "NumericLessThan 2700 beside 3600. Removing it leaves the condition as it is. Access Analyzer makes the numeric "
    'case a suggestion ("Redundant condition value num"); iamkb extends it to every operator.',
    _CHECKS + "suggestion-redundant-condition-value-num",
)
define(
    "WILDCARD_CONDITION_ALWAYS_TRUE",
    G,
    "Condition key that a '*' value always matches",
    "With a `*` value, `...IfExists` and `ForAllValues:` forms of StringLike and ArnLike hold for every request, "
    'with the key or without it, so the key tests nothing. Access Analyzer suggests removing it ("Redundant key '
    'due to wildcard in condition").',
    _CHECKS + "suggestion-redundant-key-due-to-wildcard-in-condition",
)
define(
    "WILDCARD_CONDITION_NEVER_TRUE",
    G,
    "Condition key that a '*' value never lets match",
    "`ForAnyValue:StringNotLike` (or ArnNotLike) with a `*` value asks for a request value that matches nothing, "
    'so it never holds and the statement never applies. Access Analyzer suggests removing it ("Redundant '
    'statement due to wildcard in condition").',
    _CHECKS + "suggestion-redundant-statement-due-to-wildcard-in-condition",
)
define(
    "WILDCARD_CONDITION_IS_NULL_CHECK",
    G,
    "StringLike '*' that only tests whether a key is present",
    'StringLike (or ArnLike) with the value `*` holds exactly when the key is in the request, so it is `"Null": '
    'false` in other words; the negated forms are `"Null": true`. Access Analyzer suggests writing the Null '
    'test, which says what the condition does ("Equivalent to null false", "Equivalent to null true").',
    _CHECKS + "suggestion-equivalent-to-null-false",
)
define(
    "NULL_WITH_SET_OPERATOR",
    G,
    "Null with ForAllValues or ForAnyValue",
    "`ForAllValues:Null` always holds and `ForAnyValue:Null` never does, whatever the request has, so neither "
    'tests the key. Access Analyzer suggests not using them ("Null with qualifier"); write plain `Null` to test '
    "whether the key is present.",
    _CHECKS + "suggestion-null-with-qualifier",
)

_PROJECT_JOBS = policy("""\
    {
      "Sid": "DescribeOnlyProjectJobs",
      "Effect": "Allow",
      "Action": "sagemaker:DescribeLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"Null": {"aws:ResourceTag/project": "false"}}
    }""")
_TAGGED_JOBS = policy("""\
    {
      "Sid": "CreateJobsWithTheProjectTagsOnly",
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": ["project", "cost-center"]}}
    }""")
_NO_OTHER_TAGS = policy("""\
    {
      "Sid": "DenyJobsWithOtherTags",
      "Effect": "Deny",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "*",
      "Condition": {"ForAnyValue:StringNotLike": {"aws:TagKeys": ["project", "cost-center"]}}
    }""")
_UNTAGGED = policy("""\
    {
      "Sid": "DenyJobsWithoutTags",
      "Effect": "Deny",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "*",
      "Condition": {"Null": {"aws:TagKeys": "true"}}
    }""")
EXAMPLES = {
    "CONDITION_KEY_CASE_DUPLICATE": mistake(
        "trust", TRUST_POLICY, '"111122223333"}', '"111122223333", "aws:sourceAccount": "444455556666"}'
    ),
    "REDUNDANT_CONDITION_VALUE": mistake("identity", LIST_IMAGES, '"images/*"', '["images/*", "images/batch-1/*"]'),
    "WILDCARD_CONDITION_ALWAYS_TRUE": mistake("identity", _TAGGED_JOBS, '["project", "cost-center"]', '"*"'),
    "WILDCARD_CONDITION_NEVER_TRUE": mistake("identity", _NO_OTHER_TAGS, '["project", "cost-center"]', '"*"'),
    "WILDCARD_CONDITION_IS_NULL_CHECK": mistake(
        "identity",
        _PROJECT_JOBS,
        '"Null": {"aws:ResourceTag/project": "false"}',
        '"StringLike": {"aws:ResourceTag/project": "*"}',
    ),
    "NULL_WITH_SET_OPERATOR": mistake("identity", _UNTAGGED, '"Null"', '"ForAnyValue:Null"'),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for statement in ctx.statements:
        yield from _case_duplicates(ctx, statement)
        for entry in statement.conditions:
            operator = find_operator(entry.operator)
            if operator is None:
                continue  # the schema reports names AWS rejects
            if operator.family is Family.NULL and operator.qualifier:
                yield _null_with_set_operator(ctx, entry, operator)
            elif operator.base.wildcards and _star_value(entry, statement.variables):
                yield _star(ctx, entry, operator)
                continue  # the other values are beside the point
            yield from _redundant_values(ctx, entry, operator, statement.variables)


def _case_duplicates(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    first: dict[tuple[str, str], str] = {}
    for entry in statement.conditions:
        seen = first.setdefault((entry.operator, entry.key.lower()), entry.key)
        if seen != entry.key:
            yield ctx.finding(
                "CONDITION_KEY_CASE_DUPLICATE",
                f"'{entry.key}' and '{seen}' are one condition key (names ignore case), written twice under "
                f"'{entry.operator}'.",
                entry.pointer,
                f"Merge the two into one '{seen}' entry with all the values.",
            )


def _null_with_set_operator(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Finding:
    always = "always holds" if operator.holds_without_key else "never holds"
    return ctx.finding(
        "NULL_WITH_SET_OPERATOR",
        f"'{entry.operator}' {always}, whatever the request has, so it does not test '{entry.key}'.",
        entry.pointer,
        "Write plain 'Null' to test whether the key is in the request.",
    )


# --- a '*' value --------------------------------------------------------------------------------


def _star_value(entry: ConditionEntry, variables: bool) -> bool:
    """Whether a value is nothing but `*` wildcards, which match every string."""
    for text, _ in value_texts(entry):
        tokens = tokenize(text, variables)
        if len(tokens) == 1 and tokens[0].kind == GLOB and text and set(text) == {"*"}:
            return True
    return False


def _star(ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator) -> Finding:
    """Every request value matches `*`: a positive operator holds when the key has a value, a negated one
    never does, and without a value the operator answers `holds_without_key`."""
    if operator.holds_without_key and not operator.negated:
        return ctx.finding(
            "WILDCARD_CONDITION_ALWAYS_TRUE",
            f"'{entry.operator}' with '*' holds for every request, with '{entry.key}' or without it.",
            entry.pointer,
            "Remove the key from the condition (nothing changes), or write the values you mean instead of '*'.",
        )
    if operator.negated and not operator.holds_without_key:
        return ctx.finding(
            "WILDCARD_CONDITION_NEVER_TRUE",
            f"'{entry.operator}' with '*' asks for a value of '{entry.key}' that matches nothing, so it never holds "
            "and the statement never applies.",
            entry.pointer,
            "Write the values the key must not match instead of '*', or remove the statement.",
        )
    present = not operator.negated
    return ctx.finding(
        "WILDCARD_CONDITION_IS_NULL_CHECK",
        f"'{entry.operator}' with '*' only tests that '{entry.key}' is {'in' if present else 'missing from'} the "
        "request.",
        entry.pointer,
        f'Write "Null": {{"{entry.key}": "{"false" if present else "true"}"}}, which says so.',
    )


# --- values another value covers ----------------------------------------------------------------


def _redundant_values(
    ctx: LintContext, entry: ConditionEntry, operator: ConditionOperator, variables: bool
) -> Iterator[Finding]:
    texts = value_texts(entry)
    if len(texts) < 2:
        return
    for index, cover, why in _covered(texts, operator, variables):
        text, at = texts[index]
        yield ctx.finding(
            "REDUNDANT_CONDITION_VALUE",
            f"'{text}' adds nothing to '{entry.key}': {why.format(other=texts[cover][0])}.",
            at,
            "Remove the value; the condition stays the same.",
        )


def _covered(
    texts: list[tuple[str, str]], operator: ConditionOperator, variables: bool
) -> Iterator[tuple[int, int, str]]:
    """(index, index of the value that covers it, why) for each redundant value."""
    family, base = operator.family, operator.base
    values = [text for text, _ in texts]
    if family in (Family.STRING, Family.ARN):
        if base.wildcards:
            yield from _covered_patterns(values, family is Family.ARN, variables)
        else:
            fold = str.casefold if base.ignore_case else str
            yield from _duplicates([fold(v) for v in values])
    elif family in (Family.NUMERIC, Family.DATE):
        read = parse_number if family is Family.NUMERIC else parse_date
        parsed = [read(v) for v in values]
        if None in parsed:
            return  # values.TYPE_CODES reports it
        if base.comparison.ordered:
            yield from _looser_bounds(parsed, base.comparison.is_upper_bound)  # type: ignore[arg-type]
        else:
            yield from _duplicates(parsed)
    elif family in (Family.BOOL, Family.NULL):
        parsed_bools = [parse_bool(v) for v in values]
        if None not in parsed_bools and len(set(parsed_bools)) == 1:  # both true and false: CONDITION_MULTIPLE_BOOLEANS
            yield from _duplicates(parsed_bools)
    elif family is Family.BINARY:
        yield from _duplicates([parse_base64(v) for v in values])
    elif family is Family.IP_ADDRESS:
        yield from _covered_networks(values)


def _duplicates(keys: Sequence[Any]) -> Iterator[tuple[int, int, str]]:
    first: dict[Any, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            yield index, first[key], "'{other}' is the same value"
        else:
            first[key] = index


def _looser_bounds(bounds: list[float], upper: bool) -> Iterator[tuple[int, int, str]]:
    loosest = max(bounds) if upper else min(bounds)
    keep = bounds.index(loosest)
    side = "greatest" if upper else "least"
    for index, bound in enumerate(bounds):
        if index == keep:
            continue
        if bound == loosest:
            yield index, keep, "'{other}' is the same bound"
        else:
            yield index, keep, "the values are alternatives, and '{other}', the " + side + ", already allows more"


def _covered_patterns(values: list[str], arn: bool, variables: bool) -> Iterator[tuple[int, int, str]]:
    patterns = [compile_pattern(v, arn=None if arn else False, variables=variables) for v in values]
    literal = [p.is_literal for p in patterns]
    wild = [i for i, p in enumerate(patterns) if not literal[i]]
    first: dict[str, int] = {}
    for index, pattern in enumerate(patterns):
        if literal[index]:
            text = "".join(unit.text for unit in pattern.units)  # the one string it matches
            if text in first:
                yield index, first[text], "'{other}' is the same value"
                continue
            first[text] = index
            cover = next((j for j in wild if patterns[j].matches(text)), None)
        else:
            cover = next((j for j in wild if j != index and _includes(patterns, j, index)), None)
        if cover is not None:
            yield index, cover, "'{other}' already matches everything it matches"


def _includes(patterns: list[Pattern], covering: int, included: int) -> bool:
    """Whether `covering` matches all `included` does; of two equivalent patterns the later one is the redundant one."""
    if not includes(patterns[covering], patterns[included]):
        return False
    return covering < included or not includes(patterns[included], patterns[covering])


def _covered_networks(values: list[str]) -> Iterator[tuple[int, int, str]]:
    networks = [parse_network(v) for v in values]
    if None in networks:
        return  # CONDITION_VALUE_TYPE reports it
    inside: Callable = lambda a, b: a.version == b.version and a.subnet_of(b)  # noqa: E731
    for index, network in enumerate(networks):
        cover = next(
            (
                j
                for j, other in enumerate(networks)
                if j != index and inside(network, other) and (j < index or not inside(other, network))
            ),
            None,
        )
        if cover is not None:
            yield index, cover, "the range '{other}' already contains it"
