"""`--from-aws`: IAM, KMS and S3 from moto (moto has no labeling jobs, so SageMaker's DescribeLabelingJob is
answered by botocore's Stubber). No request leaves the process: fake credentials, moto's in-memory
backends, and a stubbed client that never sends."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from iamkb.core.errors import UsageError
from iamkb.job import aws
from iamkb.job.verify import MISSING, OK, managed_policy, verify

FIXTURES = Path(__file__).parent / "fixtures"
REGION = "us-east-1"
MANAGED_EXEC = "arn:aws:iam::123456789012:policy/GroundTruthExecutionCopy"


@pytest.fixture(autouse=True)
def fake_credentials(monkeypatch):
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_SESSION_TOKEN", "testing"),
        ("AWS_DEFAULT_REGION", REGION),
    ):
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def described(role_arn: str, key_arn: str) -> dict:
    request = json.loads((FIXTURES / "verify" / "acme-data-job.json").read_text())
    request["RoleArn"] = role_arn
    request["OutputConfig"]["KmsKeyId"] = key_arn
    now = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
    return {
        **request,
        "LabelingJobStatus": "Failed",
        "FailureReason": "ClientError: failed to load image",
        "LabelCounters": {"TotalLabeled": 0},
        "CreationTime": now,
        "LastModifiedTime": now,
        "JobReferenceCode": "111122223333abc",
        "LabelingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:labeling-job/acme-boxes",
    }


def account(with_cors: bool):
    """A moto account with the role (managed policy + one inline policy), the output key and the bucket."""
    iam = boto3.client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "sagemaker.amazonaws.com"}}
        ],
    }
    role = iam.create_role(RoleName="gt-exec", AssumeRolePolicyDocument=json.dumps(trust), MaxSessionDuration=3600)[
        "Role"
    ]
    # moto loads no AWS managed policies by default: attach a customer managed copy of the knowledge base's
    copy = json.dumps(managed_policy("AmazonSageMakerGroundTruthExecution").document)
    iam.create_policy(PolicyName="GroundTruthExecutionCopy", PolicyDocument=copy)
    iam.attach_role_policy(RoleName="gt-exec", PolicyArn=MANAGED_EXEC)
    inline = (FIXTURES / "verify" / "exec-s3-acme-data.json").read_text()
    iam.put_role_policy(RoleName="gt-exec", PolicyName="acme-data", PolicyDocument=inline)
    key = boto3.client("kms", region_name=REGION).create_key()["KeyMetadata"]  # moto's default key policy: root
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket="acme-data")
    if with_cors:
        s3.put_bucket_cors(
            Bucket="acme-data",
            CORSConfiguration={
                "CORSRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"], "AllowedHeaders": []}]
            },
        )
    return role["Arn"], key["Arn"]


def clients_with_stubbed_sagemaker(response: dict):
    sagemaker = boto3.client("sagemaker", region_name=REGION)
    stubber = Stubber(sagemaker)
    stubber.add_response("describe_labeling_job", response, {"LabelingJobName": "acme-boxes"})
    stubber.activate()

    def clients(service: str, region: str | None):
        return sagemaker if service == "sagemaker" else boto3.client(service, region_name=region or REGION)

    return clients, stubber


@mock_aws
def test_reads_the_job_role_key_and_bucket_then_verifies_offline():
    role_arn, key_arn = account(with_cors=False)
    clients, stubber = clients_with_stubbed_sagemaker(described(role_arn, key_arn))
    job, facts = aws.read_account("acme-boxes", region=REGION, clients=clients)
    stubber.assert_no_pending_responses()
    assert job.name == "acme-boxes" and job.failure_reason == "ClientError: failed to load image"
    labels = [p.label for p in facts.role_policies]
    assert labels == ["role gt-exec inline policy acme-data", f"role gt-exec attached policy {MANAGED_EXEC}"]
    assert facts.max_session_duration == 3600 and facts.trust_policy is not None
    assert set(facts.key_policies) == {key_arn}
    assert facts.cors["acme-data"].rules == ()  # NoSuchCORSConfiguration: known to have none
    assert facts.bucket_policies == {}  # NoSuchBucketPolicy

    report = verify(job, facts=facts)
    status = {(r.requirement.id, r.requirement.action): r.status for r in report.results}
    assert status[("TRUST_SAGEMAKER", "sts:AssumeRole")] == OK
    assert status[("EXEC_READ_MANIFEST", "s3:GetObject")] == OK
    assert status[("CORS_INPUT_2D", None)] == MISSING
    # moto's default key policy only delegates to IAM, and the role has no kms permission
    assert status[("KEY_OUTPUT_USE", "kms:Decrypt")] == MISSING
    assert [m.failure.id for m in report.failure_matches] == ["cors-image"]


@mock_aws
def test_cors_as_the_bucket_has_it():
    role_arn, key_arn = account(with_cors=True)
    clients, _ = clients_with_stubbed_sagemaker(described(role_arn, key_arn))
    _, facts = aws.read_account("acme-boxes", region=REGION, clients=clients)
    assert facts.cors["acme-data"].rules[0]["AllowedMethods"] == ["GET"]


@mock_aws
def test_a_missing_role_is_a_usage_error():
    clients, _ = clients_with_stubbed_sagemaker(
        described("arn:aws:iam::123456789012:role/nobody", "arn:aws:kms:us-east-1:123456789012:key/x")
    )
    with pytest.raises(UsageError, match="iam get-role: NoSuchEntity"):
        aws.read_account("acme-boxes", region=REGION, clients=clients)


def test_access_denied_and_unknown_jobs_are_usage_errors():
    sagemaker = boto3.client("sagemaker", region_name=REGION)
    stubber = Stubber(sagemaker)
    stubber.add_client_error("describe_labeling_job", "AccessDeniedException", "not allowed")
    stubber.add_client_error("describe_labeling_job", "ResourceNotFound", "Could not find requested job")
    stubber.activate()
    with pytest.raises(UsageError, match=r"(?s)sagemaker describe-labeling-job: access denied.*iam:GetRole"):
        aws.read_account("x", region=REGION, clients=lambda service, region: sagemaker)
    with pytest.raises(UsageError, match="ResourceNotFound: Could not find requested job"):
        aws.read_account("x", region=REGION, clients=lambda service, region: sagemaker)


def test_no_credentials_is_a_usage_error(monkeypatch, tmp_path):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in (
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(UsageError, match="no AWS credentials found"):
        aws.read_account("x", region=REGION)


def test_an_unknown_profile_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    with pytest.raises(UsageError, match="--profile 'nope': no such AWS profile"):
        aws.read_account("x", region=REGION, profile="nope")


def test_without_boto3_the_hint_names_the_extra(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_boto3(name, *args, **kwargs):
        if name.split(".")[0] in ("boto3", "botocore"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_boto3)
    with pytest.raises(UsageError, match=r"install iamkb\[aws\]"):
        aws.read_account("x", region=REGION)


@mock_aws
def test_the_command_line_verifies_what_it_read(monkeypatch, capsys):
    from iamkb.cli import main

    role_arn, key_arn = account(with_cors=True)
    clients, _ = clients_with_stubbed_sagemaker(described(role_arn, key_arn))
    monkeypatch.setattr(aws, "_boto3_clients", lambda region, profile: clients)
    assert main(["job", "verify", "--from-aws", "acme-boxes", "--region", REGION, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    missing = {r["id"] for r in data["results"] if r["status"] == "missing"}
    assert missing == {"KEY_OUTPUT_USE"}  # the role may not use the output key; everything else holds
    assert data["failureReason"]["matches"][0]["id"] == "cors-image"
    assert data["failureReason"]["matches"][0]["requirements"][0]["status"] == "ok"
