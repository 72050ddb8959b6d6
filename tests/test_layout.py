"""The package's shape, as CONTRIBUTING.md describes it: a core that imports no capability, no import cycle,
and each command loading only what it needs.

Imports inside functions count too: they hide a cycle from Python's import machinery, not from a reader.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "iamkb"
CAPABILITIES = ("check", "simulate", "grants", "compare", "render", "job")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The iamkb modules `name` imports, at any depth of its code (`from x import y` counts y if a module)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def test_the_graph_is_read():
    assert "iamkb.core.findings" in GRAPH["iamkb.core.codes"], "the import reader found nothing: it proves nothing"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("iamkb.core")))
def test_core_imports_only_core(name):
    outside = sorted(m for m in GRAPH[name] if not m.startswith("iamkb.core"))
    assert not outside, f"{name} is core and must not import {outside}"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith("iamkb.kb")))
def test_the_knowledge_base_is_not_imported_by_core(name):
    assert not any(name in GRAPH[m] for m in MODULES if m.startswith("iamkb.core"))


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), package inits aside.

    A package's `__init__` importing its own submodules is how a package re-exports them, not a cycle of
    ideas, so edges from an `__init__` into its own package are left out.
    """

    def edges(name: str) -> set[str]:
        is_init = MODULES[name].name == "__init__.py"
        return {m for m in GRAPH[name] if not (is_init and m.startswith(name + "."))}

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(MODULES):
        if name not in index:
            visit(name)
    return found


def test_no_import_cycle():
    assert _cycles() == []


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(m for m in sys.modules if m.startswith('iamkb')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_check_loads_neither_the_simulator_nor_compare():
    loaded = _loaded_after("import iamkb.check")
    assert "iamkb.check" in loaded
    assert not {m for m in loaded if m.startswith(("iamkb.simulate", "iamkb.compare", "iamkb.grants", "iamkb.job"))}


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_a_command_loads_no_other_command(capability):
    others = [c for c in CAPABILITIES if c != capability]
    loaded = _loaded_after(f"import iamkb.{capability}.cli")
    # compare and grants render their inputs first (`--set`), and job proves its plans with the others.
    allowed = {"compare": {"grants", "render"}, "grants": {"render"}, "job": set(CAPABILITIES)}.get(capability, set())
    unexpected = sorted(
        m for m in loaded for other in others if other not in allowed and m.startswith(f"iamkb.{other}")
    )
    assert not unexpected, f"iamkb {capability} loads {unexpected}"
