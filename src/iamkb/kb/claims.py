"""Claims about a policy, in words, checked by the evaluator: the notebooks' table of facts.

The guide says things like "the execution role can read the input bucket" or "only SageMaker
can assume the role". A `Claim` pairs such a sentence with one concrete request and the decision
the sentence implies; `check_claims` evaluates them all and returns a `ClaimTable` that shows each
decision and why (as Markdown in a notebook, as plain text elsewhere) and whose `assert_hold()`
fails naming every claim that no longer holds. So a notebook stops passing the moment a snippet,
the guide's reading of it, or the evaluator changes its answer.

The simulate module already decides and explains requests; this module only adds the sentence,
the expectation and the presentation, reusing `scenario.expectation_met` for what "holds" means.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from iamkb.core.enums import PolicyKind
from iamkb.render import render
from iamkb.simulate import Evaluation, Policies, Request, evaluate
from iamkb.simulate.scenario import EXPECTATIONS, expectation_met

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;"})


@dataclass(frozen=True)
class Claim:
    """One sentence about a policy and the request that tests it.

    `expect` is Allowed, ExplicitlyDenied, ImplicitlyDenied, or Denied (either kind of denial).
    """

    says: str
    request: Request
    expect: str

    def __post_init__(self):
        if self.expect not in EXPECTATIONS:
            raise ValueError(
                f"claim {json.dumps(self.says)}: expect must be one of {', '.join(EXPECTATIONS)}, "
                f"got {json.dumps(self.expect)}"
            )


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    result: Evaluation

    @property
    def holds(self) -> bool:
        return expectation_met(self.claim.expect, self.result.decision)

    @property
    def why(self) -> str:
        """The evaluator's reason; for a denial, also why each statement naming the action did not apply."""
        details = self.result.details
        assert details is not None  # check() evaluates with explain=True
        if self.result.allowed:
            return details["reason"]
        missed = [f"{s['name']}: {s['why']}" for s in details["statements"] if not s.get("applies") and s.get("why")]
        missing = details["missingAllow"]
        if not details["statements"] and missing and missing[0]["policyType"] is PolicyKind.IDENTITY:
            # nothing named the action in the identity-based policies: say so (the evaluator's own line)
            missed = [line for line in self.result.explanation[1:] if line.startswith("no statement")]
        return "; ".join([details["reason"], *missed])


class ClaimTable:
    """Checked claims, displayed as a table; `assert_hold()` raises AssertionError if any fails."""

    def __init__(self, checked: list[CheckedClaim]):
        self.checked = checked

    @property
    def failed(self) -> list[CheckedClaim]:
        return [c for c in self.checked if not c.holds]

    def assert_hold(self) -> ClaimTable:
        """Return the table when every claim holds, so a notebook cell can check and display at once."""
        if self.failed:
            lines = [f"{len(self.failed)} of {len(self.checked)} claims do not hold:"]
            for c in self.failed:
                lines.append(
                    f"- {c.claim.says}: {_request_text(c.claim.request)}: expected {c.claim.expect}, "
                    f"got {c.result.decision} ({c.why})"
                )
            raise AssertionError("\n".join(lines))
        return self

    def _common_principal(self) -> str | None:
        principals = {c.claim.request.principal for c in self.checked}
        return principals.pop() if len(principals) == 1 else None

    def _repr_markdown_(self) -> str:
        common = self._common_principal()
        lines = [f"Caller: `{common}`\n"] if common else []
        lines += ["| Holds | Claim | Request | Expected | Decision | Why |", "|---|---|---|---|---|---|"]
        for c in self.checked:
            cell = _request_text(c.claim.request, with_principal=common is None, quote=_code)
            lines.append(
                f"| {'yes' if c.holds else '**NO**'} | {markdown_text(c.claim.says)} | {cell} | "
                f"{c.claim.expect} | {c.result.decision} | {markdown_text(c.why)} |"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        common = self._common_principal()
        lines = [f"Caller: {common}"] if common else []
        for c in self.checked:
            lines.append(f"[{'holds' if c.holds else 'DOES NOT HOLD'}] {c.claim.says}")
            lines.append(f"    {_request_text(c.claim.request, with_principal=common is None)}")
            lines.append(f"    {c.result.decision} (expected {c.claim.expect}): {c.why}")
        return "\n".join(lines)

    __repr__ = __str__


def example_policy(snippet_id: str) -> dict:
    """A catalog snippet as a policy document, its placeholders filled with the catalog's example values.

    A statement snippet is meant to be added to a policy; on its own it becomes a policy holding just
    that statement, so it can be evaluated alone or next to the policy it extends.
    """
    rendered = render(snippet_id, use_examples=True)
    document = rendered.document()
    if rendered.snippet is not None and rendered.snippet.kind == "identity-statement":
        return {"Version": "2012-10-17", "Statement": [document]}
    return document


def identity_policies(*snippet_ids: str) -> Policies:
    """The caller's identity-based policies, from catalog snippets; explanations name each by its id."""
    return Policies(
        identity=[example_policy(i) for i in snippet_ids],
        labels={f"identity[{n}]": snippet_id for n, snippet_id in enumerate(snippet_ids)},
    )


def check_claims(policies: Policies, claims: list[Claim]) -> ClaimTable:
    return ClaimTable([CheckedClaim(claim, evaluate(policies, claim.request, explain=True)) for claim in claims])


def _request_text(request: Request, with_principal: bool = True, quote=str) -> str:
    """`action on resource with key=value by principal`; `quote` wraps each value (code spans in Markdown)."""
    text = f"{quote(request.action)} on {quote(request.resource)}"
    if request.context:
        text += " with " + ", ".join(quote(f"{k}={_value_text(v)}") for k, v in request.context.items())
    if with_principal:
        text += f" by {quote(request.principal or 'no principal')}"
    return text


def _code(text: str) -> str:
    return f"`{text}`"


def _value_text(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def markdown_text(text: str) -> str:
    """Plain text made safe for a Markdown table cell (the notebooks' other tables use it too)."""
    return text.replace("\n", " ").translate(_MARKDOWN_SPECIAL)
