"""Say what is wrong with a policy in plain words: jsonschema's errors become findings with hints.

jsonschema reports errors in its own terms (`[...] is not of type 'string'`, schema paths, reprs
of Python values); the people reading our findings write IAM policies, not schemas. So each error
becomes a finding with a stable code, a message in JSON/IAM terms ("Action of statement 1 must be
a string or a list of strings, but it is an object") and a hint showing the form the value should
take, never a Python repr or a schema dump. One mistake gives one finding: a misspelt key is not
also reported as a missing one, and a value of the wrong type is not also checked for its form.

The schema is written so that errors are already precise: type-specific keywords instead of
anyOf branches (a string-or-list element is `"type": ["string", "array"]` with `pattern` for the
string and `items` for the list), so there is nothing like a dump of every branch to prune.
Subschemas carry an `x-iamkb-code` annotation naming the finding code for their pattern or enum.

Kept apart from `iamkb.check.schema` (loading and validating, where speed matters): only documents that
fail need these words, so a run over valid policies never imports this module.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from iamkb.check.grammar import CODE_KEYWORD
from iamkb.core.codes import CODES
from iamkb.core.conditions import UnknownOperator, operator_names, parse_operator
from iamkb.core.enums import PolicyKind
from iamkb.core.findings import Finding, pointer


def from_errors(errors, kind: str, path: str) -> list[Finding]:
    """Findings for jsonschema's errors (sorted most relevant first), one per problem."""
    translated = [finding for error in errors for finding in _translate(error, kind, path)]
    translated = _drop_missing_explained_by_typos(translated)
    # A value of the wrong type, or an empty one, has one thing to fix: say only that about it.
    superseded = {f.pointer for f in translated if f.code in _SUPERSEDING}
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for finding in translated:
        key = (finding.pointer, finding.code, finding.message)
        if key in seen or (finding.pointer in superseded and finding.code not in _SUPERSEDING):
            continue
        seen.add(key)
        findings.append(finding)
    return findings


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def statement_where_policy_expected(kind: str, path: str) -> Finding:
    """A lone statement pasted where a whole policy belongs is one mistake, not one per element."""
    return CODES["SCHEMA_MISSING_ELEMENT"].finding(
        path,
        f"this is a single statement, but {_a(PolicyKind(kind).long_name)} needs Version and a Statement list "
        "around it",
        pointer="",
        hint='wrap it: {"Version": "2012-10-17", "Statement": [ ...this statement... ]}, '
        "or add it to the Statement list of an existing policy",
        extra={"missing": ["Statement"]},
    )


def _drop_missing_explained_by_typos(findings: list[Finding]) -> list[Finding]:
    """`"effect": "Allow"` is one mistake: report the misspelt key, not also the missing Effect."""
    misspelt = {
        (f.pointer.rsplit("/", 1)[0], f.extra["suggestion"])
        for f in findings
        if f.code == "SCHEMA_UNKNOWN_ELEMENT" and "suggestion" in f.extra
    }
    return [
        f
        for f in findings
        if not (
            f.code == "SCHEMA_MISSING_ELEMENT" and any((f.pointer, name) in misspelt for name in f.extra["missing"])
        )
    ]


_SUPERSEDING = {"SCHEMA_WRONG_TYPE", "SCHEMA_EMPTY_VALUE"}
_NOT_ALLOWED_CODES = {
    "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY",
    "SCHEMA_RESOURCE_IN_TRUST_POLICY",
    "SCHEMA_ID_IN_IDENTITY_POLICY",
}


# --- translation ------------------------------------------------------------------------------


