import json

import pytest

from iamkb.check import check_document
from iamkb.cli import main
from iamkb.kb.snippets import load_catalog

CUSTOM = [
    "--set",
    "input-bucket-name=my-gt-input",
    "--set",
    "output-bucket-name=my-gt-output",
    "--set",
    "region=us-west-2",
    "--set",
    "account-id=210987654321",  # not AWS's example account, which `iamkb check` warns of (EXAMPLE_VALUE)
    "--set",
    "pre-annotation-lambda-name=gt-pre",
    "--set",
    "post-annotation-lambda-name=gt-post",
]


def test_render_prints_the_filled_policy_and_it_checks_clean(capsys):
    assert main(["render", "custom-task-types", *CUSTOM]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "arn:aws:s3:::my-gt-input/*" in out
    assert not [f for f in check_document(out, "identity") if f.finding_type.value == "ERROR"]


def test_invalid_value_exits_2_naming_the_rule_without_traceback(capsys):
    assert (
        main(
            [
                "render",
                "built-in-task-types",
                "--set",
                "input-bucket-name=My_Bucket",
                "--set",
                "output-bucket-name=out-bucket",
            ]
        )
        == 2
    )
    out, err = capsys.readouterr()
    assert out == ""
    assert "<input-bucket-name>" in err and "S3 bucket name" in err
    assert "Traceback" not in err


def test_unknown_name_exits_2_listing_placeholders(capsys):
    assert main(["render", "built-in-task-types", "--example", "--set", "bucket=x"]) == 2
    assert "its placeholders: <input-bucket-name>, <output-bucket-name>" in capsys.readouterr().err


def test_missing_value_exits_2(capsys):
    assert main(["render", "automated-labeling-passrole", "--set", "account-number=111122223333"]) == 2
    assert "missing a value for <role-name> (IAM role path and name)" in capsys.readouterr().err


def test_minified_format_is_one_line_of_the_same_document(capsys):
    assert main(["render", "built-in-task-types", "--example", "--format", "minified"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and " " not in out
    assert json.loads(out)["Statement"][0]["Resource"] == [
        "arn:aws:s3:::my-labeling-input",
        "arn:aws:s3:::my-labeling-output",
    ]


def test_output_file_gets_the_text_and_snippets_are_untouched(tmp_path, capsys):
    snippet = load_catalog().get("built-in-task-types")
    before = snippet.path.read_bytes()
    target = tmp_path / "role.json"
    assert main(["render", snippet.id, "--example", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert "my-labeling-input" in target.read_text()
    assert snippet.path.read_bytes() == before


def test_output_into_snippets_is_refused(capsys):
    snippet = load_catalog().get("built-in-task-types")
    before = snippet.path.read_bytes()
    assert main(["render", snippet.id, "--example", "-o", str(snippet.path)]) == 2
    assert "refusing to write inside" in capsys.readouterr().err
    assert snippet.path.read_bytes() == before


def test_check_findings_go_to_stderr_and_an_error_exits_1(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        '"Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::<input-bucket-name>/*"}]}'
    )
    assert main(["render", str(policy), "--set", "input-bucket-name=abc"]) == 1
    out, err = capsys.readouterr()
    assert "arn:aws:s3:::abc/*" in out
    assert "ERROR" in err and "s3:GetObjekt" in err


@pytest.mark.parametrize("snippet", [s.id for s in load_catalog().snippets])
def test_every_snippet_renders_with_examples_and_exits_0(snippet, capsys):
    assert main(["render", snippet, "--example"]) == 0, capsys.readouterr().err


def test_render_fills_a_mixed_case_placeholder_in_a_users_file(tmp_path, capsys):
    policy = tmp_path / "p.json"
    policy.write_text(
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", '
        '"Resource": "arn:aws:s3:::<Bucket_Name>/*"}}'
    )
    assert main(["render", str(policy), "--set", "Bucket_Name=my-bucket"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["Statement"]["Resource"] == "arn:aws:s3:::my-bucket/*"
    assert "UNFILLED_PLACEHOLDER" not in err
