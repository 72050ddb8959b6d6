"""MkDocs hook: one reference page per catalog snippet, made at build time from snippets/catalog.json.

Nothing generated is committed: each page is a virtual file whose policy text is included from its
single source file with `--8<--` (so the site can never drift from the files the tests check), and the
snippet files themselves are added to the build so the download links serve the exact bytes. Besides
the policy, a page shows what `iamkb check` finds in it, what it grants (`_snippet_grants`) and the
notebooks that exercise it (`_snippet_notebooks`), all computed at build time.
"""

from __future__ import annotations

from _site import REPO_ROOT, catalog_label, cell, expand_nav_entry, name_code, unescape_guide
from _snippet_grants import grants_section
from _snippet_notebooks import Notebook, notebooks_by_snippet, read_notebooks
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from iamkb.check import check_paths
from iamkb.core.codes import CODES
from iamkb.kb.snippets import SNIPPETS_DIR, Snippet, load_catalog

PAGES_DIR = "reference/snippets"
INDEX = f"{PAGES_DIR}/index.md"

GROUP_TITLES = {
    "console": "Console access",
    "workforce": "Workforces",
    "execution-role": "Execution roles",
    "kms": "KMS encryption",
    "managed": "AWS managed policies",
}

KIND_SHORT = {
    "identity-policy": "identity policy",
    "identity-statement": "statement",
    "resource-policy": "resource policy",
    "trust-policy": "trust policy",
}

KIND_TEXT = {
    "identity-policy": "Identity-based policy (a complete policy document)",
    "identity-statement": "One statement, to add to the `Statement` array of an identity-based policy",
    "resource-policy": "Resource-based policy (a complete policy document, attached to the resource)",
    "trust-policy": "Role trust policy (who may assume the role)",
}


def page_uri(snippet: Snippet) -> str:
    return f"{PAGES_DIR}/{snippet.id}.md"


def snippet_file_uri(path) -> str:
    """Where a snippet file lands in the built site: the same relative path as in the repository."""
    return path.relative_to(REPO_ROOT).as_posix()


def _group_title(group: str) -> str:
    return GROUP_TITLES.get(group, group.replace("-", " ").capitalize())


def _by_group(snippets) -> dict[str, list[Snippet]]:
    """Snippets grouped by task, groups and snippets in catalog order."""
    groups: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        groups.setdefault(snippet.group, []).append(snippet)
    return groups


@event_priority(50)
def on_files(files: Files, config) -> Files:
    catalog = load_catalog()
    checked_in = notebooks_by_snippet([s.id for s in catalog.snippets], read_notebooks())
    added = set()
    for snippet in catalog.snippets:
        page = snippet_page(snippet, checked_in[snippet.id])
        files.append(File.generated(config, page_uri(snippet), content=page))
        for path in (snippet.path, snippet.original_path):
            uri = snippet_file_uri(path)
            if uri not in added:
                added.add(uri)
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    files.append(File.generated(config, INDEX, content=index_page()))

    sections = [
        {_group_title(group): [page_uri(s) for s in members]} for group, members in _by_group(catalog.snippets).items()
    ]
    expand_nav_entry(config.nav, INDEX, sections)
    return files


def index_page() -> str:
    catalog = load_catalog()
    lines = [
        "---",
        "diataxis: reference",
        "---",
        "# Snippets",
        "",
        "Every policy of this knowledge base, grouped by task. Each page shows the policy, where it comes from,",
        "where to attach it, its placeholders, what `iamkb check` finds in it, every action it grants (wildcards",
        "expanded), the notebooks that check it and, when the published text was wrong, what was corrected.",
        "",
    ]
    for group, snippets in _by_group(catalog.snippets).items():
        lines += [f"## {_group_title(group)}", "", "| Snippet | Kind | Attach to |", "| --- | --- | --- |"]
        for s in snippets:
            corrected = " (corrected)" if s.errata else ""
            kind = KIND_SHORT.get(s.kind, s.kind)
            lines.append(f"| [{cell(s.title)}]({s.id}.md){corrected} | {kind} | {cell(s.attach_to)} |")
        lines.append("")
    return "\n".join(lines)