def _translate(error, kind: str, path: str) -> list[Finding]:
    tokens = list(error.absolute_path)
    at = pointer(*tokens)
    schema = error.schema if isinstance(error.schema, dict) else {}
    annotated = schema.get(CODE_KEYWORD)
    instance = error.instance
    where = _describe(tokens, kind)
    keyword = error.validator

    def make(code: str, message: str, hint: str | None = None, at_pointer: str = at, **extra) -> Finding:
        return CODES[code].finding(path, message, pointer=at_pointer, hint=hint, extra=extra)

    if keyword == "type":
        code = (
            "SCHEMA_INVALID_CONDITION_VALUE" if annotated == "SCHEMA_INVALID_CONDITION_VALUE" else "SCHEMA_WRONG_TYPE"
        )
        expected = _expected_types(schema)
        return [
            make(
                code,
                f"{where} must be {expected}, but it is {_json_type(instance)}",
                _type_hint(tokens, instance, schema, kind),
            )
        ]
    if keyword == "required":
        return [
            make("SCHEMA_MISSING_ELEMENT", f"{where} has no {name}", _missing_hint(name), missing=[name])
            for name in error.validator_value
            if name not in instance
        ]
    if keyword == "anyOf" and all(set(branch) == {"required"} for branch in error.validator_value):
        names = [branch["required"][0] for branch in error.validator_value]
        return [
            make(
                "SCHEMA_MISSING_ELEMENT",
                f"{where} has neither {names[0]} nor {names[1]}",
                _missing_hint(names[0]),
                missing=names,
            )
        ]
    if keyword == "not":
        pair = error.validator_value.get("required") if isinstance(error.validator_value, dict) else None
        if pair:
            return [
                make(
                    "SCHEMA_CONFLICTING_ELEMENTS",
                    f"{where} has both {pair[0]} and {pair[1]}; a statement takes one or the other",
                    f"keep {pair[0]} (what the statement applies to) or {pair[1]} (everything "
                    "except what it lists), not both",
                )
            ]
        return [_not_allowed(annotated, tokens, kind, make)]
    if keyword == "additionalProperties":
        return [
            _unknown_element(key, tokens, kind, schema, make)
            for key in instance
            if key not in schema.get("properties", {})
        ]
    if keyword == "enum":
        return [_bad_enum(annotated, tokens, instance, where, error.validator_value, make)]
    if keyword in ("minLength", "minItems", "minProperties"):
        return [_empty(tokens, kind, error, make)]
    if keyword == "pattern":
        return [_bad_pattern(annotated, tokens, instance, where, schema, make)]
    # A keyword this module does not translate yet (the schema uses none today; tests/test_schema_findings.py
    # covers this path with a made-up schema): still say where, and what the schema expects there.
    return [make("SCHEMA_WRONG_TYPE", f"{where} is not valid here", _schema_expectation(schema, where))]


def _not_allowed(code: str | None, tokens: list, kind: str, make) -> Finding:
    element = tokens[-1]
    owner = _describe(tokens[:-1], kind)
    if code == "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY":
        return make(
            code,
            f"{owner} has {element}, but identity policies cannot name principals",
            "if this statement says who may assume a role, it belongs in the role's trust policy (check it "
            "with --kind trust); if it belongs to a resource's policy use --kind resource; otherwise remove "
            f"{element}",
        )
    if code == "SCHEMA_RESOURCE_IN_TRUST_POLICY":
        return make(
            code,
            f"{owner} has {element}, but a role trust policy cannot name resources",
            f"remove {element}: the resource of a trust policy is always the role it belongs to",
        )
    if code == "SCHEMA_ID_IN_IDENTITY_POLICY":
        return make(
            code,
            "the policy has an Id element, which identity policies do not use",
            "remove Id, or use a Sid on each statement to label it",
        )
    return make("SCHEMA_UNKNOWN_ELEMENT", f"{owner} cannot have {element}", f"remove {element}")


def _unknown_element(key: str, tokens: list, kind: str, schema: dict, make) -> Finding:
    allowed = [
        name for name, sub in schema.get("properties", {}).items() if sub.get(CODE_KEYWORD) not in _NOT_ALLOWED_CODES
    ]
    suggestion = _closest(key, allowed)
    hint = _did_you_mean(key, allowed) or f"allowed here: {', '.join(allowed)}"
    extra = {"suggestion": suggestion} if suggestion else {}
    return make(
        "SCHEMA_UNKNOWN_ELEMENT",
        f'unknown element "{key}" in {_describe(tokens, kind)}',
        hint,
        pointer(*tokens, key),
        **extra,
    )


