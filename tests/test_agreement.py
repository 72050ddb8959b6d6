"""Lint, grants, compare and the simulator agree wherever they answer the same question.

Each command asks its question through its own entry point (the simulator through `evaluate`, compare
through `compare`, grants through `expand_actions`, the lint through its ActionIndex, `resolve_action` and
the ARN-template overlap), and hypothesis draws the patterns, statements and requests:

(a) does this Action entry take this action name?
(b) can this Resource entry match this ARN? The simulator decides one ARN; compare decides containment of
    the literal ARN; the lint decides overlap with a catalog ARN template the ARN fits, and may only say
    "fits no template" when the simulator could never match such an ARN.
(c) does this condition hold for this context? compare's implication never promises more than the
    simulator finds, and the lint flags exactly the condition values the simulator reads as matching
    nothing (a value not of the operator's type, or a variable where AWS substitutes none).

Patterns are drawn mostly as mutations of the name or ARN they are tested against (characters kept,
re-cased, replaced by `?`, `*` or another character, spans replaced by a policy variable), so matches
and near misses are both common. The last part turns the disagreements the commands once had into
regression tests.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from iamkb.check import check_document
from iamkb.check.rules.values import TYPE_CODES
from iamkb.compare import compare, statement_matches_action
from iamkb.compare.implication import condition_implies
from iamkb.core import arns, iamcatalog
from iamkb.core.patterns import Reach, compile_pattern, includes
from iamkb.core.policy import ActionIndex, ConditionEntry, Value, parse, resolve_action, statement_covers
from iamkb.grants import expand_actions
from iamkb.simulate import ALLOWED, Policies, Request, evaluate

ROLE = "arn:aws:iam::111122223333:role/Agreement"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


def document(statement: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]}


def simulator_allows(action: str, resource_entry: str, action_entry: str, arn: str, context: dict) -> bool:
    policies = Policies(identity=[document({"Action": action_entry, "Resource": resource_entry})])
    return evaluate(policies, Request(action, arn, principal=ROLE, context=context)).decision == ALLOWED


def compare_covers(a_statement: dict, b_statement: dict) -> bool:
    return not compare(document(a_statement), document(b_statement)).a_allows_more


# --- drawing ----------------------------------------------------------------------------------------

CATALOG_NAMES = sorted(
    action.full_name
    for prefix in ("s3", "kms", "iam", "sagemaker")
    for action in iamcatalog.service(prefix).actions.values()
)
OTHER_NAMES = ["s3:GetObjekt", "nosuch:Thing", "s3:", "a:b:c", "s3:get.object", "S3:GETOBJECT", "s3:Get-Object_1"]
LITERAL_CHARS = "aAbB:/-._*?x"


@st.composite
def mutation(draw, text: str, variables: bool) -> tuple[str, dict]:
    """A pattern made from `text`, and the context that fills its variable (if it has one)."""
    out: list[str] = []
    context: dict = {}
    variable_span = None
    if variables and text and draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        variable_span = (start, draw(st.integers(start + 1, len(text))))
    position = 0
    while position < len(text):
        if variable_span and position == variable_span[0]:
            out.append("${aws:PrincipalTag/team}")
            value = text[variable_span[0] : variable_span[1]]
            if draw(st.integers(0, 4)) == 0:
                value = value + "x"  # a near miss
            context["aws:PrincipalTag/team"] = value
            position = variable_span[1]
            continue
        char = text[position]
        op = draw(st.sampled_from(["keep"] * 6 + ["case", "?", "*", "*", "drop", "other", "insert*"]))
        if op == "keep":
            out.append(char)
        elif op == "case":
            out.append(char.swapcase())
        elif op in ("?", "*"):
            out.append(op)
        elif op == "other":
            out.append(draw(st.sampled_from(LITERAL_CHARS.replace("*", "").replace("?", ""))))
        elif op == "insert*":
            out.append(char + "*")
        position += 1
    return "".join(out), context


# --- (a) does this Action entry take this action name? ------------------------------------------------


@SETTINGS
@given(st.data())
def test_action_entry_against_action_name(data):
    name = data.draw(st.sampled_from(CATALOG_NAMES) | st.sampled_from(OTHER_NAMES))
    entry, _ = data.draw(
        mutation(name, variables=False) | st.sampled_from(["*", "*:*", "s3:*", "*:Get*"]).map(lambda e: (e, {}))
    )
    assume(entry == "*" or ":" in entry)  # the simulator (like AWS) rejects anything else

    simulated = simulator_allows(name, "*", entry, "arn:aws:s3:::bucket/key", {})
    event(f"simulator allows: {simulated}")  # --hypothesis-show-statistics: both answers are common

    # the lint
    index = ActionIndex([Value(entry, "/Statement/0/Action")])
    assert index.match(name) is simulated
    (statement,) = parse(document({"Action": entry, "Resource": "*"})).statements
    assert statement_covers(statement, name) is simulated
    resolved = resolve_action(entry)
    in_catalog = name in CATALOG_NAMES
    if in_catalog and resolved.known_service and resolved.service is not None:
        assert (name in {a.full_name for a in resolved.actions}) is simulated

    # grants
    if in_catalog:
        assert (name in {a.full_name for a in expand_actions((entry,)).actions}) is simulated

    # compare: its action test, and the whole comparison of "allow the name" with "allow the entry"
    assert statement_matches_action(statement, name) is simulated
    assert compare_covers({"Action": name, "Resource": "*"}, {"Action": entry, "Resource": "*"}) is simulated


@SETTINGS
@given(st.data())
def test_not_action_takes_every_other_name(data):
    name = data.draw(st.sampled_from(CATALOG_NAMES))
    entry, _ = data.draw(mutation(name, variables=False))
    assume(":" in entry)
    simulated = not simulator_allows(name, "*", entry, "arn:aws:s3:::b", {})
    policies = Policies(identity=[document({"NotAction": entry, "Resource": "*"})])
    assert (evaluate(policies, Request(name, "*", principal=ROLE)).decision == ALLOWED) is simulated
    (statement,) = parse(document({"NotAction": entry, "Resource": "*"})).statements
    assert statement_covers(statement, name) is simulated
    assert statement_matches_action(statement, name) is simulated
    assert (name in {a.full_name for a in expand_actions((entry,), negated=True).actions}) is simulated


# --- (b) can this Resource entry match this ARN? ------------------------------------------------------

TEMPLATES = sorted(
    {
        template
        for prefix, names in (
            ("s3", ("bucket", "object")),
            ("iam", ("role",)),
            ("lambda", ("function",)),
            ("logs", ("log-group",)),
            ("sagemaker", ("labeling-job",)),
            ("kms", ("key",)),
        )
        for name in names
        for template in iamcatalog.service(prefix).resource_types[name].arn_templates
    }
)
FIELD_VALUES = {
    "${Partition}": ["aws", "aws-cn"],
    "${Region}": ["us-east-1", "eu-west-2"],
    "${Account}": ["111122223333"],
}
VALUE_TEXT = st.text(alphabet="ab1-_./:", min_size=1, max_size=8)


@st.composite
def arn_of(draw, template: str) -> str:
    """A concrete ARN the template's reading accepts (no `*`, `?`, `$` or `<`: a literal to every command)."""
    out = template
    for variable in sorted(set(arns._TEMPLATE_VARIABLE.findall(template)), key=template.index):
        value = draw(st.sampled_from(FIELD_VALUES[variable])) if variable in FIELD_VALUES else draw(VALUE_TEXT)
        out = out.replace(variable, value)
    out = out.replace("*", draw(VALUE_TEXT))  # templates such as `...:user/*`
    assume(arns.overlaps(out, template))  # the ARN fits the template
    return out


