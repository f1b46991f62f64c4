"""The fast path (quick.py) against the careful builder (source.py): same data, or it steps aside.

quick_data may decline any file (None: read it carefully); what it accepts must be exactly what the
careful builder makes, types included (1, 1.0 and True are equal in Python, not in a plan), and it must
never accept a file in which the careful builder finds a problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from smartplan import source
from smartplan.linewise import linewise_data
from smartplan.quick import quick_data
from smartplan.reading import read_file
from smartplan.scalars import FORBIDDEN_CHAR
from smartplan.source import DEFAULT_LIMITS, Limits, parse
from tests.conftest import EXAMPLES
from tests.test_fuzz import TOKENS, examples, mutations

ROOT = Path(__file__).resolve().parent.parent


def _utf8(path: Path) -> bool:
    """Files that are not UTF-8 are refused in reading.py, before either builder runs."""
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


CORPUS = sorted(
    path
    for folder in (EXAMPLES, ROOT / "tests" / "adversarial", ROOT / "plans" / "banjar", ROOT / "templates")
    for path in folder.rglob("*.y*ml")
    if path.is_file() and not path.is_symlink() and _utf8(path)
)
CLEAN = sorted([*(EXAMPLES / "valid").rglob("*.yaml"), *(ROOT / "plans" / "banjar").rglob("*.yaml")])


def typed(value: Any) -> Any:
    """The value with the type of every part spelled out, so that 1 == 1.0 == True no longer holds."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


Reader = Callable[[str, Limits], "dict[str, Any] | None"]
READERS = {"events": quick_data, "lines": linewise_data}  # the two fast readers


def agrees(text: str, limits: Limits = DEFAULT_LIMITS, read: Reader = quick_data) -> Any:
    """A fast reader's answer, after checking it against the careful builder's.

    Text with a character no plan may hold never reaches a reader: reading.py refuses it first.
    """
    if FORBIDDEN_CHAR.search(text):
        return None
    fast = read(text, limits)
    careful = parse(text, "f.yaml", limits)
    if fast is not None:
        assert not careful.problems, f"a fast reader accepted what the careful builder refuses: {careful.problems}"
        assert typed(fast) == typed(careful.data)
        assert list(fast) == list(careful.data or {})  # the same key order
    return fast


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) > 200
    assert len(CLEAN) > 50


@pytest.mark.parametrize("read", READERS.values(), ids=READERS.keys())
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_both_fast_readers_agree_on_every_example_file(read: Reader, path: Path) -> None:
    agrees(path.read_bytes().decode("utf-8-sig"), read=read)


@pytest.mark.parametrize("read", READERS.values(), ids=READERS.keys())
@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_both_fast_readers_take_every_clean_file(read: Reader, path: Path) -> None:
    assert agrees(path.read_text(encoding="utf-8-sig"), read=read) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",  # tag
        "a: &x 1\nb: 2\n",  # anchor
        "a: &x [1]\nb: *x\n",  # alias
        "a: {x: 1}\nb:\n  <<: {y: 2}\n",  # merge key
        "a: 1\na: 2\n",  # duplicate key
        "1: a\n1: b\n",  # duplicate number key
        "1.5: a\n",  # a key that is neither text nor a whole number
        "true: a\n",
        "null: a\n",
        "? [a]\n: b\n",  # a list as key
        "? {a: 1}\n: b\n",
        "a: 12345678901234567890\n",  # number too large
        'a: "\\e"\n',  # control character written as an escape
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n- b\n",  # not a mapping
        "just text\n",
        "",
        "# only a comment\n",
        "a: [1, 2\n",  # syntax error
        "a: b: c\n",
    ],
)
def test_steps_aside_for_anything_to_report(text: str) -> None:
    assert agrees(text) is None


def test_steps_aside_near_the_limits() -> None:
    limits = Limits(max_depth=4, max_nodes=12, max_scalar_chars=10)
    assert agrees("a: {b: {c: {d: 1}}}\n", limits) is None  # within the careful builder's limit, but close: it judges
    assert agrees("a: {b: {c: 1}}\n", limits) == {"a": {"b": {"c": 1}}}
    assert agrees("a: 0123456789a\n", limits) is None
    assert agrees("a: 0123456789\n", limits) == {"a": "0123456789"}
    assert agrees("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", limits) is None
    assert agrees("a: [1, 2, 3]\n", limits) == {"a": [1, 2, 3]}


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (
            "a: NO\nb: on\nc: 1:30\nd: 010\ne: .inf\nf: 2024-02-30\n",
            {"a": "NO", "b": "on", "c": "1:30", "d": "010", "e": ".inf", "f": "2024-02-30"},
        ),
        (
            "a: '1'\nb: \"true\"\nc: 1\nd: true\ne: ~\nf: 1.5\n",
            {"a": "1", "b": "true", "c": 1, "d": True, "e": None, "f": 1.5},
        ),
        ("2025: a\n'2025': b\n", {2025: "a", "2025": "b"}),
        ("'<<': 1\n", {"<<": 1}),
        ("a: |\n  one\n  two\nb: >\n  x\n  y\n", {"a": "one\ntwo\n", "b": "x y\n"}),
        ("a: []\nb: {}\nc: [[], [{}]]\n", {"a": [], "b": {}, "c": [[], [{}]]}),
        ("{}\n", {}),
    ],
)
def test_builds_what_the_careful_builder_builds(text: str, data: dict[str, Any]) -> None:
    assert typed(agrees(text)) == typed(data)


def test_positions_are_worked_out_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("id: x\nbudget:\n  - year: 2025\n    amount: 5\n", encoding="utf-8")
    document = read_file(path, "f.yaml")
    assert document.positions is None  # the fast path took it
    assert document.lines.values[("budget", 0, "amount")] == (4, 13)
    assert document.lines.keys[("budget", 0, "amount")] == (4, 5)


SOUP = [*TOKENS, b"a: ", b"- ", b"\n", b"  ", b"1", b"x", b"[", b"]", b", ", b"|", b"#"]


@pytest.mark.parametrize("read", READERS.values(), ids=READERS.keys())
@examples(150)
@given(case=mutations())
def test_both_fast_readers_agree_on_mutated_plan_files(read: Reader, case: tuple[str, str, bytes]) -> None:
    _, _, data = case
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assume(False)
    agrees(text, read=read)


@pytest.mark.parametrize("read", READERS.values(), ids=READERS.keys())
@examples(150)
@given(st.lists(st.sampled_from(SOUP), max_size=30))
def test_both_fast_readers_agree_on_token_soup(read: Reader, parts: list[bytes]) -> None:
    try:
        text = b"".join(parts).decode("utf-8")
    except UnicodeDecodeError:
        assume(False)
    agrees(text, read=read)


def test_agrees_with_the_pure_parser_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "Loader", yaml.SafeLoader)
    taken = [agrees(path.read_text(encoding="utf-8-sig")) for path in CLEAN]
    assert None not in taken
    assert agrees("a: &x 1\n") is None
