"""From a `Job` to the exact list of `Requirement`s it has, by filling the requirements table.

The table (`requirements.json`, validated by `schemas/job-requirements.schema.json`) holds every fact
as data with its AWS source; this module only decides which features a job has and fills the
templates. Keeping facts out of code is what lets the reference page, the planner and the verifier
show the same rows.

Template vocabulary (`{name}` in a row's resource, key, principal_arn, conditions and context):

- `partition`, `region`, `account`: the job's, from its ARNs (or `--region` / `--account`);
- `job.name`; `job.arn`: `arn:P:sagemaker:R:A:labeling-job/NAME`, NAME in lower case;
- `role.arn`: `RoleArn`;
- `caller.arn`: who calls CreateLabelingJob: `JobOptions.caller_arn`, else
  `arn:P:iam::A:role/labeling-job-caller` (a placeholder);
- `workteam.arn`; `workteam.type`: `private-crowd`, `vendor-crowd` or `public-crowd`, from its path;
- `manifest.object`: the object ARN of `ManifestS3Uri`;
- `input.buckets`, `input.bucket_arns`, `input.objects`: lists, one item per input location
  (`JobOptions.input_locations`, else the manifest's bucket): name, bucket ARN, `arn:P:s3:::B/PREFIX/*`;
- `label_categories.object`, `ui_template.object`: object ARNs of those S3 URIs;
- `output.bucket`, `output.bucket_arn`, `output.objects`: from `S3OutputPath` (`s3://b/p` gives
  `arn:P:s3:::b/p/*`);
- `buckets.arns`: list of every bucket the job reads or writes;
- `output_key.arn`, `volume_key.arn`, `input_key.arn`: KMS key (or alias) ARNs; a key ID becomes a key
  ARN in the job's Region;
- `input_topic.arn`, `output_topic.arn`; `queue.arn`: the streaming queue `arn:P:sqs:R:A:GroundTruth-NAME`;
- `pre_lambda.arn`, `post_lambda.arn`: the Lambda ARNs, only when they are not AWS's own PRE-/ACS- functions;
- `lambda_role.arn`: the post-annotation function's role: `JobOptions.lambda_role_arn`, else
  `arn:P:iam::A:role/post-annotation-lambda-role` (a placeholder);
- `ground_truth.vpce`: Ground Truth's VPC endpoint in the job's Region (AWS's table).

Rules: a row applies when the job has its feature. A list-valued name makes one requirement per item
(several lists in one row are taken in step); a row whose resource, key or principal needs a name the
job does not define yields nothing; a condition or context key whose value is undefined is left out
(so the guardrail keys appear only where the job sets the key). Each action of a row is its own
requirement, and the context always satisfies the row's conditions.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from iamkb.core.arns import Arn
from iamkb.job.inputs import parse_s3_uri
from iamkb.job.model import Job, JobOptions, Principal, Requirement, S3Location, Source

THREE_D_LAMBDA = re.compile(r"PRE-(Adjustment|Verification)?(3DPointCloud|Video)")
THREE_D_UI = re.compile(r"human-task-ui/(PointCloud|Video)")
LONG_TASK_SECONDS = 28800
_NAME = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")
Values = dict[str, "str | list[str]"]


@cache
def table() -> dict[str, Any]:
    """The requirements table as stored (importlib.resources: it works from an installed wheel too)."""
    text = resources.files("iamkb.job").joinpath("requirements.json").read_text(encoding="utf-8")
    return json.loads(text)


def rows() -> list[dict[str, Any]]:
    return list(table()["requirements"])


def features(job: Job, options: JobOptions | None = None) -> list[str]:
    """The table's features this job has, in the table's order."""
    options = options or JobOptions()
    request = job.request
    human = request.get("HumanTaskConfig", {})
    source = request.get("InputConfig", {}).get("DataSource", {})
    resource_config = request.get("LabelingJobAlgorithmsConfig", {}).get("LabelingJobResourceConfig", {})
    custom_post = _custom_lambda(_post_lambda(request), job.region)
    three_d = is_3d_or_video(job)
    has = {
        "base": True,
        "tags": bool(request.get("Tags")),
        "s3-input": "S3DataSource" in source,
        "label-categories": "LabelCategoryConfigS3Uri" in request,
        "ui-template": "UiTemplateS3Uri" in human.get("UiConfig", {}),
        "custom-pre-annotation": _custom_lambda(human.get("PreHumanTaskLambdaArn"), job.region),
        "custom-post-annotation": custom_post,
        "post-annotation-reads-s3": custom_post and not options.lambda_assumes_role,
        "post-annotation-assumes-role": custom_post and options.lambda_assumes_role,
        "output-key": "KmsKeyId" in request.get("OutputConfig", {}),
        "volume-key": "VolumeKmsKeyId" in resource_config,
        "automated-labeling": "LabelingJobAlgorithmsConfig" in request,
        "vpc": "VpcConfig" in resource_config,
        "streaming": "SnsDataSource" in source,
        "streaming-output": "SnsTopicArn" in request.get("OutputConfig", {}),
        "cors-2d": not three_d and bool(_input_locations(job, options)),
        "cors-3d": three_d,
        "long-task": three_d and human.get("TaskTimeLimitInSeconds", 0) > LONG_TASK_SECONDS,
        "option:input-sse-kms": options.input_key_arn is not None,
        "option:bucket-enforces-kms": options.bucket_enforces_kms,
        "option:bucket-vpce": options.bucket_vpce,
        "option:s3-event-notifications": options.s3_event_notifications and "SnsDataSource" in source,
    }
    return [name for name in table()["features"] if has.get(name)]


def requirements(job: Job, options: JobOptions | None = None) -> list[Requirement]:
    """Every requirement of the job, templates filled, in table order."""
    options = options or JobOptions()
    present = set(features(job, options))
    found = values(job, options)
    result: list[Requirement] = []
    for row in rows():
        if row["feature"] in present:
            result.extend(_fill(row, found))
    return result


def is_3d_or_video(job: Job) -> bool:
    """3D point cloud and video frame tasks, known by AWS's UI ARN or AWS's pre-annotation function name."""
    human = job.request.get("HumanTaskConfig", {})
    ui = human.get("UiConfig", {}).get("HumanTaskUiArn", "")
    pre = human.get("PreHumanTaskLambdaArn", "")
    return bool(THREE_D_UI.search(ui) or THREE_D_LAMBDA.search(pre.rsplit(":function:", 1)[-1]))


def is_aws_owned_lambda(arn: str | None) -> bool:
    """One of Ground Truth's own PRE-/ACS- functions: its account is AWS's for that Region (HumanTaskConfig)."""
    parsed = Arn.parse(arn or "")
    if parsed is None:
        return False
    name = parsed.resource.split(":")[1] if ":" in parsed.resource else ""
    owner = table()["awsOwned"]["lambdaAccounts"].get(parsed.region)
    return owner == parsed.account and name.startswith(("PRE-", "ACS-"))


def values(job: Job, options: JobOptions | None = None) -> Values:
    """The vocabulary's values for this job (undefined names are absent)."""
    options = options or JobOptions()
    p, r, a = job.partition, job.region, job.account
    request = job.request
    human = request.get("HumanTaskConfig", {})
    output = request.get("OutputConfig", {})
    source = request.get("InputConfig", {}).get("DataSource", {})
    found: Values = {
        "partition": p,
        "region": r,
        "account": a,
        "job.name": job.name,
        "job.arn": f"arn:{p}:sagemaker:{r}:{a}:labeling-job/{job.name.lower()}",
        "role.arn": job.role_arn,
        "caller.arn": options.caller_arn or f"arn:{p}:iam::{a}:role/labeling-job-caller",
        "lambda_role.arn": options.lambda_role_arn or f"arn:{p}:iam::{a}:role/post-annotation-lambda-role",
        "workteam.arn": human["WorkteamArn"],
    }
    team = (Arn.parse(human["WorkteamArn"]) or Arn("", "", "", "", "")).resource.split("/")
    if len(team) > 1 and team[1] in ("private-crowd", "vendor-crowd", "public-crowd"):
        found["workteam.type"] = team[1]
    manifest = source.get("S3DataSource", {}).get("ManifestS3Uri")
    if manifest:
        found["manifest.object"] = _object_arn(p, manifest)
    for name, uri in (
        ("label_categories.object", request.get("LabelCategoryConfigS3Uri")),
        ("ui_template.object", human.get("UiConfig", {}).get("UiTemplateS3Uri")),
    ):
        if uri:
            found[name] = _object_arn(p, uri)
    locations = _input_locations(job, options)
    if locations:
        found["input.buckets"] = [loc.bucket for loc in locations]
        found["input.bucket_arns"] = [f"arn:{p}:s3:::{loc.bucket}" for loc in locations]
        found["input.objects"] = [_prefix_objects(p, loc.bucket, loc.key) for loc in locations]
    out = parse_s3_uri(output["S3OutputPath"])
    assert out is not None  # inputs validated it
    found.update(
        {
            "output.bucket": out.bucket,
            "output.bucket_arn": f"arn:{p}:s3:::{out.bucket}",
            "output.objects": _prefix_objects(p, out.bucket, out.key),
        }
    )
    buckets = [loc.bucket for loc in locations]
    for uri in (
        manifest,
        request.get("LabelCategoryConfigS3Uri"),
        human.get("UiConfig", {}).get("UiTemplateS3Uri"),
        output["S3OutputPath"],
    ):
        parsed = parse_s3_uri(uri) if uri else None
        if parsed is not None:
            buckets.append(parsed.bucket)
    found["buckets.arns"] = [f"arn:{p}:s3:::{b}" for b in dict.fromkeys(buckets)]
    resource_config = request.get("LabelingJobAlgorithmsConfig", {}).get("LabelingJobResourceConfig", {})
    for name, key in (
        ("output_key.arn", output.get("KmsKeyId")),
        ("volume_key.arn", resource_config.get("VolumeKmsKeyId")),
        ("input_key.arn", options.input_key_arn),
    ):
        if key:
            found[name] = key_arn(key, p, r, a)
    if "SnsDataSource" in source:
        found["input_topic.arn"] = source["SnsDataSource"]["SnsTopicArn"]
        found["queue.arn"] = f"arn:{p}:sqs:{r}:{a}:GroundTruth-{job.name}"
    if output.get("SnsTopicArn"):
        found["output_topic.arn"] = output["SnsTopicArn"]
    pre, post = human.get("PreHumanTaskLambdaArn"), _post_lambda(request)
    if pre and _custom_lambda(pre, r):
        found["pre_lambda.arn"] = pre
    if post and _custom_lambda(post, r):
        found["post_lambda.arn"] = post
    vpce = table()["awsOwned"]["groundTruthVpcEndpoints"].get(r)
    if vpce:
        found["ground_truth.vpce"] = vpce
    return found


