"""pages/job_requirements.py, pages/job_examples.py, pages/troubleshooting.py: the pages of `iamkb job`."""

from __future__ import annotations

import re

import pytest
from pages import job_examples, job_requirements, troubleshooting

from iamkb.job.failures import failures
from iamkb.job.requirements import rows, table

from .conftest import front_matter

EXAMPLES = job_examples.examples()


def test_requirements_page_has_every_row_under_its_feature():
    markdown = job_requirements.markdown()
    for row in rows():
        anchor = f'<code id="{row["id"].lower()}">{row["id"]}</code>'
        assert markdown.count(anchor) == 1, row["id"]
        part = markdown.split(f"{{ #{job_requirements.anchor(row['feature'])} }}", 1)[1].split("\n## ", 1)[0]
        assert anchor in part
        line = next(line for line in part.splitlines() if anchor in line)
        assert f"({row['source']['url']})" in line
        assert ("kb-inferred" in line) == row["inferred"]
    for feature in table()["features"]:
        if any(r["feature"] == feature for r in rows()):
            assert f"{{ #{job_requirements.anchor(feature)} }}" in markdown


def test_requirement_conditions_are_listed_in_the_row():
    markdown = job_requirements.markdown()
    line = next(line for line in markdown.splitlines() if 'id="caller_pass_role"' in line)
    assert "`{role.arn}`<br>when `iam:PassedToService` StringEquals `sagemaker.amazonaws.com`" in line


@pytest.mark.parametrize("name", EXAMPLES.job_names())
def test_an_example_page_includes_and_offers_every_stored_file(name):
    markdown = job_examples.markdown(EXAMPLES, name)
    meta, body = front_matter(markdown)
    assert meta["title"] == f"Example job: {name}" and body.startswith(f"# Example job: {name}\n")
    for path in job_examples.published_files(EXAMPLES, name):
        uri = job_examples.site_uri(path)
        assert f'[download](../../{uri}){{ download="{path.name}" }}' in markdown
        if path.name != "plan.json":
            assert f'--8<-- "{uri}"' in markdown
    assert [t for _, t, _ in job_examples.TABS] == re.findall(r'^=== "([^"]+)"$', markdown, re.M)


def test_the_index_lists_every_example():
    markdown = job_examples.index_markdown(EXAMPLES)
    assert re.findall(r"^\| \[([^\]]+)\]\(\1\.md\)", markdown, re.M) == EXAMPLES.job_names()


def test_troubleshooting_has_a_section_and_a_command_per_message():
    markdown = troubleshooting.markdown()
    meta, _ = front_matter(markdown)
    assert meta == {"diataxis": "how-to"}
    for failure in failures():
        part = markdown.split(f"{{ #{failure.id} }}\n", 1)[1].split("\n## ", 1)[0]
        assert f"```text\n{failure.example}\n```" in part
        if failure.by_action or failure.requirements:
            assert f"    --failure-reason {troubleshooting.double_quoted(failure.example)}\n```" in part
        else:
            assert "--failure-reason" not in part


def test_double_quoted_escapes_what_a_shell_expands():
    assert troubleshooting.double_quoted('a "b" $c `d` \\e') == '"a \\"b\\" \\$c \\`d\\` \\\\e"'
