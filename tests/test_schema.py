"""The exported JSON Schemas, checked by an independent validator (check-jsonschema) against `smartplan validate`.

What a schema can say about one file, both must say: valid files pass both, and files with a wrong type, an
unknown or missing field, a value outside a list or range, or a bad format fail both. What needs more than one
file, or compares values with each other, is beyond a schema: those files pass the schema and only
`smartplan validate` reports them. smartplan's own YAML reading rules (no anchors, aliases, tags or merge keys,
strict scalars, resource limits) are beyond a schema too; which of them check-jsonschema happens to reject
depends on its YAML parser, so they are only listed here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, REPO, smartplan

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
KIND_OF_FOLDER = {"dimensions": "dimension", "quickwins": "quickwin", "programs": "program", "monitoring": "monitoring"}
KINDS = ["plan", "dimension", "quickwin", "program", "monitoring"]

# Problems a single file's schema states: both validators reject them.
SCHEMA_CODES = frozenset(
    {
        "wrong-type",
        "unknown-field",
        "missing-field",
        "invalid-value",  # a value outside a fixed list (enum)
        "invalid-format",  # ids, months, web addresses, region codes (pattern)
        "invalid-date",
        "empty-value",
        "too-long",
        "too-few-items",
        "out-of-range",
        "negative-amount",
        "not-mapping",  # the file holds a list or a single value, not fields
        "empty-file",
    }
)
# Cross-file checks: they need the other files of the plan (or the file's own name), so no schema can make them.
CROSS_FILE_CODES = frozenset(
    {
        "dangling-ref",  # agencies, funding sources, sources, elements, indicators, dependencies named elsewhere
        "duplicate-id",  # ids unique across files and within lists of plan.yaml
        "id-mismatch",  # the id must equal the file name
        "cycle",  # dependencies between quick wins and programs
        "out-of-period",  # years inside the period set in plan.yaml
        "emblem-unreadable",  # the emblem is a file beside plan.yaml: a schema sees only its name
        "emblem-not-image",
        "emblem-too-large",
        "missing-dimension",
        "no-quickwin",
        # the reviewer's checks: indicators against the quick wins and programs that name them, and plan.yaml
        "unfunded-target",
        "target-before-start",
        "element-without-action",
        "funding-stops",
        "old-baseline",
        "lead-share",
        "year-mismatch",  # a monitoring file's year is its file name
        "reported-twice",  # a year in two monitoring files; an id twice in one (a schema cannot compare items)
        "future-year",  # against today's date
        "over-budget",  # realised against the plan's budget
        "wrong-unit",  # a realised value against its indicator's unit
    }
)
# Relations between values of one file, and warnings: a schema could not, or must not, reject these.
RELATION_CODES = frozenset(
    {
        "end-before-start",
        "quickwin-too-long",
        "outside-program",  # a program's budget and milestones within its own start and end
        "element-count",
        "no-baseline",
        "no-targets",
        "target-direction",
        "id-year-mismatch",
        "term-duration",
        "unfilled-text",  # warnings, errors only when plan.yaml's document status is final
        "template-code",
        "zero-amount",
        "no-source",  # a realised value needs a source; a missing value (no data yet) does not
        "done-without-evidence",
    }
)
# smartplan's YAML reader: stricter than YAML 1.2 and the parsers other validators use.
READING_CODES = frozenset(
    {
        "alias",
        "anchor",
        "tag",
        "merge-key",
        "duplicate-key",
        "complex-key",
        "multiple-documents",
        "syntax",
        "tab",
        "encoding",
        "control-character",
        "number-too-large",
        "too-deep",
        "too-many-nodes",
        "value-too-long",
        "file-too-large",
        "case-clash",
        "file-name",
    }
)
# Where YAML 1.2 and JSON's data model are looser than smartplan, so check-jsonschema accepts what validate refuses:
# case -> the text in the file that shows it.
TYPING_CASES = {
    "number-leading-zero": "010",  # YAML 1.2 reads ten; smartplan keeps the text, as 010 is likely a typo
    "number-inf": ".inf",  # YAML 1.2 reads infinity
    "whole-number-with-decimals": "2025.0",  # JSON Schema counts 2025.0 as an integer; pydantic's strict mode does not
    "target-key-not-a-year": '"2026":',  # JSON keys are always text, so a schema cannot tell "2026" from 2026
}


def _single_file_cases() -> list[tuple[str, Path, str, frozenset[str]]]:
    """(case, file, kind, codes reported) of each invalid example that changes exactly one file."""
    cases = []
    for case in sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir()):
        overlay = case / "files"
        files = [p for p in overlay.rglob("*") if p.is_file()] if overlay.is_dir() else []
        if len(files) != 1 or (case / "remove").exists() or files[0].suffix != ".yaml":
            continue
        kind = "plan" if files[0].name == "plan.yaml" else KIND_OF_FOLDER.get(files[0].parent.name)
        if kind is None:
            continue
        codes = frozenset(
            re.findall(r"^\S+ (?:error|warning)\[([\w-]+)\]", (case / "expected.en.txt").read_text(), re.M)
        )
        cases.append((case.name, files[0], kind, codes))
    return cases


CASES = _single_file_cases()
SCHEMA_CASES = [c for c in CASES if c[3] & SCHEMA_CODES and c[0] not in TYPING_CASES]
BEYOND_CASES = [c for c in CASES if c[3] and c[3] <= CROSS_FILE_CODES | RELATION_CODES]


def _ids(cases: Iterable[tuple[str, Path, str, frozenset[str]]]) -> list[str]:
    return [c[0] for c in cases]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The schemas in English; what they accept is the same in Indonesian (tests/test_schema_language.py)."""
    out = tmp_path_factory.mktemp("schemas")
    assert smartplan("schema", "--out", str(out), "--lang", "en") == (0, f"wrote 5 schemas to {out.as_posix()}\n", "")
    return out


