"""Batch scenario files: policies plus requests (and expected decisions), checked before evaluating.

    {"policies": {"identity": [doc, ...], "resource": doc, "boundary": doc, "session": doc,
                  "scp": [[doc, ...], ...], "rcp": [[doc, ...], ...]},
     "requests": [{"principal": arn, "action": "s3:GetObject", "resource": arn,
                   "resourceAccount": "111122223333", "context": {"key": "value" or [...]},
                   "expect": "Allowed"}, ...]}

Every policy key is optional. A policy may be written inline or as {"file": "path.json"}: a path
relative to the scenario file's own folder, which must stay inside that folder (no absolute path, no
`..` or symbolic link leading out), so a scenario handed to CI cannot read files elsewhere on the
machine. `expect` is Allowed, ExplicitlyDenied, ImplicitlyDenied or Denied (either kind of denial).

Reading is streamed (`open_scenario`): the policies are read and compiled first, then the requests are
checked and handed over one at a time as they are read, so a batch of a million requests takes the
memory of one. Files up to MAX_BYTES are read whole by `iamkb.core.jsonsource` (messages give
line:column); larger ones are streamed by `iamkb.core.jsonstream` under the same rules (messages give
the JSON pointer). Anything malformed stops with a UsageError naming the file and the pointer, never a
traceback: a scenario is a claim, and a claim checked against a misread file is worse than no check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from iamkb.core.arns import Arn
from iamkb.core.enums import Decision
from iamkb.core.errors import UsageError
from iamkb.core.findings import pointer as make_pointer
from iamkb.core.jsonsource import DATA, MAX_BYTES, POLICY, Limits, Source, load
from iamkb.core.jsonstream import STREAMED, NotAnObject, members
from iamkb.core.placeholders import substitute
from iamkb.core.shape import PolicyShapeError, json_type, short
from iamkb.simulate.evaluate import Policies
from iamkb.simulate.explain import ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED
from iamkb.simulate.policy import Policy
from iamkb.simulate.principals import ANONYMOUS
from iamkb.simulate.request import Request

DENIED = "Denied"  # an expectation met by either kind of denial
EXPECTATIONS = (ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, Decision.ALWAYS_DENIED, DENIED)
_SINGLE = ("resource", "boundary", "session")
_LEVELS = ("scp", "rcp")
POLICY_KEYS = ("identity",) + _SINGLE + _LEVELS
_REQUEST_KEYS = frozenset({"principal", "action", "resource", "resourceAccount", "context", "federatedBy", "expect"})
_ABSENT = object()
_LEAVE_OUT = "leave a key out to simulate a request without it"
_EMPTY: dict = {}  # a request without "context" (never modified: Request copies its context)
_SCENARIO_HINT = 'write {"policies": {...}, "requests": [...]}'
STREAM_ABOVE = MAX_BYTES  # larger scenario files are streamed; smaller ones are read whole, for line:column

Pairs = Iterator[tuple[Request, "str | None"]]


@dataclass
class Scenario:
    """A scenario held whole: its requests and their expectations side by side."""

    path: str
    policies: Policies
    requests: list[Request]
    expects: list[str | None] = field(default_factory=list)
    unfilled: dict[str, list[str]] = field(default_factory=dict)  # policy label -> placeholders left as text

    def pairs(self) -> Pairs:
        """(request, expectation or None) in request order."""
        if not self.expects:
            return ((request, None) for request in self.requests)
        return iter(zip(self.requests, self.expects, strict=True))


@dataclass
class ScenarioStream:
    """A scenario whose policies are read and compiled, and whose requests are read as they are iterated.

    `pairs()` checks each request as it reads it, so a malformed one raises UsageError there, after the
    requests before it were handed over; iterate it once (each call reads the file again).
    """

    path: str
    policies: Policies
    unfilled: dict[str, list[str]]
    _pairs: Callable[[], Pairs]

    def pairs(self) -> Pairs:
        return self._pairs()


def expectation_met(expect: str | None, decision: str) -> bool:
    if expect is None:
        return True
    if expect == DENIED:
        return decision != ALLOWED
    return decision == expect


class Located:
    """Where a value was read, able to build a message that names the file, line:column and pointer."""

    def __init__(self, path: Path, display: str, source: Source | None = None):
        self.path, self.display, self.source = path, display, source

    def error(self, tokens: tuple, message: str, hint: str | None = None) -> UsageError:
        where = make_pointer(*tokens)
        position = self.source.position(where) if self.source is not None else None
        place = f"{self.display}:{position[0]}:{position[1]}" if position else self.display
        text = f"{place}: at {where or '/'}: {message}"
        return UsageError(text + (f"\nhint: {hint}" if hint else ""))


class JsonFile(Located):
    """A JSON file read whole by the shared reader (`jsonsource.load`: size, depth, decoding, duplicate keys)."""

    def __init__(self, path: Path, display: str, limits: Limits = POLICY):
        super().__init__(path, display, load(path, display, limits=limits))
        assert self.source is not None
        self.document = self.source.document


def read_policy_file(path: str | Path, display: str | None = None):
    """A policy document from its own file (UsageError naming the file when unreadable)."""
    return JsonFile(Path(path), display or str(path)).document


def compile_policy(document, kind: str, label: str, file: Located, tokens: tuple) -> Policy:
    """Compile, turning a shape problem into a message located in `file` at `tokens`."""
    try:
        return Policy(document, kind, label)
    except PolicyShapeError as exc:
        raise file.error(tokens + exc.tokens, exc.message, exc.hint) from None


def load_scenario(path: str | Path, placeholders: dict[str, str] | None = None) -> Scenario:
    """Read and check a whole scenario; `placeholders` fills `<name>` text in its policies first."""
    stream = open_scenario(path, placeholders)
    requests, expects = [], []
    for request, expect in stream.pairs():
        requests.append(request)
        expects.append(expect)
    return Scenario(stream.path, stream.policies, requests, expects, stream.unfilled)


def open_scenario(path: str | Path, placeholders: dict[str, str] | None = None) -> ScenarioStream:
    """Read and compile a scenario's policies now; its requests are read and checked as `pairs()` goes."""
    path = Path(path)
    display = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the reader says what is wrong with the path
    if size > STREAM_ABOVE:
        return _streamed(path, display, placeholders)
    scenario = JsonFile(path, display, DATA)
    document = scenario.document
    if not isinstance(document, dict):
        raise scenario.error((), f"a scenario must be a JSON object, got {json_type(document)}", _SCENARIO_HINT)
    for key in document:
        _check_scenario_key(scenario, key)
    unfilled: dict[str, list[str]] = {}
    policies = _policies(scenario, document.get("policies", {}), placeholders, unfilled)
    if "requests" not in document:
        raise _no_requests(scenario)
    raw_requests = document["requests"]
    if not isinstance(raw_requests, list):
        raise _not_an_array(scenario, raw_requests)
    return ScenarioStream(display, policies, unfilled, lambda: _checked(scenario, enumerate(raw_requests)))


