"""`iamkb job verify --from-aws JOB_NAME`: read what the account holds, with read-only calls, then verify offline.

Calls, all read-only: sagemaker DescribeLabelingJob; iam GetRole (trust policy, MaxSessionDuration,
permissions boundary), ListRolePolicies/GetRolePolicy (inline), ListAttachedRolePolicies/GetPolicy/
GetPolicyVersion (attached, AWS managed ones included, by their ARN); kms GetKeyPolicy (DescribeKey first
for an alias); s3 GetBucketPolicy and GetBucketCors (NoSuchBucketPolicy and NoSuchCORSConfiguration
mean "none", which verify then knows for certain); sns GetTopicAttributes for topic policies. The
caller's and the post-annotation function's role policies are not read: who will call CreateLabelingJob
is not in the job, so give them with --caller-policy and --lambda-role-policy.

boto3 is the optional extra `iamkb[aws]`; without it, and for every AWS error (no credentials, access
denied, no such job), the user gets a UsageError with a hint instead of a traceback.
"""

from __future__ import annotations

import json
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from iamkb.core.errors import UsageError
from iamkb.job.inputs import read_job
from iamkb.job.model import Job, JobOptions
from iamkb.job.requirements import values
from iamkb.job.verify import AccountFacts, Cors, cors_from_document
from iamkb.simulate import Policy

Clients = Callable[[str, "str | None"], Any]  # (service, region or None) -> boto3 client
READ_ACTIONS = (
    "sagemaker:DescribeLabelingJob, iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, "
    "iam:ListAttachedRolePolicies, iam:GetPolicy, iam:GetPolicyVersion, kms:GetKeyPolicy, "
    "kms:DescribeKey, s3:GetBucketPolicy, s3:GetBucketCORS, sns:GetTopicAttributes"
)
_NONE = {"NoSuchBucketPolicy", "NoSuchCORSConfiguration"}


def read_account(
    job_name: str,
    *,
    region: str | None = None,
    profile: str | None = None,
    options: JobOptions | None = None,
    clients: Clients | None = None,
) -> tuple[Job, AccountFacts]:
    """The job and everything verify needs about it, read from the account; `clients` replaces boto3's
    client factory (tests pass moto- or Stubber-backed clients)."""
    options = options or JobOptions()
    clients = clients or _boto3_clients(region, profile)
    described = _call(clients("sagemaker", region), "describe_labeling_job", LabelingJobName=job_name)
    described.pop("ResponseMetadata", None)
    job = _job(described, job_name, region)
    iam = clients("iam", None)
    role_name = job.role_arn.rsplit("/", 1)[-1]
    role = _call(iam, "get_role", RoleName=role_name)["Role"]
    role_label = f"role {role_name}"
    policies = [_policy(doc, "identity", f"{role_label} inline policy {name}") for name, doc in _inline(iam, role_name)]
    policies += [
        _policy(doc, "identity", f"{role_label} attached policy {arn}") for arn, doc in _attached(iam, role_name)
    ]
    boundary_arn = role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
    found = values(job, options)
    buckets = [arn.split(":::", 1)[1] for arn in found.get("buckets.arns", [])]
    keys = sorted({v for k, v in found.items() if k.endswith("_key.arn") and isinstance(v, str)})
    topics = sorted({v for k, v in found.items() if k.endswith("_topic.arn") and isinstance(v, str)})
    s3 = clients("s3", job.region)
    bucket_policies, cors = {}, {}
    for bucket in buckets:
        text = _call(s3, "get_bucket_policy", Bucket=bucket).get("Policy")
        if text:
            bucket_policies[bucket] = _policy(text, "resource", f"bucket policy of {bucket}")
        rules = _call(s3, "get_bucket_cors", Bucket=bucket).get("CORSRules")
        cors[bucket] = (
            cors_from_document({"CORSRules": rules or []}, f"CORS configuration of {bucket}")
            if rules
            else Cors(f"CORS configuration of {bucket}", ())
        )
    facts = AccountFacts(
        role_policies=tuple(policies),
        trust_policy=_policy(role["AssumeRolePolicyDocument"], "resource", f"{role_label} trust policy"),
        boundary=_policy(_version(iam, boundary_arn), "boundary", f"permissions boundary {boundary_arn}")
        if boundary_arn
        else None,
        key_policies={key: _policy(_key_policy(clients, key), "resource", f"key policy of {key}") for key in keys},
        bucket_policies=bucket_policies,
        topic_policies={t: p for t in topics if (p := _topic_policy(clients, t)) is not None},
        cors=cors,
        max_session_duration=role.get("MaxSessionDuration"),
    )
    return job, facts


