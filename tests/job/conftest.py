"""`--update-snapshots` (or IAMKB_UPDATE_SNAPSHOTS=1) rewrites tests/job/snapshots/ from the current planner.

Snapshots are whole planned documents stored as files, so a change to the requirements table or the
planner shows up as a reviewable diff instead of a hand-edited expectation.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/job/snapshots/ (iamkb job plan)")


@pytest.fixture
def snapshot(request: pytest.FixtureRequest):
    """snapshot(name, value): compare `value` with snapshots/<name>.json, or rewrite it when updating."""
    update = (
        request.config.getoption("--update-snapshots", default=False) or os.environ.get("IAMKB_UPDATE_SNAPSHOTS") == "1"
    )

    def check(name: str, value: Any) -> None:
        path = SNAPSHOTS / f"{name}.json"
        text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no snapshot {path.name}: run pytest tests/job --update-snapshots and review the diff"
        assert json.loads(path.read_text(encoding="utf-8")) == value, (
            f"{path.name} differs from the plan: if the change is intended, run pytest tests/job --update-snapshots"
        )

    return check
