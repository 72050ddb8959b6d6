"""Read a labeling job file, whichever of AWS's tools wrote it, into `Job`s.

Three formats, told apart by their content (never by the file name, which users choose freely):

1. a CreateLabelingJob request: the JSON that `aws sagemaker create-labeling-job --cli-input-json`
   and boto3's `create_labeling_job(**request)` take;
2. `aws sagemaker describe-labeling-job` output: the same fields plus read-only ones (status, ARN,
   times, counters, `FailureReason`), which are accepted and ignored (`FailureReason` is kept);
3. a Terraform plan in JSON (`terraform show -json PLAN`): every `aws_sagemaker_labeling_job` in
   `planned_values.root_module` and its child modules, at any depth.

Terraform's attribute names are the API's names in snake_case, and each nested block is a list of
one object (`input_config[0].data_source[0].s3_data_source[0].manifest_s3_uri` is
`InputConfig.DataSource.S3DataSource.ManifestS3Uri`); `tags` is a map instead of a list of
`{Key, Value}`. The translation is derived mechanically from the API field list below, which we
checked against the provider's documentation of `aws_sagemaker_labeling_job` (every argument there
maps to an API field of that name).

The API field list (`REQUEST_FIELDS`, from the CreateLabelingJob API reference and the types it
nests) is data in one place: it drives the translation, the type checks and the did-you-mean for
misspelled names. Every problem is a `UsageError` whose first line is `FILE#POINTER: what is wrong`
(with line:column when the file is small enough to have positions) and whose second is a hint.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeAlias

from iamkb.core.arns import Arn
from iamkb.core.errors import UsageError
from iamkb.core.findings import escape_pointer_token
from iamkb.core.jsonsource import DATA, Source, problems, read_source
from iamkb.job.model import Job, S3Location

Spec: TypeAlias = str | dict[str, "Spec"]  # "string", "integer", "strings" (array of strings), "tags", or an object

API_REFERENCE = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateLabelingJob.html"

# CreateLabelingJob's request, field by field (API_CreateLabelingJob and the types it nests:
# LabelingJobInputConfig, LabelingJobDataSource, LabelingJobS3DataSource, LabelingJobSnsDataSource,
# LabelingJobDataAttributes, LabelingJobOutputConfig, LabelingJobStoppingConditions,
# LabelingJobAlgorithmsConfig, LabelingJobResourceConfig, VpcConfig, HumanTaskConfig, UiConfig,
# AnnotationConsolidationConfig, PublicWorkforceTaskPrice, USD, Tag).
REQUEST_FIELDS: dict[str, Spec] = {
    "LabelingJobName": "string",
    "LabelAttributeName": "string",
    "InputConfig": {
        "DataSource": {
            "S3DataSource": {"ManifestS3Uri": "string"},
            "SnsDataSource": {"SnsTopicArn": "string"},
        },
        "DataAttributes": {"ContentClassifiers": "strings"},
    },
    "OutputConfig": {"S3OutputPath": "string", "KmsKeyId": "string", "SnsTopicArn": "string"},
    "RoleArn": "string",
    "LabelCategoryConfigS3Uri": "string",
    "StoppingConditions": {"MaxHumanLabeledObjectCount": "integer", "MaxPercentageOfInputDatasetLabeled": "integer"},
    "LabelingJobAlgorithmsConfig": {
        "LabelingJobAlgorithmSpecificationArn": "string",
        "InitialActiveLearningModelArn": "string",
        "LabelingJobResourceConfig": {
            "VolumeKmsKeyId": "string",
            "VpcConfig": {"SecurityGroupIds": "strings", "Subnets": "strings"},
        },
    },
    "HumanTaskConfig": {
        "WorkteamArn": "string",
        "UiConfig": {"UiTemplateS3Uri": "string", "HumanTaskUiArn": "string"},
        "PreHumanTaskLambdaArn": "string",
        "TaskKeywords": "strings",
        "TaskTitle": "string",
        "TaskDescription": "string",
        "NumberOfHumanWorkersPerDataObject": "integer",
        "TaskTimeLimitInSeconds": "integer",
        "TaskAvailabilityLifetimeInSeconds": "integer",
        "MaxConcurrentTaskCount": "integer",
        "AnnotationConsolidationConfig": {"AnnotationConsolidationLambdaArn": "string"},
        "PublicWorkforceTaskPrice": {
            "AmountInUsd": {"Dollars": "integer", "Cents": "integer", "TenthFractionsOfACent": "integer"},
        },
    },
    "Tags": "tags",
}

# DescribeLabelingJob's read-only fields (and boto3's ResponseMetadata): accepted, not part of the request.
DESCRIBE_ONLY = frozenset(
    {
        "LabelingJobStatus",
        "LabelCounters",
        "FailureReason",
        "CreationTime",
        "LastModifiedTime",
        "JobReferenceCode",
        "LabelingJobArn",
        "LabelingJobOutput",
        "ResponseMetadata",
    }
)
# Attributes Terraform computes or adds (provider documentation, "Attribute Reference"); `region` is read as a hint.
TERRAFORM_ONLY = frozenset(
    {
        "arn",
        "id",
        "failure_reason",
        "job_reference_code",
        "label_counters",
        "labeling_job_arn",
        "labeling_job_status",
        "tags_all",
        "region",
    }
)
TERRAFORM_TYPE = "aws_sagemaker_labeling_job"

# Fields holding an ARN: the service it must belong to, the shape of its resource part, what it names.
ARN_FIELDS: dict[str, tuple[str, str, str]] = {
    "RoleArn": ("iam", r"role/.+", "an IAM role (arn:aws:iam::ACCOUNT:role/NAME)"),
    "HumanTaskConfig.WorkteamArn": (
        "sagemaker",
        r"workteam/.+",
        "a SageMaker work team (…:workteam/private-crowd/NAME)",
    ),
    "HumanTaskConfig.PreHumanTaskLambdaArn": ("lambda", r"function:.+", "a Lambda function (…:function:NAME)"),
    "HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn": (
        "lambda",
        r"function:.+",
        "a Lambda function (…:function:NAME)",
    ),
    "HumanTaskConfig.UiConfig.HumanTaskUiArn": (
        "sagemaker",
        r"human-task-ui/.+",
        "a worker task UI (…:human-task-ui/NAME)",
    ),
    "InputConfig.DataSource.SnsDataSource.SnsTopicArn": (
        "sns",
        r"[^:/]+",
        "an SNS topic (arn:aws:sns:REGION:ACCOUNT:NAME)",
    ),
    "OutputConfig.SnsTopicArn": ("sns", r"[^:/]+", "an SNS topic (arn:aws:sns:REGION:ACCOUNT:NAME)"),
    "LabelingJobAlgorithmsConfig.LabelingJobAlgorithmSpecificationArn": (
        "sagemaker",
        r"labeling-job-algorithm-specification/.+",
        "a labeling job algorithm specification",
    ),
    "LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn": ("sagemaker", r"model/.+", "a SageMaker model"),
}
# KMS key fields take a key ID, an alias name, or the ARN of either.
KEY_FIELDS = ("OutputConfig.KmsKeyId", "LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId")
# S3 URI fields; True when the URI must name one object (not a bucket or a folder).
S3_FIELDS: dict[str, bool] = {
    "InputConfig.DataSource.S3DataSource.ManifestS3Uri": True,
    "LabelCategoryConfigS3Uri": True,
    "HumanTaskConfig.UiConfig.UiTemplateS3Uri": True,
    "OutputConfig.S3OutputPath": False,
}
REQUIRED = ("LabelingJobName", "RoleArn", "HumanTaskConfig.WorkteamArn", "OutputConfig.S3OutputPath")

_BUCKET = re.compile(r"[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d")
_ACCOUNT = re.compile(r"\d{12}")
_KEY_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}")
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    type(None): "null",
    int: "a number",
    float: "a number",
}


def snake(name: str) -> str:
    """An API field name as Terraform spells it: `LabelCategoryConfigS3Uri` -> `label_category_config_s3_uri`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def parse_s3_uri(text: str) -> S3Location | None:
    """`s3://bucket/key` taken apart, or None when it is not an S3 URI with a valid bucket name."""
    if not isinstance(text, str) or not text.startswith("s3://"):
        return None
    bucket, _, key = text[len("s3://") :].partition("/")
    if not _BUCKET.fullmatch(bucket) or ".." in bucket:
        return None
    return S3Location(text, bucket, key)


