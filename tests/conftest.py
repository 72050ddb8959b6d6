"""Suite-wide settings.

A full run (`make test`) must collect every test file there is: a folder name in `norecursedirs`
matches at any depth, which once made pytest skip tests/site without a word; this fails the run instead
if any test module or notebook is left out.

The modules marked `long` (a minute or more of one core each) are run first: `make test`'s two workers
take files in collection order as they finish others, so a long module taken last would leave one worker
running it alone at the end.

A notebook's kernel that dies before it answers (seen once in a clean-clone run, under the other worker's
browser load: "Kernel died before replying to kernel_info") is started once more, with a warning in the
run's summary; a kernel that dies again fails the notebook as before. Its cells are never re-run: only the
start of the process is retried.

Hypothesis runs without its per-example deadline: a deadline is a timing assertion, and on a loaded
machine it failed property tests that were right (speed is measured in bench/, not asserted in tests).
"""

import warnings
from pathlib import Path

import nbval.kernel
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


_start_new_kernel = nbval.kernel.start_new_kernel


def _start_new_kernel_twice(*args, **kwargs):
    try:
        return _start_new_kernel(*args, **kwargs)
    except RuntimeError as died:
        warnings.warn(f"a notebook kernel failed to start ({died}); starting it once more", stacklevel=2)
        return _start_new_kernel(*args, **kwargs)


nbval.kernel.start_new_kernel = _start_new_kernel_twice
