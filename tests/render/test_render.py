import json

import pytest

from iamkb.core.errors import UsageError
from iamkb.kb.snippets import SNIPPETS_DIR, load_catalog
from iamkb.render import (
    CONTROL_MESSAGE,
    check_output_path,
    fill,
    parse_assignments,
    render,
    render_each,
    render_text,
    violations,
)

CUSTOM = {
    "input-bucket-name": "my-gt-input",
    "output-bucket-name": "my-gt-output",
    "region": "eu-central-1",
    "account-id": "111122223333",
    "pre-annotation-lambda-name": "gt-pre",
    "post-annotation-lambda-name": "gt-post",
}


def test_render_fills_every_placeholder_and_keeps_the_formatting():
    snippet = load_catalog().get("custom-task-types")
    rendered = render("custom-task-types", CUSTOM)
    assert "<" not in rendered.text
    assert '"arn:aws:lambda:eu-central-1:111122223333:function:gt-pre"' in rendered.text
    # only the placeholders changed: the snippet's own odd indentation ("         }") survives
    expected = snippet.text()
    for name, value in CUSTOM.items():
        expected = expected.replace(f"<{name}>", value)
    assert rendered.text == expected
    assert rendered.document()["Statement"][2]["Resource"][1].endswith(":function:gt-post")
    assert rendered.kind == "identity"


def test_examples_fill_with_the_catalog_examples():
    rendered = render("built-in-task-types", use_examples=True)
    assert "arn:aws:s3:::my-labeling-input/*" in rendered.text


def test_explicit_values_win_over_examples():
    rendered = render("built-in-task-types", {"input-bucket-name": "mine-in"}, use_examples=True)
    assert "arn:aws:s3:::mine-in/*" in rendered.text and "my-labeling-output" in rendered.text


def test_a_snippet_without_placeholders_renders_as_it_is():
    snippet = load_catalog().get("storage-volume-create-grant")
    assert render(snippet).text == snippet.text()


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("input-bucket-name", "My_Bucket", "may contain only lowercase letters"),
        ("input-bucket-name", "ab", "must be 3 to 63 characters long"),
        ("input-bucket-name", "192.168.1.1", "must not be formatted as an IP address"),
        ("input-bucket-name", "a..b", "must not contain two adjacent periods"),
        ("account-id", "1111-2222-3333", "must be exactly 12 digits"),
        ("region", "US East", "must be a Region code"),
        (
            "pre-annotation-lambda-name",
            "arn:aws:lambda:us-east-1:111122223333:function:f",
            "give the name, not the function ARN",
        ),
        ("execution-role-name", "/service-role/GT", "must not start with /"),
        ("input-bucket-name", "my-bucket\n", CONTROL_MESSAGE),  # Python's `$` alone would accept it
    ],
)
def test_violations_name_the_rule(name, value, message):
    assert any(message in v for v in violations(name, value))


def test_valid_values_have_no_violations():
    assert all(violations(n, v) == [] for n, v in CUSTOM.items())


def test_invalid_value_is_an_error_naming_placeholder_and_rule():
    with pytest.raises(UsageError) as error:
        render("custom-task-types", {**CUSTOM, "input-bucket-name": "My_Bucket"})
    message = str(error.value)
    assert '<input-bucket-name> = "My_Bucket" is not a valid S3 bucket name' in message
    assert "bucketnamingrules" in message


def test_missing_values_are_listed_with_an_example():
    with pytest.raises(UsageError) as error:
        render("built-in-task-types", {"input-bucket-name": "in-bucket"})
    message = str(error.value)
    assert "missing a value for <output-bucket-name>" in message
    assert "--set output-bucket-name=my-labeling-output" in message
    assert "<input-bucket-name>" not in message.split("\n", 1)[1]


def test_unknown_name_lists_the_placeholders():
    with pytest.raises(UsageError) as error:
        render("built-in-task-types", {"input-bucket": "x", "input-bucket-name": "a-b", "output-bucket-name": "c-d"})
    assert "has no placeholder <input-bucket>; its placeholders: <input-bucket-name>, <output-bucket-name>" in str(
        error.value
    )


def test_a_value_for_a_snippet_without_placeholders_is_an_error():
    with pytest.raises(UsageError, match="its placeholders: none"):
        render("storage-volume-create-grant", {"region": "us-east-1"})


