"""MkDocs hook: the reference pages whose facts live in code, made at build time so they cannot go stale.

Each is one generator of `pages` (its template in docs/templates/): placeholders and errata from the
catalog, finding codes from the `iamkb.core.codes` registry, the command reference from each command's
own parser, and `iamkb check` over the AWS managed policies.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files
from pages import commands, errata, finding_codes, managed_policies, placeholders

GENERATORS = (placeholders, errata, finding_codes, commands, managed_policies)


def on_files(files: Files, config) -> Files:
    for generator in GENERATORS:
        files.append(File.generated(config, generator.URI, content=generator.markdown()))
    return files