def read_job(path: str | Path, *, region: str | None = None, account: str | None = None) -> Job:
    """The one job in a file; a Terraform plan holding several is an error (use `read_jobs`).

    The file is a CreateLabelingJob request, DescribeLabelingJob output or a `terraform show -json` plan;
    its Region and account come from the job's ARNs unless `region` / `account` say them.

    Examples:
        >>> from iamkb.job.inputs import read_job
        >>> job = read_job("examples/jobs/bounding-box-private.json")
        >>> job.name, job.region, job.account
        ('vehicles-bounding-box', 'us-east-1', '111122223333')
        >>> job.role_arn
        'arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole'
    """
    jobs = read_jobs(path, region=region, account=account)
    if len(jobs) > 1:
        names = ", ".join(job.name for job in jobs)
        raise UsageError(
            f"{path}: the plan holds {len(jobs)} labeling jobs ({names})\n"
            "hint: read them with read_jobs, or split the plan"
        )
    return jobs[0]


def read_jobs(path: str | Path, *, region: str | None = None, account: str | None = None) -> list[Job]:
    """Every labeling job in a file, in file order. `region`/`account` override what the ARNs say (and must
    agree with them)."""
    display = str(path)
    if region is not None and not _REGION.fullmatch(region):
        raise UsageError(f"--region {region!r} is not a Region code\nhint: write it like us-east-1")
    if account is not None and not _ACCOUNT.fullmatch(account):
        raise UsageError(f"--account {account!r} is not a 12-digit account ID\nhint: write it like 111122223333")
    document, source = _load(Path(path), display)
    reader = _Reader(display, source)
    if not isinstance(document, dict):
        reader.fail("", f"expected a JSON object, got {_kind(document)}", _FORMATS_HINT)
    if "planned_values" in document or "terraform_version" in document or "format_version" in document:
        return _terraform_jobs(reader, document, region, account)
    if not any(name in document for name in (*REQUEST_FIELDS, *DESCRIBE_ONLY)):
        reader.fail(
            "",
            "this is not a labeling job: it has none of CreateLabelingJob's fields, nor "
            "DescribeLabelingJob's, nor a Terraform plan's planned_values",
            _FORMATS_HINT,
        )
    return [_job(reader, document, "", terraform=False, region=region, account=account)]