@SETTINGS
@given(st.data())
def test_resource_entry_against_arn(data):
    template = data.draw(st.sampled_from(TEMPLATES))
    arn = data.draw(arn_of(template))
    entry, context = data.draw(
        mutation(arn, variables=True) | st.sampled_from(["*", "arn:aws:s3:::*", "arn:*"]).map(lambda e: (e, {}))
    )

    simulated = simulator_allows("s3:GetObject", entry, "s3:GetObject", arn, context)
    event(f"simulator allows: {simulated}")

    # the lint: an ARN the simulator matches fits the template, so the entry "may fit" it, read wide or not
    if simulated:
        assert arns.overlaps(entry, template)
        assert arns.overlaps(entry, template, Reach.FIELD)
    if arns.overlaps(entry, template, Reach.FIELD):
        assert arns.overlaps(entry, template)  # the wide reading contains IAM's

    # compare: containment of the literal ARN. A variable's value is unknown to compare, so an entry with one
    # includes no literal; without variables, containment is exactly the simulator's match.
    pattern = compile_pattern(entry)
    covered = compare_covers({"Action": "s3:GetObject", "Resource": arn}, {"Action": "s3:GetObject", "Resource": entry})
    assert covered is includes(pattern, compile_pattern(arn))
    if pattern.has_variables:
        assert not covered or simulated
    else:
        assert covered is simulated
        assert pattern.matches(arn) is simulated