def _bad_enum(code: str | None, tokens: list, value: Any, where: str, allowed: list, make) -> Finding:
    shown = _show(value)
    if code == "SCHEMA_INVALID_VERSION":
        return make(
            code,
            f"Version {shown} is not a version of the policy language",
            'use "2012-10-17", the current version (policy variables need it); the Version is fixed by AWS, '
            "not the date you wrote the policy",
        )
    if code == "SCHEMA_INVALID_EFFECT":
        fixed = {"allow": "Allow", "deny": "Deny"}.get(str(value).strip().lower())
        return make(
            code,
            f'Effect {shown} is neither "Allow" nor "Deny"',
            f'Effect is case-sensitive: write "{fixed}"' if fixed else 'use "Allow" or "Deny"',
        )
    if code == "SCHEMA_INVALID_PRINCIPAL":  # a principal type key
        types = list(_PRINCIPAL_EXAMPLES)
        return make(
            code,
            f'unknown principal type "{value}"; expected one of {", ".join(types)}',
            _did_you_mean(str(value), types) or _PRINCIPAL_TYPES_HINT,
            pointer(*tokens, value),
        )
    return make(
        "SCHEMA_WRONG_TYPE",
        f"{where} has the value {shown}, which is not allowed here",
        "use one of " + _or([_show(v) for v in allowed]),
    )


def _bad_pattern(code: str | None, tokens: list, value: str, where: str, schema: dict, make) -> Finding:
    shown = _show(value)
    if code == "SCHEMA_INVALID_ACTION":
        if ":" not in value:
            hint = 'an action starts with its service prefix and a colon, for example "s3:GetObject"'
        elif value != value.strip() or " " in value:
            hint = "remove the spaces"
        else:
            hint = 'wildcards * and ? are allowed in the action name, for example "s3:Get*"'
        return make(code, f'{shown} is not an action: expected service:ActionName, like "s3:GetObject", or "*"', hint)
    if code == "SCHEMA_INVALID_RESOURCE":
        fields = value.count(":") + 1
        if value.startswith("arn:") and fields < 6:
            hint = (
                f"it has {fields} of the 6 colon-separated fields; an empty region or account is still written, "
                'as in "arn:aws:s3:::my-bucket"'
            )
        else:
            hint = 'use "*" for every resource, or an ARN such as "arn:aws:s3:::my-bucket/*"'
        return make(code, f'{shown} is not "*" or an ARN (arn:partition:service:region:account:resource)', hint)
    if code == "SCHEMA_INVALID_SID":
        bad = "".join(sorted({c for c in value if not (c.isascii() and c.isalnum())}))
        return make(
            code,
            f"Sid {shown} has characters IAM does not allow in identity policies: {_show(bad)}",
            'use only ASCII letters and digits, for example "AllowS3Read"',
        )
    if code == "SCHEMA_INVALID_PRINCIPAL":
        return make(code, *_principal_message(tokens, value))
    if code == "SCHEMA_INVALID_CONDITION_OPERATOR":
        return _bad_operator(tokens, value, make)
    return make(
        "SCHEMA_WRONG_TYPE",
        f"{where} has the value {shown}, which does not have the expected form",
        _schema_expectation(schema, where),
    )


def _principal_message(tokens: list, value: str) -> tuple[str, str]:
    shown = _show(value)
    principal_type = tokens[-1] if isinstance(tokens[-1], str) else tokens[-2]
    if principal_type in ("Principal", "NotPrincipal"):
        if value.endswith(".amazonaws.com"):
            suggestion = f'{{"Service": {shown}}}'
        else:
            suggestion = f'{{"AWS": {shown}}}'
        return (
            f'{principal_type} {shown} is neither "*" nor an object naming the principal\'s type',
            f"write {suggestion}",
        )
    if principal_type == "AWS":
        return (
            f'{shown} is not an AWS principal: expected a 12-digit account id, an IAM ARN or "*"',
            'for a whole account write "arn:aws:iam::111122223333:root" or "111122223333"',
        )
    if principal_type == "Service":
        return (
            f"{shown} is not a service principal name",
            'a service principal is the service\'s DNS-style name, such as "sagemaker.amazonaws.com"',
        )
    return f"{shown} is not a valid {principal_type} principal", "remove the white space"


