"""The `iamkb-check` pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself.

The way a project uses it: the hook repository named in .pre-commit-config.yaml at a commit, `pre-commit
install`, `git commit`; pre-commit installs the hook into a fresh environment with pip. It sees only
committed files, so the hook repository here is a commit of the working tree as it is on disk, new files
included. The project is a new git repository holding one good and one bad policy. `pre-commit try-repo`,
which the how-to shows for a first try, runs the same manifest entry through the same install, so it is not
run a second time here (each install of the hook is about 15 s of the suite).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.test_wheel import BAD, GOOD, copy_working_tree

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def git_env(tmp_path_factory) -> dict:
    """No global or system git configuration (a developer's hooksPath or signing), a fixed identity,
    and pre-commit's cache in a temporary folder."""
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
    )
    return env


def git(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, git_env) -> Path:
    repo = copy_working_tree(tmp_path_factory.mktemp("hook-repo"))
    git(repo, git_env, "init", "-q")
    git(repo, git_env, "add", "-A")
    git(repo, git_env, "commit", "-q", "-m", "working tree")
    return repo


@pytest.fixture
def project(tmp_path, git_env) -> Path:
    """A new repository per test, with both policies and a text file staged."""
    project = tmp_path / "project"
    project.mkdir()
    git(project, git_env, "init", "-q")
    (project / "policies").mkdir()
    (project / "policies" / "good.json").write_text(json.dumps(GOOD, indent=2) + "\n")
    (project / "policies" / "bad.json").write_text(BAD)
    (project / "notes.txt").write_text("not JSON: the hook does not see it\n")
    git(project, git_env, "add", "-A")
    return project


def test_the_manifest_is_valid_for_pre_commit():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO_ROOT / ".pre-commit-hooks.yaml"))
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == (
        "iamkb-check",
        "iamkb check",
        "python",
        ["json"],
    )


def run(argv: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Run a command to look at its status and output (stdout and stderr together, as a terminal shows them)."""
    return subprocess.run(
        argv, cwd=cwd, env=env, check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600
    )


def pre_commit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args]


def test_installed_as_a_git_hook_it_blocks_the_commit_of_the_bad_policy(hook_repo, project, git_env):
    """The way a project uses it: the hook in .pre-commit-config.yaml, `pre-commit install`, `git commit`."""
    rev = git(hook_repo, git_env, "rev-parse", "HEAD").stdout.strip()
    # The configuration the how-to page shows (examples/ci/), pointed at this commit of the hook repository.
    config = yaml.safe_load((REPO_ROOT / "examples" / "ci" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"][0].update(repo=str(hook_repo), rev=rev)
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert run(pre_commit("install"), project, git_env).returncode == 0
    git(project, git_env, "add", ".pre-commit-config.yaml")

    blocked = run(["git", "commit", "-m", "policies"], project, git_env)
    assert blocked.returncode == 1, blocked.stdout
    assert "iamkb check" in blocked.stdout and "Failed" in blocked.stdout
    assert (
        'policies/bad.json#/Statement/0/Effect: ERROR SCHEMA_INVALID_EFFECT Effect "Alow" is neither '
        '"Allow" nor "Deny" [line 4, column 6]'
    ) in blocked.stdout
    assert "policies/good.json" not in blocked.stdout  # no finding for the good one, and notes.txt is not JSON
    assert "checked against the IAM catalog" in blocked.stdout  # the summary line of each run of the hook
    assert "Traceback" not in blocked.stdout
    assert run(["git", "rev-parse", "--verify", "-q", "HEAD"], project, git_env).returncode != 0  # nothing committed

    git(project, git_env, "rm", "-q", "--cached", "policies/bad.json")
    passed = run(["git", "commit", "-m", "the good policy"], project, git_env)
    assert passed.returncode == 0, passed.stdout
    assert "iamkb check" in passed.stdout and "Passed" in passed.stdout
    assert git(project, git_env, "ls-files").stdout.split() == [
        ".pre-commit-config.yaml",
        "notes.txt",
        "policies/good.json",
    ]
