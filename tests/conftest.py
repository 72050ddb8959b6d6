"""Suite-wide settings.

A full run (`make test`) must collect every test file there is: a folder name in `norecursedirs`
matches at any depth, which once made pytest skip tests/site without a word; this fails the run instead
if any test module or notebook is left out.

The modules marked `long` (a minute or more of one core each) are run first: `make test`'s two workers
take files in collection order as they finish others, so a long module taken last would leave one worker
running it alone at the end.

Hypothesis runs without its per-example deadline: a deadline is a timing assertion, and on a loaded
machine it failed property tests that were right (speed is measured in bench/, not asserted in tests).
"""

from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("iamkb", deadline=None)
settings.load_profile("iamkb")

ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.args != list(session.config.getini("testpaths")):
        return  # a run of chosen files or folders collects what was asked
    expected = {p for p in (ROOT / "tests").rglob("test_*.py")} | set((ROOT / "notebooks").glob("*.ipynb"))
    collected = {Path(item.path) for item in session.items}
    missing = sorted(str(p.relative_to(ROOT)) for p in expected - collected)
    if missing:
        raise pytest.UsageError("these test files were not collected: " + ", ".join(missing))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: files keep their order
