"""Every finding code: its registry entry is complete, its example produces it, its fix does not.

The examples (iamkb.check.examples) are what the site's finding-code reference page shows, so each
one is run here through the public API a user or notebook calls: `check_document` for a policy's
text, `check_paths` on a real file for what only a file can show (a path, its permissions, its
bytes). A code added to the registry without an example, or an example whose code no longer
fires, fails this file.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from iamkb.check import KINDS, check_document, check_paths
from iamkb.check.examples import EXAMPLES, Example
from iamkb.check.examples import example as example_of
from iamkb.check.examples import fixed as fixed_of
from iamkb.core.codes import CODES, Code
from iamkb.core.findings import Finding, FindingType

NAMES = sorted(CODES)
# Longest example text the reference page prints in full; longer ones are generated and carry a note.
SHOWN_LINES = 25
UNPRIVILEGED_UID = 65534  # nobody: root reads files whatever their permissions, so the check drops to it


def _is_plain_text(example: Example) -> bool:
    """A policy given as text: no path, permissions or bytes that only a file on disk can show."""
    return isinstance(example.text, str) and example.given is None and example.mode is None


def run(example: Example, directory: Path) -> list[Finding]:
    """The findings `iamkb check --kind KIND` reports for the example, as a user would meet them."""
    if _is_plain_text(example):
        return check_document(example.text, example.kind, example.file, templates=example.templates)
    return check_on_disk(example, directory)


def check_on_disk(example: Example, directory: Path) -> list[Finding]:
    """Write the example's file under `directory` and run `check_paths` from there, as `iamkb check` would."""
    file = directory / example.file
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(example.text if isinstance(example.text, bytes) else example.text.encode("utf-8"))
    if example.mode is not None:
        file.chmod(example.mode)
    templates = True if example.templates else None  # as `iamkb check --templates`, else as the CLI decides
    with contextlib.chdir(directory):
        if example.mode is not None and os.geteuid() == 0:
            check_paths([example.path], example.kind)  # load what the check imports lazily while still root
            directory.chmod(0o711)  # let the unprivileged user reach the file from here
            with _unprivileged():
                return check_paths([example.path], example.kind, templates=templates)
        return check_paths([example.path], example.kind, templates=templates)


@contextlib.contextmanager
def _unprivileged():
    """Run as an ordinary user for a moment: root bypasses permission bits, so 000 would not be seen."""
    os.seteuid(UNPRIVILEGED_UID)
    try:
        yield
    finally:
        os.seteuid(0)


def codes_of(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def test_every_code_has_an_example_and_a_fix():
    assert set(EXAMPLES) == set(CODES), "add an (example, fixed) pair to iamkb.check.examples for each new code"
    for name in NAMES:
        assert isinstance(example_of(name), Example) and isinstance(fixed_of(name), Example)


@pytest.mark.parametrize("name", NAMES)
def test_registry_entry_is_complete(name):
    code: Code = CODES[name]
    assert code.name == name and re.fullmatch(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)+", name)
    assert isinstance(code.finding_type, FindingType)
    assert code.title.strip() and code.title == code.title.strip() and not code.title.endswith(".")
    assert len(code.description.strip()) >= 40, "the description says why the code matters"
    if code.learn_more is not None:
        url = urlsplit(code.learn_more)
        assert url.scheme == "https" and url.netloc, code.learn_more
    finding = code.finding("policy.json", "a message")
    assert finding.learn_more == (code.learn_more or f"reference/finding-codes/#{name.lower()}")


@pytest.mark.parametrize("name", NAMES)
def test_example_is_short_and_checkable(name):
    for example in (example_of(name), fixed_of(name)):
        assert example.kind in KINDS
        assert not Path(example.file).is_absolute() and ".." not in Path(example.file).parts
        if isinstance(example.text, str) and len(example.text.splitlines()) > SHOWN_LINES:
            assert example.note, "a text too long to print needs a note saying what it is"
        if isinstance(example.text, bytes) or example.given is not None or example.mode is not None:
            assert example.note, "what the text cannot show (bytes, a path, permissions) is said in the note"


@pytest.mark.parametrize("name", NAMES)
def test_example_produces_the_code_with_a_hint(name, tmp_path):
    findings = [f for f in run(example_of(name), tmp_path) if f.code == name]
    assert findings, f"the example of {name} does not produce it"
    for finding in findings:
        assert finding.finding_type is CODES[name].finding_type
        assert finding.hint and finding.hint.strip(), f"{name}: the finding does not say what to do"
        assert finding.message.strip() and finding.path


@pytest.mark.parametrize("name", NAMES)
def test_fixed_does_not_produce_the_code(name, tmp_path):
    findings = run(fixed_of(name), tmp_path)
    assert name not in codes_of(findings)
    errors = sorted(f.code for f in findings if f.finding_type is FindingType.ERROR)
    assert not errors, f"the fixed example of {name} still has errors: {errors}"


@pytest.mark.parametrize("name", [n for n in NAMES if _is_plain_text(example_of(n))])
def test_file_and_text_agree(name, tmp_path):
    """The same text checked as a file (what `iamkb check` does) gives the same findings."""
    example = example_of(name)
    as_text = check_document(example.text, example.kind, example.file, templates=example.templates)
    as_file = check_on_disk(example, tmp_path)
    assert [(f.code, f.pointer, f.line, f.column) for f in as_file] == [
        (f.code, f.pointer, f.line, f.column) for f in as_text
    ]
