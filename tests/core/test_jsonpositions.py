"""Positions: the line and column of any JSON pointer, in clean, escaped and recovered documents."""

from __future__ import annotations

from iamkb.core.jsonpositions import scan
from iamkb.core.jsonsource import MAX_DEPTH, parse_text


def test_positions_point_at_keys_of_members_and_at_values_of_items():
    text = (
        '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": [\n        "s3:GetObject",\n'
        '        "s3:PutObject"\n      ]\n    }\n  ]\n}\n'
    )
    source = parse_text(text, "p.json")
    assert source.position("") == (1, 1)
    assert source.position("/Statement") == (2, 3)
    assert source.position("/Statement/0") == (3, 5)
    assert source.position("/Statement/0/Effect") == (4, 7)
    assert source.position("/Statement/0/Action/1") == (7, 9)


def test_position_of_a_missing_element_falls_back_to_its_parent():
    source = parse_text('{"Statement": [{"Effect": "Allow"}]}', "p.json")
    assert source.position("/Statement/0/Resource") == source.position("/Statement/0") == (1, 16)


def test_positions_follow_rfc6901_escaping_of_keys_with_slash_and_tilde():
    text = '{"Condition": {"StringEquals": {\n "aws:RequestTag/Team": "ml",\n "a~b": "x"}}}'
    source = parse_text(text, "p.json")
    assert source.position("/Condition/StringEquals/aws:RequestTag~1Team") == (2, 2)
    assert source.position("/Condition/StringEquals/a~0b") == (3, 2)


def test_columns_count_characters_not_bytes():
    source = parse_text('{"Sid": "é", "Effect": "Allow"}', "p.json")
    assert source.position("/Effect") == (1, 14)  # 15 if the two bytes of é were counted


def test_recovered_documents_are_located_too():
    text = '{\n  "Statement": [\n    {"Effect": "Allow",},\n    {"Effect": "Deny"},\n  ],\n}'
    source = parse_text(text, "p.json")
    assert source.recovered
    assert source.position("/Statement/1/Effect") == (4, 6)


# --- the scan itself --------------------------------------------------------------------------------


def test_scan_records_key_and_value_offsets_of_members_and_value_offsets_of_items():
    text = '{"a": [10, {"b": 2}]}'
    members = scan(text, 0, MAX_DEPTH).members
    assert members[""] == (None, 0)
    assert members["/a"] == (1, 6)
    assert members["/a/0"] == (None, 7)
    assert members["/a/1"] == (None, 11)
    assert members["/a/1/b"] == (12, 17)


def test_scan_reads_what_the_lenient_pass_accepts():
    text = "// a comment\n{Effect: 'Allow', /* note */ \"Action\": ['s3:GetObject',],}"
    members = scan(text, text.index("{"), MAX_DEPTH).members
    assert text[members["/Effect"][0] :].startswith("Effect")
    assert text[members["/Effect"][1] :].startswith("'Allow'")
    assert text[members["/Action/0"][1] :].startswith("'s3:GetObject'")


def test_scan_lists_each_later_duplicate_with_the_first_occurrence():
    text = '{"a": 1, "b": {"a": 2}, "a": 3, "a": 4}'
    duplicates = scan(text, 0, MAX_DEPTH).duplicates
    first = text.index('"a"')
    assert duplicates == [("/a", text.index('"a": 3'), first), ("/a", text.index('"a": 4'), first)]
    assert scan('{"a": 1, "b": {"a": 2}}', 0, MAX_DEPTH).duplicates == []


def test_scan_names_where_nesting_passes_the_limit():
    assert scan("[[[[]]]]", 0, 3).too_deep_at == 3
    assert scan("[[[]]]", 0, 3).too_deep_at is None


def test_scan_stops_quietly_on_text_it_cannot_read():
    result = scan('{"a": "unclosed', 0, MAX_DEPTH)
    assert set(result.members) == {"", "/a"} and result.duplicates == [] and result.too_deep_at is None
