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
