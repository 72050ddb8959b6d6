"""Fill a snippet's `<placeholders>` with checked values, keeping the snippet's own formatting.

Why values are checked here and not only by `iamkb check` afterwards: a wrong bucket name or a
ten-digit account id still makes a policy AWS accepts, one that silently grants nothing (or grants
the wrong account). The catalog's rules catch that at the source and say which naming rule broke.
The same rules drive the form on the site (`docs/javascripts/render-form.js`), so both accept and
reject exactly the same values.

Values are substituted inside the text, so the output is the snippet as published with only the
placeholders changed. A value is JSON-escaped before it goes in: values that pass a catalog rule
need no escaping, but a placeholder in a user's own file has no rule, and a quote or backslash
must not be able to end the string it sits in.

Also the one place that turns a command-line SNIPPET argument into policy text for `grants` and
`compare`, so a snippet with placeholders is filled the same way by every command. A path is read as
given (through `iamkb.core.jsonsource`, with its size limit and decoding rules): a snippet's verbatim
`NAME.original.txt` is that text, not the corrected snippet beside it.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from iamkb.core.errors import UsageError, os_error_text
from iamkb.core.output import same_file, shown_path
from iamkb.core.placeholders import placeholders, substitute
from iamkb.kb.snippets import (
    CONTROL_CHARACTER,
    CONTROL_MESSAGE,
    SNIPPETS_DIR,
    Placeholder,
    Snippet,
    load_catalog,
)


@dataclass(frozen=True)
class Rendered:
    """A policy ready to use: `text` has every placeholder filled (or had none)."""

    name: str  # the snippet id or the path as the user gave it
    text: str
    kind: str | None  # the `iamkb check` kind when known (catalog snippets)
    snippet: Snippet | None = None
    values: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # the file the text was read from: `-o` never overwrites it

    def document(self):
        """The parsed policy; anything the reader refuses (`iamkb.core.jsonsource.problems`: a syntax error,
        a duplicate key, ...) is a UsageError with its line and column."""
        from iamkb.core.jsonsource import parse_text, require

        return require(parse_text(self.text, self.name))

    @property
    def managed(self) -> bool:
        """An AWS managed policy (exempt from the size limit of customer policies)."""
        return self.snippet is not None and self.snippet.aws_managed


def catalog_placeholder(name: str) -> Placeholder | None:
    return load_catalog().placeholders.get(name)


def violations(name: str, value: str) -> list[str]:
    """What is wrong with `value` for placeholder `name` (empty list when it is fine)."""
    placeholder = catalog_placeholder(name)
    if placeholder is not None:
        return placeholder.rule.violations(value)
    problems = [CONTROL_MESSAGE] if CONTROL_CHARACTER.search(value) else []
    if not value:
        problems.append("must not be empty")
    return problems


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each `<name>` that has a value; the value is escaped for a JSON string."""

    def escaped(name: str) -> str | None:
        return json.dumps(values[name], ensure_ascii=False)[1:-1] if name in values else None

    return substitute(text, escaped)


def parse_assignments(assignments: list[str] | None) -> dict[str, str]:
    """`--set NAME=VALUE` options as a dict (`<NAME>=VALUE` is accepted too)."""
    values: dict[str, str] = {}
    for assignment in assignments or ():
        undecodable = next((c for c in assignment if 0xD800 <= ord(c) <= 0xDFFF), None)
        if undecodable is not None:
            byte = f" (byte 0x{ord(undecodable) - 0xDC00:02X})" if 0xDC80 <= ord(undecodable) <= 0xDCFF else ""
            raise UsageError(
                f"--set {shown_path(assignment)}: the value is not valid UTF-8 text{byte}\n"
                "hint: type the value again, or set the terminal to UTF-8 (LANG=C.UTF-8)"
            )
        name, equals, value = assignment.partition("=")
        name = name.strip()
        if name.startswith("<") and name.endswith(">"):
            name = name[1:-1]
        if not equals or not name:
            raise UsageError(
                f"--set {assignment}: expected NAME=VALUE\nhint: for example --set account-id=111122223333"
            )
        if name in values and values[name] != value:
            raise UsageError(
                f"--set {name} is given twice with different values ({shown(values[name])} and {shown(value)})"
            )
        values[name] = value
    return values


def shown(value: str) -> str:
    """A value as a JSON string, so quotes, spaces and control characters are visible and harmless."""
    return json.dumps(value, ensure_ascii=False)


