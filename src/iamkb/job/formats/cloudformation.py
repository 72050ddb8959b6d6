"""CloudFormation output: a YAML template (PyYAML, block style) that cfn-lint accepts.

What the template creates: the execution role (`AWS::IAM::Role`: name and path from `RoleArn`, the
trust policy, MaxSessionDuration, the identity policy inline) and `AWS::IAM::ManagedPolicy` for the
caller and for the post-annotation function's role (attached when their ARN was given).

What it does not create: the job's KMS keys, buckets and topics already exist, and CloudFormation can
change a resource's key policy, CORS rules or access policy only by owning the resource (an import, or
a new `AWS::S3::Bucket`, which would fail for an existing name). So those settings are in the
template's `Metadata` under `IamkbExistingResources`, each in the property shape its resource type
takes (`KeyPolicy`, `CorsConfiguration` with CloudFormation's names `ExposedHeaders`/`MaxAge`,
`PolicyDocument`), to paste into the template that owns the resource.
"""

from __future__ import annotations

from typing import Any

from iamkb.job.formats import pascal
from iamkb.job.model import Plan, Principal
from iamkb.job.plan import given_arn, policy, role_name_and_path

_CORS_NAMES = {
    "AllowedHeaders": "AllowedHeaders",
    "AllowedMethods": "AllowedMethods",
    "AllowedOrigins": "AllowedOrigins",
    "ExposeHeaders": "ExposedHeaders",
    "MaxAgeSeconds": "MaxAge",
    "ID": "Id",
}


def template(plan: Plan) -> dict[str, Any]:
    job = plan.job
    role_name, role_path = role_name_and_path(job.role_arn)
    name = pascal(job.name)
    role: dict[str, Any] = {"RoleName": role_name, "Path": role_path, "AssumeRolePolicyDocument": plan.trust_policy}
    if plan.max_session_duration:
        role["MaxSessionDuration"] = plan.max_session_duration
    role["Policies"] = [{"PolicyName": f"labeling-job-{job.name}", "PolicyDocument": plan.execution_role_policy}]
    resources: dict[str, Any] = {f"{name}ExecutionRole": {"Type": "AWS::IAM::Role", "Properties": role}}
    resources[f"{name}CallerPolicy"] = _managed(
        f"labeling-job-{job.name}-caller",
        plan.caller_policy,
        given_arn(plan, Principal.CALLER),
        "whoever calls CreateLabelingJob",
    )
    if plan.lambda_role_policy is not None:
        resources[f"{name}PostAnnotationLambdaPolicy"] = _managed(
            f"labeling-job-{job.name}-post-annotation",
            plan.lambda_role_policy,
            given_arn(plan, Principal.LAMBDA_ROLE),
            "the post-annotation function's execution role",
        )
    existing: dict[str, Any] = {}
    for key, document in plan.key_policies.items():
        existing[key] = {"Type": "AWS::KMS::Key", "KeyPolicy": document}
    for bucket, rules in plan.cors.items():
        existing.setdefault(bucket, {"Type": "AWS::S3::Bucket"})["CorsConfiguration"] = {
            "CorsRules": [{_CORS_NAMES[k]: v for k, v in rule.items()} for rule in rules]
        }
    for bucket, statements in plan.bucket_policy_statements.items():
        existing.setdefault(f"{bucket} (bucket policy)", {"Type": "AWS::S3::BucketPolicy", "Bucket": bucket})[
            "PolicyDocument"
        ] = policy(statements)
    for topic, statements in plan.topic_policy_statements.items():
        existing[topic] = {"Type": "AWS::SNS::TopicPolicy", "Topics": [topic], "PolicyDocument": policy(statements)}
    result: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"Least-privilege IAM for SageMaker Ground Truth labeling job {job.name} (iamkb job plan)",
    }
    if existing or plan.notes:
        result["Metadata"] = {"IamkbNotes": list(plan.notes), "IamkbExistingResources": existing}
    result["Resources"] = resources
    result["Outputs"] = {
        "ExecutionRoleArn": {
            "Description": "the RoleArn of the labeling job",
            "Value": {"Fn::GetAtt": [f"{name}ExecutionRole", "Arn"]},
        }
    }
    return result


def _managed(name: str, document: dict, attach_to: str | None, who: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"ManagedPolicyName": name, "Description": f"for {who}", "PolicyDocument": document}
    if attach_to is not None:
        properties["Users" if ":user/" in attach_to else "Roles"] = [attach_to.rsplit("/", 1)[-1]]
    return {"Type": "AWS::IAM::ManagedPolicy", "Properties": properties}


def render(plan: Plan) -> str:
    header = (
        f"# iamkb job plan: least-privilege permissions for labeling job {plan.job.name}, from {plan.job.path}.\n"
        "# Key policies, CORS rules and bucket or topic statements for resources this stack does not own\n"
        "# are under Metadata.IamkbExistingResources, in the shape their resource type takes.\n"
    )
    import yaml

    return header + yaml.safe_dump(
        template(plan), sort_keys=False, default_flow_style=False, width=120, allow_unicode=True
    )