@SETTINGS
@given(st.data())
def test_a_random_entry_matching_an_arn_of_a_template_may_fit_the_template(data):
    template = data.draw(st.sampled_from(TEMPLATES))
    arn = data.draw(arn_of(template))
    entry = data.draw(st.text(alphabet="arn:aws3*?/${}b1-", max_size=24))
    if simulator_allows("s3:GetObject", entry, "s3:GetObject", arn, {}):
        assert arns.overlaps(entry, template) and arns.overlaps(entry, template, Reach.FIELD)


# --- the disagreements the commands once had --------------------------------------------------------


def test_a_question_mark_entry_takes_the_action_for_the_lint_too():
    # The lint's ActionIndex skipped `?` patterns: it said `s3:Get?bject` does not take s3:GetObject.
    assert simulator_allows("s3:GetObject", "*", "s3:Get?bject", "arn:aws:s3:::b/k", {})
    assert ActionIndex([Value("s3:Get?bject", "/Action")]).match("s3:GetObject")
    codes = [f.code for f in check_document(document({"Action": ["s3:GetObject", "s3:Get?bject"], "Resource": "*"}))]
    assert "REDUNDANT_ACTION" in codes


def test_a_listed_pattern_takes_itself():
    # ActionIndex.match of a pattern's own text used to be False, so identical statements with wildcards
    # were not found redundant.
    assert ActionIndex([Value("s3:Get*", "/Action")]).match("s3:Get*")
    twice = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}] * 2}
    assert "REDUNDANT_STATEMENT" in [f.code for f in check_document(twice)]


def test_fields_are_counted_alike_by_the_simulator_and_compare():
    # A malformed `${...}` is literal text; the simulator did not count its `:` as a field separator while
    # compare did, so they disagreed on whether this `*` could cross colons.
    entry, arn = "arn:aws:s3:${a b:c}:*", "arn:aws:s3:${a b:c}:x:y"
    assert simulator_allows("s3:GetObject", entry, "s3:GetObject", arn, {})
    assert compare_covers({"Action": "s3:GetObject", "Resource": arn}, {"Action": "s3:GetObject", "Resource": entry})


def test_a_quoted_default_is_one_variable_for_every_command():
    # The lint called `${aws:PrincipalTag/team, 'O''Brien'}` malformed while the simulator accepted it.
    entry = "arn:aws:s3:::${aws:PrincipalTag/team, 'O''Brien'}/*"
    assert simulator_allows("s3:GetObject", entry, "s3:GetObject", "arn:aws:s3:::O'Brien/a", {})
    assert arns.overlaps(entry, "arn:${Partition}:s3:::${BucketName}/${ObjectName}")
    codes = {f.code for f in check_document(document({"Action": "s3:GetObject", "Resource": entry}))}
    assert not codes & {"MALFORMED_POLICY_VARIABLE", "RESOURCE_MATCHES_NO_ACTION"}


@pytest.mark.parametrize("entry", ["arn:aws:s3:::<Bucket_Name>", "arn:aws:s3:::<your bucket>"])
def test_placeholders_are_one_pattern(entry):
    # The lint's ARN reading had its own placeholder pattern; it now reads the one `render` fills.
    from iamkb.core.placeholders import placeholders

    assert placeholders(entry)
    assert arns.overlaps(entry, "arn:${Partition}:s3:::${BucketName}")
    assert not arns.overlaps(entry, "arn:${Partition}:s3:::${BucketName}/${ObjectName}")


# --- (c) conditions: does this condition hold for this context? ----------------------------------------
# compare decides whether one condition entry implies another (iamkb.compare.implication); the simulator
# decides whether an entry holds for a request; the lint decides whether the entry's values can be read as
# the operator's type at all. Where compare says "implies", the simulator must never find a request that
# the first entry lets through and the second does not; and the lint must report a value the simulator
# reads as matching nothing, and only such values.