def _describe(name: str) -> str:
    placeholder = catalog_placeholder(name)
    return f"<{name}> ({placeholder.rule.title})" if placeholder else f"<{name}>"


def _problems(name: str, names: list[str], values: dict[str, str], use_examples: bool) -> list[str]:
    """Every reason the values cannot fill `names` in the policy called `name`."""
    problems = []
    unknown = [n for n in values if n not in names]
    if unknown:
        listed = ", ".join(f"<{n}>" for n in names) if names else "none"
        for n in unknown:
            problems.append(f"--set {n}: {name} has no placeholder <{n}>; its placeholders: {listed}")
    for n in names:
        placeholder = catalog_placeholder(n)
        if n not in values:
            if use_examples and placeholder is None:
                problems.append(f"<{n}> has no example value in the catalog: give --set {n}=VALUE")
            elif not use_examples:
                example = placeholder.example if placeholder else "VALUE"
                problems.append(
                    f"missing a value for {_describe(n)}: give --set {n}={example} (your own value), or --example"
                )
            continue
        broken = violations(n, values[n])
        if broken:
            what = f"a valid {placeholder.rule.title}" if placeholder else "a valid value"
            see = f" (see {placeholder.rule.learn_more})" if placeholder else ""
            problems.append(f"<{n}> = {shown(values[n])} is not {what}: " + "; ".join(broken) + see)
    return problems


def render_text(text: str, name: str, values: dict[str, str] | None = None, *, use_examples: bool = False) -> str:
    """Fill the placeholders of policy `text`; raises UsageError listing every problem at once."""
    values = dict(values or {})
    names = placeholders(text)
    problems = _problems(name, names, values, use_examples)
    if problems:
        raise UsageError(f"{name}: cannot fill the placeholders\n" + "\n".join(f"  {p}" for p in problems))
    if use_examples:
        for n in names:
            placeholder = catalog_placeholder(n)
            if placeholder is not None:  # _problems reported every name without an example
                values.setdefault(n, placeholder.example)
    return fill(text, values)


def render(
    snippet: str | Path | Snippet, values: dict[str, str] | None = None, *, use_examples: bool = False
) -> Rendered:
    """Fill a catalog snippet (object, id or file) or any policy file; the Python API behind `iamkb render`.

    Every value is checked against its placeholder's naming rule in the catalog before it goes in;
    `use_examples` fills the placeholders left without a value with the catalog's examples. Problems
    raise UsageError, listing all of them at once. `Rendered.text` keeps the snippet's formatting;
    `Rendered.document()` parses it.

    Examples:
        >>> from iamkb.render import render
        >>> values = {"input-bucket-name": "my-in", "output-bucket-name": "my-out"}
        >>> filled = render("built-in-task-types", values)
        >>> filled.kind, filled.document()["Statement"][0]["Resource"]
        ('identity', ['arn:aws:s3:::my-in', 'arn:aws:s3:::my-out'])
        >>> render("built-in-task-types", use_examples=True).document()["Statement"][0]["Resource"]
        ['arn:aws:s3:::my-labeling-input', 'arn:aws:s3:::my-labeling-output']
        >>> render("built-in-task-types", dict(values, **{"input-bucket-name": "My_In"}))
        Traceback (most recent call last):
        ...
        iamkb.core.errors.UsageError: built-in-task-types: cannot fill the placeholders
          <input-bucket-name> = "My_In" is not a valid S3 bucket name (general purpose bucket): may contain only ...
    """
    target = snippet if isinstance(snippet, Snippet) else resolve_argument(str(snippet))
    if not isinstance(target, Snippet):
        return _render_file(target, _read_text(target), dict(values or {}), use_examples)
    filled = render_text(target.text(), target.id, values, use_examples=use_examples)
    return Rendered(target.id, filled, target.check_kind, target, dict(values or {}), target.path)


