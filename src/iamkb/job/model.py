"""The shapes every part of `iamkb job` shares: a labeling job, one requirement, one plan.

Readers (`inputs`) turn what AWS's tools write (a CreateLabelingJob request, DescribeLabelingJob output, a
Terraform plan) into a `Job`; the requirements table (`requirements`) turns a `Job` into `Requirement`s;
the planner (`plan`) turns those into a `Plan` and proves it; `verify` simulates the same requirements
against what an account holds. Keeping the three shapes here, apart from the code that fills them, is what
lets each of those modules be read (and tested) on its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Principal(str, Enum):
    """Who must hold a permission (or a setting) for the job to run."""

    CALLER = "caller"  # whoever calls CreateLabelingJob (or uses the console)
    EXECUTION_ROLE = "execution-role"  # the role in RoleArn, assumed by SageMaker
    TRUST_POLICY = "trust-policy"  # the execution role's trust policy
    KEY_POLICY = "key-policy"  # a KMS key's key policy
    BUCKET_POLICY = "bucket-policy"  # an S3 bucket's bucket policy
    BUCKET_CORS = "bucket-cors"  # an S3 bucket's CORS configuration (not IAM: checked structurally)
    LAMBDA_ROLE = "lambda-role"  # the post-annotation Lambda function's own execution role
    TOPIC_POLICY = "topic-policy"  # an SNS topic's access policy
    ROLE_SETTING = "role-setting"  # a property of the execution role (MaxSessionDuration)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a page of AWS's documentation (or the guide), by title and URL."""

    title: str
    url: str


@dataclass(frozen=True)
class S3Location:
    """An `s3://bucket/prefix` URI taken apart; `key` is the object key or prefix ('' for the bucket)."""

    uri: str
    bucket: str
    key: str


@dataclass(frozen=True)
class Job:
    """One labeling job, whatever file it came from, in CreateLabelingJob's PascalCase shape.

    `request` is the job as a CreateLabelingJob request (Terraform's snake_case attributes translated);
    `pointers` maps a dotted API field (`OutputConfig.KmsKeyId`) to the RFC 6901 pointer where the input
    file wrote it, so every message about a field can point into the user's own file.
    """

    name: str
    region: str
    account: str
    partition: str
    role_arn: str
    request: dict[str, Any]
    path: str  # the input file as the user named it
    pointers: dict[str, str] = field(default_factory=dict)
    failure_reason: str | None = None  # DescribeLabelingJob's FailureReason, when the input has one

    def pointer(self, api_field: str) -> str:
        """The pointer of a field in the input file ('' when the field came from elsewhere)."""
        return self.pointers.get(api_field, "")


@dataclass(frozen=True)
class Requirement:
    """One thing the job needs from one principal, built from the job's own values.

    For IAM principals it is a request the simulator can decide: `action` on `resource` with `context`;
    `conditions` is the Condition block a planned statement puts on it (guardrails such as
    `iam:PassedToService`), and the simulated request carries the context that satisfies them. For
    BUCKET_CORS and ROLE_SETTING, `setting` holds the configuration that must be present instead.
    `key` names the resource the principal belongs to when there are several of a kind (the bucket of a
    CORS rule or bucket policy, the key ARN of a key policy, the topic ARN of a topic policy).
    """

    id: str  # stable, UPPER_SNAKE, from the requirements table (e.g. EXEC_READ_MANIFEST)
    field: str  # the API field that calls for it (dotted, CreateLabelingJob's names)
    principal: Principal
    title: str  # one line in our words: what and why
    source: Source
    inferred: bool = False  # no AWS page states it outright; the requirements page says so
    action: str | None = None
    resource: str | None = None
    # `dataclasses.field`, spelled out: in this class body `field` is the attribute declared above.
    context: dict[str, Any] = dataclasses.field(default_factory=dict)
    conditions: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    setting: dict[str, Any] | None = None
    key: str | None = None
    request_principal: str | None = None  # the principal ARN of the simulated request


@dataclass
class Plan:
    """Everything `iamkb job plan` writes for one job, ready to attach, with its proofs.

    Documents are plain JSON values (dicts) exactly as they are written to disk and embedded in the
    Terraform and CloudFormation outputs.
    """

    job: Job
    requirements: list[Requirement]
    caller_policy: dict[str, Any]
    execution_role_policy: dict[str, Any]
    trust_policy: dict[str, Any]
    max_session_duration: int | None = None  # seconds, when the job needs more than the default hour
    key_policy_statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # key ARN -> statements
    key_policies: dict[str, dict[str, Any]] = field(default_factory=dict)  # key ARN -> complete key policy
    cors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # bucket -> CORSRules
    lambda_role_policy: dict[str, Any] | None = None
    bucket_policy_statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # bucket -> statements
    topic_policy_statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # topic ARN -> statements
    proofs: dict[str, Any] = field(default_factory=dict)  # check, simulation and comparison results
    notes: list[str] = field(default_factory=list)  # what the user must still do or know (placeholders, ...)


@dataclass(frozen=True)
class JobOptions:
    """What the job file cannot say but the permissions depend on: facts about the account around it.

    All default to "not known / not the case", which is what `iamkb job requirements JOB` assumes.
    `input_locations` are `s3://bucket/prefix` URIs where the manifest's data objects live (the manifest
    itself is never read: without them the manifest's bucket is assumed to hold them); `input_key_arn`
    is the KMS key the input objects are encrypted with (SSE-KMS); `bucket_enforces_kms` and
    `bucket_vpce` say that the job's buckets have a policy that denies unencrypted uploads or requests
    from outside a VPC endpoint; `s3_event_notifications` that the input bucket feeds the streaming
    input topic; `lambda_assumes_role` picks the second of AWS's two ways for a post-annotation function
    to read the annotations (assume the execution role instead of reading S3 with its own role).
    `vpc_endpoints` are your own endpoints, which the planned `bucket_vpce` Deny must keep admitting.
    """

    caller_arn: str | None = None
    lambda_role_arn: str | None = None
    input_locations: tuple[str, ...] = ()
    input_key_arn: str | None = None
    bucket_enforces_kms: bool = False
    bucket_vpce: bool = False
    s3_event_notifications: bool = False
    lambda_assumes_role: bool = False
    vpc_endpoints: tuple[str, ...] = ()  # your own VPC endpoint IDs that a bucket_vpce policy also admits
