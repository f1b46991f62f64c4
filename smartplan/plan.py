"""A whole plan once loaded: every valid file's model, with the file it came from. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from smartplan.models import DimensionFile, PlanFile, ProgramFile, QuickWinFile

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A validated model and the file (as shown to the user) it was read from."""

    file: str
    model: T


@dataclass
class Plan:
    """The plan folder's content; `broken` names the files that could not be loaded, by kind."""

    root: str
    plan: Loaded[PlanFile] | None = None
    dimensions: list[Loaded[DimensionFile]] = field(default_factory=list)
    quickwins: list[Loaded[QuickWinFile]] = field(default_factory=list)
    programs: list[Loaded[ProgramFile]] = field(default_factory=list)
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
    def actions(self) -> list[Loaded[QuickWinFile] | Loaded[ProgramFile]]:
        """Quick wins then programs: everything that can own a budget and depend on another."""
        return [*self.quickwins, *self.programs]
