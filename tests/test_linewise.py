"""The line reader (linewise.py) against the careful builder (source.py): same data, or it steps aside.

linewise_data may decline any file (None: quick.py reads it), but it must take the everyday shapes
plan files are written in, build them exactly as the careful builder does (types and key order
included), and never accept a file in which the careful builder finds a problem. test_quick.py
holds both fast readers to that on every example file and on mutated plan files too.
"""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.linewise import linewise_data
from smartplan.scalars import SPECIAL_WORDS
from smartplan.source import DEFAULT_LIMITS, Limits, parse
from tests import test_quick
from tests.test_fuzz import examples
from tests.test_quick import typed


def agrees(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """linewise_data's answer, after checking it against the careful builder's (test_quick.agrees)."""
    return test_quick.agrees(text, limits, read=linewise_data)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("# a comment\nid: x  # and another\n\nname: 'a # b: c'\n", {"id": "x", "name": "a # b: c"}),
        (
            "a: NO\nb: on\nc: 1:30\nd: 010\ne: .inf\nf: ...\n",
            {"a": "NO", "b": "on", "c": "1:30", "d": "010", "e": ".inf", "f": "..."},
        ),
        (
            "a: 1\nb: -2.5\nc: true\nd: ~\ne: null\nf: 'it''s'\ng: \"x\"\n",
            {"a": 1, "b": -2.5, "c": True, "d": None, "e": None, "f": "it's", "g": "x"},
        ),
        ("2025: 10\n2026: 12\n", {2025: 10, 2026: 12}),
        (
            "a: [x, 1, y z]\nb: {2025: 1, k: v}\nc: []\nd: { }\n",
            {"a": ["x", 1, "y z"], "b": {2025: 1, "k": "v"}, "c": [], "d": {}},
        ),
        ("a:\n  - x\n  - y\nb:\n- z\nc:\n", {"a": ["x", "y"], "b": ["z"], "c": None}),
        (
            "risks:\n  - risk: r1\n    mitigation: m1\n  -   risk: r2\n      mitigation: m2\nend: 1\n",
            {"risks": [{"risk": "r1", "mitigation": "m1"}, {"risk": "r2", "mitigation": "m2"}], "end": 1},
        ),
        ("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", {"a": {"b": {"c": 1}, "d": 2}, "e": 3}),
        (
            "t: |\n  one\n\n    two: # not a comment\n  three\n\n\nn: 1\n",
            {"t": "one\n\n  two: # not a comment\nthree\n", "n": 1},
        ),
        ("t: |-\n  one\n  two\n", {"t": "one\ntwo"}),
        ("t: >\n  one\n  two\n\n  three\n", {"t": "one two\nthree\n"}),
        ("l:\n  - |\n    x\n  - y\n", {"l": ["x\n", "y"]}),
        ("a: 1\r\nt: |\r\n  x\r\n  y\r\n", {"a": 1, "t": "x\ny\n"}),  # Windows line ends
        ("a: b # c\n# d\n  # e\nf: g\n", {"a": "b", "f": "g"}),
    ],
)
def test_takes_the_everyday_shapes(text: str, data: dict[Any, Any]) -> None:
    assert typed(agrees(text)) == typed(data)


