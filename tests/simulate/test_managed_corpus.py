"""The evaluator against the 1,644 AWS managed policies, documents AWS itself accepts.

Two promises: a policy AWS accepts is never refused as malformed, and every unconditional
Allow statement naming a concrete action and resource allows exactly that request (unless a
Deny in the same policy takes it back), while an unrelated action stays denied.
"""

from __future__ import annotations

from pathlib import Path

from iamkb.simulate import ALLOWED, Policies, Request, evaluate
from tests.check.rules.corpus import managed_policies

ACCOUNT = "111122223333"


def _documents():
    return [(Path(path).stem, document) for path, document in managed_policies()]


def _concrete(value: str) -> bool:
    return "*" not in value and "?" not in value and "${" not in value


def _probes(document):
    """(action, resource) pairs that an unconditional Allow statement names literally."""
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    if any(s["Effect"] == "Deny" for s in statements):
        return []
    probes = []
    for statement in statements:
        if "Condition" in statement or "Action" not in statement or "Resource" not in statement:
            continue
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        action = next((a for a in actions if _concrete(a)), None)
        resource = next((r for r in resources if r == "*" or _concrete(r)), None)
        if action and resource:
            probes.append((action, resource))
    return probes


def test_every_managed_policy_compiles_and_allows_what_it_names():
    documents = _documents()
    assert len(documents) > 1600
    checked = 0
    for name, document in documents:
        policies = Policies(identity=[document], labels={"identity[0]": name})
        for action, resource in _probes(document):
            parts = resource.split(":")
            account = parts[4] if len(parts) > 5 and parts[4].isdigit() else ACCOUNT  # stay in one account
            request = Request(action, resource, principal=f"arn:aws:iam::{account}:role/Probe")
            if request.service == "kms" and ":key/" in resource:
                continue  # a key policy must allow too
            result = evaluate(policies, request, explain=True)
            assert result.decision == ALLOWED, (name, action, resource, result.explanation)
            checked += 1
        unrelated = Request(
            "zzzunknownservice:DoNothing", "arn:aws:zzz:::nothing", principal=f"arn:aws:iam::{ACCOUNT}:role/Probe"
        )
        if not any(s.matches_action("zzzunknownservice:donothing") for p in policies.identity for s in p.statements):
            assert evaluate(policies, unrelated).decision != ALLOWED, name
    assert checked > 1000


def test_the_ground_truth_execution_policy_invokes_only_the_named_lambda_functions():
    """The guide: only functions whose names contain GtRecipe, SageMaker, Sagemaker, sagemaker or LabelingFunction."""
    (document,) = [d for name, d in _documents() if name == "AmazonSageMakerGroundTruthExecution"]
    policies = Policies(identity=[document])
    role = f"arn:aws:iam::{ACCOUNT}:role/GtExecution"

    def decision(function: str) -> str:
        arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{function}"
        return evaluate(policies, Request("lambda:InvokeFunction", arn, principal=role)).decision

    for allowed in ("GtRecipePreLabel", "my-SageMaker-post", "sagemaker-pre", "SagemakerAcs", "LabelingFunctionX"):
        assert decision(allowed) == ALLOWED, allowed
    for denied in ("SAGEMAKER-pre", "Gtrecipe", "labelingfunction", "payroll-export", "Sage.Maker"):
        assert decision(denied) != ALLOWED, denied
    qualified = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:GtRecipePreLabel:prod"  # a version or alias
    assert evaluate(policies, Request("lambda:InvokeFunction", qualified, principal=role)).decision == ALLOWED