def check_jsonschema(schema: Path, files: list[Path]) -> dict[str, str]:
    """Run check-jsonschema over files; return each failing file with 'invalid' or 'unparsable'."""
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "--output-format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    failed = {e["filename"]: "invalid" for e in report.get("errors", [])}
    failed.update({e["filename"]: "unparsable" for e in report.get("parse_errors", [])})
    assert result.returncode == (1 if failed else 0), result.stderr
    return failed


@pytest.fixture(scope="module")
def verdicts(schemas: Path) -> dict[Path, str]:
    """check-jsonschema's verdict on every single-file case: 'valid', 'invalid' or 'unparsable' (one run a kind)."""
    found: dict[Path, str] = {}
    for kind in KINDS:
        files = [file for _, file, k, _ in CASES if k == kind]
        failed = check_jsonschema(schemas / f"{kind}.schema.json", files) if files else {}
        found.update({file: failed.get(str(file), "valid") for file in files})
    return found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_schemas_are_valid_json_schema(tmp_path: Path, lang: str) -> None:
    assert smartplan("schema", "--out", str(tmp_path), "--lang", lang)[0] == 0
    files = sorted(tmp_path.glob("*.schema.json"))
    assert [f.name for f in files] == [f"{k}.schema.json" for k in sorted(KINDS)]
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, files)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_schema_command_prints_what_it_writes(schemas: Path) -> None:
    code, out, err = smartplan("schema", "quickwin", "--lang", "en")
    assert (code, err) == (0, "")
    assert out == (schemas / "quickwin.schema.json").read_text()
    assert json.loads(out)["title"] == "smartplan quick win (quickwins/<id>.yaml)"


def test_schema_command_without_kind_or_out_writes_them_into_dot_schemas(in_tmp: Path) -> None:
    assert smartplan("schema") == (0, "wrote 5 schemas to .schemas\n", "")
    assert sorted(p.name for p in (in_tmp / ".schemas").iterdir()) == [
        "dimension.schema.json",
        "monitoring.schema.json",
        "plan.schema.json",
        "program.schema.json",
        "quickwin.schema.json",
    ]


