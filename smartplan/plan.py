"""A whole plan once loaded: every valid file's model, with the file it came from and its line map. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from smartplan.errors import Diagnostic
from smartplan.i18n import LANGUAGES
from smartplan.models import DimensionFile, PlanFile, ProgramFile, QuickWinFile
from smartplan.monitoring.models import MonitoringFile
from smartplan.source import LineMap

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A validated model, the file (as shown to the user) it was read from, and where each of its values stands."""

    file: str
    model: T
    lines: LineMap = field(default_factory=LineMap, compare=False, repr=False)
    # Set when the file has errors and `model` holds only what is well-formed: the ids of the items left out.
    left_out: frozenset[str] | None = None


@dataclass
class Plan:
    """The plan folder's content.

    `broken` names the files that could not be used at all, by kind; a file with errors whose well-formed part
    could be used is among the models, and in `partial`. `left_out` holds the ids of the items left out of them.
    """

    root: str
    plan: Loaded[PlanFile] | None = None
    dimensions: list[Loaded[DimensionFile]] = field(default_factory=list)
    quickwins: list[Loaded[QuickWinFile]] = field(default_factory=list)
    programs: list[Loaded[ProgramFile]] = field(default_factory=list)
    monitoring: list[Loaded[MonitoringFile]] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)
    partial: set[str] = field(default_factory=set)
    left_out: set[str] = field(default_factory=set)
    # What plan.yaml's `language` asks for, known even when the file fails its model: the report's language.
    language: str | None = None

    def add(self, kind: str, stem: str, loaded: Loaded[object] | None) -> None:
        """File a loaded model under its kind, or remember that the file was unusable."""
        if loaded is None:
            self.broken.setdefault(kind, set()).add(stem)
            return
        if loaded.left_out is not None:
            self.partial.add(loaded.file)
            self.left_out |= loaded.left_out
        if kind == "plan":
            self.plan = loaded  # type: ignore[assignment]
        else:
            getattr(self, kind).append(loaded)

    def add_unusable_folder(self, kind: str) -> None:
        """Remember that none of the files of a kind could be read: its folder is a link or a file."""
        self.broken.setdefault(kind, set()).add(f"{kind}/")  # not a file's stem: those hold no '/'

    @property
    def _broken_files(self) -> int:
        return sum(not stem.endswith("/") for stems in self.broken.values() for stem in stems)

    @property
    def files_read(self) -> int:
        """Plan files read, usable or not."""
        return (
            (self.plan is not None)
            + len(self.dimensions)
            + len(self.actions)
            + len(self.monitoring)
            + self._broken_files
        )

    @property
    def files_in_part(self) -> int:
        """Files the checks between files could see only in part, or not at all, because of their own errors."""
        return len(self.partial) + self._broken_files

    def placed(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Cross-file diagnostics given the line:column of their field path, from the line map of their file."""
        files = (self.plan, *self.dimensions, *self.actions, *self.monitoring)
        maps = {loaded.file: loaded.lines for loaded in files if loaded}
        placed = []
        for d in diagnostics:
            lines = maps.get(d.file)
            placed.append(d.located(*lines.find(d.path)) if lines else d.located(1, 1))
        return placed

    @property
    def actions(self) -> list[Loaded[QuickWinFile] | Loaded[ProgramFile]]:
        """Quick wins then programs: everything that can own a budget and depend on another."""
        return [*self.quickwins, *self.programs]


def declared_language(data: object) -> str | None:
    """The language a plan.yaml's data asks for, read without its model: the model's default where the file
    names none, None where it is no mapping or names a language smartplan does not speak."""
    if not isinstance(data, dict):
        return None
    lang = data.get("language", PlanFile.model_fields["language"].default)
    return lang if lang in LANGUAGES else None