def key_arn(key: str, partition: str, region: str, account: str) -> str:
    """A KMS key given as ID, alias name or ARN, as an ARN (`alias/x` stays an alias ARN)."""
    if key.startswith("arn:"):
        return key
    if key.startswith("alias/"):
        return f"arn:{partition}:kms:{region}:{account}:{key}"
    return f"arn:{partition}:kms:{region}:{account}:key/{key}"


def _post_lambda(request: dict[str, Any]) -> str | None:
    return (
        request.get("HumanTaskConfig", {})
        .get("AnnotationConsolidationConfig", {})
        .get("AnnotationConsolidationLambdaArn")
    )


def _custom_lambda(arn: str | None, region: str) -> bool:
    return bool(arn) and not is_aws_owned_lambda(arn)


def _input_locations(job: Job, options: JobOptions) -> list[S3Location]:
    if options.input_locations:
        parsed = [parse_s3_uri(uri) for uri in options.input_locations]
        return [loc for loc in parsed if loc is not None]
    manifest = job.request.get("InputConfig", {}).get("DataSource", {}).get("S3DataSource", {}).get("ManifestS3Uri")
    location = parse_s3_uri(manifest) if manifest else None
    return [dataclasses.replace(location, key="")] if location else []


def _object_arn(partition: str, uri: str) -> str:
    location = parse_s3_uri(uri)
    assert location is not None  # inputs validated it
    return f"arn:{partition}:s3:::{location.bucket}/{location.key}"