def _properties(node: object) -> Iterable[tuple[str, dict[str, object]]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_description_for_editor_hovers(schemas: Path, kind: str) -> None:
    schema = json.loads((schemas / f"{kind}.schema.json").read_text())
    undescribed = sorted({name for name, prop in _properties(schema) if not prop.get("description")})
    assert undescribed == [], "add them to templates/messages/schema.en.yaml and schema.id.yaml"
    assert all(d.get("description") for d in schema["$defs"].values())


def test_valid_examples_pass_check_jsonschema(schemas: Path) -> None:
    by_kind: dict[str, list[Path]] = {}
    for file in sorted((EXAMPLES / "valid").rglob("*.yaml")):
        kind = "plan" if file.name == "plan.yaml" else KIND_OF_FOLDER[file.parent.name]
        by_kind.setdefault(kind, []).append(file)
    assert sum(map(len, by_kind.values())) >= 25
    for kind, files in by_kind.items():
        assert check_jsonschema(schemas / f"{kind}.schema.json", files) == {}


def test_banjar_agrees_file_by_file(schemas: Path) -> None:
    """Each file of plans/banjar passes the schema exactly when validate finds no schema-level problem in it."""
    banjar = REPO / "plans" / "banjar"
    code, out, _ = smartplan("validate", "--format", "json", str(banjar))
    assert code in (0, 1)
    schema_level = {Path(d["file"]).resolve() for d in json.loads(out)["diagnostics"] if d["code"] in SCHEMA_CODES}
    files = [banjar / "plan.yaml", *sorted(banjar.glob("*/*.yaml"))]
    assert len(files) >= 13
    for kind in KINDS:
        mine = [
            f
            for f in files
            if (f.name == "plan.yaml") == (kind == "plan") and KIND_OF_FOLDER.get(f.parent.name, "plan") == kind
        ]
        failed = check_jsonschema(schemas / f"{kind}.schema.json", mine) if mine else {}
        assert {Path(f).resolve() for f in failed} == {f.resolve() for f in mine} & schema_level


def test_every_code_in_the_corpus_is_classified() -> None:
    known = SCHEMA_CODES | CROSS_FILE_CODES | RELATION_CODES | READING_CODES
    unclassified = sorted({code for *_, codes in CASES for code in codes} - known)
    assert unclassified == [], "say in tests/test_schema.py whether a schema can express these"
    assert len(SCHEMA_CASES) >= 20 and len(BEYOND_CASES) >= 15


@pytest.mark.parametrize(("case", "file", "kind", "codes"), SCHEMA_CASES, ids=_ids(SCHEMA_CASES))
def test_schema_level_problem_fails_both(
    verdicts: dict[Path, str], case: str, file: Path, kind: str, codes: frozenset[str]
) -> None:
    assert verdicts[file] == "invalid"


@pytest.mark.parametrize(("case", "file", "kind", "codes"), BEYOND_CASES, ids=_ids(BEYOND_CASES))
def test_cross_file_and_relation_problems_pass_the_schema(
    verdicts: dict[Path, str], case: str, file: Path, kind: str, codes: frozenset[str]
) -> None:
    assert verdicts[file] == "valid"


@pytest.mark.parametrize("case", sorted(TYPING_CASES))
def test_stricter_typing_is_beyond_a_schema(verdicts: dict[Path, str], case: str) -> None:
    """smartplan refuses these as numbers (or year keys); check-jsonschema, reading YAML 1.2 into JSON, accepts them."""
    (found,) = [c for c in CASES if c[0] == case]
    assert TYPING_CASES[case] in found[1].read_text()
    assert found[3] == {"wrong-type"}
    assert verdicts[found[1]] == "valid"
