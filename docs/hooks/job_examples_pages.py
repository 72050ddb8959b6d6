"""MkDocs hook: one reference page per example job (examples/jobs/), showing its planned permissions.

Like the snippet pages (`snippet_pages.py`), nothing generated is committed and no policy text is
pasted: each page includes the job file and the stored plan files (examples/plans/NAME/, written by
`make examples` and checked by tests/job/test_examples.py) with `--8<--`, and those files are added to
the build so each download link serves the exact bytes. The requirements table is computed at build
time from the same requirements rows `iamkb job requirements` prints.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from _site import REPO_ROOT, cell, code, expand_nav_entry, front
from job_requirements_page import PRINCIPALS  # the requirements page's names for them
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from iamkb.job.requirements import features, requirements, rows, table

PAGES_DIR = "reference/job-examples"
INDEX = f"{PAGES_DIR}/index.md"
REQUIREMENTS_PAGE = "../job-requirements.md"
TABS = (("json", "JSON", "json"), ("terraform", "Terraform", "hcl"), ("cloudformation", "CloudFormation", "yaml"))


def _examples():
    """examples/regenerate.py: the one place that knows the examples' file layout."""
    spec = importlib.util.spec_from_file_location("examples_regenerate", REPO_ROOT / "examples" / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_uri(name: str) -> str:
    return f"{PAGES_DIR}/{name}.md"


def site_uri(path: Path) -> str:
    """Where a file lands in the built site: its path in the repository."""
    return path.relative_to(REPO_ROOT).as_posix()


@event_priority(50)
def on_files(files: Files, config) -> Files:
    examples = _examples()
    names = examples.job_names()
    for name in names:
        files.append(File.generated(config, page_uri(name), content=example_page(examples, name)))
        for path in published_files(examples, name):
            files.append(File.generated(config, site_uri(path), abs_src_path=str(path)))
    files.append(File.generated(config, INDEX, content=index_page(examples)))
    expand_nav_entry(config.nav, INDEX, [page_uri(name) for name in names])
    return files


def published_files(examples, name: str) -> list[Path]:
    """The job, its options and every stored plan file: what the page includes and offers for download."""
    paths = [examples.job_path(name)]
    if examples.options_path(name).is_file():
        paths.append(examples.options_path(name))
    for output_format in examples.FORMATS:
        paths += sorted(p for p in examples.plan_dir(name, output_format).rglob("*") if p.is_file())
    return paths


def index_page(examples) -> str:
    lines = [
        *front("Example jobs"),
        "Realistic labeling jobs and the permissions `iamkb job plan` writes for each: the caller's policy, the",
        "execution role's policy and trust policy, key policies, CORS rules, bucket and topic statements. Every",
        "page shows the job file, what it requires, and each planned document as JSON, Terraform and",
        "CloudFormation, with copy buttons and downloads. The files live under `examples/` in the repository;",
        "`make examples` regenerates them and the test suite fails when they drift from what the planner makes.",
        "",
        "| Example | Job | Region | Features |",
        "| --- | --- | --- | --- |",
    ]
    for name in examples.job_names():
        job, options = examples.job_and_options(name)
        shown = ", ".join(code(f) for f in features(job, options) if f != "base")
        lines.append(f"| [{cell(name)}]({name}.md) | `{job.name}` | `{job.region}` | {shown} |")
    lines += [
        "",
        (
            "How to go from your own job to such a plan: "
            "[Plan the permissions for your labeling job](../../how-to/plan-labeling-job-permissions.md)."
        ),
        "",
    ]
    return "\n".join(lines)


def example_page(examples, name: str) -> str:
    job, options = examples.job_and_options(name)
    record = json.loads((examples.plan_dir(name, "json") / "plan.json").read_text(encoding="utf-8"))
    sections = [
        _header(examples, name, job, options),
        _job_section(examples, name),
        _requirements_section(job, options),
        _documents_section(examples, name, record),
        _proofs_section(record),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _download(path: Path, label: str = "download") -> str:
    return f'[{label}](../../{site_uri(path)}){{ download="{path.name}" }}'


def _command(examples, name: str) -> str:
    argv = examples.plan_arguments(name, "json")
    return "iamkb " + " ".join(_quote(a) for a in argv)


def _quote(text: str) -> str:
    return text if all(c.isalnum() or c in "-_./:=@" for c in text) else "'" + text.replace("'", "'\\''") + "'"


def _header(examples, name: str, job, options) -> str:
    described = table()["features"]
    shown = [f for f in features(job, options) if f != "base"]
    facts = [
        ("Job", f"`{job.name}` in `{job.region}`, account `{job.account}`"),
        ("Execution role", f"`{job.role_arn}`"),
        ("File", f"`{site_uri(examples.job_path(name))}` · " + _download(examples.job_path(name))),
        ("Planned with", f"`{_command(examples, name)}`"),
    ]
    lines = ["---", f'title: "Example job: {name}"', "diataxis: reference", "---", f"# Example job: {name}", ""]
    lines += ["What this job uses, each a feature of the", f"[requirements table]({REQUIREMENTS_PAGE}):", ""]
    lines += [f"- [{code(f)}]({REQUIREMENTS_PAGE}#{f.replace(':', '-')}): {cell(described[f])}" for f in shown]
    lines += ["", '<div class="kb-facts" markdown>', ""]
    for title, value in facts:
        lines += [title, f":   {value}", ""]
    lines.append("</div>")
    return "\n".join(lines)


def _job_section(examples, name: str) -> str:
    job_file = examples.job_path(name)
    lines = ["## The job", "", f'```json title="{site_uri(job_file)}"', f'--8<-- "{site_uri(job_file)}"', "```"]
    options_file = examples.options_path(name)
    if options_file.is_file():
        lines += [
            "",
            (
                "What the job file cannot say, given to `iamkb job plan` as flags (stored beside the job as "
                f"`{options_file.name}` · {_download(options_file)}):"
            ),
            "",
            f'```json title="{site_uri(options_file)}"',
            f'--8<-- "{site_uri(options_file)}"',
            "```",
        ]
    return "\n".join(lines)


def _requirements_section(job, options) -> str:
    feature_of = {row["id"]: row["feature"] for row in rows()}
    lines = [
        "## What it requires",
        "",
        (
            f"`iamkb job requirements` lists these for the job (the [table]({REQUIREMENTS_PAGE}) says why, with "
            "AWS's source for each):"
        ),
        "",
        "| Requirement | Who | Action or setting | On |",
        "| --- | --- | --- | --- |",
    ]
    for req in requirements(job, options):
        anchor = feature_of[req.id].replace(":", "-")
        what = code(req.action) if req.action else code(json.dumps(req.setting, separators=(",", ":")))
        on = code(req.resource) if req.resource else code(req.key or "")
        who = PRINCIPALS[req.principal.value] + (f" of {code(req.key)}" if req.key and req.resource else "")
        lines.append(f"| [{code(req.id)}]({REQUIREMENTS_PAGE}#{anchor}) | {who} | {what} | {on} |")
    return "\n".join(lines)


def _documents_section(examples, name: str, record: dict[str, Any]) -> str:
    lines = ["## The planned documents", ""]
    if record["notes"]:
        lines += ["Before you attach them:", ""] + [f"- {cell(note)}" for note in record["notes"]] + [""]
    for output_format, title, language in TABS:
        folder = examples.plan_dir(name, output_format)
        lines.append(f'=== "{title}"')
        lines.append("")
        for path in sorted(folder.rglob("*"), key=lambda p: _order(record, p.name)):
            if not path.is_file() or path.name == "plan.json":
                continue
            lines += [
                f"    `{path.name}` · {_download(path)}",
                "",
                f'    ```{language} title="{path.name}"',
                f'    --8<-- "{site_uri(path)}"',
                "    ```",
                "",
            ]
        if output_format == "json":
            plan_file = folder / "plan.json"
            lines += [f"    `plan.json` (the job, the notes and every proof) · {_download(plan_file)}", ""]
    return "\n".join(lines).rstrip()


def _order(record: dict[str, Any], file: str) -> tuple[int, str]:
    listed = record["documents"]
    return (listed.index(file), file) if file in listed else (len(listed), file)


def _proofs_section(record: dict[str, Any]) -> str:
    proofs = record["proofs"]
    allowed = sum(1 for r in proofs["requirements"] if r.get("decision") == "Allowed" or r.get("present"))
    denied = sum(1 for n in proofs["neighbours"] if n["decision"] != "Allowed")
    lines = [
        "## How the plan proves itself",
        "",
        (
            f"Before writing these files, `iamkb job plan` checked {len(proofs['checks'])} policies with "
            f"`iamkb check` (no error or warning), found {allowed} of {len(proofs['requirements'])} requirements "
            f"allowed or present, and {denied} of {len(proofs['neighbours'])} neighbouring requests denied "
            "(another bucket, a sibling prefix, another function, key, role or service). What the broad "
            "alternatives would grant beyond the plan, and which of the job's requirements they would not allow:"
        ),
        "",
        "| Instead of | Alternative | Grants beyond the plan | Would not allow |",
        "| --- | --- | --- | --- |",
    ]
    for alt in proofs["alternatives"]:
        if "error" in alt:
            lines.append(f"| `{alt['document']}` | {cell(alt['alternative'])} | not compared: {cell(alt['error'])} | |")
            continue
        missing = ", ".join(code(i) for i in dict.fromkeys(m["id"] for m in alt["notAllowed"])) or "nothing"
        lines.append(
            f"| `{alt['document']}` | {cell(alt['alternative'])} | {alt['beyondPlan']} (action, resource) "
            f"pairs over {alt['actionsBeyondPlan']} actions | {missing} |"
        )
    return "\n".join(lines)
