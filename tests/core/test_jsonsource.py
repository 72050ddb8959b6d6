"""Reading policy files: strict parse, lenient recovery, duplicate keys, and every kind of bad input."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from iamkb.core import jsonsource
from iamkb.core.jsonsource import parse_bytes, parse_text, read_source


def codes(source):
    return [f.code for f in source.findings]


# --- clean input ---------------------------------------------------------------------------


def test_valid_policy_parses_without_findings():
    text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
    source = parse_text(text, "p.json")
    assert source.findings == []
    assert source.has_document and not source.recovered
    assert source.document["Statement"][0]["Action"] == "s3:GetObject"


def test_json_null_is_a_document_not_a_missing_one():
    source = parse_text("null", "p.json")
    assert source.has_document and source.document is None


# --- lenient recovery -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "message_part", "line", "column"),
    [
        ('{"a": 1,}', {"a": 1}, "trailing comma before }", 1, 8),
        ('{"a": [1, 2,\n]}', {"a": [1, 2]}, "trailing comma before ]", 1, 12),
        ('x{"a": 1}', {"a": 1}, 'found "x"', 1, 1),
        (' {\n  "Effect": "Allow"\n},\n', {"Effect": "Allow"}, "a comma after the end of the JSON document", 3, 2),
        ("{'a': 1}", {"a": 1}, "single quote", 1, 2),
        ('{"a": 1 // why\n}', {"a": 1}, "expected a comma between members", 1, 9),
    ],
)
def test_small_syntax_errors_are_reported_and_the_document_recovered(text, expected, message_part, line, column):
    source = parse_text(text, "snippet.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    finding = source.findings[0]
    assert message_part in finding.message
    assert (finding.line, finding.column) == (line, column)
    assert finding.path == "snippet.json"
    assert source.recovered and source.has_document
    assert source.document == expected


def test_extra_document_after_the_first_is_reported_and_the_first_kept():
    source = parse_text('{"a": 1}\n{"b": 2}', "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    assert "more text after the end" in source.findings[0].message
    assert source.findings[0].line == 2
    assert source.document == {"a": 1}


def test_absurdly_long_number_is_a_finding_not_a_crash():
    source = parse_text('{"a":\n 1' + "2" * 5000 + "}", "n.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    assert "more than 4,300 digits" in source.findings[0].message
    assert (source.findings[0].line, source.findings[0].column) == (2, 2)


# --- duplicate keys -------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_duplicate_with_the_first_line():
    text = '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "s3:GetObject",\n    "Action": "s3:PutObject"\n  }]\n}'
    source = parse_text(text, "p.json")
    assert codes(source) == ["JSON_DUPLICATE_KEY"]
    finding = source.findings[0]
    assert finding.pointer == "/Statement/0/Action"
    assert (finding.line, finding.column) == (5, 5)
    assert '"Action" (first at line 4)' in finding.message
    assert "keeps only the last value" in finding.message
    assert source.document["Statement"][0]["Action"] == "s3:PutObject"


def test_same_key_in_different_objects_is_not_a_duplicate():
    source = parse_text('[{"Effect": "Allow"}, {"Effect": "Deny"}]', "p.json")
    assert source.findings == []


def test_duplicate_keys_are_found_in_recovered_documents():
    source = parse_text('{"a": 1, "a": 2,}', "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR", "JSON_DUPLICATE_KEY"]


# --- bad input --------------------------------------------------------------------------------


def test_missing_file_is_unreadable_input(tmp_path):
    source = read_source(tmp_path / "nope.json", "nope.json")
    assert codes(source) == ["INPUT_NOT_FOUND"]
    assert source.findings[0].path == "nope.json" and not source.has_document


def test_directory_given_as_file_is_unreadable(tmp_path):
    source = read_source(tmp_path)
    assert codes(source) == ["INPUT_UNREADABLE"]


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "blank.json").write_bytes(b" \n\t\n")
    empty, blank = read_source(tmp_path / "empty.json"), read_source(tmp_path / "blank.json")
    assert codes(empty) == codes(blank) == ["JSON_EMPTY_FILE"]
    assert "empty" in empty.findings[0].message and "white space" in blank.findings[0].message


def test_binary_file_names_the_first_nul_byte():
    source = parse_bytes(b"{\n\x00\x01\x02", "image.json")
    assert codes(source) == ["JSON_NOT_UTF8"]
    finding = source.findings[0]
    assert "binary" in finding.message and "line 2, column 1" in finding.message
    assert (finding.line, finding.column) == (2, 1)


def test_non_utf8_byte_is_located():
    source = parse_bytes(b'{"Sid": "caf' + b"\xe9" + b'"}', "latin1.json")
    assert codes(source) == ["JSON_NOT_UTF8"]
    finding = source.findings[0]
    assert "byte 0xE9 at line 1, column 13 (byte offset 12)" in finding.message
    assert "Windows-1252" in finding.hint


def test_utf16_file_is_named_as_such():
    data = json.dumps({"Statement": []}).encode("utf-16")
    source = parse_bytes(data, "windows.json")
    assert codes(source) == ["JSON_NOT_UTF8"]
    assert "UTF-16" in source.findings[0].message and "utf8NoBOM" in source.findings[0].hint


def test_utf8_bom_is_an_error_but_the_rest_is_checked():
    source = parse_bytes(b'\xef\xbb\xbf{\n"Effect": "Allow"}', "bom.json")
    assert codes(source) == ["JSON_BYTE_ORDER_MARK"]
    assert source.findings[0].finding_type.value == "ERROR"
    assert source.document == {"Effect": "Allow"}
    assert source.position("/Effect") == (2, 1)


def test_bom_in_text_input_is_reported_too():
    source = parse_text('\ufeff{"a": 1}', "cell")
    assert codes(source) == ["JSON_BYTE_ORDER_MARK"] and source.document == {"a": 1}


def test_deep_nesting_is_a_finding_not_a_recursion_error():
    text = "[" * 50_000 + "]" * 50_000
    source = parse_text(text, "deep.json")
    assert codes(source) == ["JSON_TOO_DEEP"]
    assert not source.has_document
    assert (source.findings[0].line, source.findings[0].column) == (1, jsonsource.MAX_DEPTH + 1)


def test_deep_nesting_that_json_accepts_is_still_refused():
    depth = jsonsource.MAX_DEPTH + 1
    source = parse_text("[" * depth + "]" * depth, "deep.json")
    assert codes(source) == ["JSON_TOO_DEEP"]


def test_nesting_at_the_limit_is_fine():
    depth = jsonsource.MAX_DEPTH
    source = parse_text("[" * depth + "]" * depth, "ok.json")
    assert source.findings == [] and source.has_document


def test_large_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * (20 * 1024 * 1024) + b'"}')
    source = read_source(big, "big.json")
    assert codes(source) == ["JSON_TOO_LARGE"]
    assert "20.0 MiB" in source.findings[0].message and "1.0 MiB" in source.findings[0].message


def test_file_at_the_size_limit_is_read(tmp_path):
    padding = jsonsource.MAX_BYTES - len('{"a": ""}')
    path = tmp_path / "edge.json"
    path.write_text('{"a": "' + "x" * padding + '"}')
    assert read_source(path).findings == []


def utf8_text_of_size(size: int) -> str:
    """A small JSON object of exactly `size` UTF-8 bytes, mostly two-byte characters."""
    frame = '{"a": ""}'
    pairs, odd = divmod(size - len(frame), 2)
    return '{"a": "' + "\u00e9" * pairs + "x" * odd + '"}'


def test_text_over_the_size_limit_in_utf8_bytes_is_refused():
    text = utf8_text_of_size(jsonsource.MAX_BYTES + 1)
    assert len(text) < jsonsource.MAX_BYTES  # fewer characters than the limit: bytes are what count
    source = parse_text(text, "big.json")
    assert codes(source) == ["JSON_TOO_LARGE"] and not source.has_document
    assert source.findings[0].message == "the text is 1.0 MiB as UTF-8; iamkb reads policies up to 1.0 MiB"
    assert source.findings[0].hint


def test_text_at_the_size_limit_is_read():
    text = utf8_text_of_size(jsonsource.MAX_BYTES)
    assert len(text.encode("utf-8")) == jsonsource.MAX_BYTES
    source = parse_text(text, "edge.json")
    assert source.findings == [] and source.has_document


def test_unreadable_file(tmp_path, monkeypatch):
    # Root reads any file whatever its mode, so the refusal is simulated where the OS would raise it.
    path = tmp_path / "secret.json"
    path.write_text("{}")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "open", refuse)
    source = read_source(path, "secret.json")
    assert codes(source) == ["INPUT_UNREADABLE"]
    assert source.findings[0].message == "cannot read the file: Permission denied"


# --- characters IAM rejects ----------------------------------------------------------------------


def test_characters_beyond_latin1_are_reported_once_per_line():
    text = '{\n  "Sid": "A\u200bB",\n  "Effect": "Allow" \u2014 \u2014\n}'
    found = jsonsource.characters_iam_rejects(parse_text(text, "p.json"))
    assert [(f.code, f.line, f.column) for f in found] == [
        ("JSON_CHARACTER_NOT_ALLOWED", 2, 12),
        ("JSON_CHARACTER_NOT_ALLOWED", 3, 21),
    ]
    assert "U+200B (ZERO WIDTH SPACE)" in found[0].message and "U+2014 (EM DASH)" in found[1].message


def test_ascii_and_latin1_text_is_accepted():
    text = '{"Sid": "x", "Condition": {"StringEquals": {"aws:PrincipalTag/name": "Jos\u00e9\u00a0\u00ff"}}}\t\r\n'
    assert jsonsource.characters_iam_rejects(parse_text(text, "p.json")) == []


def test_endless_input_is_cut_at_the_size_limit():
    source = read_source("/dev/zero", "/dev/zero")
    assert codes(source) == ["JSON_TOO_LARGE"]
    assert source.findings[0].message == "the input is larger than 1.0 MiB, the most iamkb reads for one policy"


def test_a_pipe_can_be_read(tmp_path):
    fifo = tmp_path / "policy.pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=('{"Effect": "Allow"}',))
    writer.start()
    source = read_source(fifo)
    writer.join()
    assert source.findings == [] and source.document == {"Effect": "Allow"}


# --- values JSON cannot carry ----------------------------------------------------------------------------


@pytest.mark.parametrize(("literal", "column"), [("NaN", 7), ("Infinity", 7), ("-Infinity", 7)])
def test_nan_and_infinity_are_syntax_errors_without_a_document(literal, column):
    source = parse_text('{"a": ' + literal + ', "b": "NaN"}', "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"] and not source.has_document
    finding = source.findings[0]
    assert finding.message == f"{literal} is not a JSON value: JSON numbers are finite"
    assert (finding.line, finding.column) == (1, column) and finding.hint


def test_nan_inside_a_string_is_text_not_a_number():
    source = parse_text('{"NaN": "Infinity"}', "p.json")
    assert source.findings == [] and source.document == {"NaN": "Infinity"}


def test_nan_in_a_recovered_document_drops_the_document():
    source = parse_text("{a: NaN,}", "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR", "JSON_SYNTAX_ERROR"] and not source.has_document
    assert source.findings[1].message.startswith("NaN is not a JSON value")


@pytest.mark.parametrize("number", ["1e999", "-1E+400", "9" * 400 + ".5"])
def test_a_number_too_large_for_a_double_is_refused_where_it_is_written(number):
    source = parse_text('{\n  "a": "1e999",\n  "b": ' + number + "\n}", "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"] and not source.has_document
    finding = source.findings[0]
    assert (finding.line, finding.column, finding.pointer) == (3, 8, "/b")
    assert "is too large" in finding.message and "1.8e308" in finding.message
    assert len(finding.message) < 300  # a 400-digit number is cut short in the message


def test_a_too_large_number_behind_a_duplicate_key_is_located_at_itself():
    source = parse_text('{"a": 1, "a": 1e999}', "p.json")
    (finding,) = source.findings
    assert "the number 1e999 is too large" in finding.message and finding.column == 15


def test_large_finite_numbers_are_fine():
    source = parse_text('{"a": 1.7e308, "b": -4.9e-324, "c": ' + "9" * 300 + "}", "p.json")
    assert source.findings == [] and source.document["a"] == 1.7e308


@pytest.mark.parametrize(
    ("text", "pointer", "column", "repaired"),
    [
        ('{"Sid": "a\\ud800"}', "/Sid", 2, {"Sid": "a\ufffd"}),
        ('{"Sid": "\\udfff b"}', "/Sid", 2, {"Sid": "\ufffd b"}),
        ('{"\\udc00k": 1}', "/\ufffdk", 2, {"\ufffdk": 1}),
        ('[["x", "\\ud83d"]]', "/0/1", 8, [["x", "\ufffd"]]),
        ('"\\ud800"', "", 1, "\ufffd"),
    ],
)
def test_a_lone_surrogate_is_reported_and_read_as_the_replacement_character(text, pointer, column, repaired):
    source = parse_text(text, "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    finding = source.findings[0]
    assert "surrogate pair without its other half" in finding.message
    assert (finding.pointer, finding.line, finding.column) == (pointer, 1, column)
    assert source.has_document and source.recovered and source.document == repaired
    json.dumps(source.document).encode("utf-8")  # nothing left that cannot be written


def test_a_surrogate_pair_is_one_character_and_no_finding():
    source = parse_text('{"Sid": "\\ud83d\\ude00", "e": "\\\\ud800"}', "p.json")
    assert source.findings == [] and source.document == {"Sid": "\U0001f600", "e": "\\ud800"}


def test_a_raw_surrogate_in_python_text_is_reported_too():
    source = parse_text('{"Sid": "a\ud800"}', "p.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"] and source.document == {"Sid": "a\ufffd"}


def test_a_parsed_document_is_held_to_the_same_rules():
    assert codes(jsonsource.from_document({"a": float("nan")})) == ["JSON_SYNTAX_ERROR"]
    assert codes(jsonsource.from_document({"a": ["\udc80"]})) == ["JSON_SYNTAX_ERROR"]
    assert jsonsource.from_document({"a": [1.5, "ok"]}).findings == []


# --- encodings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16-le", "UTF-16 little-endian"),
        ("utf-16-be", "UTF-16 big-endian"),
        ("utf-32-le", "UTF-32 little-endian"),
        ("utf-32-be", "UTF-32 big-endian"),
    ],
)
def test_utf16_and_utf32_without_a_byte_order_mark_are_named(codec, name):
    data = json.dumps({"Statement": [], "Sid": "caf\u00e9 \u2603"}).encode(codec)
    source = parse_bytes(data, "windows.json")
    assert codes(source) == ["JSON_NOT_UTF8"]
    assert (
        source.findings[0].message == f"the file is {name} text without a byte order mark; policy files must be UTF-8"
    )
    assert "utf8NoBOM" in source.findings[0].hint


def test_binary_with_nul_bytes_at_even_offsets_is_still_binary():
    assert "binary" in parse_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.json").findings[0].message


# --- paths -------------------------------------------------------------------------------------------------


def test_an_empty_path_is_not_the_current_directory():
    for source in (read_source(""), read_source(Path(""), "")):
        assert codes(source) == ["INPUT_NOT_FOUND"] and source.findings[0].message == "the path is empty"


def test_a_dangling_symbolic_link_is_called_what_it_is(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "gone.json")
    source = read_source(link, "link.json")
    assert (
        codes(source) == ["INPUT_NOT_FOUND"]
        and "symbolic link to a file that does not exist" in source.findings[0].message
    )


def test_a_file_name_is_shown_with_its_control_characters_and_bad_bytes_escaped():
    source = read_source("/nonexistent/a\nb\x1b[2J\udcff.json")
    assert source.path == "/nonexistent/a\\nb\\u001b[2J\\xff.json"
    assert source.findings[0].path == source.path


# --- limits ------------------------------------------------------------------------------------------------


def test_batch_files_have_larger_limits_than_policies(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text('{"a": "' + "x" * (2 * jsonsource.MAX_BYTES) + '", "b": ' + "[" * 40 + "]" * 40 + "}")
    assert codes(read_source(path)) == ["JSON_TOO_LARGE"]
    source = read_source(path, limits=jsonsource.DATA)
    assert source.findings == [] and source.has_document
    deeper = "[" * (jsonsource.DATA.max_depth + 1) + "]" * (jsonsource.DATA.max_depth + 1)
    too_deep = parse_text(deeper, "s.json", limits=jsonsource.DATA)
    assert codes(too_deep) == ["JSON_TOO_DEEP"] and "64 levels" in too_deep.findings[0].message


def test_a_batch_file_over_its_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(jsonsource.DATA.max_bytes + 1)
    source = read_source(path, limits=jsonsource.DATA)
    assert codes(source) == ["JSON_TOO_LARGE"]
    assert "iamkb reads scenario and job files up to 32.0 MiB" in source.findings[0].message


# --- the rule for commands that need the document ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ('{"a": 1}', True),
        ('\ufeff{"a": 1}', True),  # a byte order mark changes no value
        ('{"a": 1, "a": 2}', False),  # which value did the author mean?
        ('{"a": 1,}', False),  # recovered
        ('{"a": "\\ud800"}', False),  # repaired
        ("", False),
        ("null", True),
    ],
)
def test_one_rule_decides_whether_a_command_may_use_the_document(text, usable):
    source = parse_text(text, "p.json")
    assert (jsonsource.problems(source) == []) is usable


def test_require_names_the_file_line_column_and_pointer_of_the_first_problem():
    source = parse_text('{\n  "a": 1,\n  "a": 2,\n  "b": NaN\n}', "p.json")
    with pytest.raises(jsonsource.UsageError) as refused:
        jsonsource.require(source)
    assert str(refused.value).startswith("p.json:4:8: NaN is not a JSON value")
    with pytest.raises(jsonsource.UsageError) as refused:
        jsonsource.require(parse_text('{\n  "a": 1,\n  "a": 2,\n  "b": 3\n}', "p.json"))
    assert str(refused.value).startswith('p.json:3:3: at /a: duplicate key "a" (first at line 2)')
    assert "\nhint: merge the two" in str(refused.value)
    assert jsonsource.require(parse_text('\ufeff{"a": 1}')) == {"a": 1}


def test_load_and_read_text_raise_where_read_source_reports(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert jsonsource.load(path).document == {"a": 1}
    assert jsonsource.read_text(path) == '{"a": 1}'
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(jsonsource.UsageError, match=r"p.json:1:8: byte 0xFF .* is not valid UTF-8"):
        jsonsource.read_text(path, "p.json")
    with pytest.raises(jsonsource.UsageError, match="no such file or directory"):
        jsonsource.load(tmp_path / "missing.json")


def test_a_lone_surrogate_is_named_as_such_not_as_a_control_character():
    (finding,) = jsonsource.characters_iam_rejects(parse_text('{"Sid": "a\udce9"}', "p.json"))
    assert "U+DCE9 (half of a UTF-16 surrogate pair, not a character)" in finding.message
