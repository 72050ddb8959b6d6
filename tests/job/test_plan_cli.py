"""`iamkb job plan` through the real entry point: outputs, exit statuses and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

from iamkb.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_stdout_json_is_one_object_with_documents_and_proofs(capsys):
    assert main(["job", "plan", str(FIXTURES / "bounding-box.json"), "--no-compare"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["job"] == "Cars-Boxes"
    assert set(data["documents"]) >= {
        "caller-policy.json",
        "execution-role-policy.json",
        "trust-policy.json",
        "cors-acme-input.json",
    }
    assert data["proofs"]["passed"] is True and data["proofs"]["neighbours"]


def test_directory_output_and_refusal_to_overwrite(tmp_path, capsys):
    out = tmp_path / "plan"
    args = ["job", "plan", str(FIXTURES / "custom-keys.json"), "-o", str(out), "--no-compare"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "reviews: planned and proven" in err and "wrote 10 of 10 files" in err
    assert (out / "key-policy-2.json").exists() and (out / "lambda-role-policy.json").exists()
    (out / "caller-policy.json").write_text("{}")
    assert main(args) == 2
    assert "exist with other content: caller-policy.json" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_several_jobs_get_a_directory_each(tmp_path, capsys):
    assert (
        main(
            [
                "job",
                "plan",
                str(FIXTURES / "terraform-plan.json"),
                "-o",
                str(tmp_path),
                "--format",
                "terraform",
                "--no-compare",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tf-boxes", "tf-text"]
    assert (tmp_path / "tf-text" / "main.tf").read_text().count('resource "aws_iam_role" ') == 1
    assert main(["job", "plan", str(FIXTURES / "terraform-plan.json"), "--format", "cloudformation"]) == 2
    assert "hint: give -o DIR" in capsys.readouterr().err


def test_options_reach_the_plan(capsys):
    assert (
        main(
            [
                "job",
                "plan",
                str(FIXTURES / "bounding-box.json"),
                "--no-compare",
                "--bucket-vpce",
                "--vpc-endpoint",
                "vpce-0123456789abcdef0",
                "--input-location",
                "s3://acme-input/jobs/cars/images/",
                "--caller",
                "arn:aws:iam::111122223333:user/alice",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    deny = data["documents"]["bucket-policy-acme-input.json"]["Statement"][0]
    assert deny["Condition"]["StringNotEquals"]["aws:SourceVpce"][1] == "vpce-0123456789abcdef0"
    reads = next(
        s for s in data["documents"]["execution-role-policy.json"]["Statement"] if s["Sid"] == "ExecReadInputObjects"
    )
    assert reads["Resource"] == ["arn:aws:s3:::acme-input/jobs/cars/images/*"]


def test_bad_options_are_usage_errors(capsys):
    job = str(FIXTURES / "bounding-box.json")
    assert main(["job", "plan", job, "--caller", "alice"]) == 2
    assert "--caller 'alice' is not an ARN" in capsys.readouterr().err
    assert main(["job", "plan", job, "--input-location", "acme/x"]) == 2
    assert "hint: write it like s3://bucket/prefix/" in capsys.readouterr().err
    assert main(["job", "plan", job, "--vpc-endpoint", "vpc-1"]) == 2


def test_a_failing_proof_prints_no_plan(monkeypatch, capsys):
    import iamkb.job.plan as plan_module

    real = plan_module.plan_job

    def broken(job, options=None):
        plan = real(job, options)
        plan.execution_role_policy["Statement"][0]["Resource"] = ["arn:aws:logs:*:*:nothing"]
        return plan

    monkeypatch.setattr(plan_module, "plan_job", broken)
    assert main(["job", "plan", str(FIXTURES / "bounding-box.json"), "--no-compare"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "does not prove itself" in captured.err and "simulate EXEC_LOGS_METRICS" in captured.err
