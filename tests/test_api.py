"""The documented Python API (docs/reference/python-api.md): its examples run and show real output.

The objects come from the page's `::: identifier` lines, so the page and this test cannot disagree:
an object added to the page is tested, and one without a `>>>` example fails. The page's import table
is held to the same objects, so every import path it tells users to write works.
"""

from __future__ import annotations

import doctest
import importlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "python-api.md"
TEXT = PAGE.read_text(encoding="utf-8")
IDENTIFIERS = re.findall(r"^::: ([\w.]+)\s*$", TEXT, re.MULTILINE)
# `from iamkb.x import a, b` in the page's table, as (module, [names]).
IMPORTS = [
    (module, [n.strip() for n in names.split(",")])
    for module, names in re.findall(r"`from (iamkb[\w.]*) import ([\w, ]+)`", TEXT)
]
# What users may write in an example that doctest should not compare character for character.
OPTIONS = doctest.ELLIPSIS


def resolve(identifier: str):
    """The object an mkdocstrings identifier names: the longest importable module, then attributes.

    `iamkb.simulate.evaluate.evaluate` is the function in the module `iamkb.simulate.evaluate`
    (the package `iamkb.simulate` re-exports it under the module's own name)."""
    parts = identifier.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise LookupError(identifier)


def test_the_page_is_read():
    assert len(IDENTIFIERS) >= 5 and IMPORTS, "no ::: lines or imports found: the tests below prove nothing"


@pytest.mark.parametrize("identifier", IDENTIFIERS)
def test_each_documented_object_has_examples_and_they_pass(identifier, monkeypatch):
    monkeypatch.chdir(PAGE.parents[2])  # the examples name files of the repository (examples/jobs/) as a reader would
    found = resolve(identifier)
    # globs={}: an example must import what it uses, as a reader pasting it would.
    tests = [t for t in doctest.DocTestFinder(recurse=False).find(found, identifier, globs={}) if t.examples]
    assert tests, f"{identifier} has no >>> example in its docstring"
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    report = io.StringIO()
    for test in tests:
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()


@pytest.mark.parametrize(("module", "names"), IMPORTS, ids=[m for m, _ in IMPORTS])
def test_the_import_paths_on_the_page_give_the_documented_objects(module, names):
    documented = {id(resolve(identifier)) for identifier in IDENTIFIERS}
    imported = importlib.import_module(module)
    for name in names:
        assert id(getattr(imported, name)) in documented, f"from {module} import {name} is not documented on the page"


def test_every_documented_object_is_importable_as_the_page_says():
    offered = {id(getattr(importlib.import_module(m), n)) for m, names in IMPORTS for n in names}
    missing = [i for i in IDENTIFIERS if id(resolve(i)) not in offered]
    assert not missing, f"documented but not in the page's import table: {missing}"


def test_importing_iamkb_loads_nothing_else():
    code = "import sys, iamkb; print(sorted(m for m in sys.modules if m.startswith('iamkb')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['iamkb']"
