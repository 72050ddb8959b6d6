"""The reference page "AWS managed policies under iamkb check" (managed-policy-findings.md.j2).

AWS accepts each of its 1,644 managed policies, so together they are a test of the checker: an ERROR or a
WARNING on any of them is a false positive of iamkb. The page publishes the counts per finding code
(`iamkb.check.rules.corpus_stats`), so readers see that there are none and how often the security warnings and
suggestions fire on policies AWS writes itself.

The policies are the team's shared copy beside the repository, not part of it. A clone without that folder
cannot make this page, and the build fails saying where it looked rather than publishing a page without
numbers. Linting them takes a few seconds, so the result is kept between the rebuilds of `mkdocs serve`
(this module is imported once per process) until the folder changes.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from _site import REPO_ROOT
from mkdocs.exceptions import PluginError

from iamkb.check import all_codes
from iamkb.check.rules import corpus_stats
from iamkb.core.findings import FindingType
from pages import render

CODES = all_codes()  # every code, the rule modules' included

TEMPLATE = "managed-policy-findings.md.j2"
URI = "reference/managed-policy-findings.md"
TITLE = "AWS managed policies under iamkb check"
CORPUS_FROM_ROOT = "../shared/data/aws-managed-policies/policies"  # as the reader types it in the command
CORPUS_DIR = Path(os.path.normpath(REPO_ROOT / CORPUS_FROM_ROOT))
COMMAND = f"iamkb check --kind identity --managed {CORPUS_FROM_ROOT}"

log = logging.getLogger(f"mkdocs.hooks.{__name__}")
_cache: dict[Path, tuple[tuple[int, int, int], dict]] = {}


def fingerprint(directory: Path) -> tuple[int, int, int]:
    """Changes whenever the corpus does: the folder's mtime moves when a policy is added, removed or
    renamed; the newest policy mtime and the count catch a policy edited in place, which the folder's
    mtime does not see. Stating 1,644 files takes milliseconds; linting them takes seconds."""
    try:
        folder = directory.stat().st_mtime_ns
        times = [entry.stat().st_mtime_ns for entry in os.scandir(directory) if entry.name.endswith(".json")]
    except FileNotFoundError:
        raise PluginError(_missing(directory, "does not exist")) from None
    except NotADirectoryError:
        raise PluginError(_missing(directory, "is not a directory")) from None
    if not times:
        raise PluginError(_missing(directory, "holds no *.json policy files"))
    return folder, max(times), len(times)


def _missing(directory: Path, what: str) -> str:
    return (
        f"{URI}: the AWS managed policies folder {directory} {what}. The page lints the team's copy of the"
        f" 1,644 AWS managed policies, expected at {CORPUS_FROM_ROOT} from the repository root ({REPO_ROOT})."
        " Put the team's shared folder beside the repository and build again."
    )


def cached_stats(directory: Path) -> dict:
    """`iamkb.check.rules.corpus_stats` of the folder, computed again only when its fingerprint changes."""
    key = fingerprint(directory)
    cached = _cache.get(directory)
    if cached is None or cached[0] != key:
        started = time.perf_counter()
        cached = (key, corpus_stats(directory, "identity", managed=True))
        _cache[directory] = cached
        log.info(f"{URI}: linted {cached[1]['policies']} policies in {time.perf_counter() - started:.1f} s")
    return cached[1]


def context(directory: Path | None = None) -> dict:
    """The counts of the folder (by default the team's copy, `CORPUS_DIR`), per finding type and code."""
    stats = cached_stats(CORPUS_DIR if directory is None else directory)
    codes = stats["codes"]
    types = []
    for finding_type in FindingType:
        fired = {name: count for name, count in codes.items() if count["type"] == finding_type.value}
        types.append(
            {
                "name": finding_type.value,
                "anchor": "codes-" + finding_type.value.lower().replace("_", "-"),
                "defined": sum(1 for c in CODES.values() if c.finding_type == finding_type),
                "findings": sum(c["findings"] for c in fired.values()),
                # Most widespread first.
                "fired": sorted(fired.items(), key=lambda item: (-item[1]["policies"], item[0])),
                "silent": sorted(
                    c.name for c in CODES.values() if c.finding_type == finding_type and c.name not in fired
                ),
            }
        )
    rejected = [t for t in types if t["name"] in (FindingType.ERROR.value, FindingType.WARNING.value) and t["findings"]]
    return {
        "title": TITLE,
        "meta_title": TITLE,
        "policies": stats["policies"],
        "unreadable": stats["unreadable"],
        "types": types,
        "rejected": rejected,
        "titles": {name: code.title for name, code in CODES.items()},
        "command": COMMAND,
    }


def markdown() -> str:
    return render(TEMPLATE, **context())
