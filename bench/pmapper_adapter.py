"""Run a scenario file's requests through PMapper (principalmapper), the open IAM evaluator, as one process.

PMapper has no offline batch command: its evaluator is a library function,
`principalmapper.querying.query_interface.local_check_authorization_full(node, action, resource, context)`,
over a `Node` (an IAM user or role with its attached `Policy` objects) that PMapper normally builds from a
live account. This adapter feeds it the scenario's own policies instead, in process:

1. parse the scenario file whole with the stdlib's C JSON parser (PMapper reads no scenario format, and
   this is the fastest way to give it the requests);
2. wrap each identity-based policy of the scenario in a PMapper `Policy`, and make one `Node` per distinct
   request principal (a role needs a trust policy: an empty one, which this evaluation never reads);
3. for each request, call `local_check_authorization_full` with its action, resource and context, and write
   one JSON line `{"index": N, "decision": "Allowed" or "Denied"}` to standard output (block-buffered).

So what `bench/simulate_bench.py` times for PMapper is parse + evaluate + write, like `iamkb simulate
--format jsonl`. PMapper answers yes or no, so the benchmark compares allowed-ness only. Only scenarios with
identity-based policies alone are accepted (exit 2 otherwise), which is what the benchmark generates.

principalmapper 1.1.5 imports `Mapping` from `collections`, which Python 3.10 removed (nccgroup/PMapper
issues #106, #131, #140): the two names are put back before it is imported.

Run: `.venv/bin/python bench/pmapper_adapter.py SCENARIO.json > decisions.jsonl`
(needs the bench extra: `pip install -e '.[bench]'`).
"""

from __future__ import annotations

import collections
import collections.abc
import json
import sys

collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
collections.MutableMapping = collections.abc.MutableMapping  # type: ignore[attr-defined]

from principalmapper.common import Node, Policy  # noqa: E402 - after the compatibility names above
from principalmapper.querying.query_interface import local_check_authorization_full  # noqa: E402

EMPTY_TRUST_POLICY = {"Version": "2012-10-17", "Statement": []}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: pmapper_adapter.py SCENARIO.json", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        scenario = json.load(handle)
    given = scenario.get("policies", {})
    if set(given) - {"identity"}:
        print("pmapper_adapter.py: only identity-based policies are fed to PMapper", file=sys.stderr)
        return 2
    policies = [
        Policy(f"arn:aws:iam::111122223333:policy/scenario-{n}", f"scenario-{n}", document)
        for n, document in enumerate(given.get("identity", []))
    ]
    nodes: dict[str, Node] = {}
    write = sys.stdout.write
    for index, request in enumerate(scenario["requests"]):
        principal = request["principal"]
        node = nodes.get(principal)
        if node is None:
            trust = EMPTY_TRUST_POLICY if ":role/" in principal else None  # roles need one, users may not have one
            node = nodes[principal] = Node(
                principal, "AIDAEXAMPLE", policies, [], trust, None, 0, False, False, None, False, {}
            )
        allowed = local_check_authorization_full(
            node, request["action"], request.get("resource", "*"), request.get("context", {})
        )
        write(json.dumps({"index": index, "decision": "Allowed" if allowed else "Denied"}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