def _prefix_objects(partition: str, bucket: str, key: str) -> str:
    prefix = key.rstrip("/")
    return f"arn:{partition}:s3:::{bucket}/{prefix}/*" if prefix else f"arn:{partition}:s3:::{bucket}/*"


def _fill(row: dict[str, Any], found: Values) -> list[Requirement]:
    """One row's requirements: per list item (in step), per action."""
    lists = sorted({name for name in _names(row) if isinstance(found.get(name), list)})
    lengths = {len(found[name]) for name in lists}
    if len(lengths) > 1:
        raise ValueError(f"{row['id']}: lists of different lengths: {lists}")
    count = lengths.pop() if lengths else 1
    made: list[Requirement] = []
    for index in range(count):
        scalar: dict[str, Any] = {k: v for k, v in found.items() if not isinstance(v, list)}
        for name in lists:
            scalar[name] = found[name][index]
        resource = _text(row.get("resource"), scalar)
        key = _text(row.get("key"), scalar)
        principal_arn = _text(row.get("principal_arn"), scalar)
        if any(
            t is not None and f is None
            for t, f in (
                (row.get("resource"), resource),
                (row.get("key"), key),
                (row.get("principal_arn"), principal_arn),
            )
        ):
            continue  # the job lacks a value this row is about
        conditions = {
            op: filled
            for op, block in row.get("conditions", {}).items()
            if (filled := {k: v for k, t in block.items() if (v := _text(t, scalar)) is not None})
        }
        context = {k: v for k, t in row.get("context", {}).items() if (v := _text(t, scalar)) is not None}
        common = dict(
            field=row["field"],
            principal=Principal(row["principal"]),
            title=row["title"],
            source=Source(**row["source"]),
            inferred=row["inferred"],
            key=key,
        )
        if "setting" in row:
            made.append(Requirement(row["id"], setting=dict(row["setting"]), **common))
            continue
        for action in row["actions"]:
            made.append(
                Requirement(
                    row["id"],
                    action=action,
                    resource=resource,
                    context=dict(context),
                    conditions={op: dict(b) for op, b in conditions.items()},
                    request_principal=principal_arn,
                    **common,
                )
            )
    return made


def _names(row: dict[str, Any]) -> set[str]:
    texts = [row.get("resource"), row.get("key"), row.get("principal_arn"), *row.get("context", {}).values()]
    texts += [t for block in row.get("conditions", {}).values() for t in block.values()]
    return {m.group(1) for t in texts if t for m in _NAME.finditer(t)}


def _text(template: str | None, found: dict[str, Any]) -> str | None:
    """A filled template, or None when it needs a name the job does not define."""
    if template is None:
        return None
    missing = False

    def one(match: re.Match) -> str:
        nonlocal missing
        value = found.get(match.group(1))
        if value is None:
            missing = True
            return ""
        return str(value)

    filled = _NAME.sub(one, template)
    return None if missing else filled
