"""pages/notebook.py and notebook_files.py: a notebook's page as Markdown, made from its stored outputs."""

from __future__ import annotations

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from notebook_files import NotebookPage, notebook_paths, on_page_markdown
from pages import notebook

from .conftest import REPO_ROOT, front_matter


def write(tmp_path, *cells, name="demo.ipynb"):
    path = tmp_path / name
    nb = new_notebook(cells=list(cells), metadata={"language_info": {"name": "python"}})
    nbformat.write(nb, path)
    return path


TITLE = new_markdown_cell("# A demo: *claims*\n\nWhat it shows.")


def test_every_notebook_of_the_repository_makes_a_tutorial_page_titled_by_its_heading():
    paths = notebook_paths()
    assert [p.name for p in paths] == sorted(p.name for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        meta, body = front_matter(notebook.markdown(path))
        assert meta == {"diataxis": "tutorial"}
        first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
        assert body.startswith(first + "\n\n"), path.name
        assert body.splitlines().count(first) == 1, f"{path.name}: the title is written twice"


def test_code_is_a_fenced_block_search_skips_and_outputs_are_shown_as_stored(tmp_path):
    code = new_code_cell(
        "raise SystemExit('never run at build')",
        outputs=[
            new_output("stream", name="stdout", text="printed\n"),
            new_output(
                "execute_result", data={"text/markdown": "| a | b |\n|---|---|\n| `x` | y |", "text/plain": "T"}
            ),
        ],
    )
    body = front_matter(notebook.markdown(write(tmp_path, TITLE, code)))[1]
    assert body.startswith("# A demo: *claims*\n\nWhat it shows.\n")
    assert (
        '<div class="kb-nb-code" data-search-exclude markdown>\n\n'
        "```python\nraise SystemExit('never run at build')\n```\n\n</div>"
    ) in body
    assert '<div class="kb-nb-output" markdown>\n\n```text\nprinted\n```\n\n</div>' in body
    assert '<div class="kb-nb-output" markdown>\n\n| a | b |\n|---|---|\n| `x` | y |\n\n</div>' in body
    assert "In [" not in body and "\nT\n" not in body


def test_rich_outputs_are_shown_by_their_plain_text(tmp_path):
    html = {"text/html": "<table><tr><th></th><td onclick='x()'>1</td></tr></table>", "text/plain": "   a\n0  1"}
    image = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480>"}
    code = new_code_cell(
        "df",
        outputs=[new_output("execute_result", data=html), new_output("display_data", data=image)],
    )
    body = notebook.markdown(write(tmp_path, TITLE, code))
    assert "<table" not in body and "onclick" not in body and "iVBOR" not in body
    assert "```text\n   a\n0  1\n```" in body and "```text\n<Figure size 640x480>\n```" in body


def test_a_fence_is_longer_than_any_backticks_inside():
    assert notebook.fence("x = 1\n\n", "python") == "```python\nx = 1\n```"
    assert notebook.fence('s = """```"""', "python") == '````python\ns = """```"""\n````'


def test_a_stored_error_fails_the_build_instead_of_publishing_a_traceback(tmp_path):
    failed = new_code_cell("1/0", outputs=[new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])])
    with pytest.raises(PluginError, match=r"demo\.ipynb, cell 2: the stored output is an error \(ZeroDivisionError\)"):
        notebook.markdown(write(tmp_path, TITLE, failed))


@pytest.mark.parametrize(
    "first",
    [new_markdown_cell("Some text first.\n\n# Title"), new_code_cell("x = 1"), None],
    ids=["prose-first", "code-first", "no-cells"],
)
def test_a_notebook_without_a_title_first_fails_clearly(tmp_path, first):
    path = write(tmp_path, *([first] if first else []))
    with pytest.raises(PluginError, match=r"notebooks/demo\.ipynb: the first cell must be Markdown starting with"):
        notebook.markdown(path)


def test_the_page_keeps_the_notebook_name_and_the_download_sits_beside_it(tmp_path):
    path = tmp_path / "kms-encryption.ipynb"
    assert notebook.page_uri(path) == "notebooks/kms-encryption.ipynb"
    assert notebook.download_uri(path) == "notebooks/kms-encryption/kms-encryption.ipynb"


def test_a_notebook_page_names_its_download_in_its_meta_and_other_pages_do_not(tmp_path):
    class Page:
        def __init__(self, file):
            self.file, self.meta = file, {}

    page_file = NotebookPage(
        "notebooks/kms-encryption.ipynb", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True
    )
    assert page_file.is_documentation_page() and page_file.url == "notebooks/kms-encryption/"
    notebook_page, other = Page(page_file), Page(object())
    assert on_page_markdown("text", notebook_page, None, None) == "text"
    on_page_markdown("text", other, None, None)
    assert notebook_page.meta == {"notebook": "kms-encryption.ipynb"} and other.meta == {}
