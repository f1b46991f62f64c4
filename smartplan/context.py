"""What the templates see: the plan in reading order, with look-ups by id. No I/O, no formatting."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from smartplan.emblem import data_url
from smartplan.i18n import Language
from smartplan.models import (
    DIMENSION_IDS,
    Agency,
    DimensionFile,
    Element,
    FundingSource,
    Indicator,
    PlanFile,
    ProgramFile,
    QuickWinFile,
    Source,
)
from smartplan.monitoring.models import MonitoringFile
from smartplan.plan import Plan

Action = QuickWinFile | ProgramFile
TERMS = ("medium", "long")


@dataclass(frozen=True)
class View:
    """A checked plan arranged for reading: dimensions in the canonical order, actions by year."""

    plan: PlanFile
    lang: Language
    dimensions: tuple[DimensionFile, ...]
    quickwins: tuple[QuickWinFile, ...]
    programs: tuple[ProgramFile, ...]
    monitoring: tuple[MonitoringFile, ...] = ()  # by year
    emblem: str = ""  # the region's emblem as a data URL, or nothing

    @classmethod
    def of(cls, plan: Plan, lang: Language) -> View:
        """Arrange a plan that passed every check."""
        assert plan.plan is not None, "only a checked plan is rendered"
        order = {d: i for i, d in enumerate(DIMENSION_IDS)}
        dimensions = sorted((d.model for d in plan.dimensions), key=lambda d: order[d.id])
        quickwins = sorted((q.model for q in plan.quickwins), key=lambda q: (q.year, order[q.dimension], q.id))
        programs = sorted(
            (p.model for p in plan.programs), key=lambda p: (TERMS.index(p.term), p.start, order[p.dimension], p.id)
        )
        monitoring = sorted((m.model for m in plan.monitoring), key=lambda m: m.year)
        named = plan.plan.model.city.emblem
        picture = data_url(Path(plan.plan.file).parent / named) if named else ""
        return cls(
            plan.plan.model, lang, tuple(dimensions), tuple(quickwins), tuple(programs), tuple(monitoring), picture
        )

    @property
    def actions(self) -> tuple[Action, ...]:
        return (*self.quickwins, *self.programs)

    @cached_property
    def agencies(self) -> dict[str, Agency]:
        return {a.id: a for a in self.plan.agencies}

    @cached_property
    def funding(self) -> dict[str, FundingSource]:
        return {f.id: f for f in self.plan.funding_sources}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.plan.sources}

    @cached_property
    def dimension(self) -> dict[str, DimensionFile]:
        return {d.id: d for d in self.dimensions}

    def element(self, dimension: str, element: str) -> Element:
        return next(e for e in self.dimension[dimension].elements if e.id == element)

    @cached_property
    def _indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for d in reversed(self.dimensions) for i in reversed(d.indicators)}  # the first wins

    def indicator(self, indicator: str) -> Indicator:
        return self._indicator_by_id[indicator]

    @cached_property
    def _action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in reversed(self.actions)}  # reversed: the first of equal ids wins, as before

    def action(self, action: str) -> Action:
        # A look-up per dependency: scanning the list for each would make a build quadratic.
        return self._action_by_id[action]

    @cached_property
    def abbreviations(self) -> list[tuple[str, str]]:
        """The Daftar Singkatan: agencies' and funding sources' short names and the glossary, each term once, A-Z."""
        plan = self.plan
        found: dict[str, tuple[str, str]] = {}
        named = [(a.short_name, a.name) for a in plan.agencies] + [(f.short_name, f.name) for f in plan.funding_sources]
        for term, meaning in [
            *((t, m) for t, m in named if t and t != m),
            *((g.term, g.meaning) for g in plan.glossary),
        ]:
            found.setdefault(term.casefold(), (term, meaning))
        return [found[key] for key in sorted(found)]

    def funding_name(self, funding: str) -> str:
        found = self.funding[funding]
        return found.short_name or found.name

    def agency_name(self, agency: str) -> str:
        found = self.agencies[agency]
        return found.short_name or found.name

    def is_placeholder(self, source: str | None) -> bool:
        """True when a figure rests on an illustrative source still to be confirmed."""
        return source is not None and source in self.sources and self.sources[source].placeholder

    @cached_property
    def has_placeholders(self) -> bool:
        return any(s.placeholder for s in self.plan.sources)

    @property
    def years(self) -> list[int]:
        """Every year of the plan period."""
        return list(range(self.plan.period.start, self.plan.period.end + 1))

    @cached_property
    def quickwin_years(self) -> list[int]:
        return sorted({q.year for q in self.quickwins})

    @property
    def monitoring_years(self) -> list[int]:
        """The years with a monitoring file, oldest first."""
        return [m.year for m in self.monitoring]

    def quickwins_in(self, year: int) -> list[QuickWinFile]:
        return [q for q in self.quickwins if q.year == year]

    def programs_of(self, term: str) -> list[ProgramFile]:
        return [p for p in self.programs if p.term == term]

    def active_years(self, action: Action) -> range:
        if isinstance(action, QuickWinFile):
            return range(action.year, action.year + 1)
        return range(action.start, action.end + 1)

    def is_quickwin(self, action: Action) -> bool:
        return isinstance(action, QuickWinFile)

    @cached_property
    def _totals(self) -> dict[int, int]:
        # By the action object itself (ids are unique only once checked); each is asked for in several tables.
        return {id(a): sum(line.amount for line in a.budget) for a in self.actions}

    def total_budget(self, action: Action) -> int:
        total = self._totals.get(id(action))  # None for an action a plan's own template made up
        return sum(line.amount for line in action.budget) if total is None else total

    @cached_property
    def budget_cube(self) -> dict[tuple[str, int, str], int]:
        """Every budget line summed by (dimension, year, funding source); several tables and charts sum it."""
        cube: dict[tuple[str, int, str], int] = defaultdict(int)
        for action in self.actions:
            for line in action.budget:
                cube[(action.dimension, line.year, line.funding)] += line.amount
        return dict(cube)

    @cached_property
    def _by_element(self) -> dict[tuple[str, str], list[Action]]:
        found: dict[tuple[str, str], list[Action]] = defaultdict(list)
        for action in self.actions:
            found[(action.dimension, action.element)].append(action)
        return found

    def actions_of(self, dimension: str, element: str) -> list[Action]:
        """The quick wins and programs of one element, in reading order."""
        return self._by_element.get((dimension, element), [])

    @property
    def grand_total(self) -> int:
        """The indicative budget of every quick win and program together."""
        return sum(self.total_budget(a) for a in self.actions)