def _bad_operator(tokens: list, operator_name: str, make) -> Finding:
    """Why AWS rejects the operator name, from the one operator table (iamkb.core.conditions)."""
    try:
        parse_operator(operator_name)
    except UnknownOperator as problem:
        message, hint = problem.message, problem.hint
    else:  # the table accepts it: the schema's pattern and the table disagree (a test guards against this)
        message, hint = f'the grammar does not accept the operator "{operator_name}"', "report this to iamkb"
    base = operator_name.split(":")[-1]
    bases = sorted({name.split(":")[-1] for name in operator_names()})
    if base.removesuffix("IfExists") not in bases:  # misspelt; a known one used wrongly keeps the table's hint
        hint = _did_you_mean(base, bases) or hint
    return make(
        "SCHEMA_INVALID_CONDITION_OPERATOR",
        message,
        hint,
        pointer(*tokens, operator_name),
    )


def _empty(tokens: list, kind: str, error, make) -> Finding:
    where = _describe(tokens, kind)
    if _is_key_error(error):
        return make(
            "SCHEMA_EMPTY_VALUE",
            f"{where} has a condition key that is an empty string",
            'write the condition key\'s name, such as "aws:SourceAccount"',
            pointer(*tokens, ""),
        )
    what = {"minLength": "an empty string", "minItems": "an empty list", "minProperties": "an empty object"}
    return make("SCHEMA_EMPTY_VALUE", f"{where} is {what[error.validator]}", _empty_hint(_place(tokens, kind)))


def _is_key_error(error) -> bool:
    """True for a propertyNames error: jsonschema reports it at the object, with the key as the instance."""
    return "propertyNames" in error.absolute_schema_path


# --- where a value is, and what belongs there ---------------------------------------------------


def _place(tokens: list, kind: str) -> tuple[str, str | None]:
    """(what the value at `tokens` is, the element or principal type it belongs to).

    The kinds: "document", "statements" (the Statement element), "statement", "element" (a
    top-level or statement element such as Action), "item" (one entry of such an element's list),
    "Condition", "operator", "condition key", "condition value", "Principal", "principal type"
    (the value of AWS, Service, ...) and "principal" (one entry of its list).
    """
    if not tokens:
        return ("statement", None) if kind == "statement" else ("document", None)
    keys = [t for t in tokens if isinstance(t, str)]
    if "Condition" in keys:
        depth = len(tokens) - tokens.index("Condition") - 1
        return (("Condition", "operator", "condition key", "condition value")[min(depth, 3)], None)
    last, parent = tokens[-1], tokens[-2] if len(tokens) > 1 else None
    if parent in ("Principal", "NotPrincipal") and isinstance(last, str):
        return "principal type", last
    if len(tokens) > 2 and tokens[-3] in ("Principal", "NotPrincipal"):
        return "principal", parent
    if last in ("Principal", "NotPrincipal"):
        return "Principal", last
    if last == "Statement":
        return "statements", None
    if parent == "Statement" and isinstance(last, int):
        return "statement", None
    if isinstance(last, int):
        return "item", parent
    return "element", last


_EXAMPLE_STATEMENT = '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*"}'
_EXAMPLE_CONDITION = '{"StringEquals": {"aws:SourceAccount": "111122223333"}}'
_PRINCIPAL_EXAMPLES = {
    "AWS": '"arn:aws:iam::111122223333:role/role-name" or "111122223333"',
    "Service": '"sagemaker.amazonaws.com"',
    "Federated": '"cognito-identity.amazonaws.com" or "arn:aws:iam::111122223333:saml-provider/provider-name"',
    "CanonicalUser": "the 64-character canonical user id of an Amazon S3 account",
}
_PRINCIPAL_TYPES_HINT = (
    'the principal types are "AWS" (accounts, roles, users), "Service" (AWS services), "Federated" '
    '(identity providers) and "CanonicalUser" (Amazon S3 canonical user ids); they are '
    "case-sensitive"
)
_ELEMENT_FORMS = {  # element -> (one value, an example, the example as a list)
    "Action": ("an action", '"s3:GetObject"', '["s3:GetObject", "s3:PutObject"]'),
    "NotAction": ("an action", '"iam:*"', '["iam:*", "organizations:*"]'),
    "Resource": (
        'an ARN or "*"',
        '"arn:aws:s3:::my-bucket/*"',
        '["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"]',
    ),
    "NotResource": ("an ARN", '"arn:aws:s3:::my-bucket/*"', '["arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"]'),
}
_LABELS = {"Sid": '"AllowS3Read"', "Id": '"MyKeyPolicy"'}


