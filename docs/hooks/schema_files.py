"""MkDocs hook: publish the IAM grammar schema at a stable address, `schemas/iam-policy.schema.json`.

Editors and validators (VS Code's `json.schemas`, JetBrains' schema mappings, check-jsonschema, a
policy's own `$schema`) read it from there. The file's one source stays `schemas/` at the top of the
repository: the build copies it, nothing is stored under docs/. The schema's root validates an identity
policy; the other kinds are entry points under `$defs`, so each gets a small entry schema of its own
beside it (`iam-policy-trust.schema.json` ...) that refers to the main file by a relative URL.

The source file's `$id` is the relative `iam-policy.schema.json` (it resolves to wherever the file was
read from, as in a checkout). The published copies carry the absolute address under the site's `site_url`
(mkdocs.yml) as their `$id`, the entry schemas too, so a validator that fetched them from anywhere
resolves the entry schemas' relative `$ref` to the main file at its canonical address.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files

from iamkb.check.grammar import ENTRY_POINTS, SCHEMA_PATH

SCHEMA_DIR = "schemas"
SCHEMA_NAME = SCHEMA_PATH.name
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def entry_schema_name(kind: str) -> str:
    """`iam-policy-trust.schema.json` for kind `trust` (the kinds of `iamkb check --kind`)."""
    return f"{SCHEMA_NAME.removesuffix('.schema.json')}-{kind}.schema.json"


def published_address(site_url: str, name: str) -> str:
    """Where the site publishes schema file `name`: `https://iamkb.dev/schemas/NAME`."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", f"{SCHEMA_DIR}/{name}")


def entry_schemas(site_url: str | None = None) -> dict[str, dict]:
    """File name -> an entry schema for each policy kind: a `$ref` to that kind's definition in the main file
    (with its published address as `$id` when the site has one)."""
    titles = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    return {
        entry_schema_name(kind): {
            "$schema": DRAFT,
            **({"$id": published_address(site_url, entry_schema_name(kind))} if site_url else {}),
            "title": titles[definition].get("title", definition),
            "description": f"iamkb's IAM grammar for `iamkb check --kind {kind}`: the {definition} entry point "
            f"of {SCHEMA_NAME}.",
            "$ref": f"{SCHEMA_NAME}#/$defs/{definition}",
        }
        for kind, definition in ENTRY_POINTS.items()
    }


def published_schema(site_url: str | None) -> str:
    """The main schema as published: the source file itself, with an absolute `$id` when the site has an address."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    if not site_url:
        return text
    schema = json.loads(text)
    schema["$id"] = published_address(site_url, SCHEMA_NAME)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, f"{SCHEMA_DIR}/{SCHEMA_NAME}", content=published_schema(config.site_url)))
    for name, schema in entry_schemas(config.site_url).items():
        files.append(File.generated(config, f"{SCHEMA_DIR}/{name}", content=json.dumps(schema, indent=2) + "\n"))
    return files
