"""iamkb.job.requirements: the table is valid and sourced, features trigger exactly their rows, values are exact."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from iamkb.core import iamcatalog
from iamkb.job.inputs import read_job, read_jobs
from iamkb.job.model import Job, JobOptions, Principal
from iamkb.job.requirements import features, is_3d_or_video, requirements, rows, table

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def job(name: str) -> Job:
    return read_job(FIXTURES / f"{name}.json")


def ids(job_: Job, options: JobOptions | None = None) -> set[str]:
    return {r.id for r in requirements(job_, options)}


def with_request(job_: Job, edit) -> Job:
    request = copy.deepcopy(job_.request)
    edit(request)
    return Job(job_.name, job_.region, job_.account, job_.partition, job_.role_arn, request, job_.path, job_.pointers)


def test_table_is_schema_valid():
    schema = json.loads((ROOT / "schemas" / "job-requirements.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(table())


def test_schema_rejects_a_row_without_source():
    schema = json.loads((ROOT / "schemas" / "job-requirements.schema.json").read_text())
    broken = copy.deepcopy(table())
    del broken["requirements"][0]["source"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_rows_are_unique_sourced_and_use_declared_features():
    seen = [r["id"] for r in rows()]
    assert len(seen) == len(set(seen))
    for r in rows():
        assert r["source"]["url"].startswith("https://docs.aws.amazon.com/"), r["id"]
        assert r["feature"] in table()["features"], r["id"]
        if r["principal"] in ("key-policy", "bucket-policy", "topic-policy", "bucket-cors", "role-setting"):
            assert "key" in r, r["id"]
    assert any(r["inferred"] for r in rows()) and not all(r["inferred"] for r in rows())


def test_actions_and_condition_keys_exist_in_the_iam_catalog():
    for r in rows():
        for name in r.get("actions", []):
            prefix, _, action_name = name.partition(":")
            service = iamcatalog.service(prefix)
            assert service is not None, name
            action = service.action(action_name)
            assert action is not None, name
            keys = service.keys_for_action(action)
            for block in r.get("conditions", {}).values():
                for key in block:
                    known = keys.find(key) or iamcatalog.global_condition_key(key)
                    assert known is not None, f"{r['id']}: {key} on {name}"


def test_every_feature_has_rows_and_triggers_only_its_rows():
    for feature in table()["features"]:
        assert any(r["feature"] == feature for r in rows()), feature
    plain = job("bounding-box")
    assert features(plain) == ["base", "s3-input", "label-categories", "ui-template", "cors-2d"]
    feature_of = {r["id"]: r["feature"] for r in rows()}
    assert {feature_of[i] for i in ids(plain)} == set(features(plain))


@pytest.mark.parametrize(
    ("fixture", "present", "absent"),
    [
        (
            "bounding-box",
            {"cors-2d"},
            {"tags", "custom-pre-annotation", "output-key", "streaming", "cors-3d", "long-task"},
        ),
        (
            "custom-keys",
            {
                "tags",
                "custom-pre-annotation",
                "custom-post-annotation",
                "post-annotation-reads-s3",
                "output-key",
                "volume-key",
                "automated-labeling",
                "vpc",
            },
            {"streaming", "cors-3d", "post-annotation-assumes-role"},
        ),
        ("streaming", {"streaming", "streaming-output"}, {"s3-input", "cors-2d", "custom-pre-annotation"}),
        ("point-cloud-describe", {"cors-3d", "long-task"}, {"cors-2d", "ui-template"}),
    ],
)
def test_features_per_job(fixture, present, absent):
    found = set(features(job(fixture)))
    assert present <= found and not (absent & found)


def test_long_task_needs_more_than_eight_hours():
    lidar = job("point-cloud-describe")
    assert is_3d_or_video(lidar) and "long-task" in features(lidar)
    short = with_request(lidar, lambda r: r["HumanTaskConfig"].update(TaskTimeLimitInSeconds=28800))
    assert "long-task" not in features(short) and "cors-3d" in features(short)
    setting = next(r for r in requirements(lidar) if r.id == "ROLE_MAX_SESSION_DURATION")
    assert setting.setting == {"MaxSessionDuration": {"minimum": 28800}} and setting.key == lidar.role_arn


def test_video_recognised_from_the_lambda_name():
    boxes = job("bounding-box")
    video = with_request(
        boxes,
        lambda r: r["HumanTaskConfig"].update(
            PreHumanTaskLambdaArn="arn:aws:lambda:us-east-1:432418664414:function:PRE-VideoObjectTracking"
        ),
    )
    assert not is_3d_or_video(boxes) and is_3d_or_video(video)


def test_aws_owned_lambdas_need_no_grant_but_custom_ones_do():
    boxes = job("bounding-box")
    assert not {"EXEC_INVOKE_PRE_ANNOTATION", "EXEC_INVOKE_POST_ANNOTATION"} & ids(boxes)
    # an AWS-looking name in the customer's own account is custom
    lookalike = with_request(
        boxes,
        lambda r: r["HumanTaskConfig"].update(
            PreHumanTaskLambdaArn="arn:aws:lambda:us-east-1:111122223333:function:PRE-BoundingBox"
        ),
    )
    invoke = [r for r in requirements(lookalike) if r.id == "EXEC_INVOKE_PRE_ANNOTATION"]
    assert [(r.action, r.resource) for r in invoke] == [
        ("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:PRE-BoundingBox")
    ]


def test_values_are_exact():
    found = {(r.id, r.action): r for r in requirements(job("custom-keys"))}
    create = found[("CALLER_CREATE_LABELING_JOB", "sagemaker:CreateLabelingJob")]
    assert create.resource == "arn:aws:sagemaker:eu-west-1:111122223333:labeling-job/reviews"
    assert create.conditions["ArnEquals"] == {
        "sagemaker:WorkteamArn": "arn:aws:sagemaker:eu-west-1:111122223333:workteam/vendor-crowd/acme-vendor",
        "sagemaker:OutputKmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "sagemaker:VolumeKmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/abcd1234-12ab-34cd-56ef-1234567890ab",
    }
    assert create.conditions["StringEquals"] == {"sagemaker:WorkteamType": "vendor-crowd"}
    assert found[("EXEC_WRITE_OUTPUT", "s3:PutObject")].resource == "arn:aws:s3:::acme-text/out/*"
    key = found[("KEY_OUTPUT_USE", "kms:Decrypt")]
    assert key.principal is Principal.KEY_POLICY and key.request_principal == "arn:aws:iam::111122223333:role/gt-exec"
    assert found[("CALLER_ADD_TAGS", "sagemaker:AddTags")].inferred


def test_guardrail_keys_only_where_the_job_sets_them():
    create = next(r for r in requirements(job("bounding-box")) if r.id == "CALLER_CREATE_LABELING_JOB")
    assert set(create.conditions["ArnEquals"]) == {"sagemaker:WorkteamArn"}


def test_context_satisfies_the_conditions():
    for fixture in ("bounding-box", "custom-keys", "streaming", "point-cloud-describe"):
        for r in requirements(job(fixture), JobOptions(s3_event_notifications=True)):
            for block in r.conditions.values():
                for key, value in block.items():
                    assert r.context.get(key) == value, (r.id, key)


def test_options_switch_on_their_rows():
    boxes, stream = job("bounding-box"), job("streaming")
    assert not any(i.startswith(("BUCKET_POLICY", "EXEC_INPUT_KEY", "TOPIC_POLICY")) for i in ids(boxes))
    options = JobOptions(
        input_key_arn="arn:aws:kms:us-east-1:111122223333:key/k",
        bucket_enforces_kms=True,
        bucket_vpce=True,
        input_locations=("s3://acme-images/cars/", "s3://acme-more"),
    )
    found = [r for r in requirements(boxes, options)]
    vpce = [r for r in found if r.id == "BUCKET_POLICY_VPCE_INPUT"]
    assert [(r.key, r.resource, r.context) for r in vpce] == [
        ("acme-images", "arn:aws:s3:::acme-images/cars/*", {"aws:SourceVpce": "vpce-08408e335ebf95b40"}),
        ("acme-more", "arn:aws:s3:::acme-more/*", {"aws:SourceVpce": "vpce-08408e335ebf95b40"}),
    ]
    assert {"EXEC_INPUT_KEY_DECRYPT", "KEY_INPUT_DECRYPT", "BUCKET_POLICY_SSE_KMS"} <= {r.id for r in found}
    assert "TOPIC_POLICY_S3_EVENTS" not in ids(stream)
    topic = JobOptions(s3_event_notifications=True, input_locations=("s3://acme-drop/new/",))
    assert "TOPIC_POLICY_S3_EVENTS" in ids(stream, topic)


def test_lambda_assumes_role_option_replaces_the_s3_read():
    text = read_jobs(FIXTURES / "terraform-plan.json")[1]
    assert "LAMBDA_ROLE_READ_OUTPUT" in ids(text)
    chosen = ids(text, JobOptions(lambda_assumes_role=True, lambda_role_arn="arn:aws:iam::111122223333:role/fn"))
    assert {"LAMBDA_ROLE_ASSUME_EXEC", "TRUST_LAMBDA_ROLE"} <= chosen and "LAMBDA_ROLE_READ_OUTPUT" not in chosen


def test_partition_aware_arns():
    boxes = job("bounding-box")
    china = Job(
        boxes.name,
        "cn-north-1",
        boxes.account,
        "aws-cn",
        boxes.role_arn.replace("arn:aws:", "arn:aws-cn:"),
        boxes.request,
        boxes.path,
    )
    resources = {r.resource for r in requirements(china) if r.resource}
    assert "arn:aws-cn:s3:::acme-output/labels/*" in resources
    assert "arn:aws-cn:sagemaker:cn-north-1:111122223333:labeling-job/cars-boxes" in resources


def test_snapshot_of_a_small_job():
    got = [(r.id, r.principal.value, r.action or "", r.resource or r.key or "") for r in requirements(job("streaming"))]
    role = "arn:aws:iam::111122223333:role/gt-exec"
    queue = "arn:aws:sqs:us-west-2:111122223333:GroundTruth-live-images"
    assert got == [
        (
            "CALLER_CREATE_LABELING_JOB",
            "caller",
            "sagemaker:CreateLabelingJob",
            "arn:aws:sagemaker:us-west-2:111122223333:labeling-job/live-images",
        ),
        ("CALLER_PASS_ROLE", "caller", "iam:PassRole", role),
        ("TRUST_SAGEMAKER", "trust-policy", "sts:AssumeRole", role),
        *[
            ("EXEC_LOGS_METRICS", "execution-role", a, "*")
            for a in (
                "cloudwatch:PutMetricData",
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:DescribeLogStreams",
                "logs:PutLogEvents",
            )
        ],
        ("EXEC_LIST_BUCKETS", "execution-role", "s3:ListBucket", "arn:aws:s3:::acme-stream"),
        ("EXEC_LIST_BUCKETS", "execution-role", "s3:GetBucketLocation", "arn:aws:s3:::acme-stream"),
        *[
            ("EXEC_WRITE_OUTPUT", "execution-role", a, "arn:aws:s3:::acme-stream/output/*")
            for a in ("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject")
        ],
        ("EXEC_STREAM_SUBSCRIBE", "execution-role", "sns:Subscribe", "arn:aws:sns:us-west-2:111122223333:gt-input"),
        ("EXEC_STREAM_UNSUBSCRIBE", "execution-role", "sns:Unsubscribe", "arn:aws:sns:us-west-2:111122223333:gt-input"),
        *[
            ("EXEC_STREAM_QUEUE", "execution-role", a, queue)
            for a in (
                "sqs:CreateQueue",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
                "sqs:SendMessage",
                "sqs:SetQueueAttributes",
            )
        ],
        ("EXEC_PUBLISH_OUTPUT", "execution-role", "sns:Publish", "arn:aws:sns:us-west-2:111122223333:gt-output"),
    ]
