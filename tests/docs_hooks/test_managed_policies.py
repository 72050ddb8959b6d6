"""pages/managed_policies.py: "AWS managed policies under iamkb check" (managed-policy-findings.md.j2)."""

from __future__ import annotations

import json
import shutil

from pages import managed_policies, render

from iamkb.core.codes import CODES

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def markdown_of(folder) -> str:
    return render(managed_policies.TEMPLATE, **managed_policies.context(folder))


def test_no_error_and_no_warning_is_said_so(tmp_path):
    for name in ("AmazonSageMakerGroundTruthExecution.json", "AmazonSageMakerFullAccess.json"):
        shutil.copy(managed_policies.CORPUS_DIR / name, tmp_path)
    markdown = markdown_of(tmp_path)
    assert '!!! success "No ERROR and no WARNING on 2 policies"' in markdown
    assert "The checker is wrong" not in markdown
    assert f"```bash\n{managed_policies.COMMAND}\n```" in markdown


def test_an_error_on_an_aws_policy_is_called_a_false_positive(tmp_path):
    broken = {**POLICY, "Statement": [{**POLICY["Statement"][0], "Action": "s3:NoSuchAction"}]}
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    (tmp_path / "plain.json").write_text(json.dumps(POLICY), encoding="utf-8")
    markdown = markdown_of(tmp_path)
    assert '!!! failure "The checker is wrong about some AWS managed policies"' in markdown
    assert "It reports 1 ERROR findings on policies AWS accepts" in markdown
    errors = markdown.split("### ERROR { #codes-error }", 1)[1].split("\n### ", 1)[0]
    assert "| [<code>UNKNOWN_<wbr>ACTION</code>](finding-codes.md#unknown_action)<br>" in errors
    assert "| 1 | 1 |" in errors  # one finding, in one policy
    # The other ERROR codes did not fire: listed as never reported, each linked.
    silent = [c.name for c in CODES.values() if c.finding_type.value == "ERROR" and c.name != "UNKNOWN_ACTION"]
    assert errors.count("](finding-codes.md#") == 1 + len(silent)
