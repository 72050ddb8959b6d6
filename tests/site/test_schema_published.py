"""The built site serves the grammar schema at its stable address, with an entry schema per policy kind.

Fetched over HTTP from the served build, the way an editor or validator reads it, and used by
jsonschema through a registry that retrieves from the site only: the entry schemas' relative `$ref`
must land on the main file there.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from iamkb.check.grammar import ENTRY_POINTS, SCHEMA_PATH
from tests.check.schema_cases import KEY_STATEMENT, TRUST, policy
from tests.check.test_jsonschema_tools import schema_files

SCHEMA_URL = "schemas/iam-policy.schema.json"


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get_content_type(), response.read()


def test_the_schema_is_served_as_json_and_is_the_source_file(base_url):
    content_type, body = fetch(base_url + SCHEMA_URL)
    assert content_type == "application/json"
    assert body.decode("utf-8") == schema_files.published_schema(None) == SCHEMA_PATH.read_text(encoding="utf-8")


def test_the_build_copies_it_rather_than_storing_a_second_copy(site_dir):
    assert (site_dir / SCHEMA_URL).read_bytes() == SCHEMA_PATH.read_bytes()
    assert not (SCHEMA_PATH.parents[1] / "docs" / SCHEMA_URL).exists()


@pytest.fixture(scope="module")
def site_registry(base_url):
    def retrieve(uri: str) -> Resource:
        assert uri.startswith(base_url), f"a schema refers outside the site: {uri}"
        return Resource.from_contents(json.loads(fetch(uri)[1]))

    return Registry(retrieve=retrieve)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (
            "identity",
            policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}),
            policy({"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"}),
        ),
        ("trust", policy(TRUST), policy(dict(TRUST, Resource="*"))),
        ("resource", policy(KEY_STATEMENT), policy({k: v for k, v in KEY_STATEMENT.items() if k != "Principal"})),
        ("statement", TRUST, dict(TRUST, Effect="allow")),
    ],
)
def test_each_kind_validates_through_the_served_schemas(base_url, site_registry, kind, good, bad):
    assert set(ENTRY_POINTS) == {"identity", "trust", "resource", "statement"}
    name = SCHEMA_PATH.name if kind == "identity" else schema_files.entry_schema_name(kind)
    validator = Draft202012Validator({"$ref": f"{base_url}schemas/{name}"}, registry=site_registry)
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors(bad)) != []
