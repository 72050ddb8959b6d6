"""The grammar schema works in standard tools: check-jsonschema, with the files the site publishes.

The schema's root validates an identity policy; the other kinds are reached through the entry schemas
that docs/hooks/schema_files.py publishes beside it (`iam-policy-trust.schema.json` ...), each a `$ref`
into the main file by a relative URL. Here they sit in a temporary folder next to a copy of the main
schema, the way they sit on the site, and check-jsonschema resolves the `$ref` as any validator would.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest
from check_jsonschema import main as check_jsonschema_main
from click.testing import CliRunner

from iamkb.check.grammar import ENTRY_POINTS, SCHEMA_PATH
from iamkb.kb.snippets import load_catalog
from tests.check.schema_cases import CASES, VALID

REPO_ROOT = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def load_hook():
    spec = importlib.util.spec_from_file_location("schema_files", REPO_ROOT / "docs" / "hooks" / "schema_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


schema_files = load_hook()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The schemas/ folder of the site: the main schema and one entry schema per kind."""
    folder = tmp_path_factory.mktemp("schemas")
    shutil.copy(SCHEMA_PATH, folder / SCHEMA_PATH.name)
    for name, schema in schema_files.entry_schemas().items():
        (folder / name).write_text(json.dumps(schema, indent=2))
    return folder


def schema_for(published: Path, kind: str) -> Path:
    return published / (SCHEMA_PATH.name if kind == "identity" else schema_files.entry_schema_name(kind))


def check_jsonschema(schema: Path, files: list[Path]) -> SimpleNamespace:
    """`check-jsonschema --schemafile SCHEMA FILE...`, run in this process through its click command.

    The tool takes seconds to import (jsonschema with every format backend, click); one import serves
    all the runs here. One test below runs the installed console script, as a user's CI would.
    """
    result = CliRunner().invoke(check_jsonschema_main, ["--schemafile", str(schema), *map(str, files)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.output, stderr="")


def test_identity_policy_snippets_validate_against_the_schema_file_itself():
    files = [s.path for s in load_catalog().snippets if s.check_kind == "identity"]
    assert len(files) >= 4
    done = check_jsonschema(SCHEMA_PATH, files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_every_snippet_validates_against_the_entry_schema_of_its_kind(published):
    by_kind = defaultdict(list)
    for snippet in load_catalog().snippets:
        by_kind[snippet.check_kind].append(snippet.path)
    assert set(by_kind) == {"identity", "statement", "resource", "trust"}
    for kind, files in by_kind.items():
        done = check_jsonschema(schema_for(published, kind), files)
        assert done.returncode == 0, f"{kind}: {done.stdout}{done.stderr}"


def write_cases(folder: Path, documents) -> dict[str, list[Path]]:
    """Write (name, document, kind) triples as JSON files, grouped by kind."""
    by_kind = defaultdict(list)
    for name, document, kind in documents:
        path = folder / kind / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document))
        by_kind[kind].append(path)
    return by_kind


def test_the_grammar_tests_valid_documents_pass(published, tmp_path):
    by_kind = write_cases(tmp_path, [(f"valid-{i}", doc, kind) for i, (doc, kind) in enumerate(VALID)])
    for kind, files in by_kind.items():
        done = check_jsonschema(schema_for(published, kind), files)
        assert done.returncode == 0, f"{kind}: {done.stdout}{done.stderr}"


def test_every_invalid_example_fails_on_its_own(published, tmp_path):
    """One run per kind over the grammar tests' invalid documents: check-jsonschema names each file."""
    by_kind = write_cases(tmp_path, [(case_id, doc, kind) for case_id, doc, kind, *_ in CASES])
    assert set(by_kind) <= set(ENTRY_POINTS)
    for kind, files in by_kind.items():
        done = check_jsonschema(schema_for(published, kind), files)
        assert done.returncode == 1, f"{kind}: {done.stdout}{done.stderr}"
        accepted = [path.name for path in files if f"{path}::" not in done.stdout]
        assert accepted == [], f"check-jsonschema accepted these invalid {kind} documents:\n{done.stdout}"


def test_the_console_script_reports_a_misspelt_effect_at_its_place(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"Statement": [{"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}')
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA_PATH), str(bad)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert f"{bad}::$.Statement[0].Effect: 'Alow' is not one of ['Allow', 'Deny']" in done.stdout


def test_entry_schemas_cover_every_kind_and_point_into_the_main_file():
    schema = json.loads(SCHEMA_PATH.read_text())
    entries = schema_files.entry_schemas()
    assert sorted(entries) == sorted(schema_files.entry_schema_name(kind) for kind in ENTRY_POINTS)
    for kind, definition in ENTRY_POINTS.items():
        ref = entries[schema_files.entry_schema_name(kind)]["$ref"]
        assert ref == f"{SCHEMA_PATH.name}#/$defs/{definition}" and definition in schema["$defs"]


def test_the_published_id_is_relative_until_the_site_has_an_address():
    assert json.loads(SCHEMA_PATH.read_text())["$id"] == SCHEMA_PATH.name
    assert schema_files.published_schema(None) == SCHEMA_PATH.read_text()
    absolute = json.loads(schema_files.published_schema("https://iam.example.org/kb"))
    assert absolute["$id"] == "https://iam.example.org/kb/schemas/iam-policy.schema.json"
    assert absolute["$defs"] == json.loads(SCHEMA_PATH.read_text())["$defs"]
