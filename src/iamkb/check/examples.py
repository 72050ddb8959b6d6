"""One example and its fix for every finding code: the reference page shows them, tests run them.

`EXAMPLES[code] = (example, fixed)`: `example` is a short, realistic Ground Truth policy that
produces the code; `fixed` is the same document with that one mistake corrected, and does not.
tests/test_codes.py runs both through `iamkb.check`, so every pair here is a checked claim.

Most pairs are written as a correct document plus the one mistake (`_mistake`): the fix is then
exactly the document without the mistake, and the reader sees which few characters matter. The
documents use the names a Ground Truth team would: buckets my-labeling-input and
my-labeling-output, the role GroundTruthExecutionRole, account 111122223333. Those are documentation
example values, so `iamkb check` also reports EXAMPLE_VALUE on most pairs, as it would for a reader who
pastes one; the tests require only each pair's own code (and no error in the fix), so that does not
blur them. Only EXAMPLE_VALUE's own fix uses another bucket name.

Kept apart from iamkb.core.codes so the registry stays readable and `iamkb check` never loads this.
A newer rule module keeps its codes' pairs beside its check (`EXAMPLES` in the module, made with
`iamkb.check.example`); they are gathered here, so `example(code)` and `fixed(code)` are how the site
and the tests read every pair.
"""

from __future__ import annotations

from iamkb.check import rules
from iamkb.check.example import TRUST_POLICY, Example
from iamkb.check.example import mistake as _mistake
from iamkb.check.example import policy as _policy

# --- the documents the examples start from -------------------------------------------------------

# The execution role reads the input manifest and images.
READ_INPUT_STATEMENT = """\
    {
      "Sid": "ReadLabelingInput",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*"
    }"""
READ_INPUT = _policy(READ_INPUT_STATEMENT)

# The execution role writes the labels.
WRITE_OUTPUT_STATEMENT = """\
    {
      "Sid": "WriteLabels",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::my-labeling-output/*"
    }"""
WRITE_OUTPUT = _policy(WRITE_OUTPUT_STATEMENT)

# The execution role lists the input bucket and reads its objects.
LIST_AND_READ = _policy("""\
    {
      "Sid": "ListAndReadInput",
      "Effect": "Allow",
      "Action": ["s3:ListBucket", "s3:GetObject"],
      "Resource": ["arn:aws:s3:::my-labeling-input", "arn:aws:s3:::my-labeling-input/*"]
    }""")

# The execution role's trust policy, with the confused-deputy guard.
TRUST = TRUST_POLICY

# The input bucket's policy: only the execution role reads the images.
BUCKET_POLICY = _policy("""\
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*"
    }""")

# A labeling admin starts and watches labeling jobs.
LABELING_JOBS_STATEMENT = """\
    {
      "Sid": "ManageLabelingJobs",
      "Effect": "Allow",
      "Action": ["sagemaker:CreateLabelingJob", "sagemaker:DescribeLabelingJob"],
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*"
    }"""
LABELING_JOBS = _policy(LABELING_JOBS_STATEMENT)

# The labeling admin hands the execution role to SageMaker, and only to SageMaker.
PASS_ROLE_STATEMENT = """\
    {
      "Sid": "PassExecutionRole",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole",
      "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}}
    }"""
PASS_ROLE = _policy(PASS_ROLE_STATEMENT)
LABELING_ADMIN = _policy(LABELING_JOBS_STATEMENT, PASS_ROLE_STATEMENT)

# Labeling jobs may be created only with the project's tag keys.
TAGGED_JOBS = _policy("""\
    {
      "Effect": "Allow",
      "Action": "sagemaker:CreateLabelingJob",
      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*",
      "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["project", "cost-center"]}}
    }""")

# Each labeler reads only the images under their own prefix.
PER_USER_PREFIX = _policy("""\
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/home/${aws:username}/*"
    }""")

# Contractors read the images only from the office network.
OFFICE_NETWORK = _policy("""\
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::my-labeling-input/*",
      "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
    }""")