def _streamed(path: Path, display: str, placeholders: dict[str, str] | None) -> ScenarioStream:
    """Two reads of a large file: the policies first (usually the first member), then the requests."""
    scenario = Located(path, display)
    raw_policies = {}
    found = members(path, display, skip=frozenset({"requests"}))  # a generator: closed when done
    try:
        for key, _, value in found:
            _check_scenario_key(scenario, key)
            if key == "policies":
                raw_policies = value
                break
    except NotAnObject as exc:
        raise scenario.error((), f"a scenario must be a JSON object, got {exc.got}", _SCENARIO_HINT) from None
    finally:
        found.close()
    unfilled: dict[str, list[str]] = {}
    policies = _policies(scenario, raw_policies, placeholders, unfilled)

    def pairs() -> Pairs:
        seen = False
        for key, index, value in members(path, display, items=frozenset({"requests"}), skip=frozenset({"policies"})):
            _check_scenario_key(scenario, key)
            if key != "requests":
                continue
            seen = True
            if index is not None:
                yield _request(scenario, value, ("requests", index))
            elif value is not STREAMED:
                raise _not_an_array(scenario, value)
        if not seen:
            raise _no_requests(scenario)

    return ScenarioStream(display, policies, unfilled, pairs)


def _check_scenario_key(scenario: Located, key: str) -> None:
    if key not in ("policies", "requests"):
        raise scenario.error((key,), f"unknown scenario key {short(key)}", 'a scenario has "policies" and "requests"')


def _no_requests(scenario: Located) -> UsageError:
    return scenario.error((), 'the scenario has no "requests"', 'add "requests": [{"action": ..., ...}]')


def _not_an_array(scenario: Located, value) -> UsageError:
    return scenario.error(("requests",), f'"requests" must be an array, got {json_type(value)}')


def _checked(scenario: Located, raw_requests: Iterable[tuple[int, object]]) -> Pairs:
    for index, raw in raw_requests:
        yield _request(scenario, raw, ("requests", index))


def _policies(scenario: Located, raw, placeholders: dict[str, str] | None, unfilled: dict) -> Policies:
    if not isinstance(raw, dict):
        raise scenario.error(("policies",), f'"policies" must be an object, got {json_type(raw)}')
    unknown = sorted(set(raw) - set(POLICY_KEYS))
    if unknown:
        raise scenario.error(
            ("policies", unknown[0]),
            f"unknown policy key {short(unknown[0])}",
            "the policy keys are " + ", ".join(POLICY_KEYS),
        )

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
            target = referenced_file(scenario, name, tokens + ("file",))
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


