"""A whole plan once loaded: every valid file's model, with the file it came from and its line map. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from smartplan.errors import Diagnostic
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


@dataclass
class Plan:
    """The plan folder's content; `broken` names the files that could not be loaded, by kind."""

    root: str
    plan: Loaded[PlanFile] | None = None
    dimensions: list[Loaded[DimensionFile]] = field(default_factory=list)
    quickwins: list[Loaded[QuickWinFile]] = field(default_factory=list)
    programs: list[Loaded[ProgramFile]] = field(default_factory=list)
    monitoring: list[Loaded[MonitoringFile]] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: str, stem: str, loaded: Loaded[object] | None) -> None:
        """File a loaded model under its kind, or remember that the file was unusable."""
        if loaded is None:
            self.broken.setdefault(kind, set()).add(stem)
        elif kind == "plan":
            self.plan = loaded  # type: ignore[assignment]
        else:
            getattr(self, kind).append(loaded)

    @property
    def files_read(self) -> int:
        """Plan files read, usable or not."""
        broken = sum(len(stems) for stems in self.broken.values())  # plan.yaml among them if it is broken
        return (self.plan is not None) + len(self.dimensions) + len(self.actions) + len(self.monitoring) + broken

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
