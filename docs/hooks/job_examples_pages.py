"""MkDocs hook: one reference page per example job (examples/jobs/), made by `pages.job_examples`.

Each job's file, options and stored plan files are added to the build, so the pages' download links
serve the exact bytes; the nav entry of the index becomes a section with one page per job.
"""

from __future__ import annotations

from _site import expand_nav_entry
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from pages import job_examples


@event_priority(50)
def on_files(files: Files, config) -> Files:
    examples = job_examples.examples()
    names = examples.job_names()
    for name in names:
        page = job_examples.markdown(examples, name)
        files.append(File.generated(config, job_examples.page_uri(name), content=page))
        for path in job_examples.published_files(examples, name):
            files.append(File.generated(config, job_examples.site_uri(path), abs_src_path=str(path)))
    files.append(File.generated(config, job_examples.INDEX, content=job_examples.index_markdown(examples)))
    expand_nav_entry(config.nav, job_examples.INDEX, [job_examples.page_uri(name) for name in names])
    return files