def render_each(
    snippets: list[str], values: dict[str, str] | None = None, *, use_examples: bool = False
) -> list[Rendered]:
    """Fill several policies from one set of values (`compare A B --set ...`): each takes the values
    of the placeholders it has; a value no policy has a placeholder for is an error."""
    values = dict(values or {})
    targets = [resolve_argument(s) for s in snippets]
    texts = [t.text() if isinstance(t, Snippet) else _read_text(t) for t in targets]
    names = [set(placeholders(text)) for text in texts]
    unused = [n for n in values if not any(n in found for found in names)]
    if unused:
        known = ", ".join(f"<{n}>" for n in sorted(set().union(*names))) or "none"
        raise UsageError(
            "\n".join(
                f"--set {n}: none of {', '.join(map(shown_path, snippets))} has a placeholder <{n}>" for n in unused
            )
            + f"\nhint: their placeholders: {known}"
        )
    return [
        render(target, {n: v for n, v in values.items() if n in found}, use_examples=use_examples)
        if isinstance(target, Snippet)
        else _render_file(target, text, {n: v for n, v in values.items() if n in found}, use_examples)
        for target, text, found in zip(targets, texts, names, strict=True)
    ]


@dataclass(frozen=True)
class PolicyFile:
    """A SNIPPET argument that names a file: the path as given, and the kind the catalog knows it as
    (a snippet's verbatim original is read as the kind of policy it was published as)."""

    given: str
    kind: str | None = None

    @property
    def path(self) -> Path:
        return Path(self.given)


def resolve_argument(argument: str) -> Snippet | PolicyFile:
    """A command-line SNIPPET argument: a catalog id, or a path, read as given.

    Only the path of a catalog snippet's own file is that snippet; any other existing path (a snippet's
    `.original.txt`, a pipe such as /dev/stdin or `<(...)`, a user's file) is a file. A directory or a
    path that cannot be looked at is refused with what it is, never called missing.
    """
    if argument == "":
        raise UsageError("an empty SNIPPET names nothing\nhint: give a catalog snippet id or the path of a policy file")
    try:
        status = os.stat(argument)
    except (FileNotFoundError, NotADirectoryError):
        status = None
    except OSError as exc:
        raise UsageError(f"{shown_path(argument)}: cannot look at this path: {os_error_text(exc)}") from None
    if status is None:
        if "/" in argument or argument.endswith((".json", ".txt")):
            what = "a symbolic link to a file that does not exist" if os.path.lexists(argument) else "no such file"
            raise UsageError(
                f"{shown_path(argument)}: {what}\nhint: give a catalog snippet id or the path of a policy file"
            )
        return load_catalog().get(argument)
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(
            f"{shown_path(argument)}: this is a directory, not a policy file\n"
            "hint: give one policy file (iamkb check walks directories)"
        )
    snippet = load_catalog().by_path(argument) if stat.S_ISREG(status.st_mode) else None
    if snippet is not None and snippet.path == Path(argument).resolve():
        return snippet
    return PolicyFile(argument, snippet.check_kind if snippet is not None else None)


def _render_file(target: PolicyFile, text: str, values: dict[str, str], use_examples: bool) -> Rendered:
    """Any policy file: its placeholders take the catalog's rules where the catalog knows their names."""
    filled = render_text(text, shown_path(target.given), values, use_examples=use_examples)
    return Rendered(shown_path(target.given), filled, target.kind, None, values, target.path)


def _read_text(target: PolicyFile) -> str:
    """The file's text through the one reader: its size limit, UTF-8 only, a byte order mark dropped."""
    from iamkb.core.jsonsource import read_text

    return read_text(target.path, target.given)


def check_output_path(output: str | Path, source: Rendered) -> Path:
    """Where `-o` may write: never into snippets/ (the published policies) nor over the input file, which is
    recognised by identity (device and inode), so a hard link or a symbolic link to it is refused too."""
    target = Path(output).resolve()
    snippets_dir = SNIPPETS_DIR.resolve()
    if target == snippets_dir or snippets_dir in target.parents:
        raise UsageError(
            f"-o {shown_path(output)}: refusing to write inside {snippets_dir}, which holds the published snippets\n"
            "hint: write the filled policy somewhere else, e.g. -o policy.json"
        )
    try:
        existing = os.stat(target)
    except OSError:
        return target  # a new file, or one write_file reports on
    if stat.S_ISDIR(existing.st_mode):
        raise UsageError(f"-o {shown_path(output)}: is a directory\nhint: give a file name")
    if source.file is not None:
        try:
            is_input = same_file(existing, os.stat(source.file))
        except OSError:
            is_input = False
        if is_input:
            raise UsageError(
                f"-o {shown_path(output)}: refusing to overwrite the input file {shown_path(source.file)} "
                "(the same file, perhaps through a link)\nhint: choose another output file"
            )
    return target
