"""Batch scenario files: policies plus requests (and expected decisions), checked before evaluating.

    {"policies": {"identity": [doc, ...], "resource": doc, "boundary": doc, "session": doc,
                  "scp": [[doc, ...], ...], "rcp": [[doc, ...], ...]},
     "requests": [{"principal": arn, "action": "s3:GetObject", "resource": arn,
                   "resourceAccount": "111122223333", "context": {"key": "value" or [...]},
                   "expect": "Allowed"}, ...]}

Every policy key is optional. A policy may be written inline or as {"file": "path.json"},
relative to the scenario file. `expect` is Allowed, ExplicitlyDenied, ImplicitlyDenied or
Denied (either kind of denial). Anything malformed stops with a UsageError naming the file,
line:column and JSON pointer, never a traceback: a scenario is a claim, and a claim checked
against a half-read file is worse than no check.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from iamkb.core.errors import UsageError
from iamkb.core.findings import pointer as make_pointer
from iamkb.core.jsonsource import MAX_BYTES, Source, read_source
from iamkb.core.placeholders import substitute
from iamkb.core.shape import PolicyShapeError, json_type, short
from iamkb.simulate.evaluate import Policies
from iamkb.simulate.explain import ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED
from iamkb.simulate.policy import Policy
from iamkb.simulate.request import Request

DENIED = "Denied"  # an expectation met by either kind of denial
EXPECTATIONS = (ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, DENIED)
_SINGLE = ("resource", "boundary", "session")
_LEVELS = ("scp", "rcp")
POLICY_KEYS = ("identity",) + _SINGLE + _LEVELS
_REQUEST_KEYS = {"principal", "action", "resource", "resourceAccount", "context", "expect"}


@dataclass
class Scenario:
    path: str
    policies: Policies
    requests: list[Request]
    expects: list[str | None] = field(default_factory=list)
    unfilled: dict[str, list[str]] = field(default_factory=dict)  # policy label -> placeholders left as text


def expectation_met(expect: str | None, decision: str) -> bool:
    if expect is None:
        return True
    if expect == DENIED:
        return decision != ALLOWED
    return decision == expect


class JsonFile:
    """A JSON file as read, able to turn a pointer into line:column for messages."""

    def __init__(self, path: Path, display: str):
        self.path, self.display = path, display
        self.source: Source | None = None
        self.document = self._read()

    def _read(self):
        try:
            size = self.path.stat().st_size
        except OSError:
            size = 0
        if size > MAX_BYTES:  # large batch files: plain json, with the syntax error's position
            return self._read_large()
        source = read_source(self.path, self.display)
        if source.findings:
            first = source.findings[0]
            place = f"{self.display}:{first.line}:{first.column}" if first.line else self.display
            hint = f"\nhint: {first.hint}" if first.hint else ""
            more = f" (and {len(source.findings) - 1} more problems)" if len(source.findings) > 1 else ""
            raise UsageError(f"{place}: {first.message}{more}{hint}")
        self.source = source
        return source.document

    def _read_large(self):
        try:
            text = self.path.read_text(encoding="utf-8")
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{self.display}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{self.display}: cannot read the file: {exc}") from None

    def error(self, tokens: tuple, message: str, hint: str | None = None) -> UsageError:
        where = make_pointer(*tokens)
        position = self.source.position(where) if self.source is not None else None
        place = f"{self.display}:{position[0]}:{position[1]}" if position else self.display
        text = f"{place}: at {where or '/'}: {message}"
        return UsageError(text + (f"\nhint: {hint}" if hint else ""))


def read_policy_file(path: str | Path, display: str | None = None):
    """A policy document from its own file (UsageError naming the file when unreadable)."""
    return JsonFile(Path(path), display or str(path)).document


def compile_policy(document, kind: str, label: str, file: JsonFile, tokens: tuple) -> Policy:
    """Compile, turning a shape problem into a message located in `file` at `tokens`."""
    try:
        return Policy(document, kind, label)
    except PolicyShapeError as exc:
        raise file.error(tokens + exc.tokens, exc.message, exc.hint) from None


def load_scenario(path: str | Path, placeholders: dict[str, str] | None = None) -> Scenario:
    """Read and check a scenario; `placeholders` fills `<name>` text in its policies first."""
    scenario = JsonFile(Path(path), str(path))
    document = scenario.document
    if not isinstance(document, dict):
        raise scenario.error(
            (),
            f"a scenario must be a JSON object, got {json_type(document)}",
            'write {"policies": {...}, "requests": [...]}',
        )
    unknown = sorted(set(document) - {"policies", "requests"})
    if unknown:
        raise scenario.error(
            (unknown[0],), f"unknown scenario key {short(unknown[0])}", 'a scenario has "policies" and "requests"'
        )
    unfilled: dict[str, list[str]] = {}
    policies = _policies(scenario, document.get("policies", {}), placeholders, unfilled)
    if "requests" not in document:
        raise scenario.error((), 'the scenario has no "requests"', 'add "requests": [{"action": ..., ...}]')
    raw_requests = document["requests"]
    if not isinstance(raw_requests, list):
        raise scenario.error(("requests",), f'"requests" must be an array, got {json_type(raw_requests)}')
    requests, expects = [], []
    for index, raw in enumerate(raw_requests):
        request, expect = _request(scenario, raw, ("requests", index))
        requests.append(request)
        expects.append(expect)
    return Scenario(str(path), policies, requests, expects, unfilled)


def _policies(scenario: JsonFile, raw, placeholders: dict[str, str] | None, unfilled: dict) -> Policies:
    if not isinstance(raw, dict):
        raise scenario.error(("policies",), f'"policies" must be an object, got {json_type(raw)}')
    unknown = sorted(set(raw) - set(POLICY_KEYS))
    if unknown:
        raise scenario.error(
            ("policies", unknown[0]),
            f"unknown policy key {short(unknown[0])}",
            "the policy keys are " + ", ".join(POLICY_KEYS),
        )
    base = scenario.path.parent

    def filled(document, label: str):
        if placeholders is None:
            return document
        document, left = fill_placeholders(document, placeholders)
        if left:
            unfilled[label] = left
        return document

    def one(value, kind: str, label: str, tokens: tuple) -> Policy:
        if isinstance(value, dict) and set(value) == {"file"}:
            name = value["file"]
            if not isinstance(name, str) or not name:
                raise scenario.error(tokens + ("file",), '"file" must be a path string')
            target = Path(name) if Path(name).is_absolute() else base / name
            policy_file = JsonFile(target, str(target))
            label = f"{label} ({name})"
            return compile_policy(filled(policy_file.document, label), kind, label, policy_file, ())
        return compile_policy(filled(value, label), kind, label, scenario, tokens)

    def array(value, tokens: tuple, what: str) -> list:
        if not isinstance(value, list):
            raise scenario.error(tokens, f"{what} must be an array, got {json_type(value)}")
        return value

    built: dict = {}
    if "identity" in raw:
        tokens = ("policies", "identity")
        built["identity"] = [
            one(doc, "identity", f"identity[{i}]", tokens + (i,))
            for i, doc in enumerate(array(raw["identity"], tokens, '"identity"'))
        ]
    for kind in _SINGLE:
        if kind in raw:
            built[kind] = one(raw[kind], kind, kind, ("policies", kind))
    for kind in _LEVELS:
        if kind in raw:
            tokens = ("policies", kind)
            levels = array(raw[kind], tokens, f'"{kind}" (a list of levels, each a list of policies)')
            built[kind] = [
                [
                    one(doc, kind, f"{kind}[{n}][{i}]", tokens + (n, i))
                    for i, doc in enumerate(array(level, tokens + (n,), f"each {kind} level"))
                ]
                for n, level in enumerate(levels)
            ]
    return Policies(**built)


def _request(scenario: JsonFile, raw, tokens: tuple) -> tuple[Request, str | None]:
    if not isinstance(raw, dict):
        raise scenario.error(tokens, f"a request must be an object, got {json_type(raw)}")
    unknown = sorted(set(raw) - _REQUEST_KEYS)
    if unknown:
        raise scenario.error(
            tokens + (unknown[0],),
            f"unknown request key {short(unknown[0])}",
            "a request has principal, action, resource, resourceAccount, context and expect",
        )

    def text(key: str) -> str | None:
        if key not in raw:
            return None
        value = raw[key]
        if not isinstance(value, str) or not value:
            raise scenario.error(tokens + (key,), f'"{key}" must be a non-empty string, got {json_type(value)}')
        return value

    action = text("action")
    if action is None:
        raise scenario.error(tokens, 'the request has no "action"')
    check_action(action, lambda message, hint: scenario.error(tokens + ("action",), message, hint))
    account = text("resourceAccount")
    if account is not None and not (len(account) == 12 and account.isdigit()):
        raise scenario.error(tokens + ("resourceAccount",), f"{short(account)} is not a 12-digit account id")
    context = raw.get("context", {})
    if not isinstance(context, dict):
        raise scenario.error(tokens + ("context",), f'"context" must be an object, got {json_type(context)}')
    for key, value in context.items():
        problem = context_problem(value)
        if problem:
            raise scenario.error(tokens + ("context", key), problem, "leave a key out to simulate a request without it")
    expect = raw.get("expect")
    if expect is not None and expect not in EXPECTATIONS:
        raise scenario.error(
            tokens + ("expect",), f'"expect" must be one of {", ".join(EXPECTATIONS)}, got {short(expect)}'
        )
    request = Request(
        action,
        text("resource") or "*",
        principal=text("principal"),
        resource_account=account,
        context=context,
    )
    return request, expect


def check_action(action: str, error) -> None:
    """A request names one concrete action; `error(message, hint)` builds the exception to raise."""
    service, _, name = action.partition(":")
    if not service or not name or "*" in action or "?" in action:
        raise error(
            f"{short(action)} is not one action",
            "a request names one action, like s3:GetObject (wildcards belong in policies)",
        )


def context_problem(value) -> str | None:
    """Why a context value is unusable, or None: values are strings, numbers, booleans or arrays of them."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, (str, bool, int, float)):
            continue
        inside = " inside the array" if isinstance(value, list) else ""
        return (
            f"context values must be strings, numbers or booleans (or an array of them), got {json_type(item)}{inside}"
        )
    return None


def fill_placeholders(value, values: dict[str, str]):
    """A copy of a policy with `<name>` placeholders replaced, and the names left unfilled.

    Only string values are touched (never keys or structure), so a value cannot inject JSON.
    """
    unfilled: set[str] = set()

    def value_of(name: str) -> str | None:
        if name not in values:
            unfilled.add(name)
        return values.get(name)

    def fill(text: str) -> str:
        return substitute(text, value_of)

    def walk(node):
        if isinstance(node, str):
            return fill(node)
        if isinstance(node, list):
            return [walk(item) for item in node]
        if isinstance(node, dict):
            return {key: walk(item) for key, item in node.items()}
        return node

    return walk(value), sorted(unfilled)
