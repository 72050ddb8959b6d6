import json

from iamkb.cli import main

GROUNDTRUTH = ["--set", "input-bucket-name=my-groundtruth-input", "--set", "output-bucket-name=my-groundtruth-output"]
LABELING = ["--set", "input-bucket-name=my-labeling-input", "--set", "output-bucket-name=my-labeling-output"]


def test_covered_exits_0(capsys):
    assert main(["compare", "private-workforce-statement", "ground-truth-console"]) == 0
    assert "ground-truth-console covers everything private-workforce-statement allows" in capsys.readouterr().out


def test_placeholders_filled_from_set_and_covered(capsys):
    assert main(["compare", "built-in-task-types", "AmazonSageMakerGroundTruthExecution", *GROUNDTRUTH]) == 0


def test_differences_exit_1_grouped_with_reasons(capsys):
    assert main(["compare", "built-in-task-types", "AmazonSageMakerGroundTruthExecution", *LABELING]) == 1
    out = capsys.readouterr().out
    assert "A allows 4 action and resource pairs" in out
    assert (
        "/Statement/1 (VisualEditor1) on arn:aws:s3:::my-labeling-input/*\n  s3:PutObject\n    why: B allows it only on"
        in out
    )


def test_json_lists_each_gap(capsys):
    assert main(["compare", "ground-truth-console", "custom-workflow-statement", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["aAllowsMore"] is True
    assert {"action", "resource", "conditions", "statement", "reason"} == set(data["gaps"][0])
    assert not any(g["action"] == "lambda:InvokeFunction" for g in data["gaps"])


def test_a_value_neither_policy_uses_exits_2(capsys):
    assert main(["compare", "ground-truth-console", "custom-workflow-statement", "--set", "region=us-east-1"]) == 2
    assert "has a placeholder <region>" in capsys.readouterr().err


def test_unfilled_placeholders_exit_2(capsys):
    assert main(["compare", "built-in-task-types", "AmazonSageMakerGroundTruthExecution"]) == 2
    assert "missing a value for <input-bucket-name>" in capsys.readouterr().err
