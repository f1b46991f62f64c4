"""Strict YAML loading: the scalar resolver, positions, encodings and syntax errors in plain words."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from smartplan import reading
from smartplan.problem_words import words
from smartplan.reading import read_file
from smartplan.scalars import resolve_plain
from smartplan.source import Limits, parse


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 booleans, sexagesimals, octals, hex, dates and special floats stay text.
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Off", "Off"),
        ("yes", "yes"),
        ("y", "y"),
        ("1:30", "1:30"),
        ("010", "010"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        (".nan", ".nan"),
        ("2024-02-30", "2024-02-30"),
        ("2025-03", "2025-03"),
        # What the strict resolver does convert.
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("-5", -5),
        ("+7", 7),
        ("350000000", 350_000_000),
        ("3.5", 3.5),
        ("1e3", 1000.0),
    ],
)
def test_plain_scalars_resolve_strictly(text: str, value: Any) -> None:
    resolved = resolve_plain(text)
    assert (type(resolved), resolved) == (type(value), value)


@pytest.mark.parametrize("text", ["1234567890123456789", "1e400", "-1e400"])
def test_numbers_too_large_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="number too large"):
        resolve_plain(text)


def test_quoted_values_are_always_text() -> None:
    document = parse("a: '010'\nb: \"true\"\nc: '2025'\nd: |\n  NO\n", "f.yaml")
    assert document.data == {"a": "010", "b": "true", "c": "2025", "d": "NO\n"}


def test_positions_of_keys_and_values() -> None:
    document = parse("id: x\nbudget:\n  - year: 2025\n    amount: 5\nlist: [a, b]\ntargets: {2025: 1}\n", "f.yaml")
    find = document.lines.find
    assert find(()) == (1, 1)
    assert find(("id",)) == (1, 5)
    assert find(("id",), key=True) == (1, 1)
    assert find(("budget",)) == (3, 3)
    assert find(("budget",), key=True) == (2, 1)
    assert find(("budget", 0, "year")) == (3, 11)
    assert find(("budget", 0, "amount"), key=True) == (4, 5)
    assert find(("budget", 0), key=True) == (3, 5)  # a list item has no key: its value's position
    assert find(("list", 1)) == (5, 11)
    assert find(("targets", 2025)) == (6, 17)
    # An unknown path falls back to its longest known prefix, also when asked for a key.
    assert find(("budget", 0, "funding")) == find(("budget", 0, "funding"), key=True) == (3, 5)
    assert find(("list", 2)) == find(("list", -1)) == find(("list", "x")) == (5, 7)
    assert find(("id", "deeper")) == (1, 5)


def test_bom_and_crlf_read_like_plain_utf8(tmp_path: Path) -> None:
    text = "id: x\nname: Kota Banjar\ntargets:\n  2025: 55\n"
    plain, windows = tmp_path / "plain.yaml", tmp_path / "windows.yaml"
    plain.write_bytes(text.encode())
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    a, b = read_file(plain, "plain.yaml"), read_file(windows, "windows.yaml")
    assert (b.data, b.problems) == (a.data, []) == ({"id": "x", "name": "Kota Banjar", "targets": {2025: 55}}, [])
    for path in [(), ("id",), ("name",), ("targets",), ("targets", 2025)]:
        assert b.lines.find(path) == a.lines.find(path)
        assert b.lines.find(path, key=True) == a.lines.find(path, key=True)


def _report(text: str) -> str:
    (problem,) = parse(text, "f.yaml").problems
    field = f"{problem.field}: " if problem.field else ""
    message, hint = words(problem.message, "en"), words(problem.hint, "en")
    return f"{problem.line}:{problem.col} {problem.code}: {field}{message} ({hint})"


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ('id: x\nname: "abc\nyear: 2025\n', "2:7 syntax: YAML syntax error: quoted text is never closed"),
        ("id: x\nlist: [a, b\nyear: 2025\n", "2:7 syntax: YAML syntax error: a list in '[ ]' is not closed"),
        ("id: x\nb: {a: 1\n", "2:4 syntax: YAML syntax error: a group in '{ }' is not closed"),
        ("id: x\nname\nyear: 2025\n", "2:1 syntax: YAML syntax error: a line with no ':' after its field name"),
        ("id: x\nname: @abc\n", "2:7 syntax: YAML syntax error: a value cannot start with '@'"),
        ("id: x\nname: a: b\n", "2:8 syntax: YAML syntax error: unexpected ':' inside a value"),
        ("id: x\n- a\n", "2:1 syntax: YAML syntax error: expected 'field: value' here"),
        ("a:\n  - b: 1\n   c: 2\n", "3:4 syntax: YAML syntax error: expected a list item ('- ...') here"),
        ('name: "Kota" Banjar\n', "1:14 syntax: YAML syntax error: text after the closing quote"),
        ("a: [1, 2]]\n", "1:10 syntax: YAML syntax error: text after a list in '[ ]'"),
        ("a:\n  b: 1\n\tc: 2\n", "3:1 tab: tab character used for indentation"),
        ("a:\n   \tb: 1\n", "2:4 tab: tab character used for indentation"),
    ],
)
def test_syntax_errors_in_plain_words_where_the_mistake_is(text: str, report: str) -> None:
    assert _report(text).startswith(report + " (")


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("name: !!python/object/apply:os.system [ls]\n", "1:7 tag: name: tag '!!python/object/apply:os.system'"),
        ("a:\n  b: !!binary aGVsbG8=\n", "2:6 tag: a.b: tag '!!binary'"),
        ("a: !local x\n", "1:4 tag: a: tag '!local'"),
        ("a: &x 1\n", "1:4 anchor: a: anchor '&x'"),
        ("a: [*x]\n", "1:5 alias: a[0]: alias '*x'"),
        ("a:\n  <<: {b: 1}\n", "2:3 merge-key: a: merge key '<<'"),
    ],
)
def test_unsafe_yaml_is_refused_with_its_field(text: str, report: str) -> None:
    assert _report(text).startswith(report + " is not allowed (")


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    assert parse('"<<": 1\n', "f.yaml").data == {"<<": 1}


def test_duplicate_key_names_the_first_line() -> None:
    assert _report("a:\n  b: 1\n  c: 2\n  b: 3\n") == (
        "4:3 duplicate-key: a.b: duplicate key 'b' (first defined at line 2)"
        " (remove one of the two; YAML keeps only the last)"
    )


def _stale_fstat(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """fstat reports `size`, as if the file grew between fstat and the reading."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = real(fd)
        return os.stat_result((*info[:6], size, *info[7:10]))

    monkeypatch.setattr(reading.os, "fstat", fstat)


def test_a_file_that_grew_after_fstat_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grown.yaml"
    path.write_text("id: a\nname: " + "x" * 5000 + "\n", encoding="utf-8")
    _stale_fstat(monkeypatch, 10)
    assert read_file(path, "grown.yaml").data == {"id": "a", "name": "x" * 5000}


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grown.yaml"
    path.write_text("name: " + "x" * 3000 + "\n", encoding="utf-8")
    _stale_fstat(monkeypatch, 10)
    document = read_file(path, "grown.yaml", Limits(max_file_bytes=2048))
    assert [(d.code, words(d.message, "en")) for d in document.problems] == [
        ("file-too-large", "file larger than 2 KiB")
    ]
