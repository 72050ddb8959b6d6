import json

from iamkb.cli import main


def test_text_groups_by_statement_service_and_level(capsys):
    assert main(["grants", "built-in-task-types", "--example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("built-in-task-types: allows 4 actions (List 1; Read 2; Write 1)")
    assert (
        "Allow /Statement/1 (VisualEditor1)\n  on: arn:aws:s3:::my-labeling-input/*, arn:aws:s3:::my-labeling-output/*"
        in out
    )
    assert "    Read: GetObject\n    Write: PutObject" in out


def test_wildcards_are_expanded(capsys):
    assert main(["grants", "output-data-key-policy", "--example", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    kms = data["statements"][1]["services"]["kms"]
    assert "ReEncryptFrom" in kms["Write"] and "ReEncryptTo" in kms["Write"]
    assert data["statements"][1]["principal"] == {
        "AWS": "arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole"
    }


def test_not_resource_and_not_action_are_said_so(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(
        json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::secret/*"}],
            }
        )
    )
    assert main(["grants", str(policy)]) == 0
    out = capsys.readouterr().out
    assert "every action except: iam:*" in out and "every resource except: arn:aws:s3:::secret/*" in out


def test_placeholders_need_values(capsys):
    assert main(["grants", "built-in-task-types"]) == 2
    assert "missing a value for <input-bucket-name>" in capsys.readouterr().err


def test_missing_file_exits_2(capsys):
    assert main(["grants", "no/such/policy.json"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_resource_the_action_cannot_use_is_named(tmp_path, capsys):
    path = tmp_path / "bucket-object.json"
    path.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",'
        ' "Resource": "arn:aws:s3:::my-bucket"}]}'
    )
    assert main(["grants", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  arn:aws:s3:::my-bucket names no resource this action acts on: s3:GetObject\n" in out
