"""The example job pages (job-example.md.j2, one per examples/jobs/ job) and their index (job-examples-index.md.j2).

Like the snippet pages, no policy text is pasted: each page includes the job file and the stored plan files
(examples/plans/NAME/, written by `make examples` and checked by tests/job/test_examples.py) with `--8<--`,
and the hook publishes those files so each download link serves the exact bytes. The requirements table
is computed at build time from the same rows `iamkb job requirements` prints.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from _site import REPO_ROOT

from iamkb.job.requirements import features, requirements, rows, table
from pages import render
from pages.job_requirements import PRINCIPALS, anchor

TEMPLATE = "job-example.md.j2"
INDEX_TEMPLATE = "job-examples-index.md.j2"
PAGES_DIR = "reference/job-examples"
INDEX = f"{PAGES_DIR}/index.md"
# Output format, tab title, code block language.
TABS = (("json", "JSON", "json"), ("terraform", "Terraform", "hcl"), ("cloudformation", "CloudFormation", "yaml"))


def examples():
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


def published_files(examples, name: str) -> list[Path]:
    """The job, its options and every stored plan file: what the page includes and offers for download."""
    paths = [examples.job_path(name)]
    if examples.options_path(name).is_file():
        paths.append(examples.options_path(name))
    for output_format in examples.FORMATS:
        paths += sorted(p for p in examples.plan_dir(name, output_format).rglob("*") if p.is_file())
    return paths


def index_context(examples) -> dict:
    jobs = []
    for name in examples.job_names():
        job, options = examples.job_and_options(name)
        jobs.append((name, job, [f for f in features(job, options) if f != "base"]))
    return {"title": "Example jobs", "jobs": jobs}


def index_markdown(examples) -> str:
    return render(INDEX_TEMPLATE, **index_context(examples))


def _quote(text: str) -> str:
    return text if all(c.isalnum() or c in "-_./:=@" for c in text) else "'" + text.replace("'", "'\\''") + "'"


def _order(record: dict[str, Any], file: str) -> tuple[int, str]:
    listed = record["documents"]
    return (listed.index(file), file) if file in listed else (len(listed), file)


def _tabs(examples, name: str, record: dict[str, Any]) -> list[dict]:
    """One tab per output format: its files in the plan's order of documents (plan.json only linked)."""
    tabs = []
    for output_format, title, language in TABS:
        folder = examples.plan_dir(name, output_format)
        files = [
            path
            for path in sorted(folder.rglob("*"), key=lambda p: _order(record, p.name))
            if path.is_file() and path.name != "plan.json"
        ]
        plan = folder / "plan.json" if output_format == "json" else None
        tabs.append({"title": title, "language": language, "files": files, "plan": plan})
    return tabs


def _alternatives(record: dict[str, Any]) -> list[dict]:
    return [
        {**alt, "missing": list(dict.fromkeys(m["id"] for m in alt["notAllowed"]))} if "error" not in alt else alt
        for alt in record["proofs"]["alternatives"]
    ]


def context(examples, name: str) -> dict:
    job, options = examples.job_and_options(name)
    record = json.loads((examples.plan_dir(name, "json") / "plan.json").read_text(encoding="utf-8"))
    proofs = record["proofs"]
    feature_of = {row["id"]: row["feature"] for row in rows()}
    options_file = examples.options_path(name)
    return {
        "title": f"Example job: {name}",
        "meta_title": f"Example job: {name}",
        "name": name,
        "job": job,
        "described": table()["features"],
        "features": [(f, anchor(f)) for f in features(job, options) if f != "base"],
        "job_file": examples.job_path(name),
        "options_file": options_file if options_file.is_file() else None,
        "command": "iamkb " + " ".join(_quote(a) for a in examples.plan_arguments(name, "json")),
        "requirements": [(req, anchor(feature_of[req.id])) for req in requirements(job, options)],
        "principals": PRINCIPALS,
        "notes": record["notes"],
        "tabs": _tabs(examples, name, record),
        "checks": len(proofs["checks"]),
        "allowed": sum(1 for r in proofs["requirements"] if r.get("decision") == "Allowed" or r.get("present")),
        "requirement_count": len(proofs["requirements"]),
        "denied": sum(1 for n in proofs["neighbours"] if n["decision"] != "Allowed"),
        "neighbours": len(proofs["neighbours"]),
        "alternatives": _alternatives(record),
        "site_uri": site_uri,
        "compact_json": lambda value: json.dumps(value, separators=(",", ":")),
    }


def markdown(examples, name: str) -> str:
    return render(TEMPLATE, **context(examples, name))