_FORMATS_HINT = (
    "give a CreateLabelingJob request (aws sagemaker create-labeling-job --generate-cli-skeleton), "
    "aws sagemaker describe-labeling-job output, or terraform show -json PLAN output"
)


@dataclass
class _Reader:
    """Where messages point: the file as the user named it, and its parsed text for line:column."""

    path: str
    source: Source | None
    pointers: dict[str, str] = field(default_factory=dict)

    def fail(self, pointer: str, message: str, hint: str) -> NoReturn:
        where = f"{self.path}#{pointer}"
        known = self.source is not None and _resolves(self.source.document, pointer)
        position = self.source.position(pointer) if known and self.source is not None else None
        if position and pointer:
            where += f" (line {position[0]}, column {position[1]})"
        raise UsageError(f"{where}: {message}\nhint: {hint}")


def _load(path: Path, display: str) -> tuple[Any, Source | None]:
    """Parse the file with the one reader (`iamkb.core.jsonsource`, with its limits for batch files: a Terraform
    plan can be large and deep); the first problem it refuses is the message, with its line and column."""
    source = read_source(path, display, limits=DATA)
    refused = problems(source)
    if refused:
        first = refused[0]
        where = f" (line {first.line}, column {first.column})" if first.line else ""
        raise UsageError(f"{source.path}{where}: {first.message}\nhint: {first.hint or 'fix the JSON syntax'}")
    return source.document, source


