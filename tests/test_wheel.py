"""The distribution: a wheel built from this checkout, installed in a fresh virtualenv, used from elsewhere.

An editable install (the dev .venv) reads schemas/ and snippets/ from the checkout, so it cannot tell
whether the wheel carries them. These tests build the wheel from a copy of the working tree (tracked
and new files, as on disk; the build writes its build/ and egg-info there, not into the shared
checkout), install it with its dependencies into a virtualenv in a temporary folder, and run every
command as a user would: from a folder outside the repository, on files of their own.

The wheel is built once per session by `pip wheel`, as a user builds it, and the virtualenv made once
for this module.

The notebooks, which the site offers for download, run the same way: copied to a folder of their own
and executed by a kernel of a second fresh virtualenv holding the wheel and ipykernel, what a reader
installs (docs/notebooks/index.md).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from iamkb.cli import COMMANDS

pytestmark = pytest.mark.long  # run first (tests/conftest.py)

REPO_ROOT = Path(__file__).resolve().parents[1]
# The dev venv's uv (Makefile) installs into the new virtualenvs: the same pins as pip, in a fraction of
# its time, and from uv's cache, which `make install` filled (pip's cache is empty on a clean clone).
# It compiles bytecode as pip does (with PYTHONDONTWRITEBYTECODE set, nothing else would).
UV = Path(sys.executable).with_name("uv")
# What a user's shell would not have: nothing may point the installed command back at this checkout.
_DEV_ENVIRONMENT = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "IAMKB_DEBUG")

BAD = """{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*"}
  ]
}
"""
GOOD = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::my-bucket/*"}
    ],
}
READ_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*"}],
}
ROLE = "arn:aws:iam::111122223333:role/labeler"
SCENARIO = {
    "policies": {"identity": [{"file": "good.json"}]},
    "requests": [
        {"principal": ROLE, "action": "s3:GetObject", "resource": "arn:aws:s3:::my-bucket/a.jpg", "expect": "Allowed"},
        {
            "principal": ROLE,
            "action": "s3:DeleteObject",
            "resource": "arn:aws:s3:::my-bucket/a.jpg",
            "expect": "ImplicitlyDenied",
        },
    ],
}
JOB = REPO_ROOT / "tests" / "job" / "fixtures" / "bounding-box.json"
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "iamkb-reader"


def copy_working_tree(target: Path) -> Path:
    """Copy the checkout's files as they are on disk now (tracked or new, not ignored) into `target`.

    Symlinks stay symlinks: `src/iamkb/_data/*` point at the top-level folders, as in the checkout.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in sorted({os.fsdecode(n) for n in listed.split(b"\0") if n}):
        source = REPO_ROOT / name
        if not os.path.lexists(source):
            continue  # deleted in the working tree, not yet in a commit
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def run(argv: list, *, must_succeed: bool = True, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], check=False, capture_output=True, text=True, timeout=300, **kwargs)
    if must_succeed and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, argv))} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


@pytest.fixture(scope="session")
def source_tree(tmp_path_factory) -> Path:
    return copy_working_tree(tmp_path_factory.mktemp("source"))