# The execution role uses the output bucket's KMS key, and lets AWS services (the labeling job's
# volumes) use it through grants.
KMS_KEY = _policy(
    """\
    {
      "Sid": "UseOutputKey",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }""",
    """\
    {
      "Sid": "GrantOutputKeyToAwsResources",
      "Effect": "Allow",
      "Action": "kms:CreateGrant",
      "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}
    }""",
)  # two statements: kms:GrantIsForAWSResource is in the request of kms:CreateGrant only

INPUT_OBJECTS = '"arn:aws:s3:::my-labeling-input/*"'
IMAGES = '"arn:aws:s3:::my-labeling-input/images/*"'
READ_IMAGES = READ_INPUT.replace(INPUT_OBJECTS, IMAGES)
ONE_LINE_STATEMENT = '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-labeling-input/*"}'
NESTED_LISTS = 40  # a faulty generator's nesting; iamkb stops at 32 levels


def _image_arns(count: int) -> str:
    """A Resource list naming images one by one, as a naive policy generator writes it."""
    return "[" + ", ".join(f'"arn:aws:s3:::my-labeling-input/images/{n:06}.jpg"' for n in range(count)) + "]"


EXAMPLES: dict[str, tuple[Example, Example]] = {
    # --- input: the situation is in the fields; the text is a good policy ------------------------
    "INPUT_NOT_FOUND": (
        Example(
            "identity",
            READ_INPUT,
            "`iamkb check labelling-policy.json`, but the file is labeling-policy.json",
            file="labeling-policy.json",
            given="labelling-policy.json",
        ),
        Example("identity", READ_INPUT, "`iamkb check labeling-policy.json`", file="labeling-policy.json"),
    ),
    "INPUT_UNREADABLE": (
        Example(
            "identity",
            READ_INPUT,
            "labeling-policy.json has permissions 000 (`chmod 000`): the user may not read it",
            file="labeling-policy.json",
            mode=0o000,
        ),
        Example(
            "identity",
            READ_INPUT,
            "labeling-policy.json has permissions 644 (`chmod 644`)",
            file="labeling-policy.json",
            mode=0o644,
        ),
    ),
    "INPUT_NO_JSON_FILES": (
        Example(
            "identity",
            READ_INPUT,
            "`iamkb check policies`, whose only file is labeling-policy.txt",
            file="policies/labeling-policy.txt",
            given="policies",
        ),
        Example(
            "identity",
            READ_INPUT,
            "`iamkb check policies`, with the file renamed labeling-policy.json",
            file="policies/labeling-policy.json",
            given="policies",
        ),
    ),
    # --- bytes and JSON syntax ---------------------------------------------------------------------
    "JSON_TOO_LARGE": (
        Example(
            "identity",
            READ_INPUT.replace(INPUT_OBJECTS, _image_arns(25_000)).encode("utf-8"),
            "a generated policy that lists 25,000 images one by one in Resource: over 1 MiB",
        ),
        Example("identity", READ_IMAGES, "one wildcard ARN for the images"),
    ),
    "JSON_EMPTY_FILE": (
        Example("identity", "", "an empty file: a policy file created but never filled in"),
        Example("identity", READ_INPUT),
    ),
    "JSON_NOT_UTF8": (
        Example(
            "identity",
            READ_INPUT.encode("utf-16"),
            "the policy saved as UTF-16, as Windows PowerShell 5's `>` redirection writes it",
        ),
        Example("identity", READ_INPUT.encode("utf-8"), "the policy saved as UTF-8"),
    ),
    "JSON_BYTE_ORDER_MARK": (
        Example(
            "identity",
            ("\ufeff" + READ_INPUT).encode("utf-8"),
            'the policy saved as "UTF-8 with BOM": three invisible bytes EF BB BF before the {',
        ),
        Example("identity", READ_INPUT.encode("utf-8"), "the policy saved as UTF-8 without BOM"),
    ),
    "JSON_SYNTAX_ERROR": _mistake("identity", READ_INPUT, INPUT_OBJECTS + "\n", INPUT_OBJECTS + ",\n"),
    "JSON_CHARACTER_NOT_ALLOWED": _mistake(
        "identity",
        READ_INPUT,
        "my-labeling-input/*",
        "my\u2011labeling-input/*",
        "the first hyphen is a non-breaking hyphen (U+2011), put there by a word processor",
    ),
    "JSON_TOO_DEEP": _mistake(
        "identity",
        _policy(f"    {ONE_LINE_STATEMENT}"),
        ONE_LINE_STATEMENT,
        "[" * NESTED_LISTS + ONE_LINE_STATEMENT + "]" * NESTED_LISTS,
        f"a faulty generator wrapped the statement in {NESTED_LISTS} nested lists",
    ),
    "JSON_DUPLICATE_KEY": _mistake(
        "identity",
        WRITE_OUTPUT,
        '"Action": ["s3:GetObject", "s3:PutObject"],',
        '"Action": "s3:GetObject",\n      "Action": "s3:PutObject",',
    ),
    # --- IAM grammar ----------------------------------------------------------------------------------
    "SCHEMA_WRONG_TYPE": _mistake(
        "identity", READ_INPUT, INPUT_OBJECTS, "null", "a template had no value for the bucket and wrote null"
    ),
    "SCHEMA_MISSING_ELEMENT": _mistake(
        "identity", READ_INPUT, '"s3:GetObject",\n      "Resource": ' + INPUT_OBJECTS, '"s3:GetObject"'
    ),
    "SCHEMA_UNKNOWN_ELEMENT": _mistake("identity", READ_INPUT, '"Resource":', '"Resources":'),
    "SCHEMA_EMPTY_VALUE": _mistake("identity", READ_INPUT, INPUT_OBJECTS, "[]"),
    "SCHEMA_CONFLICTING_ELEMENTS": _mistake(
        "identity",
        READ_INPUT,
        INPUT_OBJECTS + "\n",
        INPUT_OBJECTS + ',\n      "NotResource": "arn:aws:s3:::my-labeling-input/private/*"\n',
    ),
    "SCHEMA_INVALID_VERSION": _mistake("identity", READ_INPUT, '"2012-10-17"', '"2026-11-27"'),
    "SCHEMA_INVALID_EFFECT": _mistake("identity", READ_INPUT, '"Allow"', '"allow"'),
    "SCHEMA_INVALID_SID": _mistake("identity", READ_INPUT, '"ReadLabelingInput"', '"read-labeling-input"'),
    "SCHEMA_INVALID_ACTION": _mistake(
        "identity", LABELING_JOBS, '"sagemaker:DescribeLabelingJob"', '"DescribeLabelingJob"'
    ),
    "SCHEMA_INVALID_RESOURCE": _mistake("identity", READ_INPUT, INPUT_OBJECTS, '"arn:aws:s3:my-labeling-input/*"'),
    "SCHEMA_INVALID_PRINCIPAL": _mistake(
        "trust", TRUST, '{"Service": "sagemaker.amazonaws.com"}', '"sagemaker.amazonaws.com"'
    ),
    "SCHEMA_PRINCIPAL_IN_IDENTITY_POLICY": _mistake(
        "identity",
        READ_INPUT,
        '"Allow",\n',
        '"Allow",\n      "Principal": {"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"},\n',
        "the policy is attached to GroundTruthExecutionRole, so it names no principal",
    ),
    "SCHEMA_RESOURCE_IN_TRUST_POLICY": _mistake(
        "trust",
        TRUST,
        '"sts:AssumeRole",\n',
        '"sts:AssumeRole",\n      "Resource": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole",\n',
    ),
    "SCHEMA_ID_IN_IDENTITY_POLICY": _mistake(
        "identity", READ_INPUT, '{\n  "Version"', '{\n  "Id": "GroundTruthExecutionRolePolicy",\n  "Version"'
    ),
    "SCHEMA_INVALID_CONDITION_OPERATOR": _mistake("trust", TRUST, '"StringEquals"', '"StringEqual"'),
    "SCHEMA_INVALID_CONDITION_VALUE": _mistake(
        "trust", TRUST, '"111122223333"', "null", "a template had no value for the account id and wrote null"
    ),
    # --- the IAM catalog ----------------------------------------------------------------------------
    "UNKNOWN_SERVICE": _mistake(
        "identity", LABELING_JOBS, '"sagemaker:CreateLabelingJob"', '"groundtruth:CreateLabelingJob"'
    ),
    "UNKNOWN_ACTION": _mistake(
        "identity", LABELING_JOBS, '"sagemaker:CreateLabelingJob"', '"sagemaker:CreateLabellingJob"'
    ),
    "WILDCARD_MATCHES_NO_ACTION": _mistake(
        "identity", LABELING_JOBS, '"sagemaker:DescribeLabelingJob"', '"sagemaker:DescribeLabellingJob*"'
    ),
    "UNKNOWN_CONDITION_KEY": _mistake("trust", TRUST, '"aws:SourceAccount"', '"aws:SourceAcount"'),
    "CONDITION_KEY_NOT_SUPPORTED": _mistake(
        "identity",
        READ_IMAGES,
        IMAGES,
        INPUT_OBJECTS + ',\n      "Condition": {"StringLike": {"s3:prefix": "images/*"}}',
        "s3:prefix is a key of s3:ListBucket; to read only images/, name them in the Resource ARN",
    ),
    "RESOURCE_MATCHES_NO_ACTION": _mistake(
        "identity",
        READ_INPUT,
        INPUT_OBJECTS,
        '"arn:aws:s3:::my-labeling-input"',
        "a bucket ARN, but s3:GetObject works on objects",
    ),
    "ACTION_MATCHES_NO_RESOURCE": _mistake(
        "identity",
        LIST_AND_READ,
        '["arn:aws:s3:::my-labeling-input", ' + INPUT_OBJECTS + "]",
        INPUT_OBJECTS,
        "s3:ListBucket works on the bucket, and the bucket's ARN is missing",
    ),
    "ARN_REGION_MISMATCH": _mistake(
        "identity", READ_INPUT, INPUT_OBJECTS, '"arn:aws:s3:us-east-1::my-labeling-input/*"'
    ),
    "USED_BY_AWS_MANAGED_POLICIES": _mistake(
        "identity",
        LIST_AND_READ,
        '"s3:ListBucket"',
        '"s3:ListObjectsV2"',
        "ListObjectsV2 is the API call; the IAM action that allows it is s3:ListBucket",
    ),
    "ARN_ACCOUNT_MISMATCH": _mistake(
        "identity", READ_INPUT, INPUT_OBJECTS, '"arn:aws:s3::111122223333:my-labeling-input/*"'
    ),
    # --- values -------------------------------------------------------------------------------------
    "CONDITION_OPERATOR_KEY_TYPE": _mistake("identity", OFFICE_NETWORK, '"IpAddress"', '"StringEquals"'),
    "SET_OPERATOR_ON_SINGLE_VALUED_KEY": _mistake("trust", TRUST, '"StringEquals"', '"ForAnyValue:StringEquals"'),
    "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR": _mistake(
        "identity", TAGGED_JOBS, '"ForAllValues:StringEquals"', '"StringEquals"'
    ),
    "INVALID_PARTITION": _mistake("identity", READ_INPUT, INPUT_OBJECTS, '"arn:amazon:s3:::my-labeling-input/*"'),
    "MALFORMED_POLICY_VARIABLE": _mistake("identity", PER_USER_PREFIX, "${aws:username}/*", "${aws:username/*"),
    "POLICY_VARIABLE_NEEDS_VERSION": _mistake("identity", PER_USER_PREFIX, '"2012-10-17"', '"2008-10-17"'),
    "UNFILLED_PLACEHOLDER": _mistake("identity", READ_INPUT, INPUT_OBJECTS, '"arn:aws:s3:::<input-bucket-name>/*"'),
    # --- structure ----------------------------------------------------------------------------------
    "TRUST_POLICY_ACTION": _mistake(
        "trust",
        TRUST,
        '"sts:AssumeRole"',
        '"iam:PassRole"',
        "iam:PassRole belongs in the policy of whoever creates the labeling job, not in the role's trust policy",
    ),
    "SERVICE_PRINCIPAL_FORMAT": _mistake("trust", TRUST, '"sagemaker.amazonaws.com"', '"sagemaker"'),
    "DUPLICATE_SID": _mistake(
        "identity",
        _policy(READ_INPUT_STATEMENT, WRITE_OUTPUT_STATEMENT),
        '"WriteLabels"',
        '"ReadLabelingInput"',
        "the second statement was copied from the first and kept its Sid",
    ),
    "REDUNDANT_ACTION": _mistake(
        "identity", WRITE_OUTPUT, '["s3:GetObject", "s3:PutObject"]', '["s3:GetObject", "s3:PutObject", "s3:Put*"]'
    ),
    "REDUNDANT_STATEMENT": _mistake(
        "identity",
        WRITE_OUTPUT,
        "    }\n  ]",
        '    },\n    {\n      "Effect": "Allow",\n      "Action": "s3:PutObject",\n'
        '      "Resource": "arn:aws:s3:::my-labeling-output/*"\n    }\n  ]',
        "the second statement, pasted from another snippet, allows nothing the first does not",
    ),
    "POLICY_TOO_LARGE": (
        Example(
            "identity",
            READ_INPUT.replace(INPUT_OBJECTS, _image_arns(150)),
            "a generated policy that lists 150 images one by one in Resource: over IAM's 6,144 characters",
        ),
        Example("identity", READ_IMAGES, "one wildcard ARN for the images"),
    ),
    # --- security -------------------------------------------------------------------------------------
    "PASSROLE_ANY_RESOURCE": _mistake(
        "identity", PASS_ROLE, '"arn:aws:iam::111122223333:role/GroundTruthExecutionRole"', '"*"'
    ),
    "PRIVILEGE_ESCALATION": _mistake(
        "identity",
        LABELING_ADMIN,
        '"sagemaker:CreateLabelingJob"',
        '"sagemaker:Create*"',
        "sagemaker:Create* also allows CreateTrainingJob, which runs any code as the role passed to it",
    ),
    "SERVICE_WILDCARD_ON_ALL_RESOURCES": _mistake(
        "identity",
        LABELING_JOBS,
        '["sagemaker:CreateLabelingJob", "sagemaker:DescribeLabelingJob"],\n'
        '      "Resource": "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/*"',
        '"sagemaker:*",\n      "Resource": "*"',
    ),
    "KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION": _mistake(
        "identity", KMS_KEY, ',\n      "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}', ""
    ),
    "ALLOW_WITH_NOT_ACTION": _mistake(
        "resource",
        BUCKET_POLICY,
        '"Action": "s3:GetObject"',
        '"NotAction": "s3:DeleteObject"',
        'meant as "anything but deleting images"; it also lets the role overwrite them and change their ACLs',
    ),
    "ALLOW_WITH_NOT_RESOURCE": _mistake(
        "identity",
        READ_INPUT,
        '"Resource": ' + INPUT_OBJECTS,
        '"NotResource": "arn:aws:s3:::my-labeling-private/*"',
        'meant as "every bucket but the private one"; it reads every other bucket in every account',
    ),
    "PUBLIC_PRINCIPAL": _mistake(
        "resource", BUCKET_POLICY, '{"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"}', '"*"'
    ),
}


for _module in rules.RULE_MODULES:  # the codes whose rule module keeps its own examples
    for _code in getattr(_module, "EXAMPLES", {}).keys() & EXAMPLES.keys():
        raise ValueError(f"examples of {_code} given twice")
    EXAMPLES.update(getattr(_module, "EXAMPLES", {}))


def example(code: str) -> Example:
    """A short document that produces `code`."""
    return EXAMPLES[code][0]


def fixed(code: str) -> Example:
    """The same document with the one mistake corrected: it does not produce `code`."""
    return EXAMPLES[code][1]