def _terraform_jobs(reader: _Reader, plan: dict, region: str | None, account: str | None) -> list[Job]:
    root = plan.get("planned_values", {}).get("root_module") if isinstance(plan.get("planned_values"), dict) else None
    if not isinstance(root, dict):
        reader.fail(
            "/planned_values",
            "this Terraform JSON has no planned_values.root_module",
            "give the output of terraform show -json PLANFILE (a saved plan), not of terraform show -json "
            "of the state or of terraform plan",
        )
    jobs = []
    for pointer, resource in _module_resources(root, "/planned_values/root_module"):
        if resource.get("type") != TERRAFORM_TYPE or resource.get("mode", "managed") != "managed":
            continue
        values = resource.get("values")
        if not isinstance(values, dict):
            reader.fail(
                pointer,
                f"resource {resource.get('address', '?')} has no values object",
                "give terraform show -json output unchanged",
            )
        hint_region = values.get("region") if isinstance(values.get("region"), str) else None
        if region is not None and hint_region is not None and hint_region != region:
            reader.fail(
                pointer + "/values/region",
                f"the resource is in {hint_region}, but --region says {region}",
                "drop --region, or plan the job in that Region",
            )
        jobs.append(
            _job(
                reader,
                values,
                pointer + "/values",
                terraform=True,
                region=region or hint_region,
                account=account,
                label=str(resource.get("address", "")),
            )
        )
    if not jobs:
        reader.fail(
            "/planned_values/root_module",
            f"the Terraform plan has no {TERRAFORM_TYPE} resource",
            f'plan a configuration with a resource "{TERRAFORM_TYPE}" block (child modules count too)',
        )
    return jobs


def _module_resources(module: dict, pointer: str) -> list[tuple[str, dict]]:
    found = []
    for index, resource in enumerate(module.get("resources") or []):
        if isinstance(resource, dict):
            found.append((f"{pointer}/resources/{index}", resource))
    for index, child in enumerate(module.get("child_modules") or []):
        if isinstance(child, dict):
            found.extend(_module_resources(child, f"{pointer}/child_modules/{index}"))
    return found


def _job(
    reader: _Reader,
    document: dict,
    base: str,
    *,
    terraform: bool,
    region: str | None,
    account: str | None,
    label: str = "",
) -> Job:
    pointers: dict[str, str] = {"": base}
    request = _walk(reader, document, REQUEST_FIELDS, base, "", pointers, terraform)
    failure = document.get("failure_reason" if terraform else "FailureReason")
    job = _Validator(reader, request, pointers, base, terraform).validate(region, account)
    return Job(
        name=request["LabelingJobName"],
        region=job[0],
        account=job[1],
        partition=job[2],
        role_arn=request["RoleArn"],
        request=request,
        path=reader.path,
        pointers=pointers,
        failure_reason=failure if isinstance(failure, str) else None,
    )


def _walk(
    reader: _Reader, value: Any, spec: Spec, pointer: str, dotted: str, pointers: dict[str, str], terraform: bool
) -> Any:
    """Type-check `value` against `spec` and return it in the API's shape (None: absent)."""
    if isinstance(spec, dict):
        if terraform and dotted:  # a nested block: a list of at most one object
            if value is None or value == []:
                return None
            if not isinstance(value, list) or len(value) != 1:
                what = f"{len(value)} blocks" if isinstance(value, list) else _kind(value)
                reader.fail(
                    pointer,
                    f"expected one {dotted.rsplit('.', 1)[-1]} block, got {what}",
                    "the API takes this configuration once",
                )
            value, pointer = value[0], pointer + "/0"
        if not isinstance(value, dict):
            reader.fail(pointer, f"expected an object, got {_kind(value)}", f"see {API_REFERENCE}")
        names = {(snake(name) if terraform else name): name for name in spec}
        ignored = (TERRAFORM_ONLY if terraform else DESCRIBE_ONLY) if not dotted else frozenset()
        result: dict[str, Any] = {}
        for key, item in value.items():
            here = f"{pointer}/{escape_pointer_token(key)}"
            if key in ignored or (terraform and item is None):
                continue
            if key not in names:
                reader.fail(here, _unknown(key, dotted, list(names)), _unknown_hint(key, list(names)))
            name = names[key]
            path = f"{dotted}.{name}" if dotted else name
            pointers[path] = here
            translated = _walk(reader, item, spec[name], here, path, pointers, terraform)
            if translated is not None:
                result[name] = translated
        return result
    if spec == "string":
        if not isinstance(value, str):
            reader.fail(pointer, f"expected a string, got {_kind(value)}", "write the value in double quotes")
        return value
    if spec == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            reader.fail(pointer, f"expected a whole number, got {_kind(value)}", "write a number without quotes")
        return value
    if spec == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            reader.fail(pointer, f"expected an array of strings, got {_kind(value)}", 'write ["a", "b"]')
        return list(value)
    if terraform:  # tags: a map of strings
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            reader.fail(pointer, f"expected a map of strings, got {_kind(value)}", 'write tags = { Key = "value" }')
        return [{"Key": k, "Value": v} for k, v in value.items()] or None
    if not isinstance(value, list) or not all(isinstance(t, dict) and isinstance(t.get("Key"), str) for t in value):
        reader.fail(
            pointer,
            f'expected an array of {{"Key": ..., "Value": ...}} objects, got {_kind(value)}',
            'write "Tags": [{"Key": "team", "Value": "vision"}]',
        )
    return [dict(tag) for tag in value] or None


