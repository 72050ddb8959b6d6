"""The three outputs carry exactly the JSON plan: HCL parsed back with python-hcl2, cfn-lint on the template,
and the JSON directory (with its refusal to overwrite)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml
from hcl2 import SerializationOptions

from iamkb.core.errors import UsageError
from iamkb.job.formats import cloudformation, jsonfiles, terraform
from iamkb.job.inputs import read_jobs
from iamkb.job.model import JobOptions
from iamkb.job.plan import documents, plan_job
from iamkb.job.plan_cli import write_files

FIXTURES = Path(__file__).parent / "fixtures"
CFN_LINT = Path(sys.executable).parent / "cfn-lint"
OPTIONS = JobOptions(
    caller_arn="arn:aws:iam::111122223333:role/ops",
    bucket_vpce=True,
    bucket_enforces_kms=True,
    lambda_role_arn="arn:aws:iam::111122223333:role/post-fn",
)
PLANS = [plan_job(job, OPTIONS) for path in sorted(FIXTURES.glob("*.json")) for job in read_jobs(path)]
IDS = [plan.job.name for plan in PLANS]
_HCL = SerializationOptions(strip_string_quotes=True, with_comments=False, explicit_blocks=False)


def _unescape(value: Any) -> Any:
    """python-hcl2 keeps HCL's `$${` / `%%{` escapes in strings; Terraform reads them as `${` / `%{`."""
    if isinstance(value, str):
        return value.replace("$${", "${").replace("%%{", "%{")
    if isinstance(value, list):
        return [_unescape(v) for v in value]
    if isinstance(value, dict):
        return {_unescape(k): _unescape(v) for k, v in value.items()}
    return value


def _expression(text: str) -> Any:
    """The value of one HCL expression (python-hcl2 gives nested expressions back as text)."""
    return _unescape(hcl2.loads(f"x = {text}\n", serialization_options=_HCL)["x"])


def _jsonencoded(attribute: str) -> Any:
    assert attribute.startswith("${jsonencode(") and attribute.endswith(")}"), attribute
    return _expression(attribute[len("${jsonencode(") : -2])


def _resources(text: str) -> dict[tuple[str, str], dict]:
    parsed = hcl2.loads(text, serialization_options=_HCL)
    return {
        (kind, label): body
        for block in parsed["resource"]
        for kind, named in block.items()
        for label, body in named.items()
    }


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_terraform_policies_parse_back_to_the_json_plan(plan):
    text = terraform.render(plan)
    resources = _resources(text)
    by_kind: dict[str, list[dict]] = {}
    for (kind, _), body in resources.items():
        by_kind.setdefault(kind, []).append(body)
    role = by_kind["aws_iam_role"][0]
    assert _jsonencoded(role["assume_role_policy"]) == plan.trust_policy
    assert role.get("max_session_duration") == plan.max_session_duration
    assert _jsonencoded(by_kind["aws_iam_role_policy"][0]["policy"]) == plan.execution_role_policy
    standalone = [_jsonencoded(b["policy"]) for b in by_kind["aws_iam_policy"]]
    assert plan.caller_policy in standalone
    if plan.lambda_role_policy is not None:
        assert plan.lambda_role_policy in standalone
    assert {b["key_id"]: _jsonencoded(b["policy"]) for b in by_kind.get("aws_kms_key_policy", [])} == plan.key_policies
    cors = {b["bucket"]: b["cors_rule"] for b in by_kind.get("aws_s3_bucket_cors_configuration", [])}
    assert set(cors) == set(plan.cors)
    for bucket, rules in plan.cors.items():
        assert [r["allowed_methods"] for r in cors[bucket]] == [r["AllowedMethods"] for r in rules]
    if plan.bucket_policy_statements:
        locals_block = hcl2.loads(text, serialization_options=_HCL)["locals"][0]
        (value,) = [v for k, v in locals_block.items() if k.endswith("_bucket_policy_statements")]
        assert _unescape(value) == plan.bucket_policy_statements


def test_hcl_strings_escape_interpolation_and_quotes():
    tricky = 'a "quoted" ${aws:username} %{if} back\\slash'
    assert _expression(terraform.string(tricky)) == tricky


def test_cloudformation_templates_pass_cfn_lint(tmp_path):
    paths = []
    for plan in PLANS:  # one cfn-lint process for every template: it takes seconds to start
        paths.append(tmp_path / f"{plan.job.name}.yaml")
        paths[-1].write_text(cloudformation.render(plan), encoding="utf-8")
    result = subprocess.run([str(CFN_LINT), *map(str, paths)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_cloudformation_template_embeds_the_plan(plan):
    template = yaml.safe_load(cloudformation.render(plan))
    roles = [r for r in template["Resources"].values() if r["Type"] == "AWS::IAM::Role"]
    assert roles[0]["Properties"]["AssumeRolePolicyDocument"] == plan.trust_policy
    assert roles[0]["Properties"]["Policies"][0]["PolicyDocument"] == plan.execution_role_policy
    managed = [
        r["Properties"]["PolicyDocument"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
    ]
    assert plan.caller_policy in managed
    existing = template.get("Metadata", {}).get("IamkbExistingResources", {})
    for key, document in plan.key_policies.items():
        assert existing[key]["KeyPolicy"] == document


def test_json_directory_has_one_file_per_document(tmp_path):
    plan = PLANS[IDS.index("reviews")]
    written = write_files(tmp_path, jsonfiles.files(plan), force=False)
    assert sorted(written) == sorted([*documents(plan), "plan.json"])
    assert json.loads((tmp_path / "execution-role-policy.json").read_text()) == plan.execution_role_policy
    assert json.loads((tmp_path / "plan.json").read_text())["keys"]["key-policy-1.json"] in plan.key_policies
    assert write_files(tmp_path, jsonfiles.files(plan), force=False) == []  # same content: nothing to do


def test_refuses_to_overwrite_a_different_file_unless_forced(tmp_path):
    plan = PLANS[0]
    (tmp_path / "trust-policy.json").write_text("{}\n")
    with pytest.raises(UsageError, match=r"1 file\(s\) exist with other content: trust-policy.json"):
        write_files(tmp_path, jsonfiles.files(plan), force=False)
    assert (tmp_path / "trust-policy.json").read_text() == "{}\n"
    assert not (tmp_path / "caller-policy.json").exists()  # nothing is written when one file conflicts
    write_files(tmp_path, jsonfiles.files(plan), force=True)
    assert json.loads((tmp_path / "trust-policy.json").read_text()) == plan.trust_policy


def test_never_writes_outside_the_directory(tmp_path):
    with pytest.raises(UsageError, match="outside the directory"):
        write_files(tmp_path / "out", {"../escape.json": "{}"}, force=False)
    assert not (tmp_path / "escape.json").exists()
