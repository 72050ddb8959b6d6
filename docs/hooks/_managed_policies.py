"""The reference page "AWS managed policies under iamkb check": the checker run over every AWS managed policy.

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

from _site import REPO_ROOT, catalog_label, cell, name_code
from mkdocs.exceptions import PluginError

from iamkb.check.rules import corpus_stats
from iamkb.core.codes import CODES
from iamkb.core.findings import FindingType

PAGE = "reference/managed-policy-findings.md"
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
        f"{PAGE}: the AWS managed policies folder {directory} {what}. The page lints the team's copy of the"
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
        log.info(f"{PAGE}: linted {cached[1]['policies']} policies in {time.perf_counter() - started:.1f} s")
    return cached[1]


def _number(value: int) -> str:
    return f"{value:,}"


def _code_link(name: str) -> str:
    return f"[{name_code(name)}](finding-codes.md#{name.lower()})" if name in CODES else name_code(name)


def _code_table(finding_type: FindingType, fired: dict) -> list[str]:
    """One type's codes, most widespread first; the code's title goes under its name (three columns fit a phone)."""
    lines = [
        f"### {finding_type.value} {{ #codes-{finding_type.value.lower().replace('_', '-')} }}",
        "",
        '<div class="kb-findings" markdown>',
        "",
        "| Code | Findings | Policies |",
        "| --- | --: | --: |",
    ]
    for name, count in sorted(fired.items(), key=lambda item: (-item[1]["policies"], item[0])):
        title = f"<br>{cell(CODES[name].title)}" if name in CODES else ""
        lines.append(f"| {_code_link(name)}{title} | {_number(count['findings'])} | {_number(count['policies'])} |")
    lines += ["", "</div>"]
    silent = sorted(c.name for c in CODES.values() if c.finding_type == finding_type and c.name not in fired)
    if silent:
        lines += ["", "Never reported on these policies: " + ", ".join(_code_link(name) for name in silent) + "."]
    return lines


def managed_policies_page() -> str:
    stats = cached_stats(CORPUS_DIR)
    policies = stats["policies"]
    codes = stats["codes"]
    by_type = {t: {n: c for n, c in codes.items() if c["type"] == t.value} for t in FindingType}
    rejected = {t: sum(c["findings"] for c in by_type[t].values()) for t in (FindingType.ERROR, FindingType.WARNING)}
    lines = [
        "---",
        f"title: {TITLE}",
        "diataxis: reference",
        "---",
        f"# {TITLE}",
        "",
        f"AWS accepts every one of its managed policies, so the {_number(policies)} of them are a test of"
        " `iamkb check`: an ERROR (IAM would reject the policy) or a WARNING (valid, but probably not what was"
        " meant) on any of them would be a mistake of the checker. The numbers below come from running the"
        f" checker over all of them when this site was built, with the {catalog_label()}.",
        "",
    ]
    if not any(rejected.values()):
        lines += [
            f'!!! success "No ERROR and no WARNING on {_number(policies)} policies"',
            "",
            "    Every finding on AWS's own policies is a security warning or a suggestion: things AWS grants on"
            " purpose that deserve a look before you attach the policy, or a shorter way to write it.",
        ]
    else:
        found = "; ".join(f"{_number(n)} {t.value}" for t, n in rejected.items() if n)
        lines += [
            '!!! failure "The checker is wrong about some AWS managed policies"',
            "",
            f"    It reports {found} findings on policies AWS accepts: each is a false positive of iamkb to fix"
            " (their codes are listed below).",
        ]
    if stats["unreadable"]:
        lines += ["", f"{_number(stats['unreadable'])} files of the folder are not JSON objects and are not counted."]
    lines += [
        "",
        "## Findings by type",
        "",
        "| Type | Findings | Codes that fire |",
        "| --- | --: | --: |",
    ]
    for finding_type, fired in by_type.items():
        defined = sum(1 for c in CODES.values() if c.finding_type == finding_type)
        total = sum(c["findings"] for c in fired.values())
        lines.append(f"| `{finding_type.value}` | {_number(total)} | {len(fired)} of {defined} |")
    lines += [
        "",
        "## Findings by code",
        "",
        f"*Policies* counts the policies with at least one such finding, out of {_number(policies)}. Each code"
        " links to its entry among the [finding codes](finding-codes.md), which says what it means.",
    ]
    for finding_type, fired in by_type.items():
        if fired:
            lines += ["", *_code_table(finding_type, fired)]
    lines += [
        "",
        "## Run it yourself",
        "",
        "From the repository root, with the team's shared folder beside it:",
        "",
        "```bash",
        COMMAND,
        "```",
        "",
        "`--kind identity` because managed policies are identity-based policies; `--managed` because AWS exempts"
        " its managed policies from the size limit of customer managed policies, which dozens of them exceed."
        " The command prints every finding with its file, line and column, and exits with status 0 when none is"
        " an ERROR; add `--format json` for the list as data.",
    ]
    return "\n".join(lines) + "\n"
