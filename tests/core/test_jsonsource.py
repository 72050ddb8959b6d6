"""Reading policy files: strict parse, lenient recovery, duplicate keys, and every kind of bad input."""

from __future__ import annotations

import json
import os
import threading

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
    assert "Permission denied" in source.findings[0].message


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
