"""Buku I's own analysis: readiness per element scored 1-4 with evidence, data, gaps, SWOT, quick-win criteria."""

from __future__ import annotations

from dataclasses import dataclass

from smartplan.context import View
from smartplan.models import (
    READINESS_SCALE,
    Application,
    DimensionFile,
    Element,
    ReadinessData,
    ReadinessScore,
    Source,
    Swot,
)
from smartplan.tables import Table, _mark, _note

ASPECTS = ("structure", "infrastructure", "superstructure")
STRONG = 3  # a score from here up is a strength, below it a weakness


def score_of(element: Element, aspect: str) -> ReadinessScore | None:
    return next((s for s in element.readiness if s.aspect == aspect), None)


def element_scores(view: View) -> Table:
    """Every element's score in the three aspects, and their mean, marked where the score is a placeholder."""
    lang = view.lang
    rows = []
    for dim in view.dimensions:
        for element in dim.elements:
            cells = []
            for aspect in ASPECTS:
                found = score_of(element, aspect)
                cells.append(f"{found.score}{_mark(view, found.source)}" if found else "–")
            scores = [s.score for s in element.readiness]
            mean = lang.number(sum(scores) / len(scores), 1) if scores else "–"
            rows.append([f"{dim.name}: {element.name}", *cells, mean])
    header = [lang.label("element"), *(lang.label("readiness_" + a) for a in ASPECTS), lang.label("mean")]
    sources = [s.source for d in view.dimensions for e in d.elements for s in e.readiness]
    note = " ".join(filter(None, [lang.label("readiness_scale"), _note(view, sources)]))
    return Table("element-readiness", lang.label("table_element_readiness"), header, rows, note=note)


def evidence(view: View, dim: DimensionFile) -> Table:
    """The evidence behind each of a dimension's scores."""
    lang = view.lang
    rows = [
        [element.name, lang.label("readiness_" + s.aspect), f"{s.score}{_mark(view, s.source)}", s.evidence]
        for element in dim.elements
        for s in sorted(element.readiness, key=lambda s: ASPECTS.index(s.aspect))
    ]
    header = [lang.label(key) for key in ("element", "readiness_aspect", "readiness_score", "evidence")]
    caption = f"{lang.label('table_readiness_evidence')} {dim.name}"
    note = _note(view, [s.source for e in dim.elements for s in e.readiness])
    return Table(f"readiness-evidence-{dim.id}", caption, header, rows, numeric=False, note=note)


def gaps(view: View) -> Table:
    """Per element: the ideal (its goal), today, the gap (its weakest aspect), and the actions that close it."""
    lang = view.lang
    rows = []
    for dim in view.dimensions:
        for element in dim.elements:
            weakest = min(element.readiness, key=lambda s: (s.score, ASPECTS.index(s.aspect)), default=None)
            gap = "–"
            if weakest is not None:
                gap = lang.format(
                    "gap_cell",
                    size=max(READINESS_SCALE) - weakest.score,
                    aspect=lang.label("readiness_" + weakest.aspect),
                )
            closing = [a.name for a in view.actions_of(dim.id, element.id)]
            rows.append(
                [
                    f"{dim.name}: {element.name}",
                    element.goal or dim.goal,
                    element.today or lang.label("not_assessed"),
                    gap,
                    "; ".join(closing) or lang.label("nothing_closes"),
                ]
            )
    header = [
        lang.label("element"),
        lang.label("gap_ideal"),
        lang.label("gap_today"),
        lang.label("gap"),
        lang.label("gap_closed_by"),
    ]
    return Table("gaps", lang.label("table_gaps"), header, rows, numeric=False, note=lang.label("gap_legend"))


def data_tables(view: View) -> tuple[list[Table], list[str]]:
    """The readiness data as tables, and the labels of the kinds of data the plan does not give yet."""
    lang = view.lang
    data = view.plan.readiness.data
    found, missing = [], []
    for kind in ReadinessData.model_fields:
        items = getattr(data, kind)
        if kind == "applications" and not items:  # the profile's running initiatives stand in for the inventory
            items = [
                Application(name=i.name, agency=i.agency, purpose=i.description)
                for i in view.plan.profile.existing_initiatives
            ]
        if not items:
            missing.append(lang.label("data_" + kind))
            continue
        if kind == "applications":
            rows = [[a.name + _mark(view, a.source), view.agency_name(a.agency), a.purpose] for a in items]
            header = [lang.label("application"), lang.label("agency"), lang.label("purpose")]
        elif kind == "regulations":
            rows = [[r.title + _mark(view, r.source), r.about or "–"] for r in items]
            header = [lang.label("regulation"), lang.label("regulation_about")]
        else:
            rows = [
                [f.label, f"{lang.number(f.value)}{_mark(view, f.source)}", f.unit or "–", str(f.year or "–")]
                for f in items
            ]
            header = [lang.label("item"), lang.label("value"), lang.label("unit"), lang.label("year")]
        note = _note(view, [i.source for i in items])
        found.append(Table(f"data-{kind}", lang.label("data_" + kind), header, rows, numeric=False, note=note))
    return found, missing