def referenced_file(scenario: Located, name, tokens: tuple) -> Path:
    """The policy file a `{"file": name}` reference names: relative to the scenario file's folder, and in it.

    An absolute path, a `..` that climbs out, or a symbolic link that points out are refused: a scenario
    is often someone else's file (a pull request run by CI), and it must not read what lies elsewhere.
    """
    if not isinstance(name, str) or not name:
        raise scenario.error(tokens, '"file" must be a path string')
    folder = scenario.path.parent
    shown = str(folder) if str(folder) != "." else "the current folder"
    hint = (
        f"write the path relative to the scenario file's folder ({shown}) and keep the policy files in it "
        "or below it; move the scenario file up to a folder that holds both"
    )
    if "\x00" in name:
        raise scenario.error(tokens, f"{short(name)} is not a path: it holds a NUL character", hint)
    if Path(name).is_absolute():
        raise scenario.error(
            tokens, f"{short(name)} is an absolute path; a scenario names its policy files relative to itself", hint
        )
    target = folder / name
    try:
        inside = target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links, a name too long
        inside = False
    if not inside:
        raise scenario.error(tokens, f"{short(name)} leads outside the scenario file's folder", hint)
    return target


def _request(scenario: Located, raw, tokens: tuple) -> tuple[Request, str | None]:
    """The request a scenario entry describes, and its expectation; UsageError when it is malformed.

    The usual request passes the same checks as `_checked_request` in a few dictionary look-ups (the
    checks of repeated values are cached); anything it does not pass goes to `_checked_request`, which
    says what is wrong.
    """
    if raw.__class__ is dict and raw.keys() <= _REQUEST_KEYS:
        get = raw.get
        action, resource = get("action"), get("resource", "*")
        principal, account = get("principal"), get("resourceAccount")
        context, expect = get("context", _EMPTY), get("expect")
        if (
            action.__class__ is str
            and action
            and action_problem(action) is None
            and resource.__class__ is str
            and (resource == "*" or _ARN.fullmatch(resource))
            and (
                (principal is None and "principal" not in raw)
                or (principal.__class__ is str and principal and not principal_problem(principal))
            )
            and (
                (account is None and "resourceAccount" not in raw)
                or (account.__class__ is str and not account_problem(account))
            )
            and context.__class__ is dict
            and (expect is None or expect in EXPECTATIONS)
            and "federatedBy" not in raw
            and (not context or _usual_context(context))
        ):
            request = Request(action, resource, principal=principal, resource_account=account, context=context)
            return request, expect
    return _checked_request(scenario, raw, tokens)


def _usual_context(context: dict) -> bool:
    for key, value in context.items():
        if context_key_problem(key) is not None:
            return False
        if not (value.__class__ is str and not _CONTROL.search(value)) and context_problem(value) is not None:
            return False
    return True


def _checked_request(scenario: Located, raw, tokens: tuple) -> tuple[Request, str | None]:
    if raw.__class__ is not dict:
        raise scenario.error(tokens, f"a request must be an object, got {json_type(raw)}")
    if not raw.keys() <= _REQUEST_KEYS:
        unknown = sorted(set(raw) - _REQUEST_KEYS)[0]
        raise scenario.error(
            tokens + (unknown,),
            f"unknown request key {short(unknown)}",
            "a request has principal, action, resource, resourceAccount, context, federatedBy and expect",
        )

    def text(key: str, problem_of: Callable[[str], tuple[str, str | None] | None]) -> str | None:
        value = raw.get(key, _ABSENT)
        if value is _ABSENT:
            return None
        problem = _string_problem(value, key) or problem_of(value)
        if problem:
            raise scenario.error(tokens + (key,), *problem)
        return value

    action = text("action", action_problem)
    if action is None:
        raise scenario.error(tokens, 'the request has no "action"')
    resource = text("resource", resource_problem) or "*"
    principal = text("principal", principal_problem)
    account = text("resourceAccount", account_problem)
    context = raw.get("context", _EMPTY)
    if context.__class__ is not dict:
        raise scenario.error(tokens + ("context",), f'"context" must be an object, got {json_type(context)}')
    for key, value in context.items():
        key_problem = context_key_problem(key)
        if key_problem:
            raise scenario.error(tokens + ("context", key), *key_problem)
        value_problem = context_problem(value)
        if value_problem:
            raise scenario.error(tokens + ("context", key), value_problem, _LEAVE_OUT)
    expect = raw.get("expect")  # null: no expectation, as when it is left out
    if expect is not None and expect not in EXPECTATIONS:
        raise scenario.error(
            tokens + ("expect",), f'"expect" must be one of {", ".join(EXPECTATIONS)}, got {short(expect)}'
        )
    federated_by = text("federatedBy", principal_problem)
    try:
        request = Request(
            action, resource, principal=principal, resource_account=account, context=context, federated_by=federated_by
        )
    except ValueError as exc:  # federatedBy that cannot be the user behind this federated session
        raise scenario.error(tokens + ("federatedBy",), str(exc)) from None
    return request, expect