FAMILIES = {
    "String": (
        "aws:PrincipalTag/team",
        ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase"],
        st.text(alphabet="abA*?", min_size=1, max_size=3),
        st.text(alphabet="abAB", min_size=0, max_size=3),
    ),
    "Numeric": (
        "aws:MultiFactorAuthAge",
        [
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
        ],
        st.integers(0, 5).map(str),
        st.integers(0, 6).map(str),
    ),
    "IpAddress": (
        "aws:SourceIp",
        ["IpAddress", "NotIpAddress"],
        st.sampled_from(["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "192.0.2.0/24"]),
        st.sampled_from(["10.1.2.3", "10.1.9.9", "10.9.9.9", "192.0.2.7", "198.51.100.1"]),
    ),
    "Bool": ("aws:SecureTransport", ["Bool"], st.sampled_from(["true", "false"]), st.sampled_from(["true", "false"])),
}


@st.composite
def condition_pairs(draw):
    """Two entries on one key (so implication can hold), and a request context for that key (or none)."""
    key, operators, policy_values, request_values = FAMILIES[draw(st.sampled_from(sorted(FAMILIES)))]

    def entry() -> tuple[str, list[str]]:
        operator = draw(st.sampled_from(operators)) + draw(st.sampled_from(["", "", "IfExists"]))
        return operator, draw(st.lists(policy_values, min_size=1, max_size=2, unique=True))

    context = {} if draw(st.integers(0, 4)) == 0 else {key: draw(request_values)}
    return key, entry(), entry(), context


def holds(key: str, entry: tuple[str, list[str]], context: dict) -> bool:
    """Whether the simulator lets a request through a statement whose only test is this entry."""
    operator, values = entry
    statement = {"Action": "s3:GetObject", "Resource": "*", "Condition": {operator: {key: values}}}
    policies = Policies(identity=[document(statement)])
    return evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE, context=context)).allowed


@SETTINGS
@given(condition_pairs())
def test_an_implied_condition_holds_wherever_the_implying_one_does(pair):
    key, a, b, context = pair
    a_entry = ConditionEntry.of(a[0], key, *a[1])
    b_entry = ConditionEntry.of(b[0], key, *b[1])
    implied = condition_implies(a_entry, b_entry)
    event(f"implies: {implied}")
    if implied and holds(key, a, context):
        assert holds(key, b, context), f"{a} implies {b}, yet the simulator lets {context} through only the first"


@SETTINGS
@given(condition_pairs())
def test_compare_calls_a_statement_covered_only_if_the_simulator_agrees(pair):
    key, a, b, context = pair
    statement_a = {"Action": "s3:GetObject", "Resource": "*", "Condition": {a[0]: {key: a[1]}}}
    statement_b = {"Action": "s3:GetObject", "Resource": "*", "Condition": {b[0]: {key: b[1]}}}
    covered = compare_covers(statement_a, statement_b)
    event(f"covered: {covered}")
    if covered and holds(key, a, context):
        assert holds(key, b, context)


# What the lint reports about a value that matches nothing: its type codes, and a variable where AWS
# substitutes none (the value is then text, which is no value of the operator's type either).
NEVER_MATCHING = {*TYPE_CODES.values(), "POLICY_VARIABLE_IN_NON_STRING_OPERATOR"}
OPERATORS = ["NumericLessThan", "DateLessThan", "IpAddress", "NotIpAddress", "Bool", "Null", "BinaryEquals"]
VALUES = [
    "3",
    "x",
    "2026-01-01T00:00:00Z",
    "10.0.0.0/8",
    "true",
    "False",
    "dGVzdA==",
    "1e3",
    " 10",
    "",
    "${aws:username}",
]


@SETTINGS
@given(
    operator=st.sampled_from([*OPERATORS, "StringEquals"]),
    values=st.lists(st.sampled_from(VALUES), min_size=1, max_size=3, unique=True),
    version=st.sampled_from(["2012-10-17", "2008-10-17"]),
)
def test_the_lint_flags_exactly_the_values_the_simulator_reads_as_matching_nothing(operator, values, version):
    statement = {"Action": "s3:GetObject", "Resource": "*", "Condition": {operator: {"aws:PrincipalTag/x": values}}}
    policy = {**document(statement), "Version": version}
    flagged = {int(f.pointer.rsplit("/", 1)[1]) for f in check_document(policy, "identity") if f.code in NEVER_MATCHING}
    request = Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE, context={"aws:PrincipalTag/x": "x"})
    ((record,),) = [
        r["conditions"] for r in evaluate(Policies(identity=[policy]), request, explain=True).details["statements"]
    ]
    unreadable = {index for index, value in enumerate(values) if value in record.get("unreadableValues", ())}
    event(f"values read as matching nothing: {bool(unreadable)}")
    assert flagged == unreadable, (operator, values, version)


@pytest.mark.parametrize("operator", OPERATORS)
def test_a_value_the_simulator_reads_as_matching_nothing_matches_no_request_value(operator):
    """What `unreadable` means, observed: a request carrying the very text still does not match it."""
    statement = {"Action": "s3:GetObject", "Resource": "*", "Condition": {operator: {"aws:PrincipalTag/x": "x"}}}
    request = Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE, context={"aws:PrincipalTag/x": "x"})
    negated = operator.startswith("Not")
    assert evaluate(Policies(identity=[document(statement)]), request).allowed is negated
    assert any(f.code in NEVER_MATCHING for f in check_document(document(statement), "identity"))
