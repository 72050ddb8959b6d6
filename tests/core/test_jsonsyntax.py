"""Syntax errors in plain words: what the parser expected, and the usual cause as the hint."""

from __future__ import annotations

import json

import pytest

from iamkb.core.jsonsource import parse_text
from iamkb.core.jsonsyntax import explain


def codes(source):
    return [f.code for f in source.findings]


@pytest.mark.parametrize(
    ("text", "message_part", "hint_part"),
    [
        ('{"a": 1 "b": 2}', "expected a comma between members or a closing }", "comma is probably missing"),
        ("[1, 2 3]", "expected a comma between items or a closing ]", "comma"),
        ('{"a" 1}', "expected a colon after the key", "write a colon between a key and its value"),
        ('{"a": \u201cx\u201d}', "curly quote", "replace curly quotes"),
        ('{"a": "x\ny"}', "raw line break", "\\n"),
        ('{"a": ', "ends before the JSON document is complete", "closing"),
        ('{"a": tru}', "expected a JSON value", "JSON's only bare words are true, false and null"),
        ('{"a": True}', 'found "T"', "write true: JSON's booleans are true and false"),
        ('{"a": None}', 'found "N"', "write null (JSON's word for no value"),
        ('{"a": }', 'found "}"', "a value is missing after the colon"),
        ("[1, , 2]", 'found ","', "a value is missing between two commas"),
        ('{"a": 1, , "b": 2}', "two commas in a row", "remove one of them"),
        ('{Effect: "Allow" "x"}', 'expected a key in double quotes, found "E"', "put the key in double quotes"),
        ('{"a": 1, [2]}', 'expected a key in double quotes, found "["', "a value needs its key and a colon"),
        ('{"a": "x', "a string is not closed", 'add the closing "'),
    ],
)
def test_unrecoverable_syntax_errors_say_what_was_expected(text, message_part, hint_part):
    source = parse_text(text, "bad.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    finding = source.findings[0]
    assert message_part in finding.message
    assert finding.line == 1 or "\n" in text
    assert hint_part in finding.hint
    assert not source.has_document


def test_invalid_escape_is_reported_and_recovered_leniently():
    source = parse_text('{"a": "\\q"}', "bad.json")
    assert codes(source) == ["JSON_SYNTAX_ERROR"]
    assert "invalid escape" in source.findings[0].message and "\\\\" in source.findings[0].hint
    assert source.recovered


def test_explain_turns_the_parsers_error_into_a_message_and_a_hint():
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads('{"a": 1,}')
    assert explain(caught.value) == (
        "trailing comma before }",
        "JSON does not allow a comma after the last member of an object; remove it",
    )
