"""Policy variables and unfilled placeholders."""

from tests.check.rules.util import allow, lint, policy, with_code


def test_malformed_variables():
    document = policy(
        allow(
            "s3:GetObject",
            [
                "arn:aws:s3:::b/${aws:username/*",  # never closed
                "arn:aws:s3:::b/${user name}/*",  # not a key name
                "arn:aws:s3:::b/${aws:usename}/*",  # no such key
            ],
        )
    )
    found = with_code(lint(document), "MALFORMED_POLICY_VARIABLE")
    assert [f.pointer for f in found] == [f"/Statement/0/Resource/{i}" for i in range(3)]
    assert "never closed" in found[0].message and "aws:username" in found[2].message


def test_valid_variables_defaults_and_escapes():
    document = policy(
        allow(
            "s3:GetObject",
            [
                "arn:aws:s3:::b/${aws:username}/*",
                "arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}/*",
                "arn:aws:s3:::b/${*}${?}${$}",
            ],
        )
    )
    assert not with_code(lint(document), "MALFORMED_POLICY_VARIABLE")


def test_variables_need_version_2012_10_17():
    document = {"Version": "2008-10-17", "Statement": [allow("s3:GetObject", "arn:aws:s3:::b/${aws:username}/*")]}
    (finding,) = with_code(lint(document), "POLICY_VARIABLE_NEEDS_VERSION")
    assert finding.pointer == "/Version"
    assert finding.finding_type.value == "ERROR"  # Access Analyzer's "Variable unsupported in version"
    assert not with_code(
        lint(policy(allow("s3:GetObject", "arn:aws:s3:::b/${aws:username}/*"))), "POLICY_VARIABLE_NEEDS_VERSION"
    )


def test_one_placeholder_finding_per_value_naming_each_placeholder():
    document = policy(
        allow(
            "iam:PassRole",
            "arn:aws:iam::<account-id>:role/<role-name>",
            Condition={"StringEquals": {"aws:ResourceTag/<tag-key>": "x"}},
        )
    )
    found = with_code(lint(document), "UNFILLED_PLACEHOLDER")
    assert [f.pointer for f in found] == [
        "/Statement/0/Resource",
        "/Statement/0/Condition/StringEquals/aws:ResourceTag~1<tag-key>",
    ]
    assert "<account-id>, <role-name>" in found[0].message
    assert not with_code(
        lint(policy(allow("iam:PassRole", "arn:aws:iam::111122223333:role/x"))), "UNFILLED_PLACEHOLDER"
    )


def test_a_default_with_a_doubled_quote_is_accepted_by_the_lint_and_substituted_by_the_simulator():
    """Regression: the lint called `'O''Brien'` malformed while the simulator substituted it."""
    from iamkb.simulate import Policies, Request, evaluate

    document = policy(allow("s3:GetObject", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'O''Brien'}/*"))
    assert not with_code(lint(document), "MALFORMED_POLICY_VARIABLE")
    policies = Policies(identity=[document])
    assert evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::b/O'Brien/k")).decision.allowed
    assert not evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::b/O''Brien/k")).decision.allowed


def test_placeholders_in_other_peoples_templates_are_flagged_too():
    document = policy(allow("s3:GetObject", "arn:aws:s3:::<Bucket_Name>/<your prefix>/*"))
    (finding,) = with_code(lint(document), "UNFILLED_PLACEHOLDER")
    assert "<Bucket_Name>, <your prefix>" in finding.message
    assert not with_code(lint(policy(allow("s3:GetObject", "arn:aws:s3:::b/<>/*"))), "UNFILLED_PLACEHOLDER")


def test_an_unfilled_placeholder_is_an_error_and_a_template_placeholder_a_warning():
    document = policy(allow("s3:GetObject", "arn:aws:s3:::<input-bucket-name>/*"))
    (error,) = with_code(lint(document), "UNFILLED_PLACEHOLDER")
    assert error.finding_type.value == "ERROR" and "--templates" in error.hint
    assert with_code(lint(document, templates=True), "UNFILLED_PLACEHOLDER") == []
    (warning,) = with_code(lint(document, templates=True), "TEMPLATE_PLACEHOLDER")
    assert warning.finding_type.value == "WARNING" and warning.pointer == error.pointer
    assert "<input-bucket-name>" in warning.message and "iamkb render" in warning.hint


def test_the_catalogs_files_are_templates_and_what_render_makes_of_them_is_not(tmp_path):
    """check_paths reads a catalog file as a template by itself; the same text elsewhere, or rendered, is a policy."""
    from iamkb.check import check_document, check_paths
    from iamkb.kb.snippets import load_catalog
    from iamkb.render import render

    snippet = load_catalog().get("built-in-task-types")
    in_catalog = {f.code for f in check_paths([snippet.path])}
    assert "TEMPLATE_PLACEHOLDER" in in_catalog and "UNFILLED_PLACEHOLDER" not in in_catalog
    copy = tmp_path / "copy.json"
    copy.write_text(snippet.text())
    assert "UNFILLED_PLACEHOLDER" in {f.code for f in check_paths([copy])}
    assert "UNFILLED_PLACEHOLDER" not in {f.code for f in check_paths([copy], templates=True)}
    assert "UNFILLED_PLACEHOLDER" in {f.code for f in check_paths([snippet.path], templates=False)}
    rendered = render(snippet.id, {}, use_examples=True)
    assert not {"UNFILLED_PLACEHOLDER", "TEMPLATE_PLACEHOLDER"} & {f.code for f in check_document(rendered.text)}


def test_a_variable_before_the_fifth_colon_is_literal_text():
    """AWS substitutes a variable in Resource only after the ARN's fifth colon; the simulator reads the
    account or Region field's `${...}` as text (conformance rule variables-arn-fields)."""
    document = policy(
        allow(
            "iam:GetRole",
            [
                "arn:aws:iam::${aws:PrincipalAccount}:role/x",  # the account field
                "arn:aws:sqs:${aws:RequestedRegion}:444455556666:${aws:username}",  # the Region field; the last is fine
            ],
        )
    )
    found = with_code(lint(document), "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE")
    assert [(f.pointer, f.finding_type.value) for f in found] == [
        ("/Statement/0/Resource/0", "WARNING"),
        ("/Statement/0/Resource/1", "WARNING"),
    ]
    assert "${aws:PrincipalAccount}" in found[0].message and "${aws:RequestedRegion}" in found[1].message
    not_resource = policy({"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:${aws:x}::b"})
    assert with_code(lint(not_resource), "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE")


def test_a_variable_in_the_resource_part_or_a_condition_or_without_the_2012_version_is_not_flagged():
    fine = policy(
        allow(
            "s3:GetObject",
            "arn:aws:s3:::b/${aws:username}/*",
            Condition={"ArnLike": {"aws:SourceArn": "arn:aws:lambda:us-east-1:${aws:PrincipalAccount}:function:*"}},
        )
    )
    assert not with_code(lint(fine), "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE")
    old = {"Version": "2008-10-17", "Statement": [allow("iam:GetRole", "arn:aws:iam::${aws:PrincipalAccount}:role/x")]}
    assert not with_code(lint(old), "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE")  # POLICY_VARIABLE_NEEDS_VERSION instead
