"""What issue 12 asked to fix, checked on the page where a reader meets it, as the reader sees it.

Grouped by page. Each test reads what is shown (the text beside a policy, the policies one can copy, the
links, a form's output) rather than how the page is made; each failed on the site before the fixes (run
them against an older build with IAMKB_TEST_SITE_DIR, tests/site/conftest.py). The fixes with a module
of their own are tested there: the fill-in form (test_form.py), the bucket check (test_bucket_coverage.py),
the command reference (test_command_reference.py), search (test_search.py), the site's address and 404
page (test_pages.py).
"""

from __future__ import annotations

import json
import re
import shlex

import pytest

from iamkb.kb.snippets import load_catalog
from iamkb.render import fill
from iamkb.simulate import Policies, Request, evaluate

from .conftest import SITE_PREFIX
from .test_build import hook_module

CATALOG = load_catalog()
ACCOUNT = "444455550000"  # nobody's example account

# The article's code blocks, and the text of the blocks that follow one of them up to the next heading
# (h2 or h3: where the page moves on to another task).
CODE_BLOCKS = "() => [...document.querySelectorAll('article pre > code')].map(c => c.textContent)"
FOLLOWING = """index => {
    let node = document.querySelectorAll('article pre > code')[index].closest('article > *').nextElementSibling;
    const texts = [];
    while (node && !/^H[23]$/.test(node.tagName)) { texts.push(node.innerText); node = node.nextElementSibling; }
    return texts.join('\\n');
}"""
LINKS = (
    "() => [...document.querySelectorAll('article a[href]')].map(a => new URL(a.href).pathname + new URL(a.href).hash)"
)


def policies(page) -> list[dict]:
    """Every code block of the page that is a JSON identity policy (no statement names a Principal), parsed."""
    found = []
    for text in page.evaluate(CODE_BLOCKS):
        try:
            document = json.loads(text)
        except ValueError:
            continue
        if isinstance(document, dict) and "Statement" in document:
            if not any("Principal" in s or "NotPrincipal" in s for s in statements(document)):
                found.append(document)
    return found


def text_after_policy(page, document: dict) -> str:
    """What the page says after the code block that shows `document`, before its next heading."""
    blocks = page.evaluate(CODE_BLOCKS)
    index = next((i for i, text in enumerate(blocks) if _parses_to(text, document)), None)
    assert index is not None, "the page does not show the policy"
    return " ".join(page.evaluate(FOLLOWING, index).split())


def section(page, holding: str) -> dict:
    """The text and link paths of the first section (an h2 or h3 and what follows it up to the next one)
    whose text holds `holding`."""
    return page.evaluate(
        """holding => {
            for (const heading of document.querySelectorAll('article h2, article h3')) {
                const nodes = [];
                for (let n = heading.nextElementSibling; n && !/^H[23]$/.test(n.tagName); n = n.nextElementSibling) nodes.push(n);
                const text = [heading, ...nodes].map(n => n.textContent).join(' ').replace(/\\s+/g, ' ');
                if (!text.includes(holding)) continue;
                const links = nodes.flatMap(n => [...n.querySelectorAll('a[href]')].map(a => new URL(a.href).pathname));
                return {text, links};
            }
            return {text: '', links: []};
        }""",
        holding,
    )


def _parses_to(text: str, document: dict) -> bool:
    try:
        return json.loads(text) == document
    except ValueError:
        return False


def allows(
    document: dict, action: str, resource: str = "*", context: dict | None = None, on: dict | None = None
) -> bool:
    """Whether identity policy `document` lets a role of ACCOUNT do `action` (`on`: the resource's own policy)."""
    request = Request(action, resource, principal=f"arn:aws:iam::{ACCOUNT}:role/R", context=context or {})
    return str(evaluate(Policies(identity=[document], resource=on), request).decision) == "Allowed"


def statements(document: dict) -> list[dict]:
    found = document["Statement"]
    return found if isinstance(found, list) else [found]


# how-to/console-access/

CONSOLE = CATALOG.get("ground-truth-console").document()
ROLE_ADMIN = ["iam:CreateRole", "iam:CreatePolicy", "iam:AttachRolePolicy"]


def test_the_console_policy_says_it_makes_its_holder_an_administrator_where_it_is_copied(page):
    page.goto("how-to/console-access/")
    assert all(allows(CONSOLE, action) for action in ROLE_ADMIN)  # what the warning is about
    after = text_after_policy(page, CONSOLE)
    assert "administrator" in after.lower() and "AdministratorAccess" in after
    assert all(action in after for action in ROLE_ADMIN), after[:300]


