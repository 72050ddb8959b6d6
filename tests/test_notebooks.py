"""What nbval does not check about the notebooks in notebooks/.

nbval re-runs each notebook and compares its outputs with the stored ones. It has nothing to compare
when a notebook was saved without outputs, it does not notice a policy pasted into a cell (which keeps
"passing" after the snippet file changes), and it accepts widgets and HTML that the site cannot show
and a later Markdown conversion would lose. These tests close those gaps.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from iamkb.kb.snippets import load_catalog
from tests.conftest import ROOT as REPO_ROOT

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
INDEX_PAGE = REPO_ROOT / "docs" / "notebooks" / "index.md"
# The labeling-job notebook writes its job in a cell (a downloaded notebook has no examples/ folder to read).
LABELING_JOB_NOTEBOOK = NOTEBOOKS_DIR / "plan-a-labeling-job.ipynb"
LABELING_JOB_EXAMPLE = REPO_ROOT / "examples" / "jobs" / "bounding-box-private.json"

# Elements only a policy statement has: a dict literal with one of them is a pasted statement. Putting a
# statement loaded from a file into a policy envelope ({"Version": ..., "Statement": [loaded]}) is fine.
STATEMENT_KEYS = {"Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}
# JSON text is a pasted policy as soon as it has a Statement or any statement element.
POLICY_KEYS = STATEMENT_KEYS | {"Statement"}
# Plain outputs only: text and Markdown render on the site and survive a conversion to Markdown.
PLAIN_MIME_TYPES = {"text/plain", "text/markdown"}
VOLATILE = {
    "a memory address": re.compile(r"\b0x[0-9a-f]{6,}\b"),
    "a timestamp": re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"),
    "a temporary path": re.compile(r"/tmp/|/var/folders/"),
}
SNIPPET_FILE_NAMES = tuple(sorted({p.name for s in load_catalog().snippets for p in (s.path, s.original_path)}))


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def parse(source: str) -> ast.Module:
    """A code cell as Python (IPython `%magic` and `!shell` lines blanked)."""
    return ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()))


def policy_literals(source: str) -> list[str]:
    """Policy-shaped literals in a code cell: dicts with policy keys, or strings holding policy JSON."""
    found = []
    for node in ast.walk(parse(source)):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if keys & STATEMENT_KEYS:
                found.append(f"dict literal with {', '.join(sorted(keys & STATEMENT_KEYS))} at line {node.lineno}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip().startswith("{"):
            try:
                value = json.loads(node.value)
            except ValueError:
                continue
            if isinstance(value, dict) and value.keys() & POLICY_KEYS:
                found.append(f"JSON string with {', '.join(sorted(value.keys() & POLICY_KEYS))} at line {node.lineno}")
    return found


def snippet_paths(source: str) -> list[str]:
    """String literals naming a snippet file: notebooks reach snippets by catalog id, so a moved file still loads."""
    return [
        node.value
        for node in ast.walk(parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(SNIPPET_FILE_NAMES)
    ]


def unasserted_claim_tables(source: str) -> list[int]:
    """Lines where `check_claims(...)` is shown without `.assert_hold()`: a table that checks nothing."""
    tree = parse(source)
    asserted = {
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "assert_hold"
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "check_claims"
        and id(node) not in asserted
    ]


def assertions(source: str) -> int:
    tree = parse(source)
    return sum(
        isinstance(node, ast.Assert) or (isinstance(node, ast.Attribute) and node.attr == "assert_hold")
        for node in ast.walk(tree)
    )


def output_texts(notebook):
    for cell in code_cells(notebook):
        for output in cell.outputs:
            if output.output_type == "stream":
                yield output.text
            for value in output.get("data", {}).values():
                yield value if isinstance(value, str) else json.dumps(value)


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
class TestNotebook:
    def test_opens_with_what_it_checks_and_how_to_run_it(self, path):
        first = read(path).cells[0]
        assert first.cell_type == "markdown"
        assert first.source.startswith("# "), "the first cell should start with the notebook's title"
        assert "make notebooks" in first.source

    def test_is_stored_after_a_clean_top_to_bottom_run(self, path):
        cells = code_cells(read(path))
        assert cells, "a notebook with no code checks nothing"
        counts = [cell.execution_count for cell in cells]
        assert counts == list(range(1, len(cells) + 1)), "re-run it with `make notebooks-refresh`"
        assert any(cell.outputs for cell in cells), "stored without outputs: nbval would compare nothing"

    def test_stores_no_errors_or_warnings(self, path):
        for cell in code_cells(read(path)):
            for output in cell.outputs:
                assert output.output_type != "error", f"{output.get('ename')}: {output.get('evalue')}"
                assert output.get("name") != "stderr", output.get("text")

    def test_loads_policies_from_files_instead_of_pasting_them(self, path):
        for index, cell in enumerate(read(path).cells):
            if cell.cell_type == "code":
                assert not policy_literals(cell.source), f"cell {index}: {policy_literals(cell.source)}"

    def test_reaches_snippets_by_catalog_id(self, path):
        for index, cell in enumerate(read(path).cells):
            if cell.cell_type == "code":
                assert not snippet_paths(cell.source), f"cell {index} names files: {snippet_paths(cell.source)}"

    def test_asserts_what_it_shows(self, path):
        sources = [cell.source for cell in code_cells(read(path))]
        assert sum(assertions(source) for source in sources), "a notebook without assertions can never fail"
        for index, source in enumerate(sources):
            assert not unasserted_claim_tables(source), f"code cell {index}: check_claims(...) without .assert_hold()"

    def test_is_plain_markdown_and_code(self, path):
        notebook = read(path)
        assert {cell.cell_type for cell in notebook.cells} <= {"markdown", "code"}
        assert "widgets" not in notebook.metadata
        assert notebook.metadata.kernelspec.name == "python3"
        for cell in code_cells(notebook):
            for output in cell.outputs:
                assert set(output.get("data", {})) <= PLAIN_MIME_TYPES

    def test_outputs_are_reproducible_anywhere(self, path):
        for text in output_texts(read(path)):
            assert str(REPO_ROOT) not in text, "an absolute path differs on every clone"
            for what, pattern in VOLATILE.items():
                assert not pattern.search(text), f"output contains {what}: {pattern.search(text).group(0)}"


def assigned_literal(source: str, name: str):
    """The value of the literal assigned to `name` at the top level of a code cell, or None."""
    for node in parse(source).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    return None


def test_the_labeling_job_notebook_writes_the_example_job_as_it_is_stored():
    """The notebook's REQUEST is examples/jobs/bounding-box-private.json, whose stored plans the site offers."""
    found = [v for c in code_cells(read(LABELING_JOB_NOTEBOOK)) if (v := assigned_literal(c.source, "REQUEST"))]
    assert len(found) == 1, "the notebook should assign its CreateLabelingJob request to REQUEST once"
    assert found[0] == json.loads(LABELING_JOB_EXAMPLE.read_text(encoding="utf-8"))


