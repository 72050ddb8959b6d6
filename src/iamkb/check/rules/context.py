"""What a check receives: the document, its kind, its statements, and how to make a finding."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from iamkb.check.rules import aws_deviations
from iamkb.core.codes import CODES
from iamkb.core.findings import Finding
from iamkb.core.policy import Statement, parse


class LintContext:
    def __init__(
        self,
        document: Any,
        kind: str,
        path: str,
        *,
        managed: bool = False,
        size_limit: int | None = None,
        apply_aws_deviations: bool = True,
        templates: bool = False,
    ):
        self.document = document
        self.kind = kind
        self.path = path
        self.managed = managed
        self.size_limit = size_limit
        # A template or documentation example (the snippet catalog's files): placeholders and AWS's
        # documentation example values are expected in it (see iamkb.check.check_document).
        self.templates = templates
        self.apply_aws_deviations = apply_aws_deviations  # off only in the test that rebuilds aws_deviations.KNOWN

    @cached_property
    def statements(self) -> list[Statement]:
        return parse(self.document, self.kind).statements  # the lenient reading: the schema reports bad values

    def statement_kind(self, statement: Statement) -> str:
        """The kind of policy the statement is in; a bare statement (kind `statement`) is read as the
        grammar schema reads it: resource when it names a Principal and a Resource, trust when it names a
        Principal but no Resource, identity otherwise."""
        if self.kind != "statement":
            return self.kind
        if statement.principal_element is None:
            return "identity"
        return "resource" if statement.resource_element else "trust"

    def known_to_aws(self, code: str, subject: str) -> bool:
        """Will a finding of `code` about `subject` be downgraded (see aws_deviations)? Lets a check
        skip work, such as did-you-mean suggestions, that such a finding does not show."""
        return self.apply_aws_deviations and aws_deviations.is_known(code, subject)

    def finding(self, code: str, message: str, at: str, hint: str, subject: str | None = None) -> Finding:
        """A finding of `code`; `subject` is the exact value it is about (action, key, ARN), used to
        recognise the values AWS managed policies are known to use (see aws_deviations)."""
        extra = {"subject": subject} if subject is not None else {}
        if subject is not None and self.known_to_aws(code, subject):
            return CODES["USED_BY_AWS_MANAGED_POLICIES"].finding(
                self.path,
                f"{message} AWS managed policies use this exact value, so it is reported as a suggestion.",
                pointer=at,
                hint=hint,
                extra={**extra, "insteadOf": code},
            )
        return CODES[code].finding(self.path, message, pointer=at, hint=hint, extra=extra)
