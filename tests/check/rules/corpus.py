"""The AWS managed policy corpus, shared by the lint tests that run over it.

The corpus lives in the team's shared data (a sibling of the repository, also in CI); set
IAMKB_MANAGED_CORPUS to use another copy.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

CORPUS = Path(
    os.environ.get(
        "IAMKB_MANAGED_CORPUS",
        Path(__file__).resolve().parents[3].parent / "shared" / "data" / "aws-managed-policies" / "policies",
    )
)


@cache
def managed_policies() -> tuple[tuple[str, object], ...]:
    files = sorted(CORPUS.glob("*.json"))
    assert len(files) == 1644, f"expected the 1,644 AWS managed policies in {CORPUS}, found {len(files)}"
    return tuple((str(path), json.loads(path.read_text(encoding="utf-8"))) for path in files)


def iter_policies() -> Iterator[tuple[str, object]]:
    yield from managed_policies()