@pytest.mark.parametrize(
    "text",
    [
        "a: x\ty\n",  # a tab
        "a: one\n  two\n",  # text running on to the next line
        "a: 'one\n  two'\n",
        'a: "x\\ty"\n',  # an escape
        "a: [x,\n  y]\n",  # a flow list over two lines
        "a: |+\n  x\n\n",  # keep
        "a: |2\n   x\n",  # an indentation indicator
        "a: >\n  x\n    y\n",  # a more-indented line in a folded block
        "a: |\n\n  x\n",  # a blank line first
        "a: |\n  x\n   \n",  # a blank line with spaces beyond the block's indentation
        "'a': 1\n",  # a quoted key
        "a b: 1\n",  # a key with a space
        "1.5: a\n",  # a key the careful builder keeps as text
        "true: a\n",
        "a:\n  - - x\n",  # a list in a list
        "a:\n  -\n    x\n",  # an item below its dash
        "{a: 1}\n",  # a flow mapping as the file
        "  a: 1\n",  # indented
        "a: [[x]]\n",
        "a: [x, ]\n",
        "a: ?x\n",
        "a: 'x'#y\n",
        "a: \ufeffx\n",  # a byte-order mark inside
        "--- \na: 1\n",  # document markers and directives
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: x\rb: y\n",  # a lone CR
    ],
)
def test_leaves_other_shapes_to_the_event_reader(text: str) -> None:
    assert not parse(text, "f.yaml").problems
    assert agrees(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",  # tag
        "a: &x 1\nb: 2\n",  # anchor
        "a: *x\n",  # alias
        "<<: {y: 2}\n",  # merge key
        "a: 1\na: 2\n",  # duplicate key
        "1: a\n1: b\n",  # duplicate number key
        "a: {1: x, 1: y}\n",
        "a: 12345678901234567890\n",  # number too large
        "a: 1\n---\nb: 2\n",  # two documents
        "- a\n- b\n",  # not a mapping
        "just text\n",
        "",
        "# only a comment\n",
        "a: b: c\n",
        "a: b:\n",
        "a: - b\n",
        "a: 1\n b: 2\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - x\n  b: 1\n",
        "a: @x\n",
        "a: `x`\n",
        "a: %x\n",
        "a: [a, b] c\n",
        "a: 'x' y\n",
        "a: x\u2028y\n",
        "a: x\x85y\n",
        "k" * 1100 + ": 1\n",  # a key longer than libyaml takes
    ],
)
def test_steps_aside_for_anything_to_report(text: str) -> None:
    assert parse(text, "f.yaml").problems
    assert agrees(text) is None


def test_steps_aside_near_the_limits() -> None:
    limits = Limits(max_depth=5, max_nodes=14, max_scalar_chars=10)
    assert agrees("a:\n  b:\n    c:\n      d: 1\n", limits) is None  # within the careful builder's depth, but close
    assert agrees("a:\n  b: 1\n", limits) == {"a": {"b": 1}}
    assert agrees("a: 0123456789a\n", limits) is None
    assert agrees("a: '0123456789a'\n", limits) is None
    assert agrees("a: |\n  0123456789\n", limits) is None  # eleven with its line break
    assert agrees("abcdefghijk: 1\n", limits) is None
    assert agrees("a: 0123456789\n", limits) == {"a": "0123456789"}
    assert agrees("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n", limits) is None
    assert agrees("a: [1, 2, 3]\n", limits) == {"a": [1, 2, 3]}


# ---- generated everyday YAML -------------------------------------------------------------------------

ALNUM = string.ascii_letters + string.digits


def _words(first: str, middle: str, last: str, size: int) -> st.SearchStrategy[str]:
    """A character from `first`, up to `size` from `middle`, and one from `last`; or one from `first` alone."""
    return st.sampled_from(first) | st.builds(
        "".join, st.tuples(st.sampled_from(first), st.text(middle, max_size=size), st.sampled_from(last))
    )


WORD = _words(string.ascii_letters, ALNUM + " .,;()/%+!?-", ALNUM + ".)%!", 20)  # no `: `, ` #` or `'` in it
FLOW_WORD = _words(ALNUM, ALNUM + " .()/%+!-", ALNUM + ")", 12)
NUMBER = st.one_of(st.integers(-(10**12), 10**12).map(str), st.sampled_from(["1.5", "-0.25", "3e2", "NO", "on", "010"]))
TYPED = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp"), blacklist_characters="\ufeff")
QUOTED_TEXT = st.text(TYPED, max_size=20)
KEY = st.one_of(
    _words(
        string.ascii_lowercase + "_", string.ascii_lowercase + string.digits + "_-", string.ascii_lowercase, 10
    ).filter(lambda k: k not in SPECIAL_WORDS),
    st.integers(2000, 2100).map(str),
)
LINE_TEXT = st.text(TYPED, min_size=1, max_size=30).map(lambda s: s.strip(" ") or "x")


