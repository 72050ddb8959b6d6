"""`iamkb simulate` end to end through the real dispatcher (exit codes, stdout, stderr)."""

import json

import pytest

from iamkb.cli import main
from tests.simulate.execution_policy import ACCT, ROLE, execution_policy

EXEC_SNIPPET = execution_policy("<input-bucket-name>", "<output-bucket-name>")


@pytest.fixture
def policy_file(tmp_path):
    path = tmp_path / "exec.json"
    path.write_text(json.dumps(EXEC_SNIPPET))
    return path


def scenario(tmp_path, requests, policies=None):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps({"policies": policies or {"identity": [{"file": "exec.json"}]}, "requests": requests}))
    return str(path)


def test_single_request_with_placeholders_filled(policy_file, capsys):
    code = main(
        [
            "simulate",
            "--policy",
            str(policy_file),
            "--set",
            "input-bucket-name=my-in",
            "--set",
            "output-bucket-name=my-out",
            "--action",
            "s3:GetObject",
            "--resource",
            "arn:aws:s3:::my-in/a.jpg",
            "--principal",
            ROLE,
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "Allowed: allowed by identity[0]" in out


def test_unfilled_placeholders_warn_and_stay_literal(policy_file, capsys):
    code = main(
        ["simulate", "--policy", str(policy_file), "--action", "s3:GetObject", "--resource", "arn:aws:s3:::my-in/a.jpg"]
    )
    out, err = capsys.readouterr()
    assert code == 0 and "ImplicitlyDenied" in out
    assert "leaves <input-bucket-name> unfilled" in err and "--set input-bucket-name=VALUE" in err


def test_context_flags_and_expectations(policy_file, capsys):
    base = [
        "simulate",
        "--policy",
        str(policy_file),
        "--action",
        "iam:PassRole",
        "--resource",
        f"arn:aws:iam::{ACCT}:role/W",
        "--principal",
        ROLE,
    ]
    assert main(base + ["--context", "iam:PassedToService=sagemaker.amazonaws.com", "--expect", "Allowed"]) == 0
    assert main(base + ["--context", "iam:PassedToService=ec2.amazonaws.com", "--expect", "Allowed"]) == 1
    out = capsys.readouterr().out
    assert "expected Allowed, got ImplicitlyDenied" in out
    assert main(base + ["--expect", "Denied"]) == 0


def test_repeated_context_keys_become_a_list(policy_file, capsys):
    code = main(
        [
            "simulate",
            "--policy",
            str(policy_file),
            "--action",
            "s3:GetObject",
            "--format",
            "json",
            "--context",
            "aws:TagKeys=a",
            "--context",
            "aws:TagKeys=b",
        ]
    )
    assert code == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["request"]["context"] == {"aws:TagKeys": ["a", "b"]}


def test_scenario_json_output_has_one_object_per_request(tmp_path, policy_file, capsys):
    path = scenario(
        tmp_path,
        [
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::<input-bucket-name>/a"},
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::other/a"},
        ],
    )
    assert main(["simulate", "--scenario", path, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["decision"] for r in records] == ["Allowed", "ImplicitlyDenied"]
    assert all(isinstance(r["explanation"], list) and r["details"]["statements"] is not None for r in records)


def test_scenario_expectations_report_and_exit_1(tmp_path, policy_file, capsys):
    path = scenario(
        tmp_path,
        [
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::other/a", "expect": "Allowed"},
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::other/b", "expect": "Denied"},
        ],
    )
    assert main(["simulate", "--scenario", path]) == 1
    out = capsys.readouterr().out
    assert "FAILED: 1 of 2 expectations not met" in out
    assert "#0 s3:GetObject on arn:aws:s3:::other/a: expected Allowed, got ImplicitlyDenied" in out


def test_scenario_text_table_with_explanations(tmp_path, policy_file, capsys):
    path = scenario(
        tmp_path,
        [
            {
                "principal": ROLE,
                "action": "iam:PassRole",
                "resource": "*",
                "context": {"iam:PassedToService": "ec2.amazonaws.com"},
                "expect": "ImplicitlyDenied",
            }
        ],
    )
    assert main(["simulate", "--scenario", path, "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["#", "decision", "action", "resource", "principal"]
    assert "the request has iam:PassedToService = ec2.amazonaws.com" in out
    assert "all 1 expectations met" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["simulate"], "give --scenario FILE, or --action"),
        (["simulate", "--action", "s3:*"], '--action: "s3:*" is not one action'),
        (["simulate", "--action", "s3:GetObject", "--context", "novalue"], '--context "novalue": expected KEY=VALUE'),
        (["simulate", "--action", "s3:GetObject", "--set", "=x"], '--set "=x": expected NAME=VALUE'),
        (["simulate", "--action", "s3:GetObject", "--resource-account", "abc"], "not a 12-digit account id"),
        (["simulate", "--action", "s3:GetObject", "--policy", "/nonexistent/p.json"], "no such file or directory"),
        (["simulate", "--scenario", "x.json", "--action", "s3:GetObject"], "cannot be combined with --action"),
        (
            ["simulate", "--scenario", "x.json", "--expect", "Allowed", "--context", "a=b"],
            "cannot be combined with --context, --expect",
        ),
    ],
)
def test_usage_errors_exit_2_without_traceback(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_broken_policy_file_exits_2_with_its_position(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "Statement": [\n    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}\n  ]\n}')
    assert main(["simulate", "--policy", str(path), "--action", "s3:GetObject"]) == 2
    assert f"{path}:3:" in capsys.readouterr().err


def test_a_policy_aws_would_refuse_exits_2_with_file_position_and_pointer(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(
        '{\n "Statement": [\n  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n'
        '   "Condition": {"StringEqualz": {"k": "v"}}}\n ]\n}'
    )
    assert main(["simulate", "--policy", str(path), "--action", "s3:GetObject"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:4:18: at /Statement/0/Condition/StringEqualz: unknown condition operator" in err


def test_set_fills_placeholders_in_scenario_policies_too(tmp_path, policy_file, capsys):
    path = scenario(
        tmp_path,
        [{"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::my-in/a", "expect": "Allowed"}],
    )
    assert main(["simulate", "--scenario", path, "--set", "<input-bucket-name>=my-in"]) == 0
    err = capsys.readouterr().err
    assert "identity[0] (exec.json) leaves <output-bucket-name> unfilled" in err
    assert main(["simulate", "--scenario", path]) == 1  # without --set the placeholder stays literal text
    assert capsys.readouterr().err == ""


def test_scenario_jsonl_output_streams_one_compact_record_per_request(tmp_path, policy_file, capsys):
    path = scenario(
        tmp_path,
        [
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::<input-bucket-name>/a"},
            {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::other/a", "expect": "Allowed"},
        ],
    )
    assert main(["simulate", "--scenario", path, "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["decision"] == "Allowed" and first["statement"].startswith("identity[0] (exec.json) /Statement/")
    assert second == {
        "index": 1,
        "decision": "ImplicitlyDenied",
        "statement": None,
        "expect": "Allowed",
        "expectMet": False,
    }
    assert "1 of 1 expectations not met" in err


def test_one_request_as_jsonl(policy_file, capsys):
    argv = ["simulate", "--policy", str(policy_file), "--action", "s3:GetObject", "--format", "jsonl"]
    assert main(argv) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(record) == {"index", "decision", "statement"}
    assert main(argv + ["--explain"]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"reason", "explanation", "details"} <= set(record)


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--action", ""], "--action: the value is empty"),
        (["--action", "s3:Get Object"], '--action: "s3:Get Object" is not an action name'),
        (["--action", "s3:GetObject", "--resource", ""], "--resource: the value is empty"),
        (["--action", "s3:GetObject", "--resource", "my-bucket"], '--resource: "my-bucket" is not an ARN'),
        (["--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/\x1b[2J"], "holds a control character"),
        (["--action", "s3:GetObject", "--principal", ""], "--principal: the value is empty"),
        (["--action", "s3:GetObject", "--principal", "me"], '--principal: "me" is not a principal'),
        (["--action", "s3:GetObject", "--resource-account", ""], "--resource-account: the value is empty"),
        (["--action", "s3:GetObject", "--context", "SourceIp=1.2.3.4"], '--context "SourceIp": "SourceIp" is not a'),
        (["--action", "s3:GetObject", "--context", "aws:UserAgent=a\nb"], "cannot hold control characters"),
        (
            ["--action", "s3:GetObject", "--principal", ROLE, "--federated-by", f"arn:aws:iam::{ACCT}:user/u"],
            "--federated-by: federatedBy names the IAM user behind a federated user session",
        ),
    ],
)
def test_empty_or_garbage_request_fields_exit_2(policy_file, capsys, extra, message):
    assert main(["simulate", "--policy", str(policy_file), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_scenario_cannot_read_files_outside_its_folder(tmp_path, policy_file, capsys):
    inner = tmp_path / "ci"
    inner.mkdir()
    path = scenario(inner, [{"action": "s3:GetObject"}], policies={"identity": [{"file": "../exec.json"}]})
    assert main(["simulate", "--scenario", path]) == 2
    err = capsys.readouterr().err
    assert 'at /policies/identity/0/file: "../exec.json" leads outside the scenario file\'s folder' in err
    assert "hint: write the path relative to the scenario file's folder" in err


def test_help_documents_the_jsonl_fields_and_file_references(capsys):
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    out = capsys.readouterr().out
    assert "jsonl" in out and '"statement"' in out and '"expectMet"' in out
    assert "relative to the scenario file's folder" in out
