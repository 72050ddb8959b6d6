"""The closed vocabularies of IAM that the commands pass around: effects, policy kinds, decisions.

They are `str` enums so that a member is its IAM spelling: it compares equal to the string a
policy, a scenario file or an older caller uses, and it is written to JSON as that string.
"""

from __future__ import annotations

from enum import Enum


class Effect(str, Enum):
    """A statement's Effect, spelled (case-sensitively) as IAM requires."""

    ALLOW = "Allow"
    DENY = "Deny"

    def __str__(self) -> str:
        return self.value


class PolicyKind(str, Enum):
    """Which kind of policy a document is; the kinds differ in which statement elements they take.

    `check` reads identity, resource, trust, statement (a lone statement to paste into a
    policy), scp and rcp; the simulator reads identity, resource (trust policies included), boundary,
    session, scp and rcp.
    """

    IDENTITY = "identity"
    RESOURCE = "resource"
    TRUST = "trust"
    STATEMENT = "statement"
    BOUNDARY = "boundary"
    SESSION = "session"
    SCP = "scp"
    RCP = "rcp"

    def __str__(self) -> str:
        return self.value

    @property
    def long_name(self) -> str:
        """How messages name the kind ("a permissions boundary cannot have Principal")."""
        return _KIND_TITLES[self]

    @property
    def names_principals(self) -> bool:
        """Statements of this kind must say whom they apply to (Principal or NotPrincipal)."""
        return self in (PolicyKind.RESOURCE, PolicyKind.TRUST, PolicyKind.RCP)

    @property
    def needs_resource(self) -> bool:
        """Statements of this kind must have Resource or NotResource (a trust policy applies to its role)."""
        return self not in (PolicyKind.RESOURCE, PolicyKind.TRUST, PolicyKind.STATEMENT)


_KIND_TITLES = {
    PolicyKind.IDENTITY: "identity-based policy",
    PolicyKind.RESOURCE: "resource-based policy",
    PolicyKind.TRUST: "role trust policy",
    PolicyKind.STATEMENT: "policy statement",
    PolicyKind.BOUNDARY: "permissions boundary",
    PolicyKind.SESSION: "session policy",
    PolicyKind.SCP: "service control policy (SCP)",
    PolicyKind.RCP: "resource control policy (RCP)",
}

# The service prefixes whose actions resource control policies apply to: an RCP's Action names only these
# (`iamkb check --kind rcp`), and the simulator applies RCPs only to their requests. AWS Organizations, "List of
# AWS services that support RCPs" (read 2026-09-26):
# https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services
RCP_SERVICES = frozenset(
    {
        "aoss",
        "appconfig",
        "appstream",
        "autoscaling",
        "autoscaling-plans",
        "budgets",
        "clouddirectory",
        "cloudfront",
        "cloudsearch",
        "cloudtrail-data",
        "codeartifact",
        "codebuild",
        "codecommit",
        "codepipeline",
        "cognito-identity",
        "cognito-idp",
        "comprehend",
        "comprehendmedical",
        "compute-optimizer",
        "cost-optimization-hub",
        "dax",
        "dsql",
        "dynamodb",
        "ecr",
        "ecr-public",
        "events",
        "firehose",
        "fis",
        "fms",
        "gamelift",
        "health",
        "inspector-scan",
        "kendra",
        "kinesisvideo",
        "kms",
        "logs",
        "memorydb",
        "networkmonitor",
        "notifications",
        "opensearch",
        "pca-connector-ad",
        "personalize",
        "polly",
        "pricing",
        "resource-groups",
        "rolesanywhere",
        "s3",
        "secretsmanager",
        "servicediscovery",
        "signin",
        "sqs",
        "sts",
        "support",
        "swf",
        "textract",
        "timestream-influxdb",
        "transcribe",
        "transfer",
        "translate",
        "wafv2",
        "workspaces",
        "xray",
    }
)


class Decision(str, Enum):
    """The simulator's answer for one request, in the words of AWS's evaluation logic.

    ALWAYS_DENIED is AWS refusing a request whatever the policies say (an AWS managed policy
    cannot be changed, the root user cannot assume a role, ...): no policy denied it and no
    policy could allow it, which neither of the other two denials says.
    """

    ALLOWED = "Allowed"
    EXPLICITLY_DENIED = "ExplicitlyDenied"
    IMPLICITLY_DENIED = "ImplicitlyDenied"
    ALWAYS_DENIED = "AlwaysDenied"

    def __str__(self) -> str:
        return self.value

    @property
    def allowed(self) -> bool:
        return self is Decision.ALLOWED
