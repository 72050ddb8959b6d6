"""The CI and editor files the how-to page "Check policies in CI" shows (examples/ci/) do what it says.

The page includes these files rather than pasting them, so what is tested here is what readers copy. The
pre-commit configuration is run for real by tests/test_pre_commit.py; here every `iamkb` command of the
GitHub workflows runs on a folder of policies as the workflow would, and the editor settings point at
schemas the site publishes.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.test_wheel import BAD, GOOD

REPO_ROOT = Path(__file__).resolve().parents[1]
CI = REPO_ROOT / "examples" / "ci"
WORKFLOWS = sorted(CI.glob("github-*.yml"))
sys.path.insert(0, str(REPO_ROOT / "docs" / "hooks"))
from schema_files import SCHEMA_NAME, entry_schema_name  # noqa: E402  (a site hook: not a package)


def iamkb_steps(workflow: Path) -> list[str]:
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["iamkb"]["steps"]
    return [step["run"] for step in steps if step.get("run", "").startswith("iamkb ")]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository as the workflows expect it: policies/ with one good and one broken policy."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "good.json").write_text(json.dumps(GOOD, indent=2), encoding="utf-8")
    (tmp_path / "policies" / "bad.json").write_text(BAD, encoding="utf-8")
    return tmp_path


def run_step(command: str, cwd: Path) -> tuple[subprocess.CompletedProcess, str]:
    """Run one `run:` line; a `> FILE` redirection is honoured, as the shell would."""
    words = shlex.split(command)
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    done = subprocess.run(
        [sys.executable, "-m", "iamkb", *words[1:]], cwd=cwd, capture_output=True, text=True, check=False
    )
    output = done.stdout
    if target:
        (cwd / target).write_text(output, encoding="utf-8")
    return done, output


def test_there_are_workflows_with_iamkb_steps():
    assert [w.name for w in WORKFLOWS] == ["github-annotations.yml", "github-sarif.yml"]
    assert all(iamkb_steps(w) for w in WORKFLOWS)


def test_the_annotations_workflow_annotates_the_broken_policy_and_fails_the_step(checkout):
    (command,) = iamkb_steps(CI / "github-annotations.yml")
    done, output = run_step(command, checkout)
    assert done.returncode == 1, done.stderr
    errors = [line for line in output.splitlines() if line.startswith("::error ")]
    assert errors and all("file=policies/bad.json" in line for line in errors)
    assert "title=SCHEMA_INVALID_EFFECT" in errors[0]
    assert "good.json" not in output


def test_the_sarif_workflow_writes_the_file_it_uploads(checkout):
    workflow = yaml.safe_load((CI / "github-sarif.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["iamkb"]["steps"]
    (check,) = [s for s in steps if s.get("run", "").startswith("iamkb ")]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert check.get("continue-on-error") is True, "the upload must run even when a policy has errors"
    done, _ = run_step(check["run"], checkout)
    assert done.returncode == 1
    sarif = json.loads((checkout / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SCHEMA_INVALID_EFFECT"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "policies/bad.json"
    assert workflow["jobs"]["iamkb"]["permissions"]["security-events"] == "write"


def test_the_editor_settings_name_schemas_the_site_publishes():
    settings = json.loads((CI / "vscode-settings.json").read_text(encoding="utf-8"))
    published = {SCHEMA_NAME} | {entry_schema_name(kind) for kind in ("resource", "trust", "statement")}
    named = [entry["url"].rsplit("/", 1)[1] for entry in settings["json.schemas"]]
    assert named and set(named) <= published
    assert all(entry["fileMatch"] for entry in settings["json.schemas"])


def test_the_pre_commit_configuration_uses_the_hook_this_repository_defines():
    config = yaml.safe_load((CI / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in config["repos"][0]["hooks"]] == [hooks[0]["id"]]
