"""The IAM grammar schema itself: where it is, its entry point per policy kind, its own keyword.

Both the validator (`schema`) and the plain-words translation of its errors (`schema_findings`) read
the grammar; keeping it here lets each import it without importing the other.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from iamkb.core.data import SCHEMAS_DIR

SCHEMA_PATH = SCHEMAS_DIR / "iam-policy.schema.json"
ENTRY_POINTS = {
    "identity": "identityPolicy",
    "resource": "resourcePolicy",
    "trust": "trustPolicy",
    "statement": "statement",
    "scp": "scpPolicy",
    "rcp": "rcpPolicy",
}
CODE_KEYWORD = "x-iamkb-code"


@cache
def load_schema() -> dict[str, Any]:
    """The grammar as JSON (read once per process)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