@pytest.fixture(scope="session")
def wheel(tmp_path_factory, source_tree) -> Path:
    """`pip wheel --no-deps .` of the working tree (build isolation fetches the build backend it declares)."""
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", dist, source_tree])
    (built,) = dist.glob("iamkb-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A new virtualenv holding the wheel and its dependencies only (pins from constraints.txt).

    It is made without pip of its own; uv installs into it (`uv pip install --python`), which saves
    the seconds of bootstrapping pip and leaves the same packages a user's `pip install` would.
    """
    return make_venv(tmp_path_factory.mktemp("venv") / "iamkb-venv", wheel)


def make_venv(root: Path, *requirements: str | Path) -> Path:
    """A new virtualenv at `root` with `requirements` and their dependencies installed (pins from constraints.txt)."""
    run([sys.executable, "-m", "venv", "--without-pip", root])
    install = [UV, "pip", "install", "--quiet", "--compile-bytecode", "--python", root / "bin" / "python"]
    run([*install, "--constraint", REPO_ROOT / "constraints.txt", *requirements])
    return root


@pytest.fixture(scope="module")
def user_dir(tmp_path_factory) -> Path:
    """A folder of the user's own, outside the repository, with the files the commands are run on."""
    home = tmp_path_factory.mktemp("user")
    assert not home.is_relative_to(REPO_ROOT)
    (home / "bad.json").write_text(BAD)
    (home / "good.json").write_text(json.dumps(GOOD, indent=2))
    (home / "read-only.json").write_text(json.dumps(READ_ONLY, indent=2))
    (home / "scenario.json").write_text(json.dumps(SCENARIO, indent=2))
    shutil.copy(JOB, home / "job.json")
    return home


@pytest.fixture(scope="module")
def iamkb(venv, user_dir, source_tree):
    """Run the installed `iamkb` (or `python -m ...` with `python=True`) in the user's folder."""
    env = {key: value for key, value in os.environ.items() if key not in _DEV_ENVIRONMENT}

    def call(*args: str, python: bool = False) -> subprocess.CompletedProcess:
        argv = [venv / "bin" / "python", *args] if python else [venv / "bin" / "iamkb", *args]
        done = run(argv, cwd=user_dir, env=env, must_succeed=False)
        output = done.stdout + done.stderr
        assert "Traceback" not in output
        for checkout in (REPO_ROOT, source_tree):
            assert str(checkout) not in output, f"the output names the checkout {checkout}:\n{output}"
        return done

    return call


def test_the_wheel_carries_the_schemas_snippets_and_job_table_as_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    expected = {
        f"iamkb/_data/{path.relative_to(REPO_ROOT).as_posix()}"
        for folder in ("schemas", "snippets")
        for path in (REPO_ROOT / folder).rglob("*")
        if path.is_file()
    }
    expected |= {"iamkb/job/requirements.json", "iamkb/py.typed"}
    assert expected - set(infos) == set()
    symlinks = [name for name, info in infos.items() if (info.external_attr >> 16) & 0o170000 == 0o120000]
    assert symlinks == []


def test_the_installed_package_is_the_wheel_not_the_checkout(iamkb, venv):
    done = iamkb("-c", "import iamkb; print(iamkb.__file__)", python=True)
    assert Path(done.stdout.strip()).is_relative_to(venv)


def test_check_a_broken_policy_exits_1_with_our_message(iamkb):
    done = iamkb("check", "bad.json")
    assert done.returncode == 1
    first, hint, summary = done.stdout.splitlines()
    assert first.startswith('bad.json#/Statement/0/Effect: ERROR SCHEMA_INVALID_EFFECT Effect "Alow" is neither')
    assert first.endswith("[line 4, column 6]")
    assert hint == '    hint: use "Allow" or "Deny"'
    assert summary.startswith("1 file checked against the IAM catalog of ") and summary.endswith(
        ": 1 error, 0 security warnings, 0 warnings, 0 suggestions"
    )
    assert done.stderr == ""


def test_check_a_good_policy_exits_0(iamkb):
    done = iamkb("check", "good.json")
    assert done.returncode == 0
    assert done.stdout.startswith("1 file checked against the IAM catalog") and ": 0 errors, " in done.stdout


def test_check_github_annotations(iamkb):
    done = iamkb("check", "--format", "github", "bad.json")
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=bad.json,line=4,col=6,title=SCHEMA_INVALID_EFFECT::")


def test_render_a_snippet_by_id_prints_valid_json(iamkb):
    done = iamkb("render", "custom-task-types", "--example")
    assert done.returncode == 0, done.stderr
    policy = json.loads(done.stdout)
    assert policy["Version"] == "2012-10-17" and policy["Statement"]


def test_simulate_a_scenario(iamkb):
    done = iamkb("simulate", "--scenario", "scenario.json")
    assert done.returncode == 0, done.stderr
    assert "2 requests: 1 Allowed, 1 ImplicitlyDenied" in done.stdout
    assert "all 2 expectations met" in done.stdout


def test_grants_of_a_file(iamkb):
    done = iamkb("grants", "good.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("good.json: allows 2 actions")
    assert "Write: PutObject" in done.stdout


def test_compare_two_files_both_ways(iamkb):
    wider = iamkb("compare", "good.json", "read-only.json")
    assert wider.returncode == 1, wider.stderr
    assert "s3:PutObject" in wider.stdout
    covered = iamkb("compare", "read-only.json", "good.json")
    assert covered.returncode == 0, covered.stderr
    assert covered.stdout.startswith("good.json covers everything read-only.json allows")


def test_job_requirements(iamkb):
    done = iamkb("job", "requirements", "job.json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Cars-Boxes (us-east-1, account 111122223333): ")
    assert "  CALLER_CREATE_LABELING_JOB\n" in done.stdout


def test_version(iamkb, wheel):
    done = iamkb("--version")
    assert done.returncode == 0
    assert done.stdout == f"iamkb {wheel.name.split('-')[1]}\n"


def test_python_m_iamkb_help_lists_every_command(iamkb):
    done = iamkb("-m", "iamkb", "--help", python=True)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: iamkb ")
    assert all(f"    {name} " in done.stdout for name in COMMANDS)


def test_a_missing_file_is_a_usage_error_not_a_crash(iamkb):
    done = iamkb("check", "nope.json")
    assert done.returncode == 2
    assert "nope.json: ERROR INPUT_NOT_FOUND" in done.stdout


# --- the notebooks, downloaded ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reader_kernels(tmp_path_factory, wheel) -> Path:
    """A reader's environment for a downloaded notebook: a fresh virtualenv with the wheel and ipykernel (which
    brings IPython, whose `display` the notebooks use), and a kernel spec that starts that virtualenv's Python.

    The kernel spec is a folder of kernel specs of its own, so no kernel installed on the machine is used.
    """
    folder = tmp_path_factory.mktemp("reader")
    root = make_venv(folder / "reader-venv", wheel, "ipykernel")
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [str(root / "bin" / "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    return folder


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    """The reader's folder of downloaded notebooks, outside the repository."""
    folder = tmp_path_factory.mktemp("downloads")
    assert not folder.is_relative_to(REPO_ROOT)
    for notebook in NOTEBOOKS:
        shutil.copy(notebook, folder / notebook.name)
    return folder


def execute(notebook: Path, kernels: Path) -> nbformat.NotebookNode:
    """Run every cell of `notebook` in its folder with the reader's kernel; a failing cell raises CellExecutionError.

    The kernel gets the environment of a shell with the reader's virtualenv on PATH: nothing that points
    back at this checkout, and an IPython folder of its own.
    """
    env = {key: value for key, value in os.environ.items() if key not in _DEV_ENVIRONMENT}
    env["PATH"] = f"{kernels / 'reader-venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["IPYTHONDIR"] = str(kernels / "ipython")
    specs = KernelSpecManager(kernel_dirs=[str(kernels / "kernels")])
    manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=specs)
    run_in = {"metadata": {"path": str(notebook.parent)}}
    ran = nbformat.read(notebook, as_version=4)
    NotebookClient(ran, km=manager, timeout=600, resources=run_in).execute(env=env)
    return ran


def shown(cell: nbformat.NotebookNode) -> tuple[str, str, list]:
    """What a code cell shows: its stdout, its stderr and its rich outputs (however the streams were split)."""
    streams = {"stdout": "", "stderr": ""}
    rich = []
    for output in cell.outputs:
        if output.output_type == "stream":
            streams[output.name] += output.text
        elif output.output_type in ("execute_result", "display_data"):
            rich.append(dict(output.data))
        else:
            rich.append({output.output_type: output.get("evalue", "")})
    return streams["stdout"], streams["stderr"], rich


def test_the_readers_kernel_imports_the_wheel(reader_kernels, tmp_path):
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import iamkb, IPython; print(iamkb.__file__)")])
    nbformat.write(probe, tmp_path / "probe.ipynb")
    (cell,) = execute(tmp_path / "probe.ipynb", reader_kernels).cells
    stdout, _, _ = shown(cell)
    assert Path(stdout.strip()).is_relative_to(reader_kernels / "reader-venv")


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_a_downloaded_notebook_runs_outside_the_repository(reader_kernels, downloads, source_tree, name):
    """Every cell runs (each notebook asserts its claims) and shows what the stored notebook, and so the
    site's page, shows."""
    ran = execute(downloads / name, reader_kernels)
    stored = nbformat.read(REPO_ROOT / "notebooks" / name, as_version=4)
    ran_cells = [c for c in ran.cells if c.cell_type == "code"]
    stored_cells = [c for c in stored.cells if c.cell_type == "code"]
    for index, (now, before) in enumerate(zip(ran_cells, stored_cells, strict=True)):
        stdout, stderr, rich = shown(now)
        assert stderr == "", f"code cell {index} wrote to stderr:\n{stderr}"
        for checkout in (REPO_ROOT, source_tree):
            assert str(checkout) not in stdout + json.dumps(rich), f"code cell {index} names the checkout"
        stored_stdout, _, stored_rich = shown(before)
        assert (stdout, rich) == (stored_stdout, stored_rich), f"code cell {index} shows other outputs than stored"
