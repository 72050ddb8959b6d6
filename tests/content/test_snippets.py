"""Content tests, one run per snippet: provenance, byte-exact originals, placeholders."""

import hashlib
import re

import pytest

from iamkb.core.placeholders import placeholders
from iamkb.kb.snippets import load_catalog

from .guide import fences

CATALOG = load_catalog()
SNIPPETS = CATALOG.snippets
FROM_GUIDE = [s for s in SNIPPETS if s.source["type"] == "guide"]
MANAGED = [s for s in SNIPPETS if s.source["type"] == "aws-managed"]
MANAGED_CORPUS = CATALOG.guide_path().parents[1] / "data" / "aws-managed-policies" / "policies"


def ids(snippets):
    return [s.id for s in snippets]


def test_the_guide_has_exactly_the_fences_the_catalog_cites():
    cited = {s.source["fence"] for s in FROM_GUIDE}
    assert cited == set(range(1, len(fences(CATALOG.guide_path())) + 1))


@pytest.mark.parametrize("snippet", FROM_GUIDE, ids=ids(FROM_GUIDE))
def test_original_is_byte_identical_to_its_fence_in_the_guide(snippet):
    fence = fences(CATALOG.guide_path())[snippet.source["fence"] - 1]
    assert snippet.original_path.read_bytes() == fence.encode("utf-8")


@pytest.mark.parametrize("snippet", FROM_GUIDE, ids=ids(FROM_GUIDE))
def test_source_heading_and_anchor_exist_in_the_guide(snippet):
    guide = CATALOG.guide_path().read_text(encoding="utf-8")
    heading = f'{snippet.source["heading"]}<a name="{snippet.source["anchor"]}"></a>'
    assert re.search(r"^#+ " + re.escape(heading) + "$", guide, re.M)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids(SNIPPETS))
def test_corrected_if_and_only_if_it_has_errata(snippet):
    assert snippet.corrected == bool(snippet.errata)
    if snippet.corrected:
        assert snippet.original_path.name.endswith(".original.txt")


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids(SNIPPETS))
def test_placeholders_listed_are_the_ones_in_the_file(snippet):
    found = placeholders(snippet.text())
    assert list(snippet.placeholders) == found


@pytest.mark.parametrize("snippet", SNIPPETS, ids=ids(SNIPPETS))
def test_snippet_parses_as_json(snippet):
    assert isinstance(snippet.document(), dict)


@pytest.mark.parametrize("snippet", MANAGED, ids=ids(MANAGED))
def test_managed_policy_is_the_published_version(snippet):
    data = snippet.path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == snippet.source["sha256"]
    assert data == (MANAGED_CORPUS / snippet.path.name).read_bytes()
