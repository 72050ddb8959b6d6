"""Say in plain words what a JSON syntax error is, and the usual cause as a hint.

Python's JSON parser reports errors in its own terms ("Expecting property name enclosed in double
quotes"), and people who paste policies from documentation need to hear what they wrote wrong:
a trailing comma, a curly quote, `True` instead of `true`, a missing comma at the end of a line.
`iamkb.core.jsonsource` locates the error and records the finding; this module only chooses the words,
so the wording for every parser message lives in one place with its own tests.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # exists (C or Python), typeshed omits it


def explain(exc: json.JSONDecodeError) -> tuple[str, str | None]:
    """Say what the C parser expected, in plain words, with the usual cause as the hint."""
    text, pos, msg = exc.doc, exc.pos, exc.msg
    here = text[pos] if pos < len(text) else ""
    before = text[:pos].rstrip()
    previous = before[-1:] if before else ""
    if not here and msg != "Extra data":
        return (
            "the text ends before the JSON document is complete",
            "a closing } or ] is missing, or the file was cut short",
        )
    if here in "\u201c\u201d\u2018\u2019":
        return (
            f'curly quote {here} where JSON needs a straight double quote "',
            'the text was probably copied from a word processor or a web page; replace curly quotes with "',
        )
    if msg.startswith("Expecting property name") or (msg == "Expecting value" and here == "]"):
        if previous == "," and here == ",":
            return "two commas in a row", "remove one of them"
        if previous == "," and here in "}]":
            closer = here
            return (
                f"trailing comma before {closer}",
                "JSON does not allow a comma after the last "
                + ("member of an object" if closer == "}" else "item of a list")
                + "; remove it",
            )
        if here == "'":
            return 'single quote where JSON needs a double quote "', "JSON strings and keys use double quotes"
        return f"expected a key in double quotes, found {_show(here)}", _key_hint(here, previous)
    if msg == "Expecting value":
        if here == "'":
            return 'single quote where JSON needs a double quote "', "JSON strings use double quotes"
        return (
            f"expected a JSON value (a string, number, object, list, true, false or null), found {_show(here)}",
            _value_hint(text, pos, previous),
        )
    if msg.startswith("Expecting ',' delimiter"):
        inside = _innermost_container(text, pos)
        closer = "}" if inside == "{" else "]"
        what = "members" if inside == "{" else "items"
        return (
            f"expected a comma between {what} or a closing {closer}, found {_show(here)}",
            "a comma is probably missing at the end of the previous line",
        )
    if msg.startswith("Expecting ':' delimiter"):
        return (
            f"expected a colon after the key, found {_show(here)}",
            'write a colon between a key and its value, as in "Effect": "Allow"',
        )
    if msg == "Extra data":
        if here == ",":
            return (
                "a comma after the end of the JSON document",
                "this text was probably cut out of a longer list; remove the trailing comma",
            )
        return (
            "more text after the end of the JSON document",
            "a policy file holds exactly one JSON object; remove the extra text or merge it into the document",
        )
    if msg.startswith("Unterminated string"):
        return (
            "a string is not closed: its closing double quote is missing",
            'add the closing " on the same line: a JSON string cannot span lines (write a line break as \\n)',
        )
    if msg.startswith("Invalid control character"):
        return (
            "a string contains a raw line break or control character",
            "write a line break inside a string as \\n, or join the lines",
        )
    if msg.startswith("Invalid \\escape") or "\\u" in msg:
        return f"invalid escape sequence in a string ({msg.lower()})", "a backslash in a JSON string is written \\\\"
    return (
        f"JSON syntax error: {msg.lower()}",
        "compare the text at this position with the policy examples; a JSON validator in your editor shows "
        "such mistakes as you type",
    )


def not_json_constant(literal: str) -> tuple[str, str]:
    """NaN, Infinity and -Infinity: JavaScript and Python write them, JSON has no such values."""
    return (
        f"{literal} is not a JSON value: JSON numbers are finite",
        "write the number itself, or put the text in double quotes; an IAM policy has no use for NaN or Infinity",
    )


_BOOLEAN_MISSPELLINGS = {"True": "true", "False": "false", "TRUE": "true", "FALSE": "false"}
_NULL_MISSPELLINGS = {"None", "NULL", "Null", "nil", "undefined"}


def _key_hint(here: str, previous: str) -> str:
    """Why a key was expected but something else came (the parser is inside an object)."""
    if here.isalpha() or here == "_":
        return 'put the key in double quotes, as in "Effect": "Allow"'
    if here == "}" or previous == "{":
        return 'remove the stray comma or character, or write the member as "Key": value'
    if here in "{[":
        return 'an object holds "key": value members; a value needs its key and a colon before it'
    return 'an object holds "key": value members separated by commas; remove the stray character'


def _value_hint(text: str, pos: int, previous: str) -> str:
    """The usual cause when a value was expected: a bare word, Python literals, or a missing value."""
    word = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[pos:])
    if word and word.group() in _BOOLEAN_MISSPELLINGS:
        return f"write {_BOOLEAN_MISSPELLINGS[word.group()]}: JSON's booleans are true and false, in lower case"
    if word and word.group() in _NULL_MISSPELLINGS:
        return "write null (JSON's word for no value, in lower case), or leave the element out"
    if word:
        return 'put text in double quotes, as in "Allow"; JSON\'s only bare words are true, false and null'
    here = text[pos]
    if here in ",}" and previous == ":":
        return "a value is missing after the colon"
    if here == ",":
        return "a value is missing between two commas, or there is one comma too many"
    return "remove the stray character, or put the text in double quotes"


def _show(char: str) -> str:
    """A character as the message shows it: in double quotes, like JSON text, or named when invisible."""
    if not char.strip():
        return "white space"
    if char == '"':
        return "a double quote"
    return f'"{char}"'


def _innermost_container(text: str, pos: int) -> str:
    """'{' or '[': the container open at `pos` (only called on the error path)."""
    stack = []
    i = 0
    while i < pos:
        c = text[i]
        if c == '"':
            try:
                _, i = scanstring(text, i + 1, False)
            except json.JSONDecodeError:
                break
            continue
        if c in "{[":
            stack.append(c)
        elif c in "}]" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else "{"
