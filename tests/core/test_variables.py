import pytest
from hypothesis import given
from hypothesis import strategies as st

from iamkb.core.variables import (
    GLOB,
    TEXT,
    VAR,
    Token,
    Unresolved,
    problems,
    resolve_literal,
    tokenize,
)


def test_without_variables_the_whole_string_is_glob_text():
    assert tokenize("arn:aws:s3:::home/${aws:username}/*", variables=False) == (
        Token(GLOB, "arn:aws:s3:::home/${aws:username}/*"),
    )


def test_a_variable_splits_the_string_and_its_key_is_lower_cased():
    tokens = tokenize("home/${AWS:UserName}/*", variables=True)
    assert [t.kind for t in tokens] == [GLOB, VAR, GLOB]
    assert tokens[1].key == "aws:username" and tokens[1].default is None


def test_default_values_keep_case_and_doubled_quotes():
    (token,) = tokenize("${aws:PrincipalTag/team, 'It''s Shared'}", variables=True)
    assert token.kind == VAR and token.default == "It's Shared"


@pytest.mark.parametrize("escape, char", [("${*}", "*"), ("${?}", "?"), ("${$}", "$")])
def test_escapes_are_literal_text(escape, char):
    assert tokenize(f"a{escape}b", variables=True)[1] == Token(TEXT, char)


def test_malformed_variable_syntax_stays_literal_text():
    assert tokenize("${a b c}", variables=True) == (Token(TEXT, "${a b c}"),)


def test_resolving_uses_the_value_then_the_default_then_fails():
    tokens = tokenize("${aws:username, 'guest'}-${aws:userid}", variables=True)
    assert resolve_literal(tokens, {"aws:username": ("carlos",), "aws:userid": ("AID",)}) == "carlos-AID"
    assert resolve_literal(tokens, {"aws:userid": ("AID",)}) == "guest-AID"
    with pytest.raises(Unresolved) as caught:
        resolve_literal(tokens, {})
    assert caught.value.key == "aws:userid"


def test_a_multivalued_key_cannot_be_a_variable():
    with pytest.raises(Unresolved):
        resolve_literal(tokenize("${aws:TagKeys}", variables=True), {"aws:tagkeys": ("a", "b")})


def test_the_default_with_a_doubled_quote_is_substituted_with_one_quote():
    (token,) = tokenize("${aws:PrincipalTag/team, 'O''Brien'}", variables=True)
    assert resolve_literal((token,), {}) == "O'Brien"
    assert problems("${aws:PrincipalTag/team, 'O''Brien'}") == []


@pytest.mark.parametrize(
    "text, problem",
    [
        ("b/${aws:username/*", "'${' at character 3 is never closed"),
        ("b/${user name}/*", "'${user name}' is not a valid variable name"),
        ("${username}", "'${username}' is not a valid variable name"),  # a condition key has a service prefix
        ("${aws:a${aws:b}", "'${aws:a${aws:b}' is not a valid variable name"),
        ("${aws:x, 'unclosed}", "'${aws:x, 'unclosed}' is not a valid variable name"),
        ("${}", "'${}' is not a valid variable name"),
    ],
)
def test_problems_name_each_malformed_variable(text, problem):
    assert [p.message for p in problems(text)] == [problem]


def test_valid_variables_and_escapes_have_no_problems():
    assert problems("a/${aws:username}/${ aws:PrincipalTag/team , 'none' }/${*}${?}${$}") == []
    assert problems("no variables here") == []


def test_a_malformed_variable_is_literal_text_and_an_unclosed_one_the_policys_own_text():
    assert tokenize("x${user name}", variables=True) == (Token(GLOB, "x"), Token(TEXT, "${user name}"))
    assert tokenize("x/${aws:username/*", variables=True) == (Token(GLOB, "x/"), Token(GLOB, "${aws:username/*"))


@given(st.text(alphabet="${}',: a*?/Bb", max_size=24))
def test_a_string_without_problems_has_only_well_formed_pieces(text):
    """The lint's reading (problems) and the simulator's (tokenize) agree on every string: no problem
    exactly when every `${...}` became a variable or an escape."""
    tokens = tokenize(text, variables=True)
    malformed = [t for t in tokens if t.kind == TEXT and t.text.startswith("${") and len(t.text) > 1]
    unclosed = [t for t in tokens if t.kind == GLOB and "${" in t.text]
    assert (problems(text) == []) == (not malformed and not unclosed)
