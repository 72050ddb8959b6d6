"""Printing simulation results: a readable table (text) or one JSON object per request.

The exit status is decided here too, because it depends only on the expectations: 0 when every
`expect` is met (or none is given), 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from iamkb.core.enums import Decision
from iamkb.simulate.evaluate import evaluate
from iamkb.simulate.scenario import Scenario, expectation_met


def results(scenario: Scenario) -> list[dict]:
    """Explained results, one record per request, in request order."""
    records = []
    for index, (request, expect) in enumerate(zip(scenario.requests, scenario.expects, strict=True)):
        decision = evaluate(scenario.policies, request, explain=True)
        assert decision.details is not None  # explained evaluations carry them
        record = {
            "index": index,
            "request": request.to_json(),
            "decision": decision.decision,
            "reason": decision.details["reason"],
            "explanation": list(decision.explanation),
            "details": decision.details,
        }
        if expect is not None:
            record["expect"] = expect
            record["expectMet"] = expectation_met(expect, decision.decision)
        records.append(record)
    return records


def print_results(scenario: Scenario, fmt: str, explain: bool, out=None) -> int:
    out = out or sys.stdout
    records = results(scenario)
    if fmt == "json":
        json.dump(records, out, indent=2)
        out.write("\n")
    else:
        _print_table(records, explain, out)
    return 1 if any(r.get("expectMet") is False for r in records) else 0


def _print_table(records: list[dict], explain: bool, out) -> None:
    headers = ("#", "decision", "action", "resource", "principal")
    rows = []
    for r in records:
        decision = r["decision"]
        if r.get("expectMet") is False:
            decision += f" (expected {r['expect']})"
        request = r["request"]
        rows.append((str(r["index"]), decision, request["action"], request["resource"], request["principal"] or "-"))
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out.write(line + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row, record in zip(rows, records, strict=True):
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
        lines = record["explanation"] if explain else [record["reason"]]
        for text in lines:
            out.write(f"      {text}\n")
    counts = Counter(r["decision"] for r in records)
    summary = ", ".join(f"{counts[d]} {d}" for d in Decision if counts[d])
    out.write(f"\n{len(records)} request{'s' if len(records) != 1 else ''}: {summary or 'none'}\n")
    checked = [r for r in records if "expect" in r]
    failed = [r for r in checked if not r["expectMet"]]
    if failed:
        out.write(f"FAILED: {len(failed)} of {len(checked)} expectations not met\n")
        for r in failed:
            request = r["request"]
            out.write(
                f"  #{r['index']} {request['action']} on {request['resource']}: expected {r['expect']}, "
                f"got {r['decision']} ({r['reason']})\n"
            )
    elif checked:
        out.write(f"all {len(checked)} expectations met\n")