def _type_hint(tokens: list, value: Any, schema: dict, kind: str) -> str:
    """How to write the value that has the wrong JSON type, shown in the form it should take."""
    place, name = _place(tokens, kind)
    if place == "element" and name == "Version" and isinstance(value, (int, float)):
        return 'the Version is a string: write "2012-10-17" in quotes'
    if place == "element" and name in _LABELS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"write it in double quotes: {json.dumps(str(value))}"
    if place in ("element", "item") and name in _ELEMENT_FORMS:
        one, example, example_list = _ELEMENT_FORMS[name]
        if place == "item":
            return f"each entry of {name} is {one} in double quotes, such as {example}"
        if isinstance(value, dict):
            return f"use [ ... ] (a list) rather than {{ ... }} (an object), such as {example_list}"
        return f"write {one} in double quotes, such as {example}, or a list of them, such as {example_list}"
    if place == "document":
        if isinstance(value, list):
            return (
                "remove the [ ] around the policy: a policy is one JSON object, "
                '{"Version": "2012-10-17", "Statement": [ ... ]}'
            )
        return 'a policy is one JSON object: {"Version": "2012-10-17", "Statement": [ ... ]}'
    if place == "statements":
        return f"Statement is a list of statements, each an object: [{_EXAMPLE_STATEMENT}]"
    if place == "statement":
        return f"a statement is a JSON object, such as {_EXAMPLE_STATEMENT}"
    if place == "Principal":
        if isinstance(value, list):
            return (
                'put the list under the principals\' type, such as {"AWS": [ ... ]} for accounts and roles '
                'or {"Service": [ ... ]} for AWS services'
            )
        return (
            'write "*" for anyone, or an object naming the principal\'s type, such as '
            '{"AWS": "arn:aws:iam::111122223333:root"} or {"Service": "sagemaker.amazonaws.com"}'
        )
    if place in ("principal type", "principal"):
        assert name is not None  # _place always names the principal type for these two
        example = _PRINCIPAL_EXAMPLES[name]
        if place == "principal":
            return f"each {name} principal is a string in double quotes, such as {example}"
        return f"write each {name} principal in double quotes, such as {example}; several go in a list [ ... ]"
    if place == "Condition":
        return (
            f"Condition is one object of operators, each holding condition keys and their values: {_EXAMPLE_CONDITION}"
        )
    if place == "operator":
        return (
            "an operator holds an object of condition keys and their values, such as "
            '"StringEquals": {"aws:SourceAccount": "111122223333"}'
        )
    if place == "condition key":
        nested = (
            " (an object here usually means an operator or key is nested one level too deep)"
            if isinstance(value, dict)
            else ""
        )
        return (
            'a condition key takes a string, number or boolean, or a list of them, such as "111122223333" or '
            f'["111122223333", "444455556666"]{nested}'
        )
    if place == "condition value":
        return (
            'each value in the list is a string, number or boolean, such as "111122223333"; '
            "a condition key takes one flat list"
        )
    if place == "element" and name == "Effect":
        return 'write "Allow" or "Deny", in double quotes'
    if place == "element" and name == "Version":
        return 'write "Version": "2012-10-17"'
    if place == "element" and name in _LABELS:
        return f"{name} is a label in double quotes, such as {_LABELS[name]}"
    return f"write {_expected_types(schema)} here"


def _empty_hint(place: tuple[str, str | None]) -> str:
    """What to write instead of an empty string, list or object."""
    kind, name = place
    if kind == "element" and name in _EMPTY_HINTS:
        return _EMPTY_HINTS[name]
    if kind == "statements":
        return _EMPTY_HINTS["Statement"]
    if kind in ("Principal", "Condition"):
        return _EMPTY_HINTS[kind]
    if kind == "item" and name in _ELEMENT_FORMS:
        one, example, _ = _ELEMENT_FORMS[name]
        return f"write {one}, such as {example}, or remove the empty entry"
    if kind in ("principal type", "principal"):
        assert name is not None  # _place always names the principal type for these two
        return f"name at least one {name} principal, such as {_PRINCIPAL_EXAMPLES[name]}"
    if kind == "operator":
        return 'add the condition keys this operator tests, such as {"aws:SourceAccount": "111122223333"}, or remove it'
    if kind == "condition key":
        return "give the condition key at least one value, or remove the key"
    if kind == "element" and name in _LABELS:
        return f"write a label, such as {_LABELS[name]}, or remove {name}"
    return "give it a value, or remove it"