def _boto3_clients(region: str | None, profile: str | None) -> Clients:
    try:
        import boto3
        import botocore.exceptions
    except ImportError:
        raise UsageError("--from-aws needs boto3\nhint: install iamkb[aws] (pip install 'iamkb[aws]')") from None
    try:
        session = boto3.Session(profile_name=profile, region_name=region)
    except botocore.exceptions.ProfileNotFound:
        raise UsageError(f"--profile {profile!r}: no such AWS profile\nhint: aws configure list-profiles") from None
    return lambda service, where: session.client(service, region_name=where or session.region_name)


def _call(client: Any, operation: str, **params: Any) -> dict[str, Any]:
    """One read-only call; AWS's errors become UsageErrors that say what to do."""
    import botocore.exceptions

    name = f"{client.meta.service_model.service_name} {operation.replace('_', '-')}"
    try:
        return getattr(client, operation)(**params)
    except botocore.exceptions.NoCredentialsError:
        raise UsageError(
            f"{name}: no AWS credentials found\nhint: give --profile NAME, or set "
            "AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        ) from None
    except botocore.exceptions.NoRegionError:
        raise UsageError(f"{name}: no Region\nhint: give --region (the job's Region)") from None
    except botocore.exceptions.EndpointConnectionError as exc:
        raise UsageError(f"{name}: cannot reach AWS ({exc})\nhint: check the network and --region") from None
    except botocore.exceptions.ClientError as exc:
        error = exc.response.get("Error", {})
        code, message = error.get("Code", ""), error.get("Message", "")
        if code in _NONE:
            return {}
        if code in ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation"):
            raise UsageError(
                f"{name}: access denied ({message})\nhint: --from-aws needs read access: "
                f"{READ_ACTIONS}; or give the files with --role-policy and the other options"
            ) from None
        raise UsageError(f"{name}: {code}: {message}\nhint: check the job name, --region and --profile") from None
    except botocore.exceptions.BotoCoreError as exc:
        raise UsageError(f"{name}: {exc}\nhint: check --region and --profile") from None


def _job(described: dict[str, Any], job_name: str, region: str | None) -> Job:
    """The DescribeLabelingJob answer read like a file of it (the same checks and messages)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{job_name}.describe-labeling-job.json"
        path.write_text(json.dumps(described, default=str), encoding="utf-8")
        return read_job(path, region=region)


def _inline(iam: Any, role_name: str) -> list[tuple[str, Any]]:
    names = [n for page in _pages(iam, "list_role_policies", RoleName=role_name) for n in page["PolicyNames"]]
    return [(n, _call(iam, "get_role_policy", RoleName=role_name, PolicyName=n)["PolicyDocument"]) for n in names]


def _attached(iam: Any, role_name: str) -> list[tuple[str, Any]]:
    arns = [
        p["PolicyArn"]
        for page in _pages(iam, "list_attached_role_policies", RoleName=role_name)
        for p in page["AttachedPolicies"]
    ]
    return [(arn, _version(iam, arn)) for arn in arns]


def _version(iam: Any, policy_arn: str) -> Any:
    version = _call(iam, "get_policy", PolicyArn=policy_arn)["Policy"]["DefaultVersionId"]
    return _call(iam, "get_policy_version", PolicyArn=policy_arn, VersionId=version)["PolicyVersion"]["Document"]


def _pages(client: Any, operation: str, **params: Any) -> list[dict[str, Any]]:
    pages, marker = [], None
    while True:
        page = _call(client, operation, **params, **({"Marker": marker} if marker else {}))
        pages.append(page)
        marker = page.get("Marker") if page.get("IsTruncated") else None
        if not marker:
            return pages


def _key_policy(clients: Clients, key: str) -> Any:
    kms = clients("kms", key.split(":")[3] or None)
    key_id = key
    if ":alias/" in key:  # GetKeyPolicy takes a key ID or ARN, not an alias
        key_id = _call(kms, "describe_key", KeyId=key)["KeyMetadata"]["Arn"]
    return _call(kms, "get_key_policy", KeyId=key_id, PolicyName="default")["Policy"]


def _topic_policy(clients: Clients, topic: str) -> Policy | None:
    attributes = _call(clients("sns", topic.split(":")[3] or None), "get_topic_attributes", TopicArn=topic)
    text = attributes.get("Attributes", {}).get("Policy")
    return _policy(text, "resource", f"topic policy of {topic}") if text else None


def _policy(document: Any, kind: str, label: str) -> Policy:
    """A policy as IAM, KMS, S3 or SNS return it: a JSON string (URL-encoded from IAM's query API when
    botocore has not decoded it) or an already parsed document."""
    if isinstance(document, str):
        text = document if document.lstrip().startswith("{") else urllib.parse.unquote(document)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(
                f"{label}: the policy AWS returned is not JSON ({exc.msg})\nhint: report this with the policy's text"
            ) from None
    return Policy(document, kind, label)