def snippet_page(snippet: Snippet, notebooks: list[Notebook]) -> str:
    """The Markdown of one snippet's page; links are relative to reference/snippets/."""
    sections = [
        _header(snippet, notebooks),
        _policy(snippet),
        _placeholders(snippet),
        _check_result(snippet),
        grants_section(snippet),
        _errata(snippet),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _download_link(path, label: str) -> str:
    return f'[{label}](../../{snippet_file_uri(path)}){{ download="{path.name}" }}'


def _header(snippet: Snippet, notebooks: list[Notebook]) -> str:
    source = snippet.source
    heading = unescape_guide(source["heading"])
    guide = load_catalog().guide
    section = f"[{cell(heading)}]({guide['url']}#{source['anchor']}) in *{cell(guide['title'])}*"
    kind = KIND_TEXT.get(snippet.kind, f"`{snippet.kind}`")
    rows = [
        ("Kind", f"{kind} · check with `iamkb check --kind {snippet.check_kind}`"),
        ("Attach to", cell(snippet.attach_to)),
    ]
    if source["type"] == "aws-managed":
        name = source["arn"].rsplit("/", 1)[-1]
        reference = f"https://docs.aws.amazon.com/aws-managed-policy/latest/reference/{name}.html"
        rows += [
            ("Managed policy", f"`{source['arn']}` ([AWS reference]({reference}))"),
            ("Version", f"`{source['version']}`, dated {source['versionDate'][:10]} ({source['versionDate']})"),
            ("Suggested in", section),
        ]
    else:
        rows.append(("Source", f"{section}, code block {source['fence']} of the guide"))
    rows.append(("File", f"`{snippet_file_uri(snippet.path)}` · " + _download_link(snippet.path, "download")))
    if notebooks:
        links = ", ".join(f"[{cell(nb.title)}](../../notebooks/{nb.path.name})" for nb in notebooks)
        rows.append(("Checked in", links))
    facts = [line for name, value in rows for line in (name, f":   {value}", "")]
    front = ["---", f"title: {_yaml_string(snippet.title)}", "diataxis: reference", "---"]
    title = [f"# {snippet.title}", "", cell(snippet.summary), ""]
    return "\n".join([*front, *title, '<div class="kb-facts" markdown>', "", *facts, "</div>"])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _policy(snippet: Snippet) -> str:
    uri = snippet_file_uri(snippet.path)
    return "\n".join(
        [
            "## Policy",
            "",
            f'```json title="{snippet.relative_path}"',
            f'--8<-- "{uri}"',
            "```",
        ]
    )


def _placeholders(snippet: Snippet) -> str:
    if not snippet.placeholders:
        return "## Placeholders\n\nNone: the policy works as it is."
    placeholders = load_catalog().placeholders
    lines = [
        "## Placeholders",
        "",
        "Replace each one, angle brackets included, before you attach the policy "
        "(`iamkb render` does it and checks the values).",
        "",
        "| Placeholder | What it is | Rule | Example |",
        "| --- | --- | --- | --- |",
    ]
    for name in snippet.placeholders:
        p = placeholders[name]
        rule = f"[{cell(p.rule.title)}](../placeholders.md#rule-{p.rule.id})"
        lines.append(f"| [`<{name}>`](../placeholders.md#{name}) | {cell(p.description)} | {rule} | `{p.example}` |")
    return "\n".join(lines)


def _check_result(snippet: Snippet) -> str:
    findings = check_paths([snippet.path])
    lines = [
        "## Check result",
        "",
        f"`iamkb check {snippet_file_uri(snippet.path)}` reports, with the {catalog_label()}:",
        "",
    ]
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines)
    lines += ['<div class="kb-findings" markdown>', ""]
    lines += ["| Type | Code | Where | Message |", "| --- | --- | --- | --- |"]
    for finding in findings:
        where = name_code(finding.pointer)
        if finding.line is not None:
            where += f" (line {finding.line}" + (f", column {finding.column})" if finding.column else ")")
        lines.append(
            f"| {finding.finding_type.value} | {_code_link(finding.code)} | {where} | {cell(finding.message)} |"
        )
    lines += ["", "</div>"]
    return "\n".join(lines)


def _code_link(name: str) -> str:
    """A finding code, linked to its entry on the finding-codes page when the registry knows it."""
    if name in CODES:
        return f"[{name_code(name)}](../finding-codes.md#{name.lower()})"
    return name_code(name)


def _errata(snippet: Snippet) -> str | None:
    if not snippet.errata:
        return None
    lines = [
        "## Corrections to the published text",
        "",
        "The guide's version of this policy has defects; the file above is the corrected one.",
        "",
        '<div class="kb-findings" markdown>',
        "",
        "| Code | Pointer | Why it was changed |",
        "| --- | --- | --- |",
    ]
    for erratum in snippet.errata:
        lines.append(f"| {_code_link(erratum['code'])} | {name_code(erratum['pointer'])} | {cell(erratum['reason'])} |")
    original = snippet_file_uri(snippet.original_path)
    lines += [
        "",
        "</div>",
        "",
        "### Published text",
        "",
        "Verbatim, as the guide prints it (it may not be valid JSON) · "
        + _download_link(snippet.original_path, "download"),
        "",
        f'```text title="{snippet.original_path.relative_to(SNIPPETS_DIR).as_posix()}"',
        f'--8<-- "{original}"',
        "```",
    ]
    return "\n".join(lines)