def _missing_hint(name: str) -> str:
    return _MISSING_HINTS.get(name, f'add "{name}"')


def _schema_expectation(schema: dict, where: str) -> str:
    """A hint from the schema itself, for a rule this module has no words of its own for."""
    description = schema.get("description")
    if description:
        return f"expected here: {description}"
    return f"compare {where} with the IAM JSON policy element reference, or check the policy with the right --kind"


# --- words --------------------------------------------------------------------------------------

_MISSING_HINTS = {
    "Statement": 'add "Statement": [ ... ] with at least one statement',
    "Effect": 'add "Effect": "Allow" or "Effect": "Deny"',
    "Action": 'add "Action": [ ... ] listing the actions the statement allows or denies',
    "Resource": 'add "Resource": [ ... ] with the ARNs it applies to, or "*" for actions that take no resource',
    "Principal": 'add "Principal", such as {"AWS": "arn:aws:iam::111122223333:role/role-name"} or '
    '{"Service": "sagemaker.amazonaws.com"}',
}
_EMPTY_HINTS = {
    "Action": 'list at least one action, such as "s3:GetObject"',
    "NotAction": "list at least one action, or use Action instead",
    "Resource": 'use "*" for every resource, or list the ARNs; an empty Resource is rejected by AWS',
    "NotResource": "list at least one ARN, or use Resource instead",
    "Statement": "add at least one statement",
    "Principal": 'name at least one principal, or "*"',
    "Condition": "remove the empty Condition, or add an operator with its keys",
}


def _describe(tokens: list, kind: str) -> str:
    """Name the place a pointer points to, the way a person reading the policy would."""
    if not tokens:
        return "the statement" if kind == "statement" else "the policy"
    *parent, last = tokens
    if isinstance(last, int):
        if parent == ["Statement"]:
            return f"statement {last + 1}"
        return f"item {last + 1} of {_describe(parent, kind)}"
    if len(parent) >= 2 and parent[-2] == "Condition":
        return f"condition key {last}"
    if parent and parent[-1] == "Condition":
        return f"condition operator {last}"
    if last == "Statement" or not parent:
        return last
    return f"{last} of {_describe(parent, kind)}"


def _expected_types(schema: dict) -> str:
    types = schema.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    items = schema.get("items", {})
    item_types = items.get("type") if isinstance(items, dict) else None
    words = []
    for t in types:
        if t == "array" and item_types:
            inner = [item_types] if isinstance(item_types, str) else item_types
            words.append("a list of " + _or([_PLURAL[i] for i in inner]))
        else:
            words.append(_ARTICLE[t])
    return _or(words)


_ARTICLE = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "an object",
    "null": "null",
}
_PLURAL = {
    "string": "strings",
    "number": "numbers",
    "integer": "whole numbers",
    "boolean": "booleans",
    "array": "lists",
    "object": "objects",
    "null": "nulls",
}


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {json.dumps(value)}"
    if isinstance(value, str):
        return f"the string {_show(value)}"
    return "a list" if isinstance(value, list) else "an object"


def _show(value: Any) -> str:
    """A value as it would appear in the policy (JSON), shortened when long."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _closest(word: str, choices: list[str]) -> str | None:
    """The choice `word` most likely meant: the same name in another case, else a close spelling."""
    by_case = {c.lower(): c for c in choices}
    if word.lower() in by_case and by_case[word.lower()] != word:
        return by_case[word.lower()]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return close[0] if close else None


def _did_you_mean(word: str, choices: list[str]) -> str | None:
    closest = _closest(word, choices)
    if closest is None:
        return None
    if closest.lower() == word.lower():
        return f'names are case-sensitive: write "{closest}"'
    return f'did you mean "{closest}"?'