def test_assigned_literals_are_found():
    assert assigned_literal('x = 1\nREQUEST = {"a": [1, "b"]}', "REQUEST") == {"a": [1, "b"]}
    assert assigned_literal('REQUESTS = {"a": 1}\nf(REQUEST={"a": 1})', "REQUEST") is None


def test_the_notebooks_page_links_every_notebook():
    """docs/notebooks/index.md lists each notebook (a new one needs its line there) and no notebook that is gone."""
    linked = set(re.findall(r"\]\(([^)/]+\.ipynb)\)", INDEX_PAGE.read_text(encoding="utf-8")))
    assert linked == {path.name for path in NOTEBOOKS}


def test_every_catalog_snippet_is_exercised_by_some_notebook():
    sources = "\n".join(cell.source for path in NOTEBOOKS for cell in code_cells(read(path)))
    missing = [s.id for s in load_catalog().snippets if f'"{s.id}"' not in sources]
    assert not missing, f"no notebook loads these snippets by id: {missing}"


@pytest.mark.parametrize(
    "source",
    [
        'policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}',
        'statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}',
        'text = \'{"Effect": "Deny", "Action": "*", "Resource": "*"}\'',
        'text = \'{"Version": "2012-10-17", "Statement": []}\'',
    ],
)
def test_policy_literals_are_recognised(source):
    assert policy_literals(source)


@pytest.mark.parametrize(
    "source",
    [
        'snippet = catalog.get("built-in-task-types")',
        'request = {"action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key"}',
        "%time document = snippet.document()",
        'policy = {"Version": "2012-10-17", "Statement": [statement]}',
    ],
)
def test_requests_and_loads_are_not_policy_literals(source):
    assert not policy_literals(source)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('policy = json.load(open("../snippets/kms/storage-volume-create-grant.json"))', True),
        ('text = Path("custom-task-types.json").read_text()', True),
        ('text = Path("ground-truth-console.original.txt").read_text()', True),
        ('policy = example_policy("custom-task-types")', False),
        ('request = Request("s3:GetObject", "arn:aws:s3:::input/tasks/0001.json")', False),
        ("text = snippet.original_path.read_text()", False),
    ],
)
def test_snippet_paths_are_recognised(source, found):
    assert bool(snippet_paths(source)) == found


@pytest.mark.parametrize(
    ("source", "unasserted"),
    [
        ("check_claims(policies, claims).assert_hold()", []),
        ("table = check_claims(policies, claims)\ntable", [1]),
        ("x = 1\ncheck_claims(policies, [\n    claim,\n])", [2]),
    ],
)
def test_unasserted_claim_tables_are_found(source, unasserted):
    assert unasserted_claim_tables(source) == unasserted


def test_assertions_are_counted():
    assert assertions("assert x\ncheck_claims(p, c).assert_hold()") == 2
    assert assertions("print(check_claims(p, c))") == 0
