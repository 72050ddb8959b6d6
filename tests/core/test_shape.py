import pytest

from iamkb.core.errors import UsageError
from iamkb.core.shape import PolicyShapeError, json_type, short, string_list


def test_errors_are_usage_errors_with_place_and_hint():
    error = PolicyShapeError('Effect must be "Allow" or "Deny"', ("Statement", 0, "Effect"), "fix it")
    assert isinstance(error, UsageError)
    assert str(error.located("identity[0]")) == (
        'identity[0] at /Statement/0/Effect: Effect must be "Allow" or "Deny"\nhint: fix it'
    )


def test_pointer_tokens_are_escaped():
    assert PolicyShapeError("x", ("Condition", "StringEquals", "aws:RequestTag/a~b")).pointer == (
        "/Condition/StringEquals/aws:RequestTag~1a~0b"
    )


@pytest.mark.parametrize(
    "value, name",
    [(None, "null"), (True, "a boolean"), (1.5, "a number"), ("s", "a string"), ([], "an array"), ({}, "an object")],
)
def test_json_type_names(value, name):
    assert json_type(value) == name


def test_short_cuts_long_values():
    assert short("x" * 100).endswith("…") and len(short("x" * 100)) == 60


def test_string_list():
    assert string_list("a", (), "Action") == ["a"]
    with pytest.raises(PolicyShapeError, match="entries must be strings, got a number"):
        string_list(["a", 1], ("Action",), "Action")
