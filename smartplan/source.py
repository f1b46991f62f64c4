"""Turn YAML text into plain data plus a map of positions (files are opened in reading.py).

The YAML is read as a stream of parser events (libyaml's C parser where present) and built into
dicts, lists and scalars here, so that nothing in a file can run code or blow up memory:
tags, anchors, aliases and merge keys are refused, duplicate keys are errors, and plain scalars
follow a small, strict resolver in which `NO`, `on`, `1:30`, `010` and `.inf` stay text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from smartplan.errors import NO_TEXT, Diagnostic, Text
from smartplan.scalars import FORBIDDEN_CHAR, MAX_INT_DIGITS, NUMBER_START, WORDS, resolve_plain
from smartplan.syntax import syntax_problem

# libyaml's C parser where PyYAML has it; the pure-Python one elsewhere (same events).
Loader: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

Path_ = tuple[str | int, ...]
Position = tuple[int, int]
# Event classes compared with `is` in the builder's inner loop: PyYAML creates exactly these, no subclasses.
_SCALAR, _ALIAS, _SEQUENCE, _SEQUENCE_END, _MAPPING_END, _STREAM_END = (
    yaml.ScalarEvent,
    yaml.AliasEvent,
    yaml.SequenceStartEvent,
    yaml.SequenceEndEvent,
    yaml.MappingEndEvent,
    yaml.StreamEndEvent,
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for untrusted plans; hitting one ends with exit code 3."""

    max_file_bytes: int = 1024 * 1024
    max_depth: int = 32
    max_nodes: int = 200_000
    max_scalar_chars: int = 100_000
    max_files: int = 50_000
    max_plan_bytes: int = 32 * 1024 * 1024  # all files together


DEFAULT_LIMITS = Limits()


_BITS = 22  # a line or a column: a file of at most 1 MiB has fewer than 2**22 of either
_MASK = (1 << _BITS) - 1
# A node's entry in a line map: an int for a scalar, (int, children) for a list or mapping. The int packs the
# node's position, and that of its key when it is a mapping's value: key line, key column, line, column.
Entry = Any


def _pack(mark: Any) -> int:
    return int(mark.line + 1) << _BITS | int(mark.column + 1)


def _unpack(packed: int) -> Position:
    return packed >> _BITS & _MASK, packed & _MASK


class LineMap:
    """Where each value, and each mapping key, of one document starts.

    A tree shaped like the document, with positions packed into ints: it is kept for the life of the
    plan, for the cross-file checks, and costs a fraction of a map from field paths to positions.
    """

    __slots__ = ("root",)

    def __init__(self, root: Entry = None) -> None:
        self.root = root

    def find(self, path: Path_, *, key: bool = False) -> Position:
        """Position of `path` (of its key, with `key`), or of its longest known prefix; (1, 1) if none is known."""
        entry = self.root
        if entry is None:
            return (1, 1)
        whole = True
        for part in path:
            children = entry[1] if type(entry) is tuple else None
            if type(children) is dict:
                child = children.get(part)
            elif type(children) is list and type(part) is int and 0 <= part < len(children):
                child = children[part]
            else:
                child = None
            if child is None:
                whole = False
                break
            entry = child
        packed = entry[0] if type(entry) is tuple else entry
        if key and whole and packed >> 2 * _BITS:
            return _unpack(packed >> 2 * _BITS)
        return _unpack(packed)


@dataclass
class Document:
    """One read YAML file: its data (None if unusable), where each value stands, its problems, and its text."""

    file: str
    data: dict[str, Any] | None
    lines: LineMap
    problems: list[Diagnostic]
    text: str = ""  # for messages that quote the line a problem is on


