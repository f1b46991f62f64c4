"""The road map's own computations: stages and milestones, what needs what, the critical path, upkeep after building."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from smartplan import upkeep
from smartplan.context import Action, View
from smartplan.models import Phase
from smartplan.tables import Table, _mark
from smartplan.upkeep import years_of


def critical_path(years: Mapping[str, int], needs: Mapping[str, Sequence[str]]) -> list[str]:
    """The chain of dependencies, what is needed first, whose items take the most years together.

    Ties go to the chain of more items, then to the smaller id, compared from the chain's end backwards.
    Dependencies on ids not in `years` are ignored; the plan's checks refuse cycles, and a cycle here leaves
    its members out.
    """
    waiting = {n: {d for d in needs.get(n, ()) if d in years} for n in years}
    later_of: dict[str, list[str]] = defaultdict(list)
    for node, deps in waiting.items():
        for dep in deps:
            later_of[dep].append(node)
    ready = deque(sorted(n for n, deps in waiting.items() if not deps))
    # Per item the best chain ending in it: (years, items, the item before); a pointer, not a copy of the
    # chain, so that a chain of thousands costs linear memory.
    best: dict[str, tuple[int, int, str | None]] = {}
    while ready:  # Kahn's order: every item after all it needs, without recursion
        node = ready.popleft()
        before = _longest((d for d in needs.get(node, ()) if d in best), best)
        weight, count = (best[before][0], best[before][1]) if before else (0, 0)
        best[node] = (weight + years[node], count + 1, before)
        for later in sorted(later_of[node]):
            waiting[later].discard(node)
            if not waiting[later]:
                ready.append(later)
    chain: list[str] = []
    last = _longest(best, best)
    while last is not None:
        chain.append(last)
        last = best[last][2]
    return chain[::-1]


def _longest(nodes: Iterable[str], best: Mapping[str, tuple[int, int, str | None]]) -> str | None:
    """The node whose best chain takes the most years, then has the most items; the smaller id on a tie."""
    return min(nodes, key=lambda n: (-best[n][0], -best[n][1], n), default=None)


def phases(view: View) -> list[Phase]:
    """The plan's stages, or the whole period as one stage."""
    period = view.plan.period
    return list(view.plan.phases) or [Phase(name=view.lang.label("phase_whole"), start=period.start, end=period.end)]


@dataclass(frozen=True)
class Stage:
    """One stage of the road map with the milestones that fall in it."""

    phase: Phase
    milestones: Table


def stages(view: View) -> list[Stage]:
    """Each stage with its milestones: programs that start or finish, program milestones, quick-win sets."""
    lang = view.lang
    found = []
    for number, phase in enumerate(phases(view), start=1):
        rows: list[tuple[int, int, list[str]]] = []
        for year in view.quickwin_years:
            if phase.start <= year <= phase.end:
                names = "; ".join(q.name for q in view.quickwins_in(year))
                rows.append(
                    (year, 0, [str(year), lang.format("milestone_quickwins", count=len(names.split("; "))), names])
                )
        for order, program in enumerate(view.programs):
            if phase.start <= program.start <= phase.end:
                rows.append(
                    (program.start, 1 + order, [str(program.start), lang.label("milestone_starts"), program.name])
                )
            for m in program.milestones:
                if phase.start <= m.year <= phase.end:
                    rows.append((m.year, 1 + order, [str(m.year), m.milestone, program.name]))
            if phase.start <= program.end <= phase.end and program.end < view.plan.period.end:
                rows.append((program.end, 1 + order, [str(program.end), lang.label("milestone_ends"), program.name]))
        rows.sort(key=lambda r: (r[0], r[1]))
        header = [lang.label("year"), lang.label("milestone"), lang.label("program")]
        caption = lang.format("table_stage_milestones", number=number, name=phase.name)
        table = Table(f"stage-{number}", caption, header, [r[2] for r in rows], numeric=False)
        found.append(Stage(phase, table))
    return found


def needed_by(view: View) -> dict[str, list[str]]:
    """Id -> the names of the quick wins and programs that need it, in reading order."""
    found: dict[str, list[str]] = defaultdict(list)
    for action in view.actions:
        for dep in action.depends_on:
            found[dep].append(action.name)
    return found


