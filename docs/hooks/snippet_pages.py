"""MkDocs hook: one reference page per catalog snippet and the Snippets index, from snippets/catalog.json.

Nothing generated is committed: each page is a virtual file made by its generator (`pages.snippet`,
`pages.snippets_index`), and the snippet files themselves (and the published originals of corrected
ones) are added to the build, so the download links serve the exact bytes. The nav entry of the index
becomes a section with one subsection per task.
"""

from __future__ import annotations

from _site import expand_nav_entry
from _snippet_notebooks import notebooks_by_snippet, read_notebooks
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from pages import snippet, snippets_index

from iamkb.kb.snippets import load_catalog


@event_priority(50)
def on_files(files: Files, config) -> Files:
    catalog = load_catalog()
    checked_in = notebooks_by_snippet([s.id for s in catalog.snippets], read_notebooks())
    added = set()
    for item in catalog.snippets:
        files.append(
            File.generated(config, snippet.page_uri(item), content=snippet.markdown(item, checked_in[item.id]))
        )
        for path in (item.path, item.original_path):
            uri = snippet.file_uri(path)
            if uri not in added:
                added.add(uri)
                files.append(File.generated(config, uri, abs_src_path=str(path)))
    files.append(File.generated(config, snippets_index.URI, content=snippets_index.markdown()))

    sections = [
        {title: [snippet.page_uri(s) for s in members]} for title, members in snippets_index.context()["groups"]
    ]
    expand_nav_entry(config.nav, snippets_index.URI, sections)
    return files