def test_the_console_how_to_offers_a_policy_for_execution_roles_created_in_advance(page):
    page.goto("how-to/console-access/")
    kept = [s for s in statements(CONSOLE) if not any(a in ROLE_ADMIN for a in s["Action"])]
    variants = [
        p
        for p in policies(page)
        if p != CONSOLE and all(s in statements(p) for s in kept) and not any(allows(p, a) for a in ROLE_ADMIN)
    ]
    assert len(variants) == 1, "no copy of the console policy without the role-creating statement"
    (variant,) = variants
    # Choosing an existing role still works: listing roles and passing one to SageMaker.
    assert allows(variant, "iam:ListRoles")
    passed = {"iam:PassedToService": "sagemaker.amazonaws.com"}
    assert allows(variant, "iam:PassRole", f"arn:aws:iam::{ACCOUNT}:role/service-role/R", passed)
    # The page says what the console then cannot do.
    after = text_after_policy(page, variant)
    assert "Create a new role" in after and all(action in after for action in ROLE_ADMIN)


# how-to/execution-role-built-in/, the form on the snippet pages it links: one role, one ARN


def created_role(page) -> str:
    """What the built-in how-to's `aws iam create-role` command makes: the role's ARN after `role/`."""
    page.goto("how-to/execution-role-built-in/")
    command = next(text for text in page.evaluate(CODE_BLOCKS) if "aws iam create-role" in text)
    words = shlex.split(command.replace("\\\n", " "))
    options = dict(zip(words[3::2], words[4::2], strict=False))
    path = options.get("--path", "/")
    return path.lstrip("/") + options["--role-name"]


@pytest.mark.parametrize(
    ("snippet_id", "account", "role_name"),
    [
        ("output-data-key-policy", "account-id", "execution-role-name"),
        ("automated-labeling-passrole", "account-number", "role-name"),
    ],
)
def test_the_role_the_how_to_creates_is_the_role_the_policies_name(page, snippet_id, account, role_name):
    """The key policy and the PassRole policy, filled in the form as the pages say (the role as its ARN
    writes it after `role/`), name the role that the built-in how-to creates."""
    role = created_role(page)
    page.goto(f"reference/snippets/{snippet_id}/")
    page.locator(".iamkb-render form").wait_for()
    page.locator(f"#iamkb-render-{snippet_id}-{account}").fill(ACCOUNT)
    page.locator(f"#iamkb-render-{snippet_id}-{role_name}").fill(role)
    errors = page.locator(f"#iamkb-render-{snippet_id}-{role_name}-errors li").all_text_contents()
    assert errors == [], f"the form refuses the role {role!r}: {errors}"
    shown = page.locator(".iamkb-render__output code").text_content()
    arns = set(re.findall(r"arn:aws:iam::\d{12}:role/[\w+=,.@/-]+", shown))
    assert arns == {f"arn:aws:iam::{ACCOUNT}:role/{role}"}


# Logs and metrics, multipart uploads: what the guide asks of every execution role

LOGS = ["logs:CreateLogStream", "logs:PutLogEvents", "cloudwatch:PutMetricData"]


def logs_policy_linked_from(page, path: str) -> dict:
    """The policy shown where `path`'s link to the built-in how-to's logs section leads."""
    page.goto(path)
    links = [link for link in page.evaluate(LINKS) if "/how-to/execution-role-built-in/#" in link and "log" in link]
    assert links, f"{path} does not link the logs and metrics policy"
    target = links[0]
    page.goto(target.removeprefix(SITE_PREFIX))
    anchor = target.split("#", 1)[1]
    index = page.evaluate(
        """anchor => {
            const codes = [...document.querySelectorAll('article pre > code')];
            const heading = document.getElementById(anchor);
            return codes.findIndex(c => heading.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""",
        anchor,
    )
    return json.loads(page.evaluate(CODE_BLOCKS)[index])


def test_the_built_in_how_to_gives_the_role_its_logs_and_metrics(page):
    page.goto("how-to/execution-role-built-in/")
    assert any(all(allows(p, action) for action in LOGS) for p in policies(page))
    assert "CloudWatch Logs" in page.locator("article").inner_text()


@pytest.mark.parametrize("path", ["how-to/execution-role-custom/", "how-to/managed-policies/"])
def test_the_other_routes_to_an_execution_role_send_readers_to_the_logs_policy(page, path):
    policy = logs_policy_linked_from(page, path)
    assert all(allows(policy, action) for action in LOGS)


def test_the_custom_how_to_says_what_its_policy_leaves_out(page):
    page.goto("how-to/execution-role-custom/")
    policy = CATALOG.get("custom-task-types").document()
    assert not any("s3:AbortMultipartUpload" in json.dumps(s) for s in statements(policy))
    after = text_after_policy(page, policy)
    assert "s3:AbortMultipartUpload" in after and "CloudWatch" in after


