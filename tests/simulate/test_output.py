import io

from iamkb.simulate import Policies, Request
from iamkb.simulate.output import print_results, results
from iamkb.simulate.scenario import Scenario

POLICY = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}


def make(expects):
    requests = [Request("s3:GetObject", "arn:aws:s3:::b/k"), Request("s3:GetObject", "arn:aws:s3:::c/k")]
    return Scenario("s.json", Policies(identity=[POLICY]), requests, expects)


def test_results_carry_expectations_only_when_given():
    first, second = results(make([None, "Denied"]))
    assert "expect" not in first and second["expectMet"] is True


def test_exit_status_follows_expectations():
    assert print_results(make(["Allowed", "Denied"]), "text", False, io.StringIO()) == 0
    assert print_results(make(["Allowed", "Allowed"]), "json", False, io.StringIO()) == 1


def test_text_summary_counts_decisions():
    out = io.StringIO()
    print_results(make([None, None]), "text", False, out)
    assert "2 requests: 1 Allowed, 1 ImplicitlyDenied" in out.getvalue()
    assert "expectations" not in out.getvalue()


# --- jsonl and the streamed formats -------------------------------------------------------------------

import json  # noqa: E402

import pytest  # noqa: E402

from iamkb.core.errors import UsageError  # noqa: E402
from iamkb.simulate.output import _LINES_PER_WRITE, FIELDS  # noqa: E402
from iamkb.simulate.scenario import ScenarioStream  # noqa: E402

ROLE = "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"
MIXED = {
    "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
        {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/secret/*"},
    ]
}


def mixed(expects=(None, None, None)):
    requests = [
        Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE),
        Request("s3:GetObject", "arn:aws:s3:::b/secret/k", principal=ROLE),
        Request("s3:PutObject", "arn:aws:s3:::b/k", principal=ROLE),
    ]
    return Scenario("s.json", Policies(identity=[MIXED]), requests, list(expects))


def jsonl(scenario, explain=False):
    out, err = io.StringIO(), io.StringIO()
    status = print_results(scenario, "jsonl", explain, out, err)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_jsonl_is_one_compact_record_per_request_naming_the_deciding_statement():
    status, records, err = jsonl(mixed())
    assert status == 0 and err == ""
    assert records == [
        {"index": 0, "decision": "Allowed", "statement": "identity[0] /Statement/0 (Sid Read)"},
        {"index": 1, "decision": "ExplicitlyDenied", "statement": "identity[0] /Statement/1"},
        {"index": 2, "decision": "ImplicitlyDenied", "statement": None},
    ]


def test_jsonl_lines_are_compact_json():
    out = io.StringIO()
    print_results(mixed(), "jsonl", False, out)
    first = out.getvalue().splitlines()[0]
    assert first == '{"index":0,"decision":"Allowed","statement":"identity[0] /Statement/0 (Sid Read)"}'


def test_jsonl_expectations_and_the_exit_status():
    status, records, err = jsonl(mixed(["Allowed", "Allowed", "Denied"]))
    assert status == 1 and err == "iamkb simulate: 1 of 3 expectations not met\n"
    assert [(r["expect"], r["expectMet"]) for r in records] == [("Allowed", True), ("Allowed", False), ("Denied", True)]


def test_jsonl_with_explain_adds_the_json_records_fields():
    _, records, _ = jsonl(mixed(), explain=True)
    (explained,) = [r for r in records if r["index"] == 1]
    assert set(explained) == {"index", "decision", "statement", "request", "reason", "explanation", "details"}
    assert explained["statement"] == "identity[0] /Statement/1"
    assert explained["reason"] == "explicitly denied by identity[0] /Statement/1"
    assert explained["explanation"][0].startswith("ExplicitlyDenied")


def test_the_fields_are_documented_where_they_are_written():
    for name in ("index", "decision", "statement", "expect", "expectMet", "request", "reason", "explanation"):
        assert name in FIELDS


def test_json_keeps_the_array_of_explained_records():
    out = io.StringIO()
    print_results(mixed(["Allowed", None, None]), "json", False, out)
    assert out.getvalue() == json.dumps(results(mixed(["Allowed", None, None])), indent=2) + "\n"
    empty = io.StringIO()
    print_results(Scenario("s.json", Policies(), [], []), "json", False, empty)
    assert json.loads(empty.getvalue()) == []


def stream(pairs):
    return ScenarioStream("s.json", Policies(identity=[MIXED]), {}, lambda: iter(pairs))


def broken_after(count):
    for _ in range(count):
        yield Request("s3:GetObject", "arn:aws:s3:::b/k", principal=ROLE), None
    raise UsageError("s.json: at /requests/2/action: bad")


def test_jsonl_writes_what_was_decided_before_a_bad_request():
    out = io.StringIO()
    with pytest.raises(UsageError, match="bad"):
        print_results(
            ScenarioStream("s.json", Policies(identity=[MIXED]), {}, lambda: broken_after(2)), "jsonl", False, out
        )
    assert [json.loads(line)["index"] for line in out.getvalue().splitlines()] == [0, 1]


class Recorder(io.StringIO):
    def __init__(self):
        super().__init__()
        self.writes, self.flushes = 0, 0

    def write(self, text):
        self.writes += 1
        return super().write(text)

    def flush(self):
        self.flushes += 1


def test_jsonl_goes_out_in_flushed_batches_as_it_is_decided():
    count = 2 * _LINES_PER_WRITE + 1
    pairs = [(Request("s3:GetObject", f"arn:aws:s3:::b/{n}", principal=ROLE), None) for n in range(count)]
    out = Recorder()
    print_results(stream(pairs), "jsonl", False, out)
    assert len(out.getvalue().splitlines()) == count
    assert out.writes == 3 and out.flushes >= 3
