"""The registry of finding codes: the single place a code, its type and its explanation live.

Codes are stable UPPER_SNAKE names (never renamed once published; users ignore them by name).
The site's finding-code reference page is generated from `CODES`. Every code has a short
example that produces it and the same document fixed, in `iamkb.check.examples` (kept out of the
core: the core never imports a capability); tests/test_codes.py runs both through `iamkb check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from iamkb.core.findings import Finding, FindingType


@dataclass(frozen=True)
class Code:
    name: str
    finding_type: FindingType
    title: str
    description: str  # why it matters, in plain words; shown on the reference page
    learn_more: str | None = None  # an AWS documentation URL, when one explains the rule

    def finding(self, path: str, message: str, **where) -> Finding:
        """Make a finding of this code; `where` takes pointer, line, column, hint, extra."""
        return Finding(
            path=path,
            code=self.name,
            finding_type=self.finding_type,
            message=message,
            learn_more=self.learn_more or f"reference/finding-codes/#{self.name.lower()}",
            **where,
        )


CODES: dict[str, Code] = {}


def define(name: str, finding_type: FindingType, title: str, description: str, learn_more: str | None = None) -> Code:
    if name in CODES:
        raise ValueError(f"finding code {name} defined twice")
    code = Code(name, finding_type, title, description, learn_more)
    CODES[name] = code
    return code


E, S, W, G = FindingType.ERROR, FindingType.SECURITY_WARNING, FindingType.WARNING, FindingType.SUGGESTION

# --- input and JSON syntax -------------------------------------------------------------------
# (more are added by the modules' owners below; keep one block per concern)
_GRAMMAR = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"
_ELEMENTS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_"
_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"

# Input problems: `iamkb check` exits 2 when any of these is reported (iamkb.check.UNREADABLE_INPUT).
define(
    "INPUT_NOT_FOUND",
    E,
    "Path not found",
    "A path given to `iamkb check` does not exist, so nothing was checked there.",
)
define(
    "INPUT_UNREADABLE",
    E,
    "File cannot be read",
    "The operating system refused to read the file (permissions, a special file), so nothing was checked there.",
)
define(
    "INPUT_NO_JSON_FILES",
    E,
    "No JSON files in the directory",
    "`iamkb check` looks for `*.json` files in a directory and its subdirectories (hidden ones skipped); "
    "finding none usually means a wrong path or a different file extension.",
)
# File content (iamkb.core.jsonsource): the file was read, but is not a usable JSON document as it stands.
define(
    "JSON_TOO_LARGE",
    E,
    "File too large for a policy",
    "iamkb reads policy files up to 1 MiB. AWS's largest policy limits are tens of kilobytes, so a bigger file is "
    "not a policy (and reading it would only slow the check down).",
    _QUOTAS,
)
define("JSON_EMPTY_FILE", E, "Empty file", "The file is empty or holds only white space; a policy is one JSON object.")
define(
    "JSON_NOT_UTF8",
    E,
    "File is not UTF-8 text",
    "Policy files are UTF-8 JSON text. A binary file, a UTF-16 file (common from Windows editors and PowerShell) "
    "or text in a legacy encoding cannot be read as a policy.",
)
define(
    "JSON_BYTE_ORDER_MARK",
    E,
    "Byte order mark at the start of the file",
    "The file starts with a UTF-8 byte order mark (BOM). IAM only accepts policy text made of printable ASCII and "
    "Latin-1 characters plus tab and line breaks, so a document that starts with a BOM is rejected as malformed. "
    "iamkb reads past the mark to check the rest of the file.",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html",
)
define(
    "JSON_SYNTAX_ERROR",
    E,
    "JSON syntax error",
    "The text is not valid JSON, so AWS rejects it as a malformed policy. When the mistake is a small one (a "
    "trailing comma, a stray character before or after the document, a comment), iamkb also reads the document "
    "leniently and reports everything else it finds in the same run.",
    _GRAMMAR,
)
define(
    "JSON_CHARACTER_NOT_ALLOWED",
    E,
    "Character IAM does not accept",
    "IAM accepts identity and trust policy text made only of printable ASCII and Latin-1 characters (up to "
    "U+00FF), tab, line feed and carriage return. Text copied from web pages and word processors often carries "
    "invisible or typographic characters (zero-width spaces, curly quotes, dashes) that make AWS reject the policy.",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html",
)
define(
    "JSON_TOO_DEEP",
    E,
    "JSON nested too deeply",
    "Arrays and objects are nested deeper than any IAM policy needs (a policy is at most about seven levels "
    "deep). iamkb stops at 32 levels rather than risk exhausting memory on a hostile file.",
)
define(
    "JSON_DUPLICATE_KEY",
    E,
    "Duplicate key in a JSON object",
    "The same key appears twice in one object. AWS accepts such a document but keeps only the last value, so "
    "the earlier one (often a whole Condition operator or a list of actions) is silently ignored.",
    _GRAMMAR,
)

# --- IAM policy grammar (iamkb.check.schema_findings, schemas/iam-policy.schema.json) -----------------------
define(
    "SCHEMA_WRONG_TYPE",
    E,
    "Wrong JSON type",
    "An element holds the wrong kind of JSON value, for example a number where IAM expects a string, or an "
    "object where it expects a list of strings.",
    _GRAMMAR,
)
define(
    "SCHEMA_MISSING_ELEMENT",
    E,
    "Required element missing",
    "A policy needs a Statement; every statement needs an Effect and an Action or NotAction; statements of "
    "identity and resource policies need a Resource or NotResource; resource and trust policies need a "
    "Principal or NotPrincipal.",
    _GRAMMAR,
)
define(
    "SCHEMA_UNKNOWN_ELEMENT",
    E,
    "Unknown element",
    "The policy or statement has a key IAM does not know. Element names are case-sensitive (`Effect`, not "
    "`effect`), and a misspelt element makes AWS reject the whole policy.",
    _GRAMMAR,
)
define(
    "SCHEMA_EMPTY_VALUE",
    E,
    "Empty value",
    "An element holds an empty string, list or object. AWS's policy grammar gives every list and map at least one "
    "value, and an empty list never matches anything. Access Analyzer calls an empty array or object a suggestion "
    '(its "Empty array ..." and "Empty object ..." checks), as it has no effect.',
    _GRAMMAR,
)
define(
    "SCHEMA_CONFLICTING_ELEMENTS",
    E,
    "Element and its Not form together",
    "A statement may have Action or NotAction, Resource or NotResource, Principal or NotPrincipal, never both "
    "of a pair.",
    _GRAMMAR,
)
define(
    "SCHEMA_INVALID_VERSION",
    E,
    "Invalid Version",
    'Version must be "2012-10-17" (current; needed for policy variables) or "2008-10-17" (legacy). It is the '
    "version of the policy language, not a date you choose.",
    _ELEMENTS + "version.html",
)
define(
    "SCHEMA_INVALID_EFFECT",
    E,
    "Invalid Effect",
    'Effect is exactly "Allow" or "Deny", with that capitalisation.',
    _ELEMENTS + "effect.html",
)
define(
    "SCHEMA_INVALID_SID",
    E,
    "Invalid Sid",
    "In IAM identity policies a statement id may hold only ASCII letters and digits. (Resource-based policies "
    "of other services allow more characters, so iamkb checks only identity statements this strictly.)",
    _ELEMENTS + "sid.html",
)
define(
    "SCHEMA_INVALID_ACTION",
    E,
    "Invalid action format",
    "An action is `service:ActionName` (for example `s3:GetObject`), optionally with `*` and `?` wildcards, or "
    "a lone `*`.",
    _ELEMENTS + "action.html",
)
define(
    "SCHEMA_INVALID_RESOURCE",
    E,
    "Invalid resource ARN format",
    "A resource is `*` or an ARN with six colon-separated fields: `arn:partition:service:region:account:resource` "
    "(fields may be empty, hold wildcards or policy variables such as `${aws:username}`).",
    _ELEMENTS + "resource.html",
)
define(
    "SCHEMA_INVALID_PRINCIPAL",
    E,
    "Invalid principal",
    'A principal is `"*"` or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a '
    "string or a list of strings: account ids or ARNs for AWS, service names such as `sagemaker.amazonaws.com` "
    "for Service.",
    _ELEMENTS + "principal.html",
)
define(
    "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY",
    E,
    "Principal in an identity policy",
    "An identity policy applies to the user, group or role it is attached to, so it names no principal; AWS "
    "rejects Principal and NotPrincipal there. Principals belong in trust policies and resource-based policies.",
    _ELEMENTS + "principal.html",
)
define(
    "SCHEMA_RESOURCE_IN_TRUST_POLICY",
    E,
    "Resource in a trust policy",
    "A role trust policy is attached to the role itself, which is the only resource it can concern; AWS rejects "
    "Resource and NotResource there.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html",
)
define(
    "SCHEMA_ID_IN_IDENTITY_POLICY",
    E,
    "Id in an identity policy",
    "The policy-level Id element is for resource-based policies of services that ask for one (such as SQS and "
    "SNS); iamkb reports it in identity policies, where IAM does not use it.",
    _ELEMENTS + "id.html",
)
define(
    "SCHEMA_INVALID_CONDITION_OPERATOR",
    E,
    "Unknown condition operator",
    "A condition operator is one of IAM's String, Numeric, Date, Bool, Binary, IpAddress, Arn or Null operators, "
    "optionally with an `IfExists` suffix and a `ForAllValues:` or `ForAnyValue:` prefix. Names are "
    "case-sensitive.",
    _ELEMENTS + "condition_operators.html",
)
define(
    "SCHEMA_INVALID_CONDITION_VALUE",
    E,
    "Invalid condition value",
    "A condition key's value is a string, number or boolean, or a non-empty list of them; objects and null are "
    "not allowed.",
    _ELEMENTS + "condition.html",
)

# --- lint: the IAM catalog (iamkb.check.rules.catalog_checks) ---------------------------------------
_AUTHZ_REF = "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html"
_GLOBAL_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
_ARNS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html"
_OPERATORS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
_CHECKS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"

define(
    "UNKNOWN_SERVICE",
    E,
    "Unknown service prefix",
    "The action's service prefix is not in the IAM catalog, so the statement grants nothing for it. "
    "Usually a typo or a product name used where the IAM prefix is expected (`groundtruth` instead of `sagemaker`).",
    _AUTHZ_REF,
)
define(
    "UNKNOWN_ACTION",
    E,
    "Unknown action",
    "The service exists but has no action of this name in the IAM catalog. IAM accepts the policy and silently "
    "grants nothing for the misspelled action, which is why the mistake often survives until runtime.",
    _AUTHZ_REF,
)
define(
    "WILDCARD_MATCHES_NO_ACTION",
    E,
    "Wildcard matches no action",
    "An action pattern with `*` or `?` matches no action of its service, so it grants nothing.",
    _AUTHZ_REF,
)
define(
    "UNKNOWN_CONDITION_KEY",
    E,
    "Unknown condition key",
    "The condition key is neither a global key (`aws:...`) nor a key the service defines. A condition on a key that "
    "is never in the request context is never true for most operators (and always true for negated ones).",
    _GLOBAL_KEYS,
)
define(
    "CONDITION_KEY_NOT_SUPPORTED",
    E,
    "Condition key not supported by the statement's actions",
    "The service defines the key, but none of the statement's actions or their resource types supports it, so "
    "the request context of those actions never contains it and the condition cannot restrict them as written. "
    'Access Analyzer reports each such action as an error ("Unsupported action for condition key").',
    _AUTHZ_REF,
)
define(
    "RESOURCE_MATCHES_NO_ACTION",
    E,
    "Resource ARN fits no action of the statement",
    "The ARN cannot name a resource of any type the statement's actions work on (for example an object ARN for "
    "`s3:ListBucket`, or a bucket ARN for `s3:GetObject`), so that Resource entry grants nothing. Access Analyzer "
    'makes an ARN that fits no known resource type an error ("Invalid ARN resource"). Where the catalog\'s list '
    "of resource types lags and AWS's own managed policies use the ARN, it is reported as "
    "USED_BY_AWS_MANAGED_POLICIES instead.",
    _AUTHZ_REF,
)
define(
    "ACTION_MATCHES_NO_RESOURCE",
    W,
    "Action has no matching resource in the statement",
    "None of the statement's Resource entries can name a resource this action works on, so the statement does not "
    "grant the action at all. Move the action to a statement with the right ARN (or `*` for actions that have no "
    "resource types).",
    _AUTHZ_REF,
)
define(
    "ARN_REGION_MISMATCH",
    E,
    "Region in the ARN where the service has none, or missing where it needs one",
    "Some services' ARNs have an empty region field (S3 buckets, IAM); others require a region. An ARN with the "
    "wrong shape matches no resource.",
    _ARNS,
)
define(
    "USED_BY_AWS_MANAGED_POLICIES",
    G,
    "Not valid per the IAM catalog, but used by AWS managed policies",
    "The action, service, condition key or ARN would be an error or warning, but AWS's own managed policies use "
    "this exact value. Either the catalog lags (a retired service, an undocumented resource type) or AWS's policy "
    "is wrong too; IAM accepts it either way. Check whether it does what you expect.",
    _AUTHZ_REF,
)
define(
    "ARN_ACCOUNT_MISMATCH",
    E,
    "Account in the ARN where the service has none, or missing where it needs one",
    "Some services' ARNs have an empty account field (S3 buckets); others require the 12-digit account id. "
    "An ARN with the wrong shape matches no resource.",
    _ARNS,
)

# --- lint: values (iamkb.check.rules.values; a value of the wrong type is defined there, one code per type) ---
define(
    "CONDITION_OPERATOR_KEY_TYPE",
    W,
    "Operator does not match the condition key's type",
    "Each condition key has a type (String, Numeric, Date, Bool, IPAddress, ARN); comparing it with an operator of "
    "another family fails or behaves unexpectedly (for example `StringEquals` on `aws:SourceIp`).",
    _OPERATORS,
)
define(
    "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
    G,
    "ForAnyValue on a single-valued key",
    "The set operators compare each value of a multivalued key (aws:TagKeys, aws:CalledVia). On a key with one "
    "value ForAnyValue adds nothing, and says something about the key that is not so. (ForAllValues there is "
    "worse, as it also holds when the key is absent: FORALLVALUES_ON_SINGLE_VALUED_KEY.)",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
)
define(
    "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR",
    E,
    "Multivalued key without ForAllValues or ForAnyValue",
    "A multivalued key (its type is ArrayOf...) holds a set of values, and AWS requires a set operator for it: "
    "compare it with ForAnyValue (at least one value matches) or ForAllValues (every value matches). Access "
    'Analyzer reports the operator without one as an error ("Missing qualifier").',
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
)
define(
    "INVALID_PARTITION",
    E,
    "Invalid ARN partition",
    "An ARN's second field is the partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f "
    "or aws-eusc. Any other value matches no resource.",
    _ARNS,
)
define(
    "MALFORMED_POLICY_VARIABLE",
    E,
    "Malformed policy variable",
    "A policy variable is written `${key}` (or `${key, 'default'}`) with a condition key name, or one of the special "
    "characters `${*}`, `${?}`, `${$}`. An unclosed `${` or a bad name is kept as literal text and never matches.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
)
define(
    "POLICY_VARIABLE_NEEDS_VERSION",
    E,
    "Policy variable in a policy without Version 2012-10-17",
    'Policy variables are only replaced when the policy declares `"Version": "2012-10-17"`; otherwise `${...}` '
    "is matched as literal text, so the element names something other than what it says. Access Analyzer "
    'reports it as an error ("Variable unsupported in version").',
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
)
# UNFILLED_PLACEHOLDER and TEMPLATE_PLACEHOLDER are defined in iamkb.check.rules.variables.

# --- lint: structure (iamkb.check.rules.structure) --------------------------------------------------
define(
    "TRUST_POLICY_ACTION",
    E,
    "Action not allowed in a trust policy",
    "A role trust policy may only allow the role-assumption actions: sts:AssumeRole, sts:AssumeRoleWithSAML, "
    "sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html",
)
define(
    "SERVICE_PRINCIPAL_FORMAT",
    E,
    "Service principal is not a service name",
    "A service principal is the service's DNS-style name in lower case, such as `sagemaker.amazonaws.com`; an ARN, "
    "an account id or a bare service prefix here matches no service, and AWS refuses the policy (Access Analyzer: "
    "INVALID_SERVICE_PRINCIPAL_FORMAT).",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services",
)
define(
    "DUPLICATE_SID",
    E,
    "Duplicate statement id",
    "Statement ids (Sid) must be unique within a policy; IAM rejects identity policies that repeat one.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
)
define(
    "REDUNDANT_ACTION",
    G,
    "Redundant action",
    "The action is listed twice, or a wildcard in the same statement already covers it. Removing it changes nothing "
    "and keeps the policy under its size limit.",
    _CHECKS,
)
define(
    "REDUNDANT_STATEMENT",
    G,
    "Redundant statement",
    "Another statement with the same effect, principal, resources and conditions already covers every action of "
    "this one.",
    _CHECKS,
)
define(
    "POLICY_TOO_LARGE",
    E,
    "Policy exceeds the size limit for its kind",
    "IAM counts the characters of a policy without white space: 6,144 for a customer managed policy, 2,048 for a "
    "role trust policy (4,096 after a quota increase), 10,240 for all inline policies of a role together. AWS "
    "managed policies are exempt.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
)

# --- lint: security (iamkb.check.rules.security, iamkb.check.rules.escalation) -----------------------------
define(
    "PASSROLE_ANY_RESOURCE",
    S,
    "iam:PassRole on every role",
    "Allowing iam:PassRole with Resource `*` lets the principal hand any role in the account, including "
    "administrator roles, to a service that then acts with it. Name the roles; an `iam:PassedToService` condition "
    "narrows which services may receive them but not which roles.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
)
define(
    "PRIVILEGE_ESCALATION",
    S,
    "Actions that let a principal raise its own permissions",
    "The policy allows a combination of actions that a principal can use to obtain more permissions than it was "
    "given: the published privilege-escalation methods (Rhino Security Labs' list of 21 IAM methods, such as "
    "iam:CreatePolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:CreateAccessKey, iam:UpdateAssumeRolePolicy, "
    "or iam:PassRole with a service that runs code: Lambda, EC2, Glue, CloudFormation, Data Pipeline, SageMaker, "
    "CodeBuild, ECS). Wildcards are expanded against the IAM catalog.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
)
define(
    "SERVICE_WILDCARD_ON_ALL_RESOURCES",
    S,
    "Every action of a service on every resource",
    "`service:*` or `*` with Resource `*` grants all current and future actions of the service, including "
    "permission management and deletion. List the actions the workload uses.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
)
define(
    "KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION",
    S,
    "kms:CreateGrant without kms:GrantIsForAWSResource",
    'A grant delegates use of a KMS key. Without `"Bool": {"kms:GrantIsForAWSResource": "true"}` the '
    "principal can create grants for anyone, not only for the AWS services (EBS, SageMaker) that need them.",
    "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource",
)
define(
    "ALLOW_WITH_NOT_ACTION",
    S,
    "Allow with NotAction",
    "Allow with NotAction grants every action except those listed, including actions of services added later.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
)
define(
    "ALLOW_WITH_NOT_RESOURCE",
    S,
    "Allow with NotResource",
    "Allow with NotResource grants the actions on every resource except those listed, including resources "
    "created later.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
)
define(
    "PUBLIC_PRINCIPAL",
    S,
    "Any principal, without a narrowing condition",
    'Principal `*` (or `{"AWS": "*"}`) in an Allow statement lets anyone, in any account, use the resource '
    "unless a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID narrows it.",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous",
)
