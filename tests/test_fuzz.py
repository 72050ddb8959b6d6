"""Hostile input through every command, in process: random bytes, JSON of the wrong shapes, adversarial
wildcard patterns, and policies broken in the ways files break (NaN, 1e999, a lone surrogate, a byte order
mark, UTF-16, deep nesting, a megabyte value).

Every run must end with exit 0, 1 or 2 (3 is a bug), never print a traceback, never let a control
character reach the terminal raw, and keep JSON output strict JSON (NaN and Infinity refused). The
settings are deterministic (derandomized, no example database) and the example counts modest, so the
suite adds seconds to `make test`, not minutes; `tests/test_hostile.py` holds the named regressions.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iamkb.cli import main

# IAMKB_FUZZ_EXAMPLES=500 runs a deeper search locally; `make test` keeps the default, and every run is
# derandomized, so a failure found once is found again.
FUZZ = settings(
    max_examples=int(os.environ.get("IAMKB_FUZZ_EXAMPLES", "20")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
GOOD_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-labeling-input/*"}],
}
JOB = Path(__file__).parent / "job" / "fixtures" / "bounding-box.json"
# What may reach a terminal raw: tab and line feed, never another control character.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _refuse_constant(name: str):
    raise AssertionError(f"{name} in JSON output")


def strict_json(text: str):
    return json.loads(text, parse_constant=_refuse_constant)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exited:  # argparse's usage errors
            status = exited.code if isinstance(exited.code, int) else 2
    return status, out.getvalue(), err.getvalue()


def assert_sound(argv: list[str], *, json_output: bool = False) -> tuple[int, str, str]:
    status, out, err = run(argv)
    assert status in (0, 1, 2), f"{argv}: exit {status}\n{err}"
    assert "Traceback" not in err and "internal error" not in err, f"{argv}\n{err}"
    assert not RAW_CONTROL.search(out + err), f"{argv}: a raw control character in the output"
    if json_output and out:
        strict_json(out)
    if json_output and status == 2 and not out:
        strict_json(err.strip().splitlines()[-1])  # errors are one JSON object too
    return status, out, err


def write(folder: Path, name: str, content: bytes | str) -> str:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    return str(path)


def every_command(policy: str, good: str, scratch: Path, variant: int) -> None:
    """The policy file through each command that reads a policy; `variant` picks the output formats, so the
    examples share out text, JSON, SARIF and GitHub output between them instead of each paying for all."""
    output_format = ("text", "json", "sarif", "github")[variant % 4]
    assert_sound(["check", "--format", output_format, policy], json_output=output_format in ("json", "sarif"))
    as_json = ["--format", "json"] if variant % 2 else []
    assert_sound(["simulate", "--policy", policy, "--action", "s3:GetObject", *as_json], json_output=bool(as_json))
    assert_sound(["grants", policy, *as_json], json_output=bool(as_json))
    a, b = (policy, good) if variant % 3 else (good, policy)
    assert_sound(["compare", a, b, *as_json], json_output=bool(as_json))
    out = scratch / "out.json"
    render = ["render", policy, "-o", str(out)] if variant % 2 else ["render", policy, "--format", "minified"]
    status, _, _ = assert_sound(render)
    if status == 2:
        assert not out.exists(), "a refused render must not write"


variants = st.integers(min_value=0, max_value=11)


def setup() -> tuple[tempfile.TemporaryDirectory, Path, str]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name)
    return folder, path, write(path, "good.json", json.dumps(GOOD_POLICY))


# --- random bytes and broken text ----------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400), variants)
def test_random_bytes_through_every_command(data, variant):
    folder, path, good = setup()
    with folder:
        policy = write(path, "p.json", data)
        every_command(policy, good, path, variant)
        assert_sound(["simulate", "--scenario", policy, "--format", "json"], json_output=True)
        assert_sound(["job", "requirements", policy, "--format", "json"], json_output=True)
        assert_sound(["job", "plan", policy])


def _deep(text: str) -> str:
    return "[" * 40 + text + "]" * 40


MUTATIONS = {
    "NaN": lambda t: t.replace('"s3:GetObject"', "NaN"),
    "-Infinity": lambda t: t.replace('"s3:GetObject"', "-Infinity"),
    "1e999": lambda t: t.replace('"s3:GetObject"', "1e999"),
    "lone surrogate": lambda t: t.replace("GetObject", "Get\\ud800Object"),
    "lone surrogate key": lambda t: t.replace('"Effect"', '"\\udc00Effect"'),
    "raw surrogate": lambda t: t.replace("GetObject", "Get\ud800Object"),
    "escape sequence": lambda t: t.replace("GetObject", "Get\\u001b[2J\\u009b31mObject"),
    "bidi override": lambda t: t.replace("GetObject", "Get\u202eObject"),
    "byte order mark": lambda t: "\ufeff" + t,
    "duplicate key": lambda t: t.replace('"Effect": "Allow"', '"Effect": "Allow", "Effect": "Deny"'),
    "trailing comma": lambda t: t.replace("]}", "],}"),
    "deep": _deep,
    "megabyte value": lambda t: t.replace("GetObject", "Get" + "x" * 600_000),
    "cut short": lambda t: t[: len(t) // 2],
    "huge integer": lambda t: t.replace('"s3:GetObject"', "1" * 5000),
    "not json": lambda t: t.replace('"Allow"', "True"),
}
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-32-be", "latin-1")


@FUZZ
@given(
    st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3, unique=True),
    st.sampled_from(ENCODINGS),
    variants,
)
def test_policies_broken_the_way_files_break(mutations, encoding, variant):
    text = json.dumps(GOOD_POLICY)
    for name in mutations:
        text = MUTATIONS[name](text)
    try:
        data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "strict")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    folder, path, good = setup()
    with folder:
        every_command(write(path, "p.json", data), good, path, variant)


# --- JSON of the wrong shapes --------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["*", "s3:GetObject", "2012-10-17", "Allow", "Deny", "arn:aws:s3:::b/*", "aws:SourceIp"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def field(good):
    """A policy element: mostly its right value, sometimes anything at all."""
    return st.one_of(st.just(good), values)


statements = st.fixed_dictionaries(
    {
        "Effect": field("Allow"),
        "Action": field("s3:GetObject"),
        "Resource": field("*"),
    },
    optional={
        "Sid": values,
        "Principal": field({"AWS": "arn:aws:iam::111122223333:role/GroundTruthExecutionRole"}),
        "Condition": field({"StringEquals": {"aws:PrincipalTag/team": "labeling"}}),
        "NotAction": values,
        "NotResource": values,
    },
)
policies = st.one_of(
    values,
    st.fixed_dictionaries(
        {"Version": field("2012-10-17"), "Statement": st.one_of(statements, st.lists(statements, max_size=3), values)},
        optional={"Id": values},
    ),
)


@FUZZ
@given(policies, variants)
def test_json_of_the_wrong_shapes_through_every_command(document, variant):
    folder, path, good = setup()
    with folder:
        every_command(write(path, "p.json", json.dumps(document)), good, path, variant)


@FUZZ
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "policies": st.one_of(
                values,
                st.fixed_dictionaries(
                    {},
                    optional={
                        "identity": st.one_of(values, st.lists(policies, max_size=2)),
                        "resource": policies,
                        "boundary": policies,
                        "scp": st.one_of(values, st.lists(st.lists(policies, max_size=2), max_size=2)),
                    },
                ),
            ),
            "requests": st.one_of(
                values,
                st.lists(
                    st.fixed_dictionaries(
                        {"action": field("s3:GetObject")},
                        optional={
                            "resource": field("arn:aws:s3:::b/k"),
                            "principal": values,
                            "context": field({"aws:SourceIp": "10.0.0.1"}),
                            "expect": field("Allowed"),
                            "resourceAccount": values,
                        },
                    ),
                    max_size=3,
                ),
            ),
        },
    )
)
def test_scenarios_of_the_wrong_shapes(scenario):
    folder, path, _ = setup()
    with folder:
        file = write(path, "scenario.json", json.dumps(scenario))
        assert_sound(["simulate", "--scenario", file, "--format", "json"], json_output=True)
        assert_sound(["simulate", "--scenario", file])


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "LabelingJobName",
                "RoleArn",
                "InputConfig",
                "OutputConfig",
                "HumanTaskConfig",
                "LabelAttributeName",
                "planned_values",
            ]
        ),
        values,
    )
)
def test_job_files_of_the_wrong_shapes(changes):
    job = json.loads(JOB.read_text(encoding="utf-8"))
    job.update(changes)
    folder, path, _ = setup()
    with folder:
        file = write(path, "job.json", json.dumps(job))
        assert_sound(["job", "requirements", file, "--format", "json"], json_output=True)
        assert_sound(["job", "plan", file, "--no-compare", "-o", str(path / "plans")])
        assert_sound(["job", "verify", file, "--role-policy", str(JOB), "--format", "json"], json_output=True)


# --- adversarial wildcard patterns ---------------------------------------------------------------

patterns = st.one_of(
    st.text(alphabet="*?ab:/-", max_size=24),
    st.integers(min_value=1, max_value=12).map(lambda n: "*a" * n + "b"),
    st.integers(min_value=1, max_value=12).map(lambda n: "?*" * n),
)


@FUZZ
@given(patterns, patterns, patterns, st.sampled_from(["sts", "kms", "sagemaker"]), variants)
def test_adversarial_wildcards_through_every_command(action, resource, condition, service, variant):
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": [f"{service}:{action}"],
                "Resource": f"arn:aws:{service}:*:111122223333:{resource}",
                "Condition": {"StringLike": {"aws:PrincipalTag/team": condition}},
            },
            {"Effect": "Deny", "NotAction": f"{service}:{action}", "NotResource": resource or "*"},
        ],
    }
    folder, path, good = setup()
    with folder:
        every_command(write(path, "p.json", json.dumps(document)), good, path, variant)
        assert_sound(
            [
                "simulate",
                "--policy",
                str(path / "p.json"),
                "--action",
                f"{service}:{action.replace('*', 'x').replace('?', 'y') or 'Get'}",
                "--resource",
                f"arn:aws:{service}:us-east-1:111122223333:{resource.replace('*', 'a')}",
                "--context",
                f"aws:PrincipalTag/team={condition.replace('?', 'a')}",
            ]
        )