def test_a_users_file_with_an_unknown_placeholder_is_escaped_not_broken(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text(
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", '
        '"Resource": "arn:aws:s3:::<team-bucket>/*"}}'
    )
    rendered = render(str(policy), {"team-bucket": 'x", "Effect": "Deny'})
    # the quote stays inside the string: the document still has one Resource string
    assert rendered.document()["Statement"]["Resource"] == 'arn:aws:s3:::x", "Effect": "Deny/*'
    with pytest.raises(UsageError, match="has no example value"):
        render(str(policy), use_examples=True)


def test_fill_leaves_placeholders_without_values_alone():
    assert fill('"<a-b>" "<c>"', {"c": "1"}) == '"<a-b>" "1"'


def test_a_users_file_with_any_placeholder_the_lint_names_is_filled(tmp_path):
    """Regression: the lint flagged `<Bucket_Name>` and pointed at `iamkb render`, which did not fill it."""
    from iamkb.check import check_document

    text = (
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", '
        '"Resource": "arn:aws:s3:::<Bucket_Name>/<your prefix>/*"}}'
    )
    policy = tmp_path / "p.json"
    policy.write_text(text)
    (finding,) = [f for f in check_document(text, "identity", "p.json") if f.code == "UNFILLED_PLACEHOLDER"]
    assert "<Bucket_Name>, <your prefix>" in finding.message and "iamkb render" in finding.hint
    rendered = render(str(policy), {"Bucket_Name": "my-bucket", "your prefix": "team"})
    assert rendered.document()["Statement"]["Resource"] == "arn:aws:s3:::my-bucket/team/*"
    with pytest.raises(UsageError, match=r"missing a value for <Bucket_Name>: give --set Bucket_Name="):
        render(str(policy), {"your prefix": "team"})


def test_render_text_reports_every_problem_at_once():
    with pytest.raises(UsageError) as error:
        render_text('"<account-id>" "<region>"', "t", {"account-id": "1"})
    assert len(str(error.value).splitlines()) == 3


@pytest.mark.parametrize(
    "assignments, expected",
    [
        (["a=b"], {"a": "b"}),
        (["<a>=b=c"], {"a": "b=c"}),
        (["a=b", "a=b"], {"a": "b"}),
    ],
)
def test_parse_assignments(assignments, expected):
    assert parse_assignments(assignments) == expected


@pytest.mark.parametrize("assignments", [["novalue"], ["=x"], ["a=1", "a=2"]])
def test_parse_assignments_rejects(assignments):
    with pytest.raises(UsageError):
        parse_assignments(assignments)


def test_output_path_never_inside_snippets(tmp_path):
    rendered = render("built-in-task-types", use_examples=True)
    with pytest.raises(UsageError, match="refusing to write inside"):
        check_output_path(SNIPPETS_DIR / "execution-role" / "built-in-task-types.json", rendered)
    with pytest.raises(UsageError, match="refusing to write inside"):
        check_output_path(SNIPPETS_DIR / "new.json", rendered)
    assert check_output_path(tmp_path / "out.json", rendered) == (tmp_path / "out.json").resolve()


def test_output_path_never_the_input_file(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}')
    with pytest.raises(UsageError, match="overwrite the input"):
        check_output_path(policy, render(str(policy)))


def test_render_each_gives_each_policy_its_own_values():
    a, b = render_each(
        ["built-in-task-types", "AmazonSageMakerGroundTruthExecution"],
        {"input-bucket-name": "x-in", "output-bucket-name": "x-out"},
    )
    assert "arn:aws:s3:::x-in" in a.text
    assert b.values == {}
    with pytest.raises(UsageError, match="none of .* has a placeholder <region>"):
        render_each(["built-in-task-types", "ground-truth-console"], {"region": "us-east-1"})


def test_broken_json_is_reported_with_its_line(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text('{\n  "Effect": "Allow",,\n}')
    with pytest.raises(UsageError, match=r"p.json:2:"):
        render(str(policy)).document()


def test_every_catalog_snippet_renders_with_its_examples_to_valid_json():
    for snippet in load_catalog().snippets:
        assert isinstance(json.loads(render(snippet, use_examples=True).text), dict)
