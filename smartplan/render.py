"""A checked plan to documents: every book of the registry, in every format asked for, as bytes.

Undefined variables are errors, reported with the template's name and line; HTML is autoescaped and
Markdown output escapes plain text, so YAML text like `{{ 7*7 }}` or `<script>` stays literal. The
template set and the environments, sandboxed or not, are made in templating.py.
"""

from __future__ import annotations

import functools
import traceback
from pathlib import Path
from typing import Any

import jinja2

from smartplan import brief, charts, crosswalk, markup, parallel, readiness, roadmap, tables
from smartplan.books import BOOKS
from smartplan.context import View
from smartplan.errors import RenderError, Text
from smartplan.finish import finish_html, tidy_markdown
from smartplan.i18n import Language, load_messages
from smartplan.monitoring.evaluation import evaluations
from smartplan.monitoring.tables import EvaluationTables
from smartplan.navigation import Outline
from smartplan.plan import Plan
from smartplan.progress import Progress
from smartplan.sandbox import MAX_RENDER_SECONDS, from_plan_template, time_limit
from smartplan.templating import TemplateSet, environment

# Below this many quick wins and programs the documents are rendered one after the other: a process costs more.
PARALLEL_ACTIONS = 400


def render_documents(
    plan: Plan,
    templates: TemplateSet,
    formats: tuple[str, ...],
    lang_code: str | None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> dict[str, bytes]:
    """Every document of every book in every format asked for: file name -> bytes.

    A large plan's documents are rendered at the same time, each in whichever of `jobs` processes is free.
    A book's HTML comes before its Markdown: the longest, the masterplan in HTML, is started first.
    """
    view = view_of(plan, templates, lang_code)
    context = _context(view, templates)
    documents = [
        (fmt, book.name, name, extra)
        for book in BOOKS
        for name, extra in book.documents(view.quickwin_years, view.monitoring_years)
        for fmt in sorted(formats, key=lambda f: f != "html")
    ]
    environments: dict[str, jinja2.Environment] = {}  # one per format in each process, made at its first document
    render = functools.partial(_render_document, view, context, templates, environments)
    jobs = jobs if len(view.actions) >= PARALLEL_ACTIONS else 1
    if jobs > 1 and "html" in formats:  # the only Markdown fields a plan has by the thousand
        markup.render_ahead([action.description for action in view.actions if action.description], jobs)

    def rendered(_: int, count: int) -> None:
        if progress is not None:
            progress(Text.of("progress.rendering"), count, len(documents))

    rendered(0, 0)
    return dict(parallel.map_in_processes(render, documents, jobs, rendered))


def view_of(plan: Plan, templates: TemplateSet, lang_code: str | None = None) -> View:
    """A checked plan as templates see it, in the language asked for or else the plan's own."""
    assert plan.plan is not None, "only a checked plan is rendered"
    code = lang_code or plan.plan.model.language
    return View.of(plan, Language(code, load_messages(templates.paths, code)))


def _context(view: View, templates: TemplateSet) -> dict[str, Any]:
    """What every template sees."""
    try:
        drawn = charts.Charts(view)  # each chart drawn when first shown, by HTML templates only
        if templates.sandboxed:  # drawn now, so that a label the plan rewrote that fails a chart says so
            drawn.draw()
        return {
            "view": view,
            "plan": view.plan,
            "lang": view.lang.code,
            "tables": {
                "budget": tables.budget_tables(view),
                "program_years": tables.program_years(view),
                "program_list": tables.program_list(view),
                "agencies": tables.agencies(view),
                "coverage": tables.coverage(view),
                "monitoring": tables.monitoring(view),
                "readiness": tables.readiness_summary(view),
                "districts": tables.districts(view),
                "crosswalk": crosswalk.crosswalk(view),
                "unlinked": crosswalk.unlinked_indicators(view),
                "indicators": {d.id: tables.indicators(view, d) for d in view.dimensions},
            },
            "charts": drawn,
            # one per monitoring year, by year; none for a plan without monitoring data
            "evaluation": {year: EvaluationTables(e) for year, e in evaluations(view).items()},
            "roadmap": roadmap.context(view),
            "brief": brief.context(view),
            "readiness": readiness.context(view),
        }
    except jinja2.exceptions.SecurityError as exc:  # a label a plan rewrote, used by a table or chart
        raise RenderError(_shown(templates, f"messages/{view.lang.code}.yaml"), None, str(exc)) from None


def _render_document(
    view: View,
    context: dict[str, Any],
    templates: TemplateSet,
    environments: dict[str, jinja2.Environment],
    document: tuple[str, str, str, dict[str, Any]],
) -> tuple[str, bytes]:
    """One document in one format: (file name, bytes)."""
    fmt, book, name, extra = document
    env = environments.get(fmt)
    if env is None:  # its `once` memory is shared by the documents rendered in this process
        env = environments[fmt] = environment(templates, fmt, view)
    text = _render(env, templates, f"{fmt}/{book}.{fmt}", {**context, **extra, "outline": Outline(view.lang)})
    text = finish_html(text, view.lang) if fmt == "html" else tidy_markdown(text)
    return f"{name}.{fmt}", text.encode("utf-8")


def _render(env: jinja2.Environment, templates: TemplateSet, name: str, context: dict[str, Any]) -> str:
    try:
        with time_limit(MAX_RENDER_SECONDS if templates.sandboxed else None):
            return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(_shown(templates, exc.name or name), exc.lineno, exc.message or "syntax error") from None
    except jinja2.TemplateError as exc:
        template, line = _template_frame(exc, templates, name)
        raise RenderError(_shown(templates, template), line, str(exc)) from None
    except Exception as exc:  # a plan's own template fails as any code can: 1/0, "a" + 1, endless recursion
        if not from_plan_template(exc, templates.own):
            raise
        template, line = _template_frame(exc, templates, name)
        raise RenderError(_shown(templates, template), line, f"{type(exc).__name__}: {exc}") from None


def _template_frame(exc: BaseException, templates: TemplateSet, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites frames to template lines)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        for root in templates.paths:
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix(), frame.lineno
    return fallback, None


def _shown(templates: TemplateSet, name: str) -> str:
    """A template or label file as the user can open it: in the plan's templates/ where the plan has that file
    (`plans/x/templates/md/roadmap.md`), else by its name among the built-in templates (`md/roadmap.md`)."""
    if templates.own is not None and (templates.own / name).is_file():
        return (templates.own / name).as_posix()
    return name
