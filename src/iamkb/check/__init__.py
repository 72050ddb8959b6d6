"""Check policy files: JSON syntax, IAM grammar (schema) and catalog-backed lint, in one pass.

The pipeline for each file is read (`jsonsource`) -> grammar (`schema`) -> lint
(`iamkb.check.rules.lint_document`) -> line:column for every finding from its pointer -> sort by line.
A recovered document (after a small syntax error) goes through the whole pipeline, so a user sees
every problem in one run.

Python API (notebooks, the site): `check_paths(paths)` and `check_document(document_or_text, kind)`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iamkb.core.codes import CODES, Code
from iamkb.core.enums import PolicyKind
from iamkb.core.errors import os_error_text
from iamkb.core.findings import Finding
from iamkb.core.jsonsource import Source, characters_iam_rejects, from_document, parse_bytes, parse_text, read_source
from iamkb.core.output import clip, shown_path

KINDS = (
    PolicyKind.IDENTITY,
    PolicyKind.RESOURCE,
    PolicyKind.TRUST,
    PolicyKind.STATEMENT,
    PolicyKind.SCP,
    PolicyKind.RCP,
)  # `iamkb check --kind`, besides auto (which never guesses scp or rcp: see infer_kind)
# Findings about input that could not be read at all: `iamkb check` exits 2 on these.
UNREADABLE_INPUT = frozenset({"INPUT_NOT_FOUND", "INPUT_UNREADABLE", "INPUT_NO_JSON_FILES"})
# Findings that mean a file was not checked at all: `--ignore` refuses them, or a run that checked
# nothing would pass.
NOT_IGNORABLE = UNREADABLE_INPUT | {"JSON_TOO_LARGE", "JSON_NOT_UTF8", "JSON_EMPTY_FILE", "JSON_TOO_DEEP"}
# Kinds whose text IAM itself stores (identity and trust policies; a statement ends up in an identity
# policy). Resource-based policies belong to other services, with their own character rules.
_IAM_TEXT_KINDS = frozenset({PolicyKind.IDENTITY, PolicyKind.TRUST, PolicyKind.STATEMENT})
# Actions a role trust policy allows; a document whose statements all name a principal and only
# these actions is a trust policy, any other document with principals a resource-based policy.
_TRUST_ACTION = re.compile(r"^sts:(AssumeRole[A-Za-z]*|TagSession|SetSourceIdentity|SetContext|\*)$", re.I)


@dataclass
class CheckRun:
    """What `iamkb check` reports: the findings and how many files were read."""

    findings: list[Finding]
    files_checked: int


def check_paths(
    paths: Iterable[str | Path],
    kind: str = "auto",
    *,
    managed: bool = False,
    size_limit: int | None = None,
    ignore: Iterable[str] = (),
    templates: bool | None = None,
) -> list[Finding]:
    """Findings for files and directories (walked recursively for *.json), sorted by file and line.

    The Python API behind `iamkb check`. `kind` is "auto" (a knowledge-base snippet's kind
    from the catalog, else guessed from the content), "identity", "resource", "trust", "statement",
    "scp" (an AWS Organizations service control policy) or "rcp" (a resource control policy).
    `managed` reads the files as AWS managed policies, which AWS exempts from the size limit;
    `ignore` drops findings by code. `templates` says whether the files are templates (see
    `check_document`); None (default) reads the snippet catalog's own files as templates and any other
    file as a policy. A path that cannot be read is a finding (INPUT_NOT_FOUND, ...),
    not an exception, so one bad path does not hide the others' results.

    Examples:
        >>> import pathlib, tempfile
        >>> from iamkb.check import check_paths
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "grant.json").write_text('''{"Version": "2012-10-17", "Statement": [
        ...     {"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*"}]}''')
        >>> [(pathlib.Path(f.path).name, f.code, f.line) for f in check_paths([folder])]
        [('grant.json', 'KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION', 2)]
        >>> check_paths([folder], ignore=["KMS_GRANT_WITHOUT_AWS_RESOURCE_CONDITION"])
        []
        >>> [f.code for f in check_paths([folder / "missing.json"])]
        ['INPUT_NOT_FOUND']
    """
    return run_check(paths, kind, managed=managed, size_limit=size_limit, ignore=ignore, templates=templates).findings


def check_document(
    document_or_text: Any,
    kind: str = "auto",
    path: str = "<document>",
    *,
    managed: bool = False,
    size_limit: int | None = None,
    templates: bool = False,
) -> list[Finding]:
    """Findings for one policy given as text (str), raw file content (bytes) or parsed JSON (dict/list).

    Text and bytes are held to the same size limit as files (1 MiB of UTF-8, see `iamkb.core.jsonsource`).
    `kind` is as for `check_paths`; `path` names the document in the findings. Findings on text carry
    a line and column; findings on a parsed document only their JSON pointer (RFC 6901).

    `templates=True` reads the document as a template or a documentation example, such as the
    snippet catalog's files: its `<placeholders>` are reported as TEMPLATE_PLACEHOLDER warnings
    rather than UNFILLED_PLACEHOLDER errors, and AWS's documentation example values (EXAMPLE_VALUE)
    are expected there. A policy about to be used (`iamkb render` output) is checked without it.

    Examples:
        >>> from iamkb.check import check_document
        >>> text = '''{"Version": "2012-10-17", "Statement": [
        ...     {"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}]}'''
        >>> [(f.code, f.finding_type.value, f.pointer, f.line, f.column) for f in check_document(text)]
        [('SCHEMA_INVALID_EFFECT', 'ERROR', '/Statement/0/Effect', 2, 6)]
        >>> statement = {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::b/*"}
        >>> policy = {"Version": "2012-10-17", "Statement": [statement]}
        >>> [(f.code, f.pointer) for f in check_document(policy)]
        [('UNKNOWN_ACTION', '/Statement/0/Action')]
        >>> statement["Action"] = "s3:GetObject"
        >>> check_document(policy)
        []
    """
    if isinstance(document_or_text, str):
        source = parse_text(document_or_text, path)
    elif isinstance(document_or_text, bytes):
        source = parse_bytes(document_or_text, path)
    else:
        source = from_document(document_or_text, path)
    return check_source(source, kind, managed=managed, size_limit=size_limit, templates=templates)


def run_check(
    paths: Iterable[str | Path],
    kind: str = "auto",
    *,
    managed: bool = False,
    size_limit: int | None = None,
    ignore: Iterable[str] = (),
    templates: bool | None = None,
) -> CheckRun:
    _require_kind(kind)
    ignored = _require_codes(ignore)
    files, findings = collect_files(paths)
    for file, display in files:
        source = read_source(file, display)
        catalog_kind, catalog_managed = catalog_facts(file)
        file_kind = catalog_kind if kind == "auto" and catalog_kind else kind
        template = templates if templates is not None else catalog_kind is not None  # a catalog file is one
        findings.extend(
            check_source(
                source, file_kind, managed=managed or catalog_managed, size_limit=size_limit, templates=template
            )
        )
    return CheckRun([f for f in findings if f.code not in ignored], len(files))


def check_source(
    source: Source,
    kind: str = "auto",
    *,
    managed: bool = False,
    size_limit: int | None = None,
    templates: bool = False,
) -> list[Finding]:
    """Run grammar and lint checks on a read source and locate every finding."""
    _require_kind(kind)
    findings = list(source.findings)
    if source.has_document:
        from iamkb.check import schema
        from iamkb.check.rules import lint_document

        document = source.document
        kind = infer_kind(document) if kind == "auto" else kind
        if kind in _IAM_TEXT_KINDS:
            findings.extend(characters_iam_rejects(source))
        findings.extend(schema.validate(document, kind, source.path))
        if isinstance(document, dict):
            findings.extend(
                lint_document(document, kind, source.path, managed=managed, size_limit=size_limit, templates=templates)
            )
    return sorted((_locate(f, source) for f in findings), key=_by_line)


def infer_kind(document: Any) -> PolicyKind:
    """Guess the policy kind from its content, for files the snippet catalog does not describe.

    A bare statement (Effect at top level, no Statement) is a statement. A policy whose every
    statement names a principal is a trust policy when it only allows role-assumption actions,
    else a resource-based policy. Anything else is an identity policy (a policy where only some
    statements name a principal is an identity policy with misplaced principals). An SCP reads like an
    identity policy and an RCP like a resource-based one, so neither is ever guessed: name them with
    `--kind scp` or `--kind rcp`.
    """
    if not isinstance(document, dict):
        return PolicyKind.IDENTITY
    if "Statement" not in document and "Effect" in document:
        return PolicyKind.STATEMENT
    statements = document.get("Statement")
    statements = [statements] if isinstance(statements, dict) else statements
    if not isinstance(statements, list) or not statements:
        return PolicyKind.IDENTITY
    if not all(isinstance(s, dict) and ("Principal" in s or "NotPrincipal" in s) for s in statements):
        return PolicyKind.IDENTITY
    actions = [a for s in statements for a in _as_list(s.get("Action", s.get("NotAction")))]
    if actions and all(isinstance(a, str) and _TRUST_ACTION.match(a) for a in actions):
        return PolicyKind.TRUST
    return PolicyKind.RESOURCE


def catalog_facts(path: str | Path) -> tuple[str | None, bool]:
    """(kind, is an AWS managed policy) for a snippet catalog file; (None, False) for any other file."""
    from iamkb.kb import snippets

    # Only files under snippets/ can be in the catalog; the prefix test spares a resolve() per file.
    if not os.path.abspath(path).startswith(str(snippets.SNIPPETS_DIR)) or not snippets.CATALOG_PATH.is_file():
        return None, False
    snippet = snippets.load_catalog().by_path(path)
    if snippet is None:
        return None, False
    return snippet.check_kind, snippet.aws_managed


def collect_files(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """The files to check, as (path, path as the user sees it), and findings for paths that give none.

    Directories are walked recursively for *.json files in sorted order, skipping hidden
    directories (.git, .venv, ...) and the snippet catalog (data about policies, not a policy).
    A file named explicitly is checked whatever its extension.
    """
    from iamkb.kb.snippets import CATALOG_PATH

    catalog = CATALOG_PATH.resolve()
    files: list[tuple[Path, str]] = []
    findings: list[Finding] = []
    seen: set[str] = set()

    def add(path: Path, display: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append((path, display))

    for given in paths:
        if os.fspath(given) == "":
            from iamkb.core.errors import UsageError

            raise UsageError("an empty path names no file\nhint: give a policy file or a directory (. for this one)")
        display = shown_path(given)
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:  # a name too long, a directory we may not enter, ...
            findings.append(
                CODES["INPUT_UNREADABLE"].finding(
                    display,
                    f"cannot look at this path: {os_error_text(exc)}",
                    hint="check the path and the permissions of its folders",
                )
            )
            continue
        if mode is not None and stat.S_ISDIR(mode):
            found, unreadable = _json_files(path)
            found = sorted(f for f in found if f.name != catalog.name or f.resolve() != catalog)
            for where, message, hint in unreadable:
                findings.append(
                    CODES["INPUT_UNREADABLE"].finding(
                        shown_path(os.path.join(display, os.path.relpath(where, path))), message, hint=hint
                    )
                )
            if not found and not unreadable:
                findings.append(
                    CODES["INPUT_NO_JSON_FILES"].finding(
                        display,
                        "no *.json files in this directory or its subdirectories (hidden ones are skipped)",
                        hint="check the path, or name the files to check explicitly",
                    )
                )
            for file in found:
                add(file, os.path.join(display, os.path.relpath(file, path)))
        elif mode is not None:
            add(path, display)
        elif os.path.lexists(path):
            findings.append(
                CODES["INPUT_NOT_FOUND"].finding(
                    display,
                    "this is a symbolic link to a file that does not exist",
                    hint="check where the link points",
                )
            )
        else:
            findings.append(
                CODES["INPUT_NOT_FOUND"].finding(
                    display, "no such file or directory", hint="check the path and its spelling"
                )
            )
    return files, findings


def _json_files(directory: Path) -> tuple[list[Path], list[tuple[Path, str, str]]]:
    """Regular *.json files below `directory` (hidden folders skipped), and what could not be read,
    as (path, message, hint). A pipe, socket or device named *.json is reported, never opened:
    reading one could block forever."""
    found: list[Path] = []
    unreadable: list[tuple[Path, str, str]] = []

    def on_error(exc: OSError) -> None:
        unreadable.append(
            (
                Path(exc.filename),
                f"cannot list this directory: {os_error_text(exc)}",
                "check the directory's permissions",
            )
        )

    for root, dirs, names in os.walk(directory, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            file = Path(root, name)
            if not name.endswith(".json"):
                continue
            if file.is_file():
                found.append(file)
            else:
                unreadable.append(
                    (
                        file,
                        "not a regular file (a pipe, socket or device); it was not opened",
                        "name it explicitly if you really mean to read from it",
                    )
                )
    return found, unreadable


def _locate(finding: Finding, source: Source) -> Finding:
    if finding.line is not None or finding.path != source.path:
        return finding
    position = source.position(finding.pointer)
    if position is None:
        return finding
    return dataclasses.replace(finding, line=position[0], column=position[1])


def _by_line(finding: Finding) -> tuple:
    return (finding.line is not None, finding.line or 0, finding.column or 0)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _require_kind(kind: str) -> None:
    if kind != "auto" and kind not in KINDS:
        from iamkb.core.errors import UsageError

        raise UsageError(f"unknown policy kind '{kind}'\nhint: use one of auto, {', '.join(KINDS)}")


def all_codes() -> dict[str, Code]:
    """Every finding code, in definition order. The rule modules `define` their own codes when they are
    imported, which `import iamkb.check` does not do (it stays light); whatever lists all codes (SARIF's
    rules, the reference page, `--ignore`) reads them here."""
    import iamkb.check.rules  # noqa: F401

    return CODES


def _require_codes(codes: Iterable[str]) -> set[str]:
    import difflib

    from iamkb.core.errors import UsageError

    all_codes()

    wanted = {code.strip().upper() for item in codes for code in item.split(",") if code.strip()}
    for code in sorted(wanted - CODES.keys()):
        close = difflib.get_close_matches(code, CODES, n=1)
        hint = (
            f"did you mean {close[0]}?" if close else "the codes are listed on the site's finding-code reference page"
        )
        raise UsageError(f"--ignore: unknown finding code '{clip(code)}'\nhint: {hint}")
    for code in sorted(wanted & NOT_IGNORABLE):
        raise UsageError(
            f"--ignore: {code} cannot be ignored: it means a file was not checked at all, and a run that "
            "checked nothing must not pass\nhint: fix or leave out the path it names"
        )
    return wanted