class _Stop(Exception):
    """Raised inside the builder to abandon a file after a fatal problem."""

    def __init__(self, problem: Diagnostic) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    """Builds plain data from parser events, recording positions and refusing unsafe YAML."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.nodes = 0
        self.max_nodes, self.max_depth, self.max_chars = limits.max_nodes, limits.max_depth, limits.max_scalar_chars

    def stop(self, mark: Any, code: str, message: Text, hint: Text = NO_TEXT, path: Path_ = ()) -> _Stop:
        field = dotted(path[:-1] if path[-1:] == ("<key>",) else path)
        return _Stop(Diagnostic(self.file, mark.line + 1, mark.column + 1, code, message, hint=hint, field=field))

    def node(self, event: Any, events: Iterator[Any], path: Path_, key: int = 0) -> tuple[Any, Entry]:
        """The node's data and its line-map entry; `key` is the packed position of its key, if it has one."""
        self.admit(event, path)
        mark = event.start_mark  # _pack, written out: this runs for every value of every file
        position = key << 2 * _BITS | (mark.line + 1) << _BITS | (mark.column + 1)
        kind = type(event)
        if kind is _SCALAR:
            return self.scalar(event, path), position
        if kind is _SEQUENCE:
            items: list[Any] = []
            entries: list[Entry] = []
            for index, child in enumerate(iter(events.__next__, None)):
                if type(child) is _SEQUENCE_END:
                    break
                item, entry = self.node(child, events, (*path, index))
                items.append(item)
                entries.append(entry)
            return items, (position, entries)
        fields, children = self.mapping(events, path)
        return fields, (position, children)

    def admit(self, event: Any, path: Path_) -> None:
        """Count the node and refuse it if it breaks a limit or uses an alias, anchor or tag."""
        self.nodes += 1
        if (
            self.nodes > self.max_nodes
            or len(path) > self.max_depth
            or type(event) is _ALIAS
            or event.anchor is not None
            or event.tag is not None
        ):
            self.refuse(event, path)

    def refuse(self, event: Any, path: Path_) -> None:
        """Raise the first of the problems admit() found, in the order the checks are written."""
        if self.nodes > self.limits.max_nodes:
            raise self.stop(
                event.start_mark,
                "too-many-nodes",
                Text.of("too-many-nodes", count=self.limits.max_nodes),
                hint=Text.of("file-too-large.hint"),
            )
        if len(path) > self.limits.max_depth:
            raise self.stop(
                event.start_mark,
                "too-deep",
                Text.of("too-deep", levels=self.limits.max_depth),
                hint=Text.of("too-deep.hint"),
            )
        if type(event) is _ALIAS:
            raise self.stop(
                event.start_mark,
                "alias",
                Text.of("alias", name=f"*{event.anchor}"),
                hint=Text.of("alias.hint"),
                path=path,
            )
        if event.anchor is not None:
            raise self.stop(
                event.start_mark,
                "anchor",
                Text.of("anchor", name=f"&{event.anchor}"),
                hint=Text.of("anchor.hint"),
                path=path,
            )
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            raise self.stop(event.start_mark, "tag", Text.of("tag", tag=tag), Text.of("tag.hint"), path)

    def scalar(self, event: Any, path: Path_) -> Any:
        value, style = event.value, event.style
        if not style and value[:1] not in NUMBER_START and len(value) <= self.max_chars and event.implicit[0]:
            return WORDS.get(value, value)  # most plain scalars: keys and words, never a number
        if len(value) > self.limits.max_scalar_chars:
            raise self.stop(
                event.start_mark,
                "value-too-long",
                Text.of("value-too-long", count=self.limits.max_scalar_chars),
                hint=Text.of("value-too-long.hint"),
                path=path,
            )
        if event.style == '"':  # escapes such as "\e" or "\0" reach characters the raw-text check cannot see
            bad = FORBIDDEN_CHAR.search(event.value)
            if bad:
                raise self.stop(
                    event.start_mark,
                    "control-character",
                    Text.of("control-character.escape", char=f"U+{ord(bad.group()):04X}"),
                    hint=Text.of("control-character.escape-hint"),
                    path=path,
                )
        if event.style or not event.implicit[0]:
            return event.value
        try:
            return resolve_plain(event.value)
        except ValueError:
            raise self.stop(
                event.start_mark,
                "number-too-large",
                Text.of("number-too-large", number=event.value[:40]),
                hint=Text.of("number-too-large.hint", digits=MAX_INT_DIGITS),
                path=path,
            ) from None

    def mapping(self, events: Iterator[Any], path: Path_) -> tuple[dict[Any, Any], dict[Any, Entry]]:
        result: dict[Any, Any] = {}
        children: dict[Any, Entry] = {}
        for key_event in iter(events.__next__, None):
            if type(key_event) is _MAPPING_END:
                break
            if type(key_event) is not _SCALAR:
                raise self.stop(
                    key_event.start_mark, "complex-key", Text.of("complex-key"), Text.of("complex-key.hint"), path
                )
            key_path = (*path, "<key>")
            self.admit(key_event, key_path)
            key = self.scalar(key_event, key_path)
            if key == "<<" and key_event.implicit[0] and not key_event.style:
                raise self.stop(
                    key_event.start_mark,
                    "merge-key",
                    Text.of("merge-key"),
                    hint=Text.of("merge-key.hint"),
                    path=path,
                )
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                key = key_event.value
            if key in result:
                start: Any = key_event.start_mark
                first = children[key]
                first_line = (first[0] if type(first) is tuple else first) >> 3 * _BITS
                raise _Stop(
                    Diagnostic(
                        self.file,
                        start.line + 1,
                        start.column + 1,
                        "duplicate-key",
                        Text.of("duplicate-key", key=str(key), line=first_line),
                        field=dotted((*path, key)),
                        hint=Text.of("duplicate-key.hint"),
                    )
                )
            result[key], children[key] = self.node(next(events), events, (*path, key), _pack(key_event.start_mark))
        return result, children


