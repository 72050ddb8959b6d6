"""Policy hygiene that IAM Access Analyzer points out: a missing Version, an empty Sid, and Resource
entries that another entry of the same statement already covers.

None of these changes what the policy allows today. A policy without Version is read with the old
policy language, where `${aws:username}` is literal text (when the policy does use variables,
POLICY_VARIABLE_NEEDS_VERSION says so instead); an empty Sid names nothing; a redundant Resource entry
is noise that hides which resources were meant (Access Analyzer's "Missing version", "Empty Sid value"
and "Redundant resource" checks). Containment is `iamkb.core.patterns.includes`, IAM's reading of `*`
and `?` (a wildcard stays in its field in the first five fields of an ARN).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.check.rules.variables import uses_variables
from iamkb.core.arns import Arn
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType
from iamkb.core.patterns import compile_pattern, includes
from iamkb.core.policy import Statement, Value

_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#"

define(
    "MISSING_VERSION",
    FindingType.WARNING,
    "Policy without a Version",
    'AWS asks every policy to declare `"Version": "2012-10-17"`, the current policy language. Without it, newer '
    "features such as policy variables do not work: `${aws:username}` would be matched as literal text.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
)
define(
    "EMPTY_SID",
    FindingType.SUGGESTION,
    "Empty statement id",
    'The statement has `"Sid": ""`. The Sid is optional; an empty one names nothing and makes statements hard to '
    "tell apart in findings and reviews. Give it a name or remove it.",
    _CHECKS + "access-analyzer-reference-policy-checks-suggestion-empty-sid-value",
)
define(
    "REDUNDANT_RESOURCE",
    FindingType.SUGGESTION,
    "Redundant resource",
    "Another Resource entry of the same statement already matches every resource this one names (a repeat, or "
    "a wildcard that includes it), so removing it changes nothing. If the statement was meant for a fixed list "
    "of resources, the wildcard entry is the one to reconsider.",
    _CHECKS + "access-analyzer-reference-policy-checks-suggestion-redundant-resource",
)

_READ_INPUT = policy("""\
    {
      "Sid": "ReadLabelingInput",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*"
    }""")
_INPUT_OBJECTS = '"arn:aws:s3:::my-labeling-input/*"'

EXAMPLES = {
    "MISSING_VERSION": mistake(
        "identity", _READ_INPUT, '  "Version": "2012-10-17",\n', "", "copied without its first line"
    ),
    "EMPTY_SID": mistake("identity", _READ_INPUT, '"ReadLabelingInput"', '""'),
    "REDUNDANT_RESOURCE": mistake(
        "identity",
        _READ_INPUT,
        _INPUT_OBJECTS,
        '["arn:aws:s3:::my-labeling-input/images/0001.jpg", ' + _INPUT_OBJECTS + "]",
        "the first entry, from an earlier version of the policy, is one of the objects the second already names",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from _missing_version(ctx)
    for statement in ctx.statements:
        if statement.sid == "":
            yield ctx.finding(
                "EMPTY_SID",
                "This statement's Sid is empty.",
                statement.at("Sid"),
                "Give the statement a name of letters and digits (such as ReadLabelingInput), or remove the Sid.",
            )
        if statement.resource_element == "Resource":
            yield from _redundant_resources(ctx, statement)


def _missing_version(ctx: LintContext) -> Iterator[Finding]:
    document = ctx.document
    if ctx.kind == "statement" or not isinstance(document, dict) or "Version" in document:
        return
    if not any(s.effect for s in ctx.statements) or uses_variables(ctx):
        return  # no statement to speak of (the schema says so), or POLICY_VARIABLE_NEEDS_VERSION's case
    yield ctx.finding(
        "MISSING_VERSION",
        "The policy has no Version element.",
        "",
        'Add "Version": "2012-10-17" as the first element of the policy.',
    )


def _redundant_resources(ctx: LintContext, statement: Statement) -> Iterator[Finding]:
    entries = [_Entry.of(v) for v in statement.resources if isinstance(v.value, str)]
    if len(entries) < 2:
        return
    for index, entry in enumerate(entries):
        cover = _covering(index, entries)
        if cover is None:
            continue
        repeat = cover.text == entry.text
        yield ctx.finding(
            "REDUNDANT_RESOURCE",
            f"'{entry.text}' is listed twice in this statement (first at {cover.value.pointer})."
            if repeat
            else f"'{entry.text}' is already covered by '{cover.text}' ({cover.value.pointer}).",
            entry.value.pointer,
            "Remove this entry."
            if repeat
            else "Remove this entry, or list the resources one by one without the wildcard if only these were meant.",
        )


class _Entry(NamedTuple):
    """A Resource entry with what the containment shortcuts read, worked out once per statement."""

    value: Value
    text: str
    start: str  # the text before the first wildcard, variable or placeholder
    end: str  # the text after the last one
    arn: Arn | None  # None when not an ARN, or when a variable makes the fields unsure
    heads: tuple[str | None, ...]  # partition, service, Region, account: None where a pattern
    marks: bool  # the text has a wildcard, variable or placeholder
    resource_start: str  # the fixed start of the ARN's resource part ("" when not an ARN)

    @classmethod
    def of(cls, value: Value) -> _Entry:
        text = value.value
        arn = Arn.parse(text) if "${" not in text else None
        heads = tuple(None if _has_marks(f) else f for f in arn[:4]) if arn else ()
        resource_start = _fixed_start(arn.resource) if arn else ""
        return cls(value, text, _fixed_start(text), _fixed_end(text), arn, heads, _has_marks(text), resource_start)


def _covering(index: int, entries: list[_Entry]) -> _Entry | None:
    """The entry that makes entry `index` redundant: an earlier one that includes it, or a later one that
    includes it and is not included by it (of two equivalent entries, the later one is reported)."""
    mine = entries[index]
    for other, cover in enumerate(entries):
        if other == index or not _may_include(cover, mine):
            continue
        if _includes(cover, mine) and (other < index or not _includes(mine, cover)):
            return cover
    return None


def _may_include(cover: _Entry, entry: _Entry) -> bool:
    """Cheap necessary conditions: the cover's fixed start begins the entry's and its fixed end ends it (the
    cover must match the entry's own text there), a literal cover is the same text, and, for two ARNs, each
    literal field of the cover's first four equals the entry's (IAM keeps those fields' wildcards inside
    them) and the cover's resource part starts as the entry's does."""
    if not entry.start.startswith(cover.start) or not entry.end.endswith(cover.end):
        return False
    if not cover.marks:
        return cover.text == entry.text
    if cover.arn is None or entry.arn is None:
        return True
    if any(mine is not None and mine != other for mine, other in zip(cover.heads, entry.arn[:4], strict=True)):
        return False
    return entry.resource_start.startswith(cover.resource_start)


def _includes(cover: _Entry, entry: _Entry) -> bool:
    """`includes`, answered from the text in the common cases (the general walk is costly, and large
    policies list hundreds of ARNs): a cover whose wildcards are only a trailing `*` that runs across `:`
    and `/` (`*`, `arn:aws:s3:::bucket/*`), or whole `*` fields before an ARN's resource part that is
    literal or ends in one such `*` (`arn:aws:apigateway:*::/restapis/*`)."""
    if not cover.marks:
        return cover.text == entry.text
    head = cover.text[:-1]
    if cover.text.endswith("*") and not _has_marks(head) and not cover.text.startswith("arn:"):
        return entry.start.startswith(head)  # `*` alone, or a non-ARN prefix
    if cover.arn is not None and entry.arn is not None:
        fields = zip(cover.arn[:4], entry.arn[:4], strict=True)
        if all(mine == "*" or (mine == other and not _has_marks(mine)) for mine, other in fields):
            resource = cover.arn.resource
            if not _has_marks(resource):
                return resource == entry.arn.resource and not _has_marks(entry.arn.resource)
            if resource.endswith("*") and not _has_marks(resource[:-1]):
                return _fixed_start(entry.arn.resource).startswith(resource[:-1])
    covering = compile_pattern(cover.text)  # compiled only here: most pairs never get this far
    if "${" not in cover.text + entry.text and not covering.matches(entry.text.replace("*", "").replace("?", "x")):
        return False  # a string the entry matches (its `*` empty, its `?` one letter) that the cover does not
    return includes(covering, compile_pattern(entry.text))


def _has_marks(text: str) -> bool:
    return "*" in text or "?" in text or "${" in text or "<" in text


def _fixed_start(text: str) -> str:
    """The text before the first wildcard, policy variable or placeholder."""
    marks = (text.find("*"), text.find("?"), text.find("${"), text.find("<"))
    cut = min((i for i in marks if i >= 0), default=len(text))
    return text[:cut]


def _fixed_end(text: str) -> str:
    """The text after the last wildcard, policy variable or placeholder."""
    marks = (text.rfind("*"), text.rfind("?"), text.rfind("}"), text.rfind(">"))
    return text[max(marks) + 1 :]