def dependencies(view: View) -> Table:
    """Every quick win and program linked to another: what it needs and what needs it."""
    lang = view.lang
    needed = needed_by(view)
    rows = []
    for action in view.actions:
        needs = [view.action(d).name for d in action.depends_on]
        if needs or needed[action.id]:
            rows.append(
                [action.name, years_of(view, action), "; ".join(needs) or "–", "; ".join(needed[action.id]) or "–"]
            )
    header = [lang.label("program"), lang.label("period"), lang.label("needs"), lang.label("needed_by")]
    return Table("dependencies", lang.label("table_dependencies"), header, rows, numeric=False)


def critical_chain(view: View) -> list[Action]:
    """The plan's critical path, as its quick wins and programs."""
    years = {a.id: len(view.active_years(a)) for a in view.actions}
    needs = {a.id: a.depends_on for a in view.actions}
    return [view.action(i) for i in critical_path(years, needs)]


def critical_table(view: View, chain: list[Action]) -> Table:
    lang = view.lang
    rows = [
        [str(n), a.name, years_of(view, a), str(len(view.active_years(a))), view.agency_name(a.lead_agency)]
        for n, a in enumerate(chain, start=1)
    ]
    total = [lang.label("total"), "", "", str(sum(len(view.active_years(a)) for a in chain)), ""]
    header = ["No.", lang.label("program"), lang.label("period"), lang.label("years_count"), lang.label("lead_agency")]
    caption = lang.label("table_critical_path")
    return Table("critical-path", caption, header, rows, total if rows else None, numeric=False)


def quickwin_sets(view: View) -> list[Table]:
    """One table per quick-win year: each quick win, who leads it, and the programs it opens the way to."""
    lang = view.lang
    enables = needed_by(view)
    found = []
    for year in view.quickwin_years:
        rows = [
            [
                view.dimension[q.dimension].name,
                q.name,
                view.agency_name(q.lead_agency),
                "; ".join(enables[q.id]) or "–",
                lang.budget(view.total_budget(q)) + _mark(view, q.source),
            ]
            for q in view.quickwins_in(year)
        ]
        header = [
            lang.label("dimension"),
            lang.label("quick_win"),
            lang.label("lead_agency"),
            lang.label("opens_the_way_to"),
            lang.label("indicative_budget"),
        ]
        caption = lang.format("table_quickwin_set", year=year)
        found.append(Table(f"quickwin-set-{year}", caption, header, rows, numeric=False))
    return found


def gantt(view: View) -> Table:
    """Every quick win and program in order of its start, a ● in each year it runs and a ◆ in a milestone year."""
    lang = view.lang
    order = sorted(view.actions, key=lambda a: (view.active_years(a).start, -len(view.active_years(a)), a.name))
    rows = []
    for action in order:
        active = view.active_years(action)
        marked = {m.year for m in getattr(action, "milestones", [])}
        cells = ["◆" if y in marked else ("●" if y in active else "") for y in view.years]
        rows.append([action.name, *cells])
    header = [lang.label("program"), *(str(y) for y in view.years)]
    return Table("gantt", lang.label("table_gantt"), header, rows, note=lang.label("gantt_legend"))


def context(view: View) -> dict[str, object]:
    """What the road map's templates see as `roadmap`."""
    chain = critical_chain(view)
    return {
        "stages": stages(view),
        "own_stages": bool(view.plan.phases),
        "dependencies": dependencies(view),
        "chain": chain,
        "chain_years": sum(len(view.active_years(a)) for a in chain),
        "chain_first": min((view.active_years(a).start for a in chain), default=None),
        "chain_last": max((view.active_years(a).stop - 1 for a in chain), default=None),
        "critical": critical_table(view, chain),
        "quickwin_sets": quickwin_sets(view),
        "yearly_cost": upkeep.yearly_cost(view),
        "upkeep": upkeep.upkeep(view),
        "upkeep_total": sum(upkeep.upkeep_by_year(view).values()),
        "gantt": gantt(view),
    }