def dotted(path: Path_) -> str:
    """A field path as users write it: `budget[0].amount`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) and out else (f".{part}" if out else str(part))
    return out


def join(display: str, name: str) -> str:
    """The name of a file inside the plan folder as shown to the user ('.' is left out)."""
    return name if display in ("", ".") else f"{display}/{name}"


def stem(file: str) -> str:
    """A plan file's name as shown, without its folder and its .yaml or .yml: what its id must be."""
    return file.rpartition("/")[2].rpartition(".")[0]


_FIELDS_HINT = Text.of("not-mapping.hint")


def _empty(file: str) -> Diagnostic:
    return Diagnostic(file, 1, 1, "empty-file", Text.of("empty-file"), hint=Text.of("empty-file.hint"))


def parse(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Build one YAML document from text; every problem becomes a Diagnostic."""
    builder = _Builder(file, limits)
    events = iter(Loader(text).get_event, None)  # None after the stream's end
    try:
        next(events)  # StreamStart
        first = next(events)
        if type(first) is _STREAM_END:
            raise _Stop(_empty(file))
        root_event = next(events)
        data, root = builder.node(root_event, events, ())
        next(events)  # DocumentEnd
        extra = next(events)
        if type(extra) is not _STREAM_END:
            raise builder.stop(
                extra.start_mark,
                "multiple-documents",
                Text.of("multiple-documents"),
                hint=Text.of("multiple-documents.hint"),
            )
    except _Stop as stop:
        return Document(file, None, LineMap(), [stop.problem])
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml stops at 1,000 levels, before the builder
            mark: Any = exc.problem_mark
            deep = builder.stop(
                mark, "too-deep", Text.of("too-deep", levels=limits.max_depth), Text.of("too-deep.hint")
            )
            return Document(file, None, LineMap(), [deep.problem])
        return Document(file, None, LineMap(), [syntax_problem(exc, text, file)])
    except yaml.YAMLError as exc:  # e.g. ReaderError, which carries no mark
        return Document(
            file,
            None,
            LineMap(),
            [Diagnostic(file, 1, 1, "syntax", Text.of("syntax.parser", problem=str(exc).splitlines()[0]))],
        )
    if data is None:
        return Document(file, None, LineMap(), [_empty(file)])
    if not isinstance(data, dict):
        line, col = LineMap(root).find(())
        kind = Text.of("not-mapping.list" if isinstance(data, list) else "not-mapping.value")
        problem = Diagnostic(file, line, col, "not-mapping", Text.of("not-mapping", kind=kind), hint=_FIELDS_HINT)
        return Document(file, None, LineMap(), [problem])
    return Document(file, data, LineMap(root), [], text)
