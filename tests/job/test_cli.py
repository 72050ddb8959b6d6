"""`iamkb job requirements`: text and JSON output through the real entry point, and its usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from iamkb.cli import main
from iamkb.job.cli import SUBCOMMANDS

FIXTURES = Path(__file__).parent / "fixtures"


def test_text_output_lists_each_requirement(capsys):
    assert main(["job", "requirements", str(FIXTURES / "custom-keys.json")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reviews (eu-west-1, account 111122223333): base, tags,")
    assert "  EXEC_INVOKE_PRE_ANNOTATION\n    field: HumanTaskConfig.PreHumanTaskLambdaArn" in out
    assert "    resource: arn:aws:lambda:eu-west-1:111122223333:function:reviews-pre" in out
    assert "  CALLER_ADD_TAGS [inferred]" in out
    assert '"sagemaker:WorkteamType":"vendor-crowd"' in out
    assert (
        "    source: https://docs.aws.amazon.com/sagemaker/latest/dg/sms-custom-templates-step3-lambda-permissions.html"
        in out
    )
    assert "    setting: {" in out and "principal: bucket-cors (acme-text)" in out


def test_json_output(capsys):
    assert (
        main(
            [
                "job",
                "requirements",
                str(FIXTURES / "bounding-box.json"),
                "--format",
                "json",
                "--caller",
                "arn:aws:iam::111122223333:user/alice",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["job"] == "Cars-Boxes" and "cors-2d" in data["features"]
    create = data["requirements"][0]
    assert create["id"] == "CALLER_CREATE_LABELING_JOB"
    assert create["request_principal"] == "arn:aws:iam::111122223333:user/alice"
    assert all(r["source"]["url"].startswith("https://docs.aws.amazon.com/") for r in data["requirements"])


def test_a_plan_prints_every_job(capsys):
    assert main(["job", "requirements", str(FIXTURES / "terraform-plan.json"), "--format", "json"]) == 0
    assert [j["job"] for j in json.loads(capsys.readouterr().out)] == ["tf-boxes", "tf-text"]
    assert main(["job", "requirements", str(FIXTURES / "terraform-plan.json")]) == 0
    out = capsys.readouterr().out
    assert "tf-boxes (us-east-1" in out and "\n\ntf-text (us-east-1" in out


def test_usage_errors_exit_2(capsys):
    assert main(["job", "requirements", str(FIXTURES / "bounding-box.json"), "--region", "nowhere"]) == 2
    assert "--region 'nowhere' is not a Region code" in capsys.readouterr().err
    assert main(["job", "requirements", str(FIXTURES / "bounding-box.json"), "--caller", "alice"]) == 2
    assert "--caller 'alice' is not an ARN" in capsys.readouterr().err
    assert main(["job"]) == 2
    assert "give a subcommand: requirements" in capsys.readouterr().err


def test_subcommands_are_registered_as_data():
    assert SUBCOMMANDS["requirements"][0] == "iamkb.job.cli"
