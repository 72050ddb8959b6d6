import json

import pytest

from iamkb.core.errors import UsageError
from iamkb.simulate.scenario import expectation_met, fill_placeholders, load_scenario, read_policy_file

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def write(tmp_path, document, name="scenario.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=1) if not isinstance(document, str) else document)
    return path


def test_loads_inline_and_file_policies(tmp_path):
    write(tmp_path, POLICY, "exec.json")
    path = write(
        tmp_path,
        {
            "policies": {"identity": [{"file": "exec.json"}, POLICY], "scp": [[POLICY]]},
            "requests": [
                {
                    "action": "s3:GetObject",
                    "resource": "arn:aws:s3:::b/k",
                    "context": {"aws:TagKeys": ["a"]},
                    "expect": "Allowed",
                }
            ],
        },
    )
    scenario = load_scenario(path)
    assert [p.label for p in scenario.policies.identity] == ["identity[0] (exec.json)", "identity[1]"]
    assert scenario.expects == ["Allowed"]
    assert scenario.requests[0].values["aws:tagkeys"] == ("a",)


@pytest.mark.parametrize(
    "document, message",
    [
        ([], "a scenario must be a JSON object"),
        ({"requests": [], "extra": 1}, 'unknown scenario key "extra"'),
        ({"policies": {}}, 'has no "requests"'),
        ({"policies": [], "requests": []}, '"policies" must be an object'),
        ({"policies": {"identities": []}, "requests": []}, "at /policies/identities: unknown policy key"),
        ({"policies": {"identity": POLICY}, "requests": []}, '"identity" must be an array'),
        ({"policies": {"scp": [POLICY]}, "requests": []}, "each scp level must be an array"),
        ({"policies": {"resource": {"file": 3}}, "requests": []}, '"file" must be a path string'),
        ({"requests": {}}, '"requests" must be an array'),
        ({"requests": ["s3:GetObject"]}, "a request must be an object"),
        ({"requests": [{}]}, 'the request has no "action"'),
        ({"requests": [{"action": "s3:Get*"}]}, "is not one action"),
        ({"requests": [{"action": "s3:GetObject", "resorce": "x"}]}, 'unknown request key "resorce"'),
        ({"requests": [{"action": "s3:GetObject", "principal": 5}]}, '"principal" must be a non-empty string'),
        ({"requests": [{"action": "s3:GetObject", "resourceAccount": "12"}]}, "not a 12-digit account id"),
        ({"requests": [{"action": "s3:GetObject", "context": []}]}, '"context" must be an object'),
        (
            {"requests": [{"action": "s3:GetObject", "context": {"k": None}}]},
            "at /requests/0/context/k: context values",
        ),
        ({"requests": [{"action": "s3:GetObject", "context": {"k": [{"a": 1}]}}]}, "inside the array"),
        ({"requests": [{"action": "s3:GetObject", "expect": "allowed"}]}, '"expect" must be one of'),
    ],
)
def test_bad_scenarios_name_file_position_and_pointer(tmp_path, document, message):
    path = write(tmp_path, document)
    with pytest.raises(UsageError, match=message) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(str(path) + ":")


def test_line_and_column_point_at_the_bad_value(tmp_path):
    path = write(tmp_path, '{\n  "requests": [\n    {"action": "s3:GetObject", "expect": "maybe"}\n  ]\n}\n')
    with pytest.raises(UsageError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(f"{path}:3:32: at /requests/0/expect:")


def test_policy_errors_inside_a_scenario_point_into_it(tmp_path):
    bad = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}
    path = write(tmp_path, {"policies": {"identity": [POLICY, bad]}, "requests": []})
    with pytest.raises(UsageError, match="at /policies/identity/1/Statement/0: the statement needs Resource"):
        load_scenario(path)


def test_policy_errors_in_a_referenced_file_point_into_that_file(tmp_path):
    write(
        tmp_path,
        {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"}]},
        "bad.json",
    )
    path = write(tmp_path, {"policies": {"identity": [{"file": "bad.json"}]}, "requests": []})
    with pytest.raises(UsageError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(f"{tmp_path / 'bad.json'}:")
    assert "at /Statement/0/Principal: an identity-based policy cannot have Principal" in str(caught.value)


def test_missing_referenced_file(tmp_path):
    path = write(tmp_path, {"policies": {"boundary": {"file": "nope.json"}}, "requests": []})
    with pytest.raises(UsageError, match="nope.json: no such file or directory"):
        load_scenario(path)


def test_broken_json_is_reported_with_line_and_column(tmp_path):
    path = write(tmp_path, '{"requests": [}')
    with pytest.raises(UsageError, match=r"scenario.json:1:\d+: "):
        load_scenario(path)


def test_large_scenarios_are_read_too(tmp_path):
    requests = [{"action": "s3:GetObject", "resource": f"arn:aws:s3:::b/{'k' * 100}{n}"} for n in range(12000)]
    path = write(tmp_path, {"policies": {"identity": [POLICY]}, "requests": requests})
    assert path.stat().st_size > 1024 * 1024
    assert len(load_scenario(path).requests) == 12000
    broken = write(tmp_path, json.dumps({"requests": requests})[:-2] + ",]}", "broken.json")
    with pytest.raises(UsageError, match=r"broken.json:1:\d+: invalid JSON"):
        load_scenario(broken)


def test_read_policy_file(tmp_path):
    assert read_policy_file(write(tmp_path, POLICY, "p.json")) == POLICY


def test_expectations():
    assert expectation_met(None, "ImplicitlyDenied")
    assert expectation_met("Denied", "ExplicitlyDenied") and expectation_met("Denied", "ImplicitlyDenied")
    assert not expectation_met("Denied", "Allowed")
    assert not expectation_met("ExplicitlyDenied", "ImplicitlyDenied")


def test_fill_placeholders_touches_only_strings_and_reports_the_rest():
    document = {
        "Resource": ["arn:aws:s3:::<input-bucket-name>/*", "arn:aws:s3:::<output-bucket-name>"],
        "<input-bucket-name>": 1,
    }
    filled, unfilled = fill_placeholders(document, {"input-bucket-name": "my-in"})
    assert filled["Resource"] == ["arn:aws:s3:::my-in/*", "arn:aws:s3:::<output-bucket-name>"]
    assert "<input-bucket-name>" in filled and unfilled == ["output-bucket-name"]
    assert document["Resource"][0] == "arn:aws:s3:::<input-bucket-name>/*"
