"""Property tests: generated valid plans pass, and no mutation of a valid plan's files breaks smartplan.

`make test` runs a few hundred examples with a fixed seed; `make fuzz` runs many more
(SMARTPLAN_FUZZ_EXAMPLES, at least 10,000) with fresh randomness each time.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartplan import api
from smartplan.reading import read_file
from smartplan.report import REPORTERS
from smartplan.scalars import resolve_plain
from tests.helpers import EXAMPLES

FUZZ = int(os.environ.get("SMARTPLAN_FUZZ_EXAMPLES", "0"))


def examples(in_make_test: int, share: float = 1.0) -> settings:
    """A few examples with a fixed seed in make test; in make fuzz `share` of SMARTPLAN_FUZZ_EXAMPLES, fresh."""
    return settings(
        max_examples=max(int(FUZZ * share), in_make_test) if FUZZ else in_make_test,
        derandomize=not FUZZ,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


BASES = ["minimal"]
LINE = re.compile(r"(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?:error|warning)\[[a-z0-9-]+\]: ")

# ---- generated valid plans ----------------------------------------------------------------------

# Text a person could type: anything printable, no control characters, surrogates or non-characters.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s != ""
)
IDS = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")


@functools.cache
def _parsed(name: str) -> Any:
    return read_file(EXAMPLES / "valid" / "minimal" / name, name).data


def _data(name: str) -> Any:
    return copy.deepcopy(_parsed(name))


@st.composite
def valid_plans(draw: st.DrawFn) -> dict[str, Any]:
    """The minimal plan with its free text replaced and extra quick wins and programs added."""
    files: dict[str, Any] = {"plan.yaml": _data("plan.yaml")}
    for dim in ("governance", "branding", "economy", "living", "society", "environment"):
        files[f"dimensions/{dim}.yaml"] = _data(f"dimensions/{dim}.yaml")
        files[f"quickwins/qw-2025-{dim}.yaml"] = _data(f"quickwins/qw-2025-{dim}.yaml")
    plan = files["plan.yaml"]
    plan["vision"] = draw(TEXT)
    plan["city"]["name"] = draw(TEXT)
    plan["document"]["title"] = draw(TEXT)
    plan["introduction"]["background"] = draw(TEXT)
    plan["goals"] = draw(st.lists(TEXT, max_size=3))
    # Figures anywhere in the range a plan may hold: they must format and chart without a crash.
    figure = st.floats(-(10.0**17), 10.0**17, allow_nan=False)
    plan["profile"]["facts"][0]["value"] = draw(figure)
    plan["profile"]["districts"][0]["area_km2"] = draw(st.floats(0, 10.0**17))
    for dim in ("economy", "living"):
        indicator = files[f"dimensions/{dim}.yaml"]["indicators"][0]
        indicator["baseline"]["value"] = draw(figure)
        indicator["targets"] = {year: draw(figure) for year in draw(st.lists(st.integers(2025, 2034), unique=True))}
    known = {a["id"] for a in plan["agencies"]}
    extra = draw(st.lists(IDS.filter(lambda i: i not in known), max_size=3, unique=True))
    plan["agencies"] += [{"id": ident, "name": draw(TEXT)} for ident in extra]
    agencies = [a["id"] for a in plan["agencies"]]
    actions: list[str] = [f"qw-2025-{d}" for d in ("governance", "branding", "economy")]
    for index in range(draw(st.integers(0, 4))):
        ident = f"p-{index}-{draw(IDS)}"[:64]
        dim = draw(st.sampled_from(sorted(k for k in files if k.startswith("dimensions/"))))
        elements = [e["id"] for e in files[dim]["elements"]]
        start = draw(st.integers(2025, 2034))
        end = draw(st.integers(start, 2034))
        files[f"programs/{ident}.yaml"] = {
            "id": ident,
            "name": draw(TEXT),
            "term": draw(st.sampled_from(["medium", "long"])),
            "start": start,
            "end": end,
            "dimension": files[dim]["id"],
            "element": draw(st.sampled_from(elements)),
            "lead_agency": draw(st.sampled_from(agencies)),
            "supporting_agencies": draw(st.lists(st.sampled_from(agencies), max_size=2, unique=True)),
            "description": draw(TEXT),
            "outputs": draw(st.lists(TEXT, min_size=1, max_size=3)),
            "budget": [
                {"year": year, "amount": draw(st.integers(0, 10**15)), "funding": "apbd-kota"}
                for year in draw(st.lists(st.integers(start, end), max_size=3, unique=True))
            ],
            "depends_on": draw(st.lists(st.sampled_from(actions), max_size=2, unique=True)),
            "milestones": [{"year": draw(st.integers(start, end)), "milestone": draw(TEXT)}],
        }
        actions.append(ident)
    return files


class _Dumper(yaml.CSafeDumper):
    """libyaml's emitter, quoting text that smartplan's YAML 1.2 resolver would read as a number.

    PyYAML follows YAML 1.1 and writes `0E0` or `1e5` unquoted; smartplan (like YAML 1.2) reads them
    as numbers and reports "expected text, got the number 0.0". Found by this very test.
    """


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    try:
        plain = resolve_plain(value) == value
    except ValueError:
        plain = False
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else "'")


_Dumper.add_representer(str, _text)


def dump(data: Any, *, allow_unicode: bool = True) -> str:
    """YAML as an editor would write it, keys in their order."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=allow_unicode, sort_keys=False)


