"""The built site serves the grammar schema at its stable address, with an entry schema per policy kind.

Fetched over HTTP from the served build, the way an editor or validator reads it, and used by
jsonschema through a registry that retrieves from the site only: each published schema's `$id` is its
absolute address under the site's `site_url`, and the entry schemas' relative `$ref` must land on the
main file there.
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


def test_the_schema_is_served_as_json_and_is_the_source_file(base_url, site_url):
    content_type, body = fetch(base_url + SCHEMA_URL)
    assert content_type == "application/json"
    assert body.decode("utf-8") == schema_files.published_schema(site_url)
    served = json.loads(body)
    assert served["$id"] == site_url + SCHEMA_URL  # its canonical address, absolute
    assert {**served, "$id": SCHEMA_PATH.name} == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_the_build_copies_it_rather_than_storing_a_second_copy(site_dir, site_url):
    assert (site_dir / SCHEMA_URL).read_text(encoding="utf-8") == schema_files.published_schema(site_url)
    assert not (SCHEMA_PATH.parents[1] / "docs" / SCHEMA_URL).exists()


def test_every_published_schema_has_its_absolute_address_as_id(site_dir, site_url):
    names = [SCHEMA_PATH.name, *schema_files.entry_schemas()]
    for name in names:
        schema = json.loads((site_dir / "schemas" / name).read_text(encoding="utf-8"))
        assert schema["$id"] == f"{site_url}schemas/{name}"


@pytest.fixture(scope="module")
def site_registry(base_url, site_url):
    """Retrieves a schema by its canonical address from the site served here (as an editor fetches it online)."""

    def retrieve(uri: str) -> Resource:
        assert uri.startswith(site_url), f"a schema refers outside the site: {uri}"
        return Resource.from_contents(json.loads(fetch(base_url + uri[len(site_url) :])[1]))

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
        (
            "scp",
            policy({"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}),
            policy({"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "*"}),
        ),
        (
            "rcp",
            policy({"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}),
            policy({"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}),
        ),
    ],
)
def test_each_kind_validates_through_the_served_schemas(site_url, site_registry, kind, good, bad):
    assert set(ENTRY_POINTS) == {"identity", "trust", "resource", "statement", "scp", "rcp"}
    name = SCHEMA_PATH.name if kind == "identity" else schema_files.entry_schema_name(kind)
    validator = Draft202012Validator({"$ref": f"{site_url}schemas/{name}"}, registry=site_registry)
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors(bad)) != []