@st.composite
def scalars(draw: st.DrawFn) -> str:
    """A value as written after `key: ` or `- `, on one line."""
    kind = draw(st.sampled_from(["word", "number", "single", "double", "flow-list", "flow-map", "empty-flow"]))
    if kind == "word":
        return draw(WORD)
    if kind == "number":
        return draw(NUMBER)
    if kind == "single":
        return "'" + draw(QUOTED_TEXT).replace("'", "''") + "'"
    if kind == "double":
        return '"' + draw(QUOTED_TEXT.filter(lambda s: '"' not in s and "\\" not in s)) + '"'
    if kind == "flow-list":
        return "[" + ", ".join(draw(st.lists(st.one_of(FLOW_WORD, NUMBER), min_size=1, max_size=4))) + "]"
    if kind == "flow-map":
        keys = draw(st.lists(KEY, min_size=1, max_size=3, unique_by=lambda k: int(k) if k.isdigit() else k))
        return "{" + ", ".join(f"{k}: {draw(st.one_of(FLOW_WORD, NUMBER))}" for k in keys) + "}"
    return draw(st.sampled_from(["[]", "{}", "[ ]"]))


@st.composite
def blocks(draw: st.DrawFn, width: int) -> list[str]:
    """A `|` or `>` block: its header, then its lines at `width` (blank lines among them)."""
    header = draw(st.sampled_from(["|", "|-", ">", ">-"]))
    lines = draw(st.lists(st.one_of(LINE_TEXT, st.just("")), min_size=1, max_size=5))
    lines[0] = lines[0] or "x"
    if header[0] == "|":
        lines = [line if not line else " " * draw(st.integers(0, 2)) + line for line in lines]
        lines[0] = lines[0].lstrip(" ")
    return [header] + [" " * width + line if line else "" for line in lines]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A plan-like file in the everyday shape: mappings, lists, blocks, comments, blank lines."""
    step = draw(st.integers(1, 4))
    out: list[str] = []

    def extras(column: int) -> None:
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(["", " " * column, " " * column + "# note", "# note: x"])))

    def mapping(column: int, depth: int, first: str | None = None) -> None:
        keys = draw(st.lists(KEY, min_size=1, max_size=4, unique_by=lambda k: int(k) if k.isdigit() else k))
        for n, key in enumerate(keys):
            lead = first if (n == 0 and first is not None) else " " * column
            value(lead + key + ":", column, depth)
            extras(column)

    def value(head: str, column: int, depth: int) -> None:
        kinds = ["scalar", "scalar", "block", "none"] + (["list", "items", "mapping"] if depth < 3 else [])
        kind = draw(st.sampled_from(kinds))
        comment = draw(st.sampled_from(["", "", "  # why"]))
        if kind == "scalar":
            text = draw(scalars())
            out.append(f"{head} {text}{comment}")
        elif kind == "block":
            lines = draw(blocks(column + step))
            out.append(f"{head} {lines[0]}")
            out.extend(lines[1:])
        elif kind == "none":
            out.append(head + comment)
        elif kind == "list":
            out.append(head + comment)
            dash = column + draw(st.sampled_from([0, step]))  # at the key's column, or indented
            for _ in range(draw(st.integers(1, 3))):
                text = draw(st.one_of(scalars(), st.just("|")))
                if text == "|":
                    lines = draw(blocks(dash + 2))
                    out.append(" " * dash + "- " + lines[0])
                    out.extend(lines[1:])
                else:
                    out.append(" " * dash + "- " + text)
        elif kind == "items":
            out.append(head)
            dash = column + draw(st.sampled_from([0, step]))
            for _ in range(draw(st.integers(1, 3))):
                gap = draw(st.integers(1, 3))
                mapping(dash + 1 + gap, depth + 1, first=" " * dash + "-" + " " * gap)
        else:
            out.append(head + comment)
            mapping(column + step, depth + 1)

    mapping(0, 0)
    text = "\n".join(out) + draw(st.sampled_from(["\n", "", "\n\n"]))
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text


@examples(100)
@given(documents())
def test_takes_generated_everyday_files(text: str) -> None:
    careful = parse(text, "f.yaml")
    assert not careful.problems, (text, careful.problems)
    assert agrees(text) is not None, text


@examples(100)
@given(documents(), st.data())
def test_agrees_on_generated_files_with_a_change(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 3))
    insert = data.draw(
        st.sampled_from(
            [
                "",
                " ",
                "  ",
                "\n",
                "-",
                "- ",
                ":",
                ": ",
                "#",
                " #",
                "'",
                '"',
                "|",
                ">",
                "[",
                "]",
                "{",
                "}",
                ",",
                "\t",
                "&a ",
                "*a",
                "!",
                "?",
                "\r",
                "---\n",
                "x",
            ]
        )
    )
    agrees(text[:at] + insert + text[at + cut :])
