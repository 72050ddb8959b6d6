"""iamkb.job.inputs: each input format, and each bad input's message (pointer, hint, exit 2, no traceback)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from iamkb.cli import main
from iamkb.core.errors import UsageError
from iamkb.job.inputs import REQUEST_FIELDS, parse_s3_uri, read_job, read_jobs, snake

FIXTURES = Path(__file__).parent / "fixtures"
BOXES = json.loads((FIXTURES / "bounding-box.json").read_text())


def write(tmp_path: Path, document, name: str = "job.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document, indent=2))
    return path


def changed(edit) -> dict:
    document = copy.deepcopy(BOXES)
    edit(document)
    return document


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(UsageError) as caught:
        read_jobs(path, **kwargs)
    return str(caught.value)


def test_request_format():
    job = read_job(FIXTURES / "bounding-box.json")
    assert (job.name, job.region, job.account, job.partition) == ("Cars-Boxes", "us-east-1", "111122223333", "aws")
    assert job.role_arn == "arn:aws:iam::111122223333:role/service-role/gt-exec"
    assert job.pointer("HumanTaskConfig.WorkteamArn") == "/HumanTaskConfig/WorkteamArn"
    assert job.failure_reason is None


def test_describe_format_drops_read_only_fields_and_keeps_failure_reason():
    job = read_job(FIXTURES / "point-cloud-describe.json")
    assert "LabelingJobStatus" not in job.request and "LabelCounters" not in job.request
    assert job.failure_reason.startswith("ClientError")
    assert job.request["HumanTaskConfig"]["TaskTimeLimitInSeconds"] == 86400


def test_terraform_plan_reads_every_job_in_child_modules():
    jobs = read_jobs(FIXTURES / "terraform-plan.json")
    assert [j.name for j in jobs] == ["tf-boxes", "tf-text"]
    boxes = jobs[0]
    assert boxes.request["InputConfig"] == {
        "DataSource": {"S3DataSource": {"ManifestS3Uri": "s3://acme-tf-input/manifest.json"}}
    }
    assert boxes.request["Tags"] == [{"Key": "team", "Value": "vision"}]
    assert "LabelCategoryConfigS3Uri" not in boxes.request  # null attributes are unset
    assert "LabelingJobAlgorithmsConfig" not in boxes.request  # an empty block list is absent
    assert boxes.pointer("HumanTaskConfig.WorkteamArn") == (
        "/planned_values/root_module/child_modules/0/resources/0/values/human_task_config/0/workteam_arn"
    )


def test_snake_case_matches_the_provider_attribute_names():
    # names as the aws_sagemaker_labeling_job documentation spells them
    assert snake("LabelCategoryConfigS3Uri") == "label_category_config_s3_uri"
    assert snake("NumberOfHumanWorkersPerDataObject") == "number_of_human_workers_per_data_object"
    assert snake("TenthFractionsOfACent") == "tenth_fractions_of_a_cent"
    assert snake("S3DataSource") == "s3_data_source"
    assert snake("HumanTaskUiArn") == "human_task_ui_arn"
    assert set(REQUEST_FIELDS) >= {"LabelingJobName", "RoleArn", "HumanTaskConfig", "Tags"}


def test_region_and_account_overrides_must_agree(tmp_path):
    assert read_job(FIXTURES / "bounding-box.json", region="us-east-1", account="111122223333").region == "us-east-1"
    message = error_of(FIXTURES / "bounding-box.json", region="eu-west-1")
    assert "#/HumanTaskConfig/WorkteamArn" in message and "us-east-1" in message and "\nhint: " in message
    message = error_of(FIXTURES / "bounding-box.json", account="444455556666")
    assert "#/RoleArn" in message and "444455556666" in message


def test_s3_uri_parser():
    assert parse_s3_uri("s3://my-bucket/a/b.json").key == "a/b.json"
    assert parse_s3_uri("s3://my-bucket").key == ""
    for bad in ("https://my-bucket/x", "s3://My_Bucket/x", "s3://ab/x", "my-bucket/x", "s3://a..b/x"):
        assert parse_s3_uri(bad) is None


@pytest.mark.parametrize(
    ("edit", "pointer", "words"),
    [
        (lambda d: d.pop("RoleArn"), "#/RoleArn", "missing RoleArn"),
        (
            lambda d: d["OutputConfig"].update(S3OutputPath="acme-output/labels"),
            "#/OutputConfig/S3OutputPath",
            "is not an S3 URI",
        ),
        (
            lambda d: d.update(LabelCategoryConfigS3Uri="s3://acme-input/jobs/"),
            "#/LabelCategoryConfigS3Uri",
            "not a file",
        ),
        (
            lambda d: d["HumanTaskConfig"].update(WorkteamArn="arn:aws:lambda:us-east-1:111122223333:function:f"),
            "#/HumanTaskConfig/WorkteamArn",
            "holds a lambda ARN",
        ),
        (lambda d: d.update(RoleArn="arn:aws:iam::111122223333:user/alice"), "#/RoleArn", "an ARN of 'user'"),
        (
            lambda d: d["HumanTaskConfig"].update(
                PreHumanTaskLambdaArn="arn:aws:lambda:eu-west-1:432418664414:function:PRE-X"
            ),
            "#/HumanTaskConfig/PreHumanTaskLambdaArn",
            "this ARN is in eu-west-1",
        ),
        (
            lambda d: d["HumanTaskConfig"].update(TaskTimeLimitInSeconds="300"),
            "#/HumanTaskConfig/TaskTimeLimitInSeconds",
            "expected a whole number, got a string",
        ),
        (lambda d: d.update(OutputConfg=d.pop("OutputConfig")), "#/OutputConfg", 'did you mean "OutputConfig"'),
        (
            lambda d: d["HumanTaskConfig"]["UiConfig"].update(UiTemplateS3URI="s3://a-b/c"),
            "#/HumanTaskConfig/UiConfig/UiTemplateS3URI",
            'did you mean "UiTemplateS3Uri"',
        ),
        (lambda d: d["OutputConfig"].update(KmsKeyId="my key"), "#/OutputConfig/KmsKeyId", "not a KMS key ID"),
        (lambda d: d["InputConfig"]["DataSource"].pop("S3DataSource"), "#/InputConfig/DataSource", "has no input"),
    ],
)
def test_bad_request_messages(tmp_path, edit, pointer, words):
    message = error_of(write(tmp_path, changed(edit)))
    first, _, hint = message.partition("\nhint: ")
    assert f"job.json{pointer}" in first and words in message
    assert hint.strip()


def test_typo_message_lists_the_names_that_exist(tmp_path):
    message = error_of(write(tmp_path, changed(lambda d: d.update(Tagz=[]))))
    assert "the fields there are" in message and "LabelingJobName" in message and 'did you mean "Tags"' in message


def test_terraform_errors(tmp_path):
    plan = json.loads((FIXTURES / "terraform-plan.json").read_text())
    module = plan["planned_values"]["root_module"]
    no_jobs = copy.deepcopy(plan)
    no_jobs["planned_values"]["root_module"].pop("child_modules")
    message = error_of(write(tmp_path, no_jobs))
    assert "#/planned_values/root_module" in message and "no aws_sagemaker_labeling_job" in message
    unknown_role = copy.deepcopy(plan)
    unknown_role["planned_values"]["root_module"]["child_modules"][0]["resources"][1]["values"].pop("role_arn")
    message = error_of(write(tmp_path, unknown_role))
    assert "child_modules/0/resources/1/values/role_arn" in message and "missing role_arn" in message
    typo = copy.deepcopy(plan)
    typo["planned_values"]["root_module"]["child_modules"][0]["resources"][0]["values"]["output_config"][0][
        "s3_output"
    ] = "x"
    message = error_of(write(tmp_path, typo))
    assert 'did you mean "s3_output_path"' in message
    assert module  # the fixture itself is a plan with jobs


def test_syntax_error_has_line_and_column(tmp_path):
    message = error_of(write(tmp_path, '{\n  "LabelingJobName": "x",\n  "RoleArn": \n}'))
    assert "job.json (line 4, column 1)" in message and "\nhint: " in message


def test_none_of_the_formats(tmp_path):
    message = error_of(write(tmp_path, {"Version": "2012-10-17", "Statement": []}))
    assert "job.json#: this is not a labeling job" in message and "terraform show -json" in message
    assert "expected a JSON object, got an array" in error_of(write(tmp_path, "[]"))


def test_exit_2_without_traceback(tmp_path, capsys):
    path = write(tmp_path, changed(lambda d: d.pop("RoleArn")))
    assert main(["job", "requirements", str(path)]) == 2
    err = capsys.readouterr().err
    assert "job.json#/RoleArn: missing RoleArn" in err and "hint: " in err and "Traceback" not in err
    assert main(["job", "requirements", str(tmp_path / "absent.json")]) == 2
    assert "no such file" in capsys.readouterr().err
