"""Small helpers for the lint tests: build policies, run the lint, pick findings by code."""

from __future__ import annotations

from iamkb.check.rules import lint_document
from iamkb.core.findings import Finding


def policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action, resource="*", **rest) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **rest}


def lint(document, kind: str = "identity", **options) -> list[Finding]:
    return lint_document(document, kind, "policy.json", **options)


def with_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}
