"""What an example of a finding code is: a file as a user would give it to `iamkb check`.

A rule module keeps its codes' examples beside its check (`EXAMPLES = {code: (example, fixed)}`);
`iamkb.check.examples` holds the older codes' pairs and gathers every module's. `mistake` builds
the common pair, a correct document and the same document with one mistake.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """A file as a user would give it to `iamkb check --kind KIND`: the reference page shows it.

    Most examples are just `kind` and `text`. The other fields describe the few situations that
    are not in the text: the file's name and place, the path given on the command line (a typo, a
    directory), its permissions, whether it is checked as a template. `note` says in words what the text cannot show (an encoding, a
    generated file too long to print); the page shows it beside (or instead of) the text.
    """

    kind: str  # identity | resource | trust | statement | scp | rcp, as `iamkb check --kind` takes it
    text: str | bytes  # the exact file content; bytes when the encoding is the point
    note: str = ""
    file: str = "policy.json"  # where the file is, relative to the directory `iamkb check` runs in
    given: str | None = None  # the path given to `iamkb check` when it is not `file`
    mode: int | None = None  # the file's permission bits when they are the point (0o000: unreadable)
    templates: bool = False  # checked as a template (`iamkb check --templates`), as the catalog's files are

    @property
    def path(self) -> str:
        """The path given to `iamkb check`."""
        return self.file if self.given is None else self.given


def mistake(kind: str, fixed: str, right: str, wrong: str, note: str = "") -> tuple[Example, Example]:
    """(example, fixed): `fixed` with its one occurrence of `right` written as `wrong`."""
    if fixed.count(right) != 1:
        raise ValueError(f"{right!r} must occur exactly once in the fixed document")
    return Example(kind, fixed.replace(right, wrong), note), Example(kind, fixed)


def policy(*statements: str) -> str:
    """A policy around statements that are written at their final indentation."""
    return '{\n  "Version": "2012-10-17",\n  "Statement": [\n' + ",\n".join(statements) + "\n  ]\n}\n"


# The execution role's trust policy with the confused-deputy guard: the starting document of several rule
# modules' examples and of iamkb.check.examples (one copy; rule modules cannot import that module).
TRUST_POLICY = policy("""\
    {
      "Effect": "Allow",
      "Principal": {"Service": "sagemaker.amazonaws.com"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}
    }""")
# A listing limited to a prefix, the starting document of two condition modules' examples.
LIST_IMAGES = policy("""\
    {
      "Sid": "ListOnlyTheImages",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::my-labeling-input",
      "Condition": {"StringLike": {"s3:prefix": "images/*"}}
    }""")
