import json
import os

import pytest

from iamkb.core.errors import UsageError
from iamkb.simulate import scenario as scenario_module
from iamkb.simulate.scenario import (
    expectation_met,
    fill_placeholders,
    load_scenario,
    open_scenario,
    read_policy_file,
)

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


@pytest.fixture(params=["whole", "streamed"])
def reader(request, monkeypatch):
    """Each scenario read both ways: whole by jsonsource (small files) and streamed by jsonstream (large ones)."""
    if request.param == "streamed":
        monkeypatch.setattr(scenario_module, "STREAM_ABOVE", -1)
    return request.param


def write(tmp_path, document, name="scenario.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=1) if not isinstance(document, str) else document)
    return path


def test_loads_inline_and_file_policies(tmp_path, reader):
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
            {"requests": [{"action": "s3:GetObject", "context": {"aws:k": None}}]},
            "at /requests/0/context/aws:k: context values",
        ),
        ({"requests": [{"action": "s3:GetObject", "context": {"aws:k": [{"a": 1}]}}]}, "inside the array"),
        ({"requests": [{"action": "s3:GetObject", "expect": "allowed"}]}, '"expect" must be one of'),
    ],
)
def test_bad_scenarios_name_file_position_and_pointer(tmp_path, reader, document, message):
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
    with pytest.raises(UsageError, match=r"broken.json:1:\d+: trailing comma before \]"):
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


REQUEST = {"principal": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole", "action": "s3:GetObject"}


def test_both_readers_read_the_same_scenario(tmp_path, monkeypatch):
    requests = [
        {
            **REQUEST,
            "resource": f"arn:aws:s3:::my-labeling-input/{n}.jpg",
            "context": {"aws:SecureTransport": n % 2 == 0},
        }
        for n in range(50)
    ] + [{"action": "iam:PassRole", "context": {"iam:PassedToService": ["a", "b"]}, "expect": "Denied"}]
    path = write(tmp_path, {"requests": requests, "policies": {"identity": [POLICY]}})  # policies after requests
    whole = load_scenario(path)
    monkeypatch.setattr(scenario_module, "STREAM_ABOVE", -1)
    streamed = load_scenario(path)
    assert [r.to_json() for r in streamed.requests] == [r.to_json() for r in whole.requests]
    assert streamed.expects == whole.expects == [None] * 50 + ["Denied"]
    assert [p.label for p in streamed.policies.identity] == ["identity[0]"]


def test_a_streamed_scenario_hands_over_the_requests_before_a_bad_one(tmp_path, monkeypatch):
    monkeypatch.setattr(scenario_module, "STREAM_ABOVE", -1)
    path = write(tmp_path, {"policies": {}, "requests": [REQUEST, REQUEST, {"action": "s3:*"}, REQUEST]})
    pairs = open_scenario(path).pairs()
    assert next(pairs)[0].action == next(pairs)[0].action == "s3:GetObject"
    with pytest.raises(UsageError, match=r'at /requests/2/action: "s3:\*" is not one action'):
        next(pairs)


def test_a_streamed_scenario_reports_an_unknown_key_after_its_requests(tmp_path, monkeypatch):
    monkeypatch.setattr(scenario_module, "STREAM_ABOVE", -1)
    path = write(tmp_path, '{"requests": [{"action": "s3:GetObject"}], "extra": 1}')
    with pytest.raises(UsageError, match='at /extra: unknown scenario key "extra"'):
        load_scenario(path)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("action", "s3:Get Object", "is not an action name"),
        ("action", "s3:", "is not an action name"),
        ("action", "", '"action" must be a non-empty string, got an empty one'),
        ("action", None, '"action" must be a non-empty string, got null'),
        ("resource", "my-labeling-input", '"my-labeling-input" is not an ARN'),
        ("resource", "arn:aws:s3", "is not an ARN"),
        ("resource", "arn:aws:s3:::b/a\nb", "holds a control character"),
        ("resource", "", '"resource" must be a non-empty string'),
        ("principal", "not a principal", "is not a principal"),
        ("principal", "*", "is not a principal"),
        ("principal", "", '"principal" must be a non-empty string'),
        ("resourceAccount", "", '"resourceAccount" must be a non-empty string'),
        ("resourceAccount", "1111-2222-3333", "is not a 12-digit account id"),
        ("federatedBy", "nobody here", "is not a principal"),
    ],
)
def test_garbage_request_fields_are_refused(tmp_path, reader, field, value, message):
    path = write(tmp_path, {"requests": [{**REQUEST, field: value}]})
    with pytest.raises(UsageError, match=message) as caught:
        load_scenario(path)
    assert f"at /requests/0/{field}: " in str(caught.value)


