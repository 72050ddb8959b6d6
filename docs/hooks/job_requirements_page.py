"""MkDocs hook: reference/job-requirements.md, "Permissions by job feature" (`pages.job_requirements`)."""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from pages import job_requirements


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, job_requirements.URI, content=job_requirements.markdown()))
    return files
