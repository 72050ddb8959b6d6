"""`iamkb job verify` through the real entry point: exit codes 0/1/2, the table, JSON, and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iamkb.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
VERIFY = FIXTURES / "verify"
JOB = str(VERIFY / "acme-data-job.json")
MANAGED = ["--managed-policy", "AmazonSageMakerGroundTruthExecution"]
FIXED = [*MANAGED, "--role-policy", str(VERIFY / "exec-s3-acme-data.json")]


def test_missing_access_exits_1_with_the_fix(capsys):
    assert main(["job", "verify", JOB, *MANAGED]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "acme-boxes (us-east-1, account 111122223333): 16 checks: 7 allowed, 5 missing, "
        "4 not verified (no policy given)"
    )
    table = out.split("\n\n")[1].splitlines()
    assert table[0].split() == [
        "REQUIREMENT",
        "ACTION",
        "/",
        "SETTING",
        "RESOURCE",
        "FIELD",
        "PRINCIPAL",
        "DECISION",
        "DECIDED",
        "BY",
    ]
    manifest = next(line for line in table if line.startswith("EXEC_READ_MANIFEST"))
    assert manifest.split()[1:] == [
        "s3:GetObject",
        "arn:aws:s3:::acme-data/in/manifest.json",
        "InputConfig.DataSource.S3DataSource.ManifestS3Uri",
        "execution-role",
        "ImplicitlyDenied",
        "no",
        "statement",
        "allows",
        "it",
    ]
    assert (
        "  EXEC_READ_MANIFEST: s3:GetObject on arn:aws:s3:::acme-data/in/manifest.json\n"
        "    why: no identity-based policy allows the request\n"
        '    fix (plan: execution-role-policy.json): {"Sid":"ExecReadManifest","Effect":"Allow",'
        '"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::acme-data/in/manifest.json"]}'
    ) in out
    assert "  warning: no trust policy (--trust-policy) given" in out
    assert "Information: access the given policies grant beyond the plan:" in out


def test_everything_verified_allowed_exits_0_and_strict_exits_1(capsys):
    assert main(["job", "verify", JOB, *FIXED]) == 0
    assert "0 missing" in capsys.readouterr().out
    assert main(["job", "verify", JOB, *FIXED, "--strict"]) == 1
    assert "--strict counts those as failing" in capsys.readouterr().out


def test_everything_given_and_allowed_passes_strict(capsys):
    args = [
        *FIXED,
        "--trust-policy",
        str(VERIFY / "trust-sagemaker.json"),
        "--caller-policy",
        str(VERIFY / "caller.json"),
        "--caller",
        "arn:aws:iam::111122223333:user/alice",
        "--cors",
        f"acme-data={VERIFY / 'cors-get-only.json'}",
    ]
    assert main(["job", "verify", JOB, *args, "--strict"]) == 0
    out = capsys.readouterr().out
    assert "16 checks: 16 allowed, 0 missing, 0 not verified" in out
    assert "cors-get-only.json /CORSRules/0" in out
    assert "caller.json /Statement/1 (Sid PassExecutionRole)" in out


def test_json_format(capsys):
    assert (
        main(
            [
                "job",
                "verify",
                JOB,
                *MANAGED,
                "--format",
                "json",
                "--failure-reason",
                (
                    "User: arn:aws:sts::111122223333:assumed-role/gt-exec/s is not authorized to perform: s3:PutObject "
                    'on resource: "arn:aws:s3:::acme-data/out/x.json"'
                ),
            ]
        )
        == 1
    )
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {
        "requirements": 16,
        "allowed": 7,
        "missing": 5,
        "refusedByAws": 0,
        "notVerified": 4,
        "strict": False,
        "exitCode": 1,
    }
    put = next(r for r in data["results"] if r.get("action") == "s3:PutObject")
    assert put["status"] == "missing" and put["decision"] == "ImplicitlyDenied"
    assert put["fix"]["value"]["Sid"] == "ExecWriteOutput"
    listing = next(r for r in data["results"] if r.get("action") == "s3:ListBucket")
    assert listing["decidedBy"] == [
        {"policy": "AWS managed policy AmazonSageMakerGroundTruthExecution", "pointer": "/Statement/3", "sid": None}
    ]
    (matched,) = data["failureReason"]["matches"]
    assert matched["id"] == "access-denied"
    assert matched["requirements"] == [
        {"id": "EXEC_WRITE_OUTPUT", "action": "s3:PutObject", "status": "missing", "decision": "ImplicitlyDenied"}
    ]
    assert data["unneeded"][0]["services"] == ["ec2", "lambda", "s3", "sns", "sqs"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([JOB], "give what the account holds"),
        ([], "give the job file (JOB), or --from-aws JOB_NAME"),
        ([JOB, "--from-aws", "x"], "give JOB or --from-aws JOB_NAME, not both"),
        ([JOB, "--managed-policy", "AmazonS3FullAccess"], "not an AWS managed policy the knowledge base holds"),
        ([JOB, "--role-policy", "nowhere.json"], "--role-policy nowhere.json: no such file"),
        ([JOB, "--role-policy", str(VERIFY / "bad-policy.json")], "bad-policy.json"),
        ([JOB, "--cors", "acme-data"], "--cors 'acme-data': expected BUCKET=FILE"),
        ([JOB, "--cors", f"other-bucket={VERIFY / 'cors-3d.json'}"], "--cors other-bucket: the job does not use it"),
        ([JOB, "--cors", f"acme-data={VERIFY / 'trust-ec2.json'}"], "expected GetBucketCors output"),
        ([JOB, "--key-policy", f"k={VERIFY / 'key-root-only.json'}"], "the job uses no keys"),
        ([JOB, "--max-session-duration", "60"], "IAM allows 3600 to 43200 seconds"),
        ([JOB, *MANAGED, "--caller", "alice"], "--caller 'alice' is not an ARN"),
        ([str(FIXTURES / "terraform-plan.json"), *MANAGED], "pick one with --job-name NAME"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    assert main(["job", "verify", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_policy_is_located(capsys):
    assert main(["job", "verify", JOB, "--role-policy", str(VERIFY / "bad-policy.json")]) == 2
    err = capsys.readouterr().err
    assert "bad-policy.json:1:" in err and "/Statement/0/Principal" in err


def test_a_key_is_named_as_the_job_names_it(capsys):
    job = str(FIXTURES / "custom-keys.json")
    key = f"1234abcd-12ab-34cd-56ef-1234567890ab={VERIFY / 'key-root-only.json'}"
    assert main(["job", "verify", job, "--key-policy", key, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    output_key = [r for r in data["results"] if r["id"] == "KEY_OUTPUT_USE"]
    # the key policy only delegates to IAM, and the role's policies are not given: open, not missing
    assert {r["status"] for r in output_key} == {"unverified"}
    assert {r["reason"] for r in output_key} == {"no execution-role policy (--role-policy or --managed-policy) given"}
    assert main(["job", "verify", job, "--key-policy", key, *MANAGED]) == 1
    assert "KEY_OUTPUT_USE: kms:Encrypt, kms:Decrypt" in capsys.readouterr().out