@pytest.mark.parametrize(
    "context, message",
    [
        ({"PassedToService": "x"}, '"PassedToService" is not a condition key'),
        ({"": "x"}, '"" is not a condition key'),
        ({"aws:UserAgent": "a\u001b[31mb"}, "cannot hold control characters"),
    ],
)
def test_garbage_context_is_refused(tmp_path, reader, context, message):
    path = write(tmp_path, {"requests": [{**REQUEST, "context": context}]})
    with pytest.raises(UsageError, match=message):
        load_scenario(path)


def test_usual_fields_pass(tmp_path, reader):
    requests = [
        {**REQUEST, "resource": "arn:aws:s3:::my-labeling-input/a file with spaces/é.jpg", "expect": None},
        {"principal": "sagemaker.amazonaws.com", "action": "sts:AssumeRole", "expect": "AlwaysDenied"},
        {"principal": "anonymous", "action": "s3:GetObject", "context": {"aws:ResourceTag/Cost Center": "1"}},
        {"principal": "111122223333", "action": "s3:ListBucket", "context": {"s3:prefix": ""}},
        {
            "principal": "arn:aws:sts::111122223333:federated-user/susan",
            "federatedBy": "arn:aws:iam::111122223333:user/carlos",
            "action": "s3:GetObject",
        },
    ]
    scenario = load_scenario(write(tmp_path, {"requests": requests}))
    assert scenario.expects == [None, "AlwaysDenied", None, None, None]
    assert scenario.requests[4].federated_by == "arn:aws:iam::111122223333:user/carlos"


def test_federated_by_must_fit_the_session(tmp_path, reader):
    request = {**REQUEST, "federatedBy": "arn:aws:iam::111122223333:user/carlos"}
    with pytest.raises(UsageError, match="at /requests/0/federatedBy: federatedBy names the IAM user"):
        load_scenario(write(tmp_path, {"requests": [request]}))


# --- {"file": ...} references stay in the scenario's folder -------------------------------------------


def test_referenced_files_are_read_relative_to_the_scenario_folder(tmp_path, reader, monkeypatch):
    (tmp_path / "policies").mkdir()
    write(tmp_path, POLICY, "policies/exec.json")
    path = write(
        tmp_path,
        {
            "policies": {"identity": [{"file": "policies/exec.json"}, {"file": "policies/../policies/exec.json"}]},
            "requests": [],
        },
    )
    monkeypatch.chdir("/")
    assert len(load_scenario(path).policies.identity) == 2


@pytest.mark.parametrize(
    "name, message",
    [
        ("/etc/passwd", '"/etc/passwd" is an absolute path'),
        ("../outside.json", '"../outside.json" leads outside the scenario file\'s folder'),
        ("sub/../../outside.json", "leads outside the scenario file's folder"),
        ("link.json", '"link.json" leads outside the scenario file\'s folder'),
        ("a\u0000b", "holds a NUL character"),
    ],
)
def test_referenced_files_outside_the_folder_are_refused(tmp_path, reader, name, message):
    inner = tmp_path / "scenarios"
    (inner / "sub").mkdir(parents=True)
    write(tmp_path, POLICY, "outside.json")
    os.symlink(tmp_path / "outside.json", inner / "link.json")
    path = write(inner, {"policies": {"boundary": {"file": name}}, "requests": []})
    with pytest.raises(UsageError, match=message) as caught:
        load_scenario(path)
    assert "at /policies/boundary/file: " in str(caught.value)
    assert "relative to the scenario file's folder" in str(caught.value)