def write_plan(files: dict[str, Any], into: Path) -> Path:
    for folder in ("dimensions", "quickwins", "programs"):
        (into / folder).mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (into / name).write_text(dump(data), encoding="utf-8")
    return into


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One scratch folder for all examples of a test (Hypothesis cannot use function-scoped fixtures)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@examples(50, share=0.2)
@given(files=valid_plans())
def test_generated_valid_plans_have_no_errors(files: dict[str, Any], scratch: Path) -> None:
    folder = scratch / "generated"
    shutil.rmtree(folder, ignore_errors=True)
    outcome = api.validate([write_plan(files, folder)])
    assert [d for d in outcome.diagnostics if d.is_error] == []
    assert outcome.exit_code() == 0


# ---- mutations of valid plans -------------------------------------------------------------------

# Fragments that YAML or smartplan treat specially, spliced in anywhere.
TOKENS = [
    b"&a ",
    b"*a",
    b"!!python/object/apply:os.system [id]",
    b"<<: ",
    b"\t",
    b"---\n",
    b"...\n",
    b"? ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"'",
    b'"',
    b"%TAG ! x\n",
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b": ",
    b"- ",
    b"#",
    b"|",
    b">",
    b"\\e",
    b'"\\x1b"',
    b"9" * 30,
    b"1e999",
    b".inf",
    b"0x10",
    b"1:30",
    b"~",
    b"null",
    b"NO",
    b"2025-13-45",
    b"{{ 7*7 }}",
    b"{% raw %}",
    b"<script>",
    "\u202e".encode(),
    b"\n  " * 40,
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**25), 10**25),
    st.floats(),
    st.text(max_size=12),
    TEXT,
    st.sampled_from(["", "yes", "1:30", "010", ".nan", "2025-02-30", "x" * 2_001, "../../etc/passwd"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(IDS, st.integers(), max_size=2),
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in items:
        yield from _paths(child, (*path, key))


def _swap_value(draw: st.DrawFn, data: bytes) -> bytes:
    """Replace one value, anywhere in the document, by a value of another kind."""
    try:
        document = yaml.load(data, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return data
    paths = list(_paths(document))
    if not paths:
        return data
    *parents, last = draw(st.sampled_from(paths))
    node = document
    for part in parents:
        node = node[part]
    node[last] = draw(VALUES)
    return dump(document, allow_unicode=draw(st.booleans())).encode()


def _lines(draw: st.DrawFn, data: bytes) -> bytes:
    """Delete, duplicate or swap lines."""
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    how = draw(st.sampled_from(["delete", "duplicate", "swap"]))
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[j])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Flip a byte, splice in bytes or a special token, or cut the file short."""
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["flip", "insert", "token", "truncate"]))
    if how == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if how == "token":
        return data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
    return data[:at]


@functools.cache
def _names(base: str) -> list[str]:
    root = EXAMPLES / "valid" / base
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml"))


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(base plan, file name, new content): one file of a valid plan mutated up to three times, or a new file."""
    base = draw(st.sampled_from(BASES))
    root = EXAMPLES / "valid" / base
    names = _names(base)
    name = draw(st.sampled_from([*names, "quickwins/qw-new.yaml", "programs/new.yaml"]))
    data = (root / name).read_bytes() if (root / name).exists() else b"id: new\n"
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from([_swap_value, _lines, _bytes]))(draw, data)
    return base, name, data


GITHUB = re.compile(r"::(?P<severity>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),col=(?P<col>\d+),title=")
TEXT_LINE = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[[a-z0-9-]+\]: ")


def places_in(out: str, report: str) -> list[tuple[str, int, int, str]]:
    """(file, line, column, severity) of every diagnostic in a report; fails on a malformed line."""
    if report == "json":
        found = json.loads(out)["diagnostics"]
        return [(d["file"], d["line"], d["column"], d["severity"]) for d in found]
    lines = out.splitlines()
    assert lines[-1].startswith("checked ")
    places = []
    for line in lines[:-1]:
        match = (TEXT_LINE if report == "text" else GITHUB).match(line)
        assert match, line
        file = (
            match["file"].replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
            if report == "github"
            else match["file"]
        )
        places.append((file, int(match["line"]), int(match["col"]), match["severity"]))
    return places


def check_report(code: int, out: str, err: str, report: str, mutated: str, data: bytes) -> None:
    """Exit 0, 1 or 3, nothing on stderr, and every diagnostic well-formed and placed inside its file."""
    assert code in (0, 1, 3), (code, out, err)
    assert err == ""
    places = places_in(out, report)
    assert (code == 0) == all(severity == "warning" for *_, severity in places)
    last_line = data.count(b"\n") + data.count(b"\r") + 1
    for file, line, col, _ in places:
        assert line >= 1 and col >= 1
        if file == mutated:
            assert line <= last_line, (file, line, last_line)


@examples(200)
@given(case=mutations(), report=st.sampled_from(["text", "json", "github"]))
def test_mutated_plans_end_with_a_diagnostic_never_a_crash(
    case: tuple[str, str, bytes], report: str, scratch: Path
) -> None:
    base, name, data = case
    plan = scratch / base
    if not plan.exists():
        shutil.copytree(EXAMPLES / "valid" / base, plan)
    target = plan / name
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    try:
        # api + reporter, as the CLI does, minus the CLI's ~30 ms a run: an exception here is the exit 4 case.
        outcome = api.validate([plan])
        stream = io.StringIO()
        REPORTERS[report](outcome.diagnostics, outcome.files, stream)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    check_report(int(outcome.exit_code()), stream.getvalue(), "", report, target.as_posix(), data)


@examples(3, share=0.01)
@given(files=valid_plans())
def test_generated_valid_plans_build_the_same_bytes_twice(files: dict[str, Any], scratch: Path) -> None:
    folder = scratch / "to-build"
    shutil.rmtree(folder, ignore_errors=True)
    write_plan(files, folder / "plan")
    outputs = []
    for run in ("one", "two"):
        outcome = api.build(folder / "plan", folder / run)
        assert outcome.exit_code() == 0, outcome.diagnostics
        outputs.append({p.name: p.read_bytes() for p in sorted((folder / run).iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 11  # five documents in two formats (one quick-win year) and the marker
