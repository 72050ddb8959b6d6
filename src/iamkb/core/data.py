"""Where the files the commands read are: `iamkb/_data`, inside the package, checkout or wheel alike.

The grammar schema and the snippets have one source each, the top-level `schemas/` and `snippets/`
folders. In the checkout `src/iamkb/_data/{schemas,snippets}` are symlinks to them; a built wheel
carries the files themselves (pyproject.toml's package-data). So code never looks for the repository,
and a command run from any directory of an installed `iamkb` finds what it needs.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "_data"
# Resolved, so paths made from these compare equal to the files' real paths (in the checkout, the
# top-level folders).
SCHEMAS_DIR = (DATA_DIR / "schemas").resolve()
SNIPPETS_DIR = (DATA_DIR / "snippets").resolve()
