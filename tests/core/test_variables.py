from iamkb.core.variables import GLOB, TEXT, VAR, Token, Unresolved, resolve_literal, tokenize

import pytest


def test_without_variables_the_whole_string_is_glob_text():
    assert tokenize("arn:aws:s3:::home/${aws:username}/*", variables=False) == (
        Token(GLOB, "arn:aws:s3:::home/${aws:username}/*"),)


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
