"""Writing simulation results: a readable table (text), a JSON array (json), or JSON lines (jsonl).

jsonl is the batch format: one compact JSON object per request, written as each decision is made, so
a million requests stream through in the memory of one. Its fields (stable; FIELDS says the same):

    index      the request's position in the scenario's "requests" (0-based)
    decision   Allowed, ExplicitlyDenied, ImplicitlyDenied or AlwaysDenied
    statement  the statement that decided, named as explanations name it
               ("identity[0] /Statement/1 (Sid ReadWriteObjects)"): the Deny that applies, or the Allow
               that grants (identity-based, else resource-based); null when none decides (a missing
               Allow, a request AWS decides on its own)
    expect, expectMet   the request's expectation and whether the decision meets it (only when given)

With --explain each line also carries "request", "reason", "explanation" and "details", the fields of
a --format json record. The json format is one array of explained records (each request with its
reason, explanation lines and details); text is a table with a summary.

The exit status is decided here too, because it depends only on the expectations: 0 when every
`expect` is met (or none is given), 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TextIO

from iamkb.core.enums import Decision
from iamkb.simulate.evaluate import Policies, decide, evaluate
from iamkb.simulate.policy import CompiledStatement
from iamkb.simulate.request import Request
from iamkb.simulate.scenario import Scenario, ScenarioStream, expectation_met

FORMATS = ("text", "json", "jsonl")
FIELDS = (
    "jsonl fields: index (0-based), decision, statement (the deciding Deny or granting Allow, or null), "
    "expect and expectMet (when the request has an expectation); with --explain also request, reason, "
    "explanation and details"
)
_LINES_PER_WRITE = 256  # jsonl lines joined into one write, then flushed: streamed, without a write per line

Results = Scenario | ScenarioStream


def results(scenario: Results) -> list[dict]:
    """Explained results, one record per request, in request order."""
    return [_explained(scenario.policies, index, request, expect) for index, (request, expect) in _numbered(scenario)]


def print_results(
    scenario: Results, fmt: str, explain: bool, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Write the results in `fmt` to `out` (stdout); the exit status: 1 when an expectation is not met."""
    out = out or sys.stdout
    if fmt == "jsonl":
        checked, failed = _write_jsonl(scenario, explain, out)
    elif fmt == "json":
        checked, failed = _write_json(scenario, out)
    else:
        return _print_table(_table_records(scenario, explain), explain, out)
    if failed:
        print(f"iamkb simulate: {failed} of {checked} expectations not met", file=err or sys.stderr)
    return 1 if failed else 0


def _numbered(scenario: Results):
    return enumerate(scenario.pairs())


def _explained(policies: Policies, index: int, request: Request, expect: str | None) -> dict:
    decision = evaluate(policies, request, explain=True)
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
    return record


def _table_records(scenario: Results, explain: bool) -> list[dict]:
    """What the table shows of each request, without the details it does not (a table is read whole)."""
    records = []
    for index, (request, expect) in _numbered(scenario):
        record = _explained(scenario.policies, index, request, expect)
        del record["details"]
        if not explain:
            record["explanation"] = ()
        records.append(record)
    return records


def _write_jsonl(scenario: Results, explain: bool, out: TextIO) -> tuple[int, int]:
    """One line per request, as it is decided; lines go out in small batches, flushed, so a reader follows."""
    policies = scenario.policies
    names: dict[int, str] = {}  # id(statement) -> its name as JSON text (statements live as long as policies)
    chunk: list[str] = []
    checked = failed = 0

    def name_of(statement: CompiledStatement | None) -> str:
        if statement is None:
            return "null"
        text = names.get(id(statement))
        if text is None:
            text = names[id(statement)] = json.dumps(statement.name)
        return text

    try:
        for index, (request, expect) in _numbered(scenario):
            decision, statement = decide(policies, request)
            word = decision.value
            if explain:
                record = {"index": index, "decision": decision, "statement": json.loads(name_of(statement))}
                full = _explained(policies, index, request, expect)
                del full["index"], full["decision"]
                record.update(full)
                line = json.dumps(record, separators=(",", ":")) + "\n"
            elif expect is None:
                line = f'{{"index":{index},"decision":"{word}","statement":{name_of(statement)}}}\n'
            else:
                met = expectation_met(expect, decision)
                line = (
                    f'{{"index":{index},"decision":"{word}","statement":{name_of(statement)},'
                    f'"expect":"{expect}","expectMet":{"true" if met else "false"}}}\n'
                )
            if expect is not None:
                checked += 1
                failed += not expectation_met(expect, decision)
            chunk.append(line)
            if len(chunk) >= _LINES_PER_WRITE:
                out.write("".join(chunk))
                out.flush()
                chunk.clear()
    finally:  # also when a malformed request stops the run: what was decided before it is written
        if chunk:
            out.write("".join(chunk))
        out.flush()
    return checked, failed


def _write_json(scenario: Results, out: TextIO) -> tuple[int, int]:
    """The array `json.dump(results, indent=2)` would write, written record by record. When a malformed
    request stops the run, the array is closed after the records decided before it, so what reaches stdout
    is still JSON; the exit status (2) and the message on stderr say the run did not finish."""
    policies = scenario.policies
    checked = failed = 0
    out.write("[")
    empty = True
    try:
        for index, (request, expect) in _numbered(scenario):
            record = _explained(policies, index, request, expect)
            text = json.dumps(record, indent=2).replace("\n", "\n  ")
            out.write(("\n  " if empty else ",\n  ") + text)
            empty = False
            if expect is not None:
                checked += 1
                failed += not record["expectMet"]
    finally:  # also when a malformed request stops the run (exit 2): stdout stays one JSON array
        out.write("]\n" if empty else "\n]\n")
        out.flush()
    return checked, failed


def _print_table(records: list[dict], explain: bool, out: TextIO) -> int:
    headers = ("#", "decision", "action", "resource", "principal")
    rows = []
    for r in records:
        decision = str(r["decision"])
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
    return 1 if failed else 0
