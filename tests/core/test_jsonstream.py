"""`iamkb.core.jsonstream.members`: a large object read member by member, under jsonsource's rules."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iamkb.core.errors import UsageError
from iamkb.core.jsonsource import DATA
from iamkb.core.jsonstream import _BUFFER, STREAMED, NotAnObject, members


def write(tmp_path, data: bytes | str, name: str = "batch.json"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def read(path, **options):
    options.setdefault("items", frozenset({"requests"}))
    return list(members(path, **options))


def test_members_come_whole_and_the_streamed_one_item_by_item(tmp_path):
    path = write(tmp_path, '{"policies": {"a": [1, 2.5, true, null]}, "requests": [{"x": 1}, "two"], "z": "last"}')
    assert read(path) == [
        ("policies", None, {"a": [1, 2.5, True, None]}),
        ("requests", None, STREAMED),
        ("requests", 0, {"x": 1}),
        ("requests", 1, "two"),
        ("z", None, "last"),
    ]


def test_skipped_members_are_not_built_and_other_values_of_a_streamed_key_come_whole(tmp_path):
    path = write(tmp_path, '{"policies": {"big": [[[1]]]}, "requests": {"not": "an array"}}')
    assert read(path, skip=frozenset({"policies"})) == [("requests", None, {"not": "an array"})]


def test_the_top_level_must_be_an_object(tmp_path):
    with pytest.raises(NotAnObject) as caught:
        read(write(tmp_path, "[1, 2]"))
    assert caught.value.got == "an array"


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"requests": [{"a": 1, "a": 2}]}', 'at /requests/0/a: duplicate key "a"'),
        ('{"requests": [{"c": {"k": [{"a": 1, "a": 1}]}}]}', 'at /requests/0/c/k/0/a: duplicate key "a"'),
        ('{"requests": [], "requests": []}', 'at /: duplicate key "requests"'),
        ('{"policies": {"p": 1, "p": 2}}', 'at /policies/p: duplicate key "p"'),
    ],
)
def test_duplicate_keys_are_refused_with_their_pointer(tmp_path, text, message):
    with pytest.raises(UsageError, match=message):
        read(write(tmp_path, text))


def test_nesting_is_limited_counting_from_the_top_of_the_file(tmp_path):
    assert read(write(tmp_path, '{"requests": [' + "[" * 62 + "]" * 62 + "]}"))  # 64 levels: allowed
    with pytest.raises(UsageError, match="at /requests/0(/0){62}: arrays and objects are nested more than 64 levels"):
        read(write(tmp_path, '{"requests": [' + "[" * 63 + "]" * 63 + "]}"))


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"requests": [\n  {"x": 1},\n]}', r"batch.json:2:11: trailing comma before \]"),
        (b'{"requests": [{"x": NaN}]}', r"batch.json:1:21: NaN is not a JSON value"),
        (b'{"requests": ["\xff"]}', r"batch.json:1:16: byte 0xFF .* is not valid UTF-8"),
        (b"", r"batch.json: the file is empty"),
        (b'{"requests": []} x', r"batch.json:1:18: "),
        (b'{"requests": [123456789012345678901234567890]}', r"batch.json: an integer is too large to read"),
        (b'{"requests": [\n "ab\\ud800c"]}', r"batch.json:2:5: this escape is half of a UTF-16 surrogate pair"),
        (b'{"requests": ["\\udc00"]}', r"batch.json:1:16: this escape is half"),
    ],
)
def test_faults_in_the_text_are_said_with_line_and_column(tmp_path, data, message):
    with pytest.raises(UsageError, match=message):
        read(write(tmp_path, data))


def test_a_byte_order_mark_is_tolerated_as_jsonsource_tolerates_it(tmp_path):
    assert read(write(tmp_path, b'\xef\xbb\xbf{"requests": [1]}')) == [("requests", None, STREAMED), ("requests", 0, 1)]


def test_surrogate_pairs_and_escaped_backslashes_are_text(tmp_path):
    path = write(tmp_path, '{"requests": ["\\ud83d\\ude00", "\\\\ud800", "\\\\\\ud83d\\ude00"]}')
    assert [value for _, index, value in read(path) if index is not None] == ["\U0001f600", "\\ud800", "\\\U0001f600"]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 40),
    st.lists(
        st.sampled_from(["a", "\\\\", "\\n", "\\ud83d\\ude00", "\\ud83d", "\\ude00", "\\u00e9", "\\\\ud800"]),
        max_size=6,
    ),
)
def test_surrogates_are_judged_like_the_stdlib_wherever_a_read_ends(tmp_path_factory, shift, pieces):
    """The escapes land across the boundary of ijson's first read (and of the bytes held back)."""
    body = "".join(pieces)
    padding = "p" * (_BUFFER - len('{"pad": "", "requests": ["') - 10 + shift)
    text = f'{{"pad": "{padding}", "requests": ["{body}"]}}'
    lone = any(0xD800 <= ord(c) <= 0xDFFF for c in json.loads(text)["requests"][0])
    path = write(tmp_path_factory.mktemp("s"), text)
    if lone:
        with pytest.raises(UsageError, match="half of a UTF-16 surrogate pair"):
            read(path)
    else:
        assert read(path)[-1] == ("requests", 0, json.loads(text)["requests"][0])


def test_items_and_members_are_limited_in_size(tmp_path):
    big = json.dumps("x" * (400 * 1024))
    path = write(tmp_path, '{"requests": [1, ' + big + "]}")
    with pytest.raises(UsageError, match=r"at /requests/1: this item is larger than 100 KiB"):
        read(path, item_bytes=100 * 1024)
    assert len(read(path)) == 3  # within the default 1 MiB
    path = write(tmp_path, '{"policies": ' + big + ', "requests": []}')
    with pytest.raises(UsageError, match=r"at /policies: this member is larger than 100 KiB"):
        read(path, limits=replace(DATA, max_bytes=100 * 1024))


def test_a_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read the file"):
        read(tmp_path / "nope.json")


def test_a_fault_past_the_whole_read_limit_is_said_with_its_line_and_yajls_words(tmp_path, monkeypatch):
    import iamkb.core.jsonstream as jsonstream

    monkeypatch.setattr(jsonstream, "DATA", replace(DATA, max_bytes=1000))
    lines = ",\n".join(json.dumps({"n": n}) for n in range(20_000))
    path = write(tmp_path, '{"requests": [\n' + lines + ",\n]}")  # the trailing comma is on the last line
    with pytest.raises(
        UsageError, match=r"batch.json: invalid JSON at or after line (1[0-9]{4}): parse error"
    ) as caught:
        read(path)
    assert int(caught.value.args[0].split("line ")[1].split(":")[0]) <= 20_002


def test_the_column_of_a_lone_surrogate_counts_characters(tmp_path):
    with pytest.raises(UsageError, match=r"batch.json:2:5: "):
        read(write(tmp_path, '{"requests": [\n "éé\\ud800"]}'))
