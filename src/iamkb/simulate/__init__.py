"""A local IAM policy evaluator: `evaluate(Policies(...), Request(...))`, and `iamkb simulate`.

    from iamkb.simulate import Policies, Request, evaluate
    policies = Policies(identity=[execution_role_policy], boundary=boundary)
    result = evaluate(policies, Request("s3:GetObject", "arn:aws:s3:::input-bucket/a.jpg",
                                        principal="arn:aws:iam::111122223333:role/GtExecution"),
                      explain=True)
    result.decision      # Decision.ALLOWED, EXPLICITLY_DENIED, IMPLICITLY_DENIED or ALWAYS_DENIED (str enum)
    result.explanation   # plain-words lines; result.details has the structured record

`table_rows(policies, requests)` gives one flat dict per request for a table or DataFrame;
`can_assume(trust_policy, principal, role_arn)` answers "who can assume this role".
Policies AWS would refuse raise PolicyShapeError (a UsageError) naming the policy and pointer.
The decision logic follows AWS's documented policy evaluation logic; evaluate.py says how.
"""

from iamkb.core.enums import Decision, PolicyKind
from iamkb.core.shape import PolicyShapeError
from iamkb.simulate.evaluate import Policies, can_assume, evaluate, evaluate_all, table_rows
from iamkb.simulate.explain import ALLOWED, ALWAYS_DENIED, EXPLICITLY_DENIED, IMPLICITLY_DENIED, Evaluation
from iamkb.simulate.policy import Policy
from iamkb.simulate.request import Request

__all__ = [
    "ALLOWED",
    "ALWAYS_DENIED",
    "EXPLICITLY_DENIED",
    "IMPLICITLY_DENIED",
    "Decision",
    "Evaluation",
    "Policies",
    "Policy",
    "PolicyKind",
    "PolicyShapeError",
    "Request",
    "can_assume",
    "evaluate",
    "evaluate_all",
    "table_rows",
]