def test_the_managed_policies_how_to_says_a_scoped_role_loses_cloudwatch(page):
    page.goto("how-to/managed-policies/")
    paragraphs = page.locator("article p").all_inner_texts()
    scoped = [p for p in paragraphs if "scoped" in p and "CloudWatch" in p]
    assert scoped, "nothing says that the scoped role has no CloudWatch access"


# how-to/workforces/


def test_the_vendor_statement_says_which_action_was_dropped_and_why(page):
    page.goto("how-to/workforces/")
    after = text_after_policy(page, CATALOG.get("vendor-subscription-statement").document())
    assert "aws-marketplace:DescribeListings" in after and "UNKNOWN_ACTION" in after


# how-to/managed-policies/: "Does the managed policy cover my bucket acme-data?"


def test_the_managed_policies_how_to_answers_for_a_bucket_of_ones_own(page):
    page.goto("how-to/managed-policies/")
    managed = CATALOG.get("AmazonSageMakerGroundTruthExecution").document()
    # The three facts, as the simulator finds them ...
    assert allows(managed, "s3:ListBucket", "arn:aws:s3:::acme-data")
    assert allows(
        managed, "s3:GetObject", "arn:aws:s3:::acme-data/images/1.jpg", {"s3:ExistingObjectTag/SageMaker": "true"}
    )
    assert allows(managed, "s3:GetObject", "arn:aws:s3:::acme-data/sagemaker/1.jpg")
    # ... are stated in the section that answers for acme-data, with the pages that prove them.
    answer = section(page, "acme-data")
    text = answer["text"]
    assert "s3:ListBucket" in text and "every bucket" in text
    assert "SageMaker" in text and "tag" in text
    assert "any bucket" in text  # a key containing a name word matches wherever it is
    assert any(link.startswith(SITE_PREFIX + "notebooks/managed-policies") for link in answer["links"])
    assert SITE_PREFIX + "reference/comparisons/" in answer["links"]


# how-to/kms-encryption/ and the key policy's snippet page


def test_the_kms_how_to_says_every_key_has_one_key_policy_that_put_key_policy_replaces(page):
    page.goto("how-to/kms-encryption/")
    text = " ".join(page.locator("article").inner_text().split())
    assert re.search(r"every KMS key has exactly one key policy", text, re.I)
    command = next(i for i, t in enumerate(page.evaluate(CODE_BLOCKS)) if "aws kms put-key-policy" in t)
    around = " ".join(page.evaluate(FOLLOWING, command).split())
    before = page.evaluate(
        "index => document.querySelectorAll('article pre > code')[index].closest('article > *').previousElementSibling.innerText",
        command,
    )
    assert "replaces" in before + around


def test_the_kms_how_to_offers_the_key_in_the_roles_own_policy(page):
    page.goto("how-to/kms-encryption/")
    key = f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    values = {"region": "eu-west-1", "account-id": ACCOUNT, "key-id": key.rsplit("/", 1)[1]}
    identity = [json.loads(fill(json.dumps(p), values)) for p in policies(page)]
    # KMS lets an IAM policy grant a key only when the key policy delegates to IAM, as this one does; it
    # names another role, so only the role's own policy can allow the request.
    filled = {"account-id": ACCOUNT, "execution-role-name": "AnotherRole"}  # not the role asking
    key_policy = json.loads(fill(CATALOG.get("output-data-key-policy").text(), filled))
    usable = [
        p for p in identity if all(allows(p, a, key, on=key_policy) for a in ("kms:Decrypt", "kms:GenerateDataKey"))
    ]
    assert usable, "no policy for the execution role's own policy grants the key"


def test_the_key_policys_check_result_raises_no_security_warning_on_the_root_statement(page):
    page.goto("reference/snippets/output-data-key-policy/")
    result = section(page, "iamkb check snippets/kms/output-data-key-policy.json")["text"]
    assert "iamkb check" in result, "the page shows no check result"
    assert "SECURITY_WARNING" not in result, result


# reference/errata/


def test_the_errata_count_defects_once_and_list_the_inconsistencies(page):
    page.goto("reference/errata/")
    errata = hook_module("pages.errata")
    defects = len(errata.defects([s for s in CATALOG.snippets if s.errata]))
    text = " ".join(page.locator("article").inner_text().split())
    assert f"{defects} defects in" in text
    for item in CATALOG.inconsistencies:
        assert " ".join(item["prose"].split()) in text, item["prose"]
