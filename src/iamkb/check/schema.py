"""Validate a policy against our IAM grammar schema, fast when it is valid.

The grammar lives in `schemas/iam-policy.schema.json` (one place; the site and other tools can
read it too). This module loads it and answers "valid or not" for each policy kind; for a
document that is not valid it hands jsonschema's errors to `iamkb.check.schema_findings`, which says
what is wrong in plain words.

Speed matters (`iamkb check` is a cold process in pre-commit hooks; target well under 150 ms):
valid documents are answered by a compiled fast path without importing jsonschema at all (see
`is_valid`), and jsonschema itself is imported without its slow format backends (see
`import_jsonschema`). `python -m iamkb.check.schema` regenerates that fast path after the schema changes.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from pathlib import Path
from typing import Any

from iamkb.check.grammar import CODE_KEYWORD, ENTRY_POINTS, load_schema
from iamkb.core.findings import Finding

# Optional backends of jsonschema's *format* checkers. jsonschema imports all of them when it is
# imported (jsonschema/_format.py), and in our dev environment `rfc3987_syntax` alone builds ~35
# lark grammars at import, ~1 s (python-jsonschema/jsonschema#1428). Our schema uses no `format`
# and we never enable format checking, so we hide these modules while jsonschema imports.
_FORMAT_BACKENDS = (
    "rfc3987_syntax",
    "rfc3987",
    "rfc3986_validator",
    "rfc3339_validator",
    "fqdn",
    "idna",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "isoduration",
)


def import_jsonschema():
    """Import jsonschema without its format-checker backends (they cost ~1 s and we use no formats).

    A `None` entry in sys.modules makes `import x` raise ImportError, which jsonschema already
    handles by leaving that format unchecked. We put the entries back as they were at once, so
    any later `import idna` elsewhere in the process works normally; only jsonschema's own
    `FormatChecker` lacks those formats in this process.
    """
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = [name for name in _FORMAT_BACKENDS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # a None entry blocks the import; typeshed allows modules only
    try:
        return importlib.import_module("jsonschema")
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


# --- the compiled fast path ------------------------------------------------------------------
# Most documents are valid, and jsonschema costs ~60 ms to import even without its format
# backends, plus ~0.7 ms per managed policy to validate. So a valid/invalid answer comes first
# from `iamkb.check._grammar_compiled`: plain Python that fastjsonschema generates from the same schema
# (a dev-time tool; the generated module needs only `re`). jsonschema runs only on documents that
# fail, to say precisely why. tests/test_schema.py checks the module is regenerated whenever the
# schema changes and that both validators agree.
COMPILED_PATH = Path(__file__).with_name("_grammar_compiled.py")
_COMPILED_DOCSTRING = '''"""Generated from schemas/iam-policy.schema.json by `python -m iamkb.check.schema`: do not edit.

A yes/no validator per policy kind (see iamkb.check.schema.is_valid); regenerate after changing the schema.
"""
'''
_COMPILED_EXCEPTIONS = """

# fastjsonschema's generated code raises these; defined here so the module needs only `re` at run time.
class JsonSchemaValueException(ValueError):
    pass


JsonSchemaValuesException = JsonSchemaValueException
"""


def is_valid(document: Any, kind: str) -> bool:
    """True when `document` is a valid policy of `kind` (the compiled fast path, no jsonschema)."""
    from iamkb.check import _grammar_compiled as compiled

    check = getattr(compiled, f"validate____defs_{ENTRY_POINTS[kind].lower()}")
    try:
        check(document)
    except compiled.JsonSchemaValueException:
        return False
    return True


def compiled_grammar_source() -> str:
    """The source of `iamkb.check._grammar_compiled`, generated with fastjsonschema from our schema.

    Our schema uses only keywords whose meaning is the same in draft-07, which fastjsonschema
    compiles; annotations are left out so the generated code stays small.
    """
    import fastjsonschema

    def bare(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: bare(v) for k, v in node.items() if k not in ("title", "description", CODE_KEYWORD)}
        return [bare(v) for v in node] if isinstance(node, list) else node

    wrapper = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "urn:iamkb:compiled",
        "$defs": bare(load_schema()["$defs"]),
        "anyOf": [{"$ref": f"#/$defs/{entry}"} for entry in ENTRY_POINTS.values()],
    }
    code = fastjsonschema.compile_to_code(wrapper, use_default=False, detailed_exceptions=False)
    imports = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
    if imports not in code:
        raise RuntimeError("fastjsonschema's generated code changed shape; update compiled_grammar_source")
    return _COMPILED_DOCSTRING + code.replace(imports, _COMPILED_EXCEPTIONS)


@cache
def _validator(kind: str):
    """One validator per kind, built once per process from the schema with its $refs inlined.

    Inlining (the schema has no recursive references) saves jsonschema a registry lookup at every
    $ref, which makes validating the 1,644 managed policies about 40% faster.
    """
    jsonschema = import_jsonschema()
    defs = load_schema()["$defs"]
    return jsonschema.Draft202012Validator(_inline(defs[ENTRY_POINTS[kind]], defs))


def _inline(node: Any, defs: dict) -> Any:
    """Replace each local `{"$ref": "#/$defs/name"}` with the definition (under allOf if it has siblings)."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: _inline(value, defs) for key, value in node.items() if key != "$ref"}
    if "$ref" not in node:
        return inlined
    target = _inline(defs[node["$ref"].removeprefix("#/$defs/")], defs)
    return {**inlined, "allOf": [target, *inlined.get("allOf", [])]} if inlined else target


def validate(document: Any, kind: str, path: str) -> list[Finding]:
    """Grammar findings for `document` as a policy of `kind`, most relevant first, one per problem."""
    if kind not in ENTRY_POINTS:
        raise ValueError(f"unknown policy kind {kind!r}; expected one of {', '.join(ENTRY_POINTS)}")
    if is_valid(document, kind):
        return []
    from iamkb.check import schema_findings  # only documents that fail need the words

    if kind != "statement" and isinstance(document, dict) and "Effect" in document and "Statement" not in document:
        return [schema_findings.statement_where_policy_expected(kind, path)]
    errors = sorted(_validator(kind).iter_errors(document), key=_relevance())
    return schema_findings.from_errors(errors, kind, path)


def _relevance():
    return import_jsonschema().exceptions.relevance


if __name__ == "__main__":
    COMPILED_PATH.write_text(compiled_grammar_source(), encoding="utf-8")
    print(f"wrote {COMPILED_PATH}")