def _unknown(key: str, dotted: str, names: list[str]) -> str:
    where = dotted or "the request"
    return f'unknown field "{key}" in {where}; the fields there are {", ".join(sorted(names))}'


def _unknown_hint(key: str, names: list[str]) -> str:
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if not close:
        lowered = {name.lower(): name for name in names}
        close = [lowered[key.lower()]] if key.lower() in lowered else []
    if close:
        return f'did you mean "{close[0]}"?'
    return f"field names are case-sensitive; see {API_REFERENCE}"


class _Validator:
    """The checks that need more than one value's type: required fields, URIs, ARNs and their Regions."""

    def __init__(self, reader: _Reader, request: dict, pointers: dict[str, str], base: str, terraform: bool):
        self.reader, self.request, self.pointers, self.base, self.terraform = reader, request, pointers, base, terraform

    def where(self, dotted: str) -> str:
        """The pointer of a field, or of where it would be written when it is missing."""
        if dotted in self.pointers:
            return self.pointers[dotted]
        parent, _, name = dotted.rpartition(".")
        while parent and parent not in self.pointers:
            parent, _, up = parent.rpartition(".")
            name = f"{up}.{name}"
        tokens = [snake(t) if self.terraform else t for t in name.split(".")]
        return self.pointers.get(parent, self.base) + "".join(f"/{t}" for t in tokens[:1])

    def value(self, dotted: str) -> Any:
        value: Any = self.request
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def spelled(self, dotted: str) -> str:
        return ".".join(snake(p) for p in dotted.split(".")) if self.terraform else dotted

    def validate(self, region: str | None, account: str | None) -> tuple[str, str, str]:
        for dotted in REQUIRED:
            if self.value(dotted) in (None, ""):
                hint = f"CreateLabelingJob requires {dotted}"
                if self.terraform:
                    hint = (
                        "in a plan, a value that depends on a resource created by the same apply is unknown; "
                        "create that resource first (terraform apply -target=...) or write the value"
                    )
                self.reader.fail(self.where(dotted), f"missing {self.spelled(dotted)}", hint)
        source = self.value("InputConfig.DataSource") or {}
        if not source.get("S3DataSource") and not source.get("SnsDataSource"):
            self.reader.fail(
                self.where("InputConfig.DataSource"),
                "the job has no input: give "
                f"{self.spelled('InputConfig.DataSource.S3DataSource.ManifestS3Uri')} or "
                f"{self.spelled('InputConfig.DataSource.SnsDataSource.SnsTopicArn')}",
                "a static job reads a manifest; a streaming job reads an SNS topic",
            )
        for dotted, needs_object in S3_FIELDS.items():
            self.s3(dotted, needs_object)
        regions: list[tuple[str, str]] = []
        for dotted, (service, shape, what) in ARN_FIELDS.items():
            arn = self.arn(dotted, service, shape, what)
            if arn is not None and arn.region:
                regions.append((dotted, arn.region))
        for dotted in KEY_FIELDS:
            arn = self.key(dotted)
            if arn is not None:
                regions.append((dotted, arn.region))
        role = Arn.parse(self.request["RoleArn"])
        assert role is not None  # checked above
        if account is not None and account != role.account:
            self.reader.fail(
                self.where("RoleArn"),
                f"the role is in account {role.account}, but --account says {account}",
                "SageMaker takes an execution role of the job's own account; drop --account",
            )
        return self.region(regions, region), role.account, role.partition

    def s3(self, dotted: str, needs_object: bool) -> None:
        text = self.value(dotted)
        if text is None:
            return
        location = parse_s3_uri(text)
        if location is None:
            self.reader.fail(
                self.where(dotted),
                f"{text!r} is not an S3 URI",
                "write s3://BUCKET/KEY with a valid bucket name (3-63 lower-case letters, digits, dots and hyphens)",
            )
        if needs_object and (not location.key or location.key.endswith("/")):
            self.reader.fail(
                self.where(dotted),
                f"{text!r} names a bucket or a folder, not a file",
                "give the URI of the file itself: s3://BUCKET/PATH/FILE",
            )

    def arn(self, dotted: str, service: str, shape: str, what: str) -> Arn | None:
        text = self.value(dotted)
        if text is None:
            return None
        arn = Arn.parse(text)
        pointer = self.where(dotted)
        if arn is None:
            self.reader.fail(pointer, f"{text!r} is not an ARN", f"{self.spelled(dotted)} takes the ARN of {what}")
        if arn.service != service or not re.fullmatch(shape, arn.resource):
            named = f"a {arn.service} ARN" if arn.service != service else f"an ARN of {arn.resource.split('/')[0]!r}"
            self.reader.fail(
                pointer,
                f"{self.spelled(dotted)} holds {named}; it takes the ARN of {what}",
                "check that the value went into the right field",
            )
        if not _ACCOUNT.fullmatch(arn.account) and not (service == "sagemaker" and arn.account == "aws"):
            self.reader.fail(pointer, f"{text!r} has no 12-digit account ID", "copy the ARN as AWS shows it")
        return arn

    def key(self, dotted: str) -> Arn | None:
        text = self.value(dotted)
        if text is None:
            return None
        if text.startswith("arn:"):
            arn = Arn.parse(text)
            if arn is None or arn.service != "kms" or not re.fullmatch(r"(key|alias)/.+", arn.resource):
                self.reader.fail(
                    self.where(dotted),
                    f"{self.spelled(dotted)} holds {text!r}, which is not a KMS key or alias ARN",
                    "give a key ID, a key ARN, alias/NAME or an alias ARN",
                )
            return arn
        if not (_KEY_ID.fullmatch(text) or re.fullmatch(r"alias/[A-Za-z0-9/_\-]+", text)):
            self.reader.fail(
                self.where(dotted),
                f"{text!r} is not a KMS key ID, key ARN or alias",
                "a key ID looks like 1234abcd-12ab-34cd-56ef-1234567890ab",
            )
        return None

    def region(self, regions: list[tuple[str, str]], override: str | None) -> str:
        if override is not None:
            for dotted, found in regions:
                if found != override:
                    self.reader.fail(
                        self.where(dotted),
                        f"this ARN is in {found}, but the job's Region is {override}",
                        "a labeling job and the resources it names share one Region",
                    )
            return override
        if not regions:
            self.reader.fail(self.base, "cannot tell the job's Region: no ARN in the job names one", "give --region")
        first_field, first = regions[0]
        for dotted, found in regions[1:]:
            if found != first:
                self.reader.fail(
                    self.where(dotted),
                    f"this ARN is in {found}, but {self.spelled(first_field)} is in {first}",
                    "a labeling job and the resources it names share one Region",
                )
        return first


def _resolves(document: Any, pointer: str) -> bool:
    """Does the pointer name a value in the document? (Positions are shown only for values that exist.)"""
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, dict) and token in document:
            document = document[token]
        elif isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        else:
            return False
    return True


def _kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