# --- the request fields, as a person or a file writes them ---------------------------------------------
# Each returns (message, hint) when the value cannot be what it claims to be, or None. They are shared by
# scenario files and the --action/--resource/--principal/--context flags, so both refuse the same input.

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# arn:partition:service:region:account:resource, partition, service and resource not empty, no control character
_ARN = re.compile(r"arn(?::[^:\x00-\x1f\x7f-\x9f]+){2}(?::[^:\x00-\x1f\x7f-\x9f]*){2}:[^\x00-\x1f\x7f-\x9f]+")
_ACTION = re.compile(r"[A-Za-z0-9-]+:[A-Za-z0-9_-]+")
_HOST_NAME = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CONTEXT_KEY = re.compile(r"[A-Za-z0-9.-]+:[^\x00-\x1f\x7f-\x9f]+")
_ARN_EXAMPLE = "arn:aws:s3:::my-labeling-input/images/1.jpg"


def _string_problem(value, name: str) -> tuple[str, None] | None:
    if value.__class__ is not str:
        return f'"{name}" must be a non-empty string, got {json_type(value)}', None
    if not value:
        return f'"{name}" must be a non-empty string, got an empty one', None
    return None


@lru_cache(maxsize=4096)
def action_problem(action: str) -> tuple[str, str] | None:
    """A request names one concrete action: `service:Name`, letters, digits and hyphens."""
    if "*" in action or "?" in action or ":" not in action:
        return (
            f"{short(action)} is not one action",
            "a request names one action, like s3:GetObject (wildcards belong in policies)",
        )
    if not _ACTION.fullmatch(action):
        return (
            f"{short(action)} is not an action name: an action is service:Name, in letters, digits and hyphens",
            "write it as in the Service Authorization Reference, like s3:GetObject",
        )
    return None


def resource_problem(resource: str) -> tuple[str, str] | None:
    """A request's resource is an ARN (arn:partition:service:region:account:resource) or `*`."""
    if resource == "*" or _ARN.fullmatch(resource):
        return None
    if _CONTROL.search(resource):
        return f"{short(resource)} holds a control character, which no ARN has", "retype the ARN"
    arn = Arn.parse(resource)
    if arn is None or not arn.partition or not arn.service or not arn.resource:
        return (
            f"{short(resource)} is not an ARN",
            f'a resource is an ARN, like {_ARN_EXAMPLE}, or "*" for actions on no resource',
        )
    return None


@lru_cache(maxsize=1024)
def principal_problem(principal: str) -> tuple[str, str] | None:
    """Who asks: an ARN (user, role, role session, federated user, root), an account id, a service or
    identity provider, or `anonymous` (an unsigned request)."""
    if (len(principal) == 12 and principal.isdigit()) or principal == ANONYMOUS:
        return None
    if not _CONTROL.search(principal):
        arn = Arn.parse(principal)
        if arn is not None and arn.partition and arn.service and arn.resource:
            return None
        if arn is None and _HOST_NAME.fullmatch(principal):
            return None  # a service (sagemaker.amazonaws.com) or an identity provider (accounts.google.com)
    return (
        f"{short(principal)} is not a principal",
        "give an ARN (arn:aws:iam::111122223333:role/GroundTruthExecutionRole, a user, an assumed-role "
        'session), a 12-digit account id, a service such as sagemaker.amazonaws.com, or "anonymous"',
    )


def account_problem(account: str) -> tuple[str, None] | None:
    if len(account) == 12 and account.isdigit():
        return None
    return f"{short(account)} is not a 12-digit account id", None


@lru_cache(maxsize=4096)
def context_key_problem(key: str) -> tuple[str, str] | None:
    """A condition key is prefix:name (aws:SourceIp, s3:prefix, aws:ResourceTag/Cost Center)."""
    if _CONTEXT_KEY.fullmatch(key):
        return None
    return (
        f"{short(key)} is not a condition key",
        "condition keys are written prefix:name, like aws:SourceIp or iam:PassedToService",
    )


def context_problem(value) -> str | None:
    """Why a context value is unusable, or None: values are strings, numbers or booleans, or arrays of them."""
    items = value if value.__class__ is list else (value,)
    for item in items:
        if item.__class__ is str:
            if _CONTROL.search(item):
                return "context values cannot hold control characters (line breaks, NUL, escape)"
            continue
        if isinstance(item, (bool, int, float)):
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
