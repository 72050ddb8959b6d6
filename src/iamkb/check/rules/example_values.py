"""Values copied from documentation examples and never replaced: an account id or a bucket name that
only exists in examples.

AWS's documentation writes its example policies with the same few values: the account ids
111122223333 and 444455556666 (for instance in the IAM and KMS guides' cross-account policies,
https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html) and
123456789012 (Access Analyzer's own examples,
https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html), and
buckets named amzn-s3-demo-... (a prefix S3 reserves, so no real bucket has it:
https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) or, in older pages,
DOC-EXAMPLE-BUCKET (capitals, which no bucket name may have). The snippet catalog's own example values
for bucket names (`iamkb render --example`: my-labeling-input, my-labeling-output) are examples too. A
policy that still holds one grants its permissions to someone else's account, or to nothing.

A template or a documentation example (`templates`: the snippet catalog's files, `iamkb check
--templates`) is where these values belong, so it is not checked. 111122223333 is also the account of
iamkb's own finding-code examples (`iamkb.check.examples`), as the project's naming rule says: run on
those, this check reports it, which is what a reader who pastes one into `iamkb check` should see; the
example tests require only each example's own code (and no error), so the pairs stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from iamkb.check.example import mistake, policy
from iamkb.check.rules.context import LintContext
from iamkb.core.arns import Arn
from iamkb.core.codes import define
from iamkb.core.findings import Finding, FindingType
from iamkb.core.policy import Statement, Value

define(
    "EXAMPLE_VALUE",
    FindingType.WARNING,
    "Looks like an example value",
    "The value is one that documentation uses in examples: the account ids 111122223333, 444455556666 and "
    "123456789012 of AWS's guides, a bucket named amzn-s3-demo-... or DOC-EXAMPLE-... (names no real bucket can "
    "have), or a bucket name the snippet catalog fills in as an example. A policy copied with it still in place "
    "grants to someone else's account or to nothing. Not checked in templates (`iamkb check --templates`).",
    "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html",
)

EXAMPLE_ACCOUNTS = frozenset({"111122223333", "444455556666", "123456789012"})
_ACCOUNT_IN_TEXT = re.compile(r"(?<![0-9])(" + "|".join(sorted(EXAMPLE_ACCOUNTS)) + r")(?![0-9])")
_EXAMPLE_BUCKET = re.compile(r"^(?:amzn-s3-demo-|DOC-EXAMPLE-)")

_READ_INPUT = policy("""\
    {
      "Sid": "ReadLabelingInput",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-labeling-input/*"
    }""")

EXAMPLES = {
    "EXAMPLE_VALUE": mistake(
        "identity",
        _READ_INPUT,
        "acme-labeling-input",
        "amzn-s3-demo-bucket",
        "the bucket name of AWS's example, left in when the policy was copied (the fix is a real bucket's name)",
    ),
}


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.templates:
        return
    for statement in ctx.statements:
        for value in _values(statement):
            problem = _example_in(value.value) if isinstance(value.value, str) else None
            if problem:
                yield ctx.finding("EXAMPLE_VALUE", f"'{value.value}' uses {problem}.", value.pointer, _HINT)


_HINT = "Replace it with your own value (your account id: `aws sts get-caller-identity`; your bucket's name)."


def _values(statement: Statement) -> Iterator[Value]:
    yield from statement.resources
    yield from (value for _, value in statement.principals)
    for entry in statement.conditions:
        yield from entry.values


def _example_in(text: str) -> str | None:
    """What example value `text` holds, in words; None when it holds none."""
    account = _ACCOUNT_IN_TEXT.search(text)
    if account and (text == account.group() or _arn_account(text) == account.group()):
        return f"{account.group()}, an example account id of AWS's documentation"
    bucket = _s3_bucket(text)
    if bucket and _EXAMPLE_BUCKET.match(bucket):
        return f"'{bucket}', an example bucket name of AWS's documentation that no real bucket can have"
    if bucket and bucket in catalog_example_buckets():
        return f"'{bucket}', the snippet catalog's example bucket name (what iamkb render --example fills in)"
    return None


def _arn_account(text: str) -> str | None:
    arn = Arn.parse(text)
    return arn.account if arn else None


def _s3_bucket(text: str) -> str | None:
    arn = Arn.parse(text)
    if arn is None or arn.service != "s3" or arn.region or arn.account:
        return None
    return arn.resource.split("/", 1)[0] or None


@cache
def catalog_example_buckets() -> frozenset[str]:
    """The example values of the snippet catalog's bucket-name placeholders."""
    from iamkb.kb.snippets import load_catalog

    return frozenset(p.example for p in load_catalog().placeholders.values() if p.rule.id == "s3-bucket-name")