@dataclass(frozen=True)
class DimensionSwot:
    dimension: DimensionFile
    swot: Swot
    derived: bool  # strengths and weaknesses come from the readiness scores, not from the plan


def dimension_swot(dim: DimensionFile) -> DimensionSwot:
    """The dimension's SWOT as written, else strengths and weaknesses read off its elements' readiness scores."""
    if dim.swot is not None:
        return DimensionSwot(dim, dim.swot, derived=False)
    scored = [(e, s) for e in dim.elements for s in e.readiness]
    strengths = [f"{e.name}: {s.evidence}" for e, s in scored if s.score >= STRONG]
    weaknesses = [f"{e.name}: {s.evidence}" for e, s in scored if s.score < STRONG]
    return DimensionSwot(dim, Swot(strengths=strengths, weaknesses=weaknesses), derived=True)


def swot_summary(view: View, swots: list[DimensionSwot]) -> Table:
    lang = view.lang
    kinds = ("strengths", "weaknesses", "opportunities", "threats")
    rows = [[d.dimension.name, *(str(len(getattr(d.swot, k))) for k in kinds)] for d in swots]
    total = [lang.label("total"), *(str(sum(len(getattr(d.swot, k)) for d in swots)) for k in kinds)]
    header = [lang.label("dimension"), *(lang.label("swot_" + k) for k in kinds)]
    return Table("swot-summary", lang.label("table_swot_summary"), header, rows, total)


def criteria_scores(view: View) -> Table | None:
    """Each quick win scored on the plan's criteria, with the weighted mean; None when the plan has no criteria."""
    lang = view.lang
    criteria = view.plan.quickwin_criteria
    if not criteria:
        return None
    weights = sum(c.weight for c in criteria)
    rows = []
    for q in view.quickwins:
        mark = _mark(view, q.scores_source)
        cells = [f"{q.scores[c.id]}{mark}" if c.id in q.scores else "–" for c in criteria]
        scored = sum(c.weight * q.scores[c.id] for c in criteria if c.id in q.scores)
        mean = lang.number(scored / weights, 2) if q.scores else lang.label("not_scored")
        rows.append([f"{q.name} ({q.year})", *cells, mean])
    header = [lang.label("quick_win"), *(f"{c.name} (×{c.weight})" for c in criteria), lang.label("weighted_score")]
    note = " ".join(
        filter(None, [lang.label("criteria_scale"), _note(view, [q.scores_source for q in view.quickwins])])
    )
    return Table("quickwin-criteria", lang.label("table_quickwin_criteria"), header, rows, note=note)


def cited_sources(view: View) -> list[Source]:
    """The sources this book cites, in the plan's order."""
    data = view.plan.readiness.data
    cited = {
        *(i.source for a in ASPECTS for i in getattr(view.plan.readiness, a)),
        *(s.source for d in view.dimensions for e in d.elements for s in e.readiness),
        *(i.source for kind in ReadinessData.model_fields for i in getattr(data, kind)),
        *(q.scores_source for q in view.quickwins),
    }
    return [s for s in view.plan.sources if s.id in cited]


def context(view: View) -> dict[str, object]:
    """What Buku I's templates see as `readiness`."""
    data, missing = data_tables(view)
    swots = [dimension_swot(d) for d in view.dimensions]
    return {
        "scores": element_scores(view),
        "scored": any(e.readiness for d in view.dimensions for e in d.elements),
        "evidence": {d.id: evidence(view, d) for d in view.dimensions},
        "gaps": gaps(view),
        "data": data,
        "missing": missing,
        "swots": swots,
        "swot_summary": swot_summary(view, swots),
        "criteria": criteria_scores(view),
        "sources": cited_sources(view),
    }
