"""Templates to documents: one Jinja environment per format, one search path for overrides.

The search path is [the plan's own templates/, the built-in templates]; the first file found wins.
Undefined variables are errors, reported with the template's name and line; HTML is autoescaped and
Markdown output escapes plain text, so YAML text like `{{ 7*7 }}` or `<script>` stays literal.
The environments themselves, sandboxed or not, are made in templating.py.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import jinja2

from smartplan import charts, parallel, tables
from smartplan.context import View
from smartplan.errors import RenderError
from smartplan.finish import finish_html, tidy_markdown
from smartplan.handover import Handover
from smartplan.i18n import Language, load_messages
from smartplan.navigation import Outline
from smartplan.plan import Plan
from smartplan.sandbox import (
    MAX_RENDER_SECONDS,
    check_overrides,
    collected,
    from_plan_template,
    time_limit,
)
from smartplan.templating import environment

# (template stem, output stem); "profil-quick-win" is rendered once per quick-win year.
DOCUMENTS = ("masterplan", "ringkasan-eksekutif", "analisis-kesiapan", "roadmap", "profil-quick-win")


def builtin_templates() -> Path:
    """templates/ inside the installed package (wheel) or at the top of the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


def search_path(plan_dir: Path) -> list[Path]:
    own = plan_dir / "templates"
    if own.is_symlink() or own.is_dir():
        check_overrides(own)  # links, FIFOs and huge files in a pull request's templates/ are refused
        return [own, builtin_templates()]
    return [builtin_templates()]


def _context(view: View, early: parallel.Forked[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What every template sees. The budget tables and the charts come from `early`'s child if there is one."""
    made = {
        "program_years": tables.program_years(view),
        "program_list": tables.program_list(view),
        "agencies": tables.agencies(view),
        "coverage": tables.coverage(view),
        "monitoring": tables.monitoring(view),
        "readiness": tables.readiness_summary(view),
        "districts": tables.districts(view),
        "indicators": {d.id: tables.indicators(view, d) for d in view.dimensions},
    }
    drawn: dict[str, Any] = early.result() if early else {"budget": tables.budget_tables(view), "charts": {}}
    return {
        "view": view,
        "plan": view.plan,
        "lang": view.lang.code,
        "tables": {"budget": drawn["budget"], **made},
        "charts": charts.Charts(view, drawn["charts"]),  # else drawn when first shown, by HTML templates only
    }


def _view(plan: Plan, plan_dir: Path, lang_code: str | None) -> tuple[View, list[Path]]:
    """The plan as templates see it, in the language asked for or the plan's own; and the template search path."""
    assert plan.plan is not None, "only a checked plan is rendered"
    paths = search_path(plan_dir)
    code = lang_code or plan.plan.model.language
    return View.of(plan, Language(code, load_messages(paths, code))), paths


def start_early(
    plan: Plan, plan_dir: Path, formats: tuple[str, ...], lang_code: str | None
) -> parallel.Forked[dict[str, Any]]:
    """For a large plan: a child starts now on the budget tables and the charts, about half of all tables and charts.

    api.build starts it before the plan's cross-file checks, which then run at the same time, and
    cancels it if they fail; render_documents takes what it made, or makes it itself if the child failed.
    """
    return parallel.Forked(functools.partial(_drawn_early, plan, plan_dir, "html" in formats, lang_code))


def _drawn_early(plan: Plan, plan_dir: Path, html: bool, lang_code: str | None) -> dict[str, Any]:
    view, paths = _view(plan, plan_dir, lang_code)
    # A plan's own labels may fail a chart: drawn for its Markdown too, to say so (render_documents).
    drawn = charts.Charts(view).draw() if html or len(paths) > 1 else {}
    return {"budget": tables.budget_tables(view), "charts": drawn}


def render_documents(
    plan: Plan,
    plan_dir: Path,
    formats: tuple[str, ...],
    lang_code: str | None,
    write: Callable[[dict[str, bytes]], None],
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
    early: parallel.Forked[dict[str, Any]] | None = None,
) -> list[str]:
    """Render every document of the plan in every format asked for, `write` each (name -> bytes); their names.

    With `jobs` > 1 and a large plan, a child makes the budget tables and the charts (`early`, if
    api.build has started it already) while this process makes the other tables; then each format is
    rendered in a process of its own, which writes its own documents: 150 MB of them are not sent
    from one process to another.
    """
    view, paths = _view(plan, plan_dir, lang_code)
    lang = view.lang
    forked = parallel.spread(len(view.actions), jobs)
    if forked and early is None:
        early = start_early(plan, plan_dir, formats, lang_code)
    try:
        context = _context(view, early if forked else None)
        if not forked and len(paths) > 1:  # drawn now, so that a label a plan rewrote that fails a chart says so
            context["charts"].draw()
    except jinja2.exceptions.SecurityError as exc:  # a label a plan rewrote, used by a table or chart
        raise RenderError(f"messages/{lang.code}.yaml", None, str(exc)) from None
    finally:
        if early is not None:
            early.cancel()  # if the tables here failed before its result was taken
    per_format = sum(len(view.quickwin_years) if s == "profil-quick-win" else 1 for s in DOCUMENTS)
    total = len(formats) * per_format

    def render_format(
        index: int, fmt: str, progress: Callable[[str, int, int], None] | None, first: Callable[[], None] | None = None
    ) -> list[str]:
        files: dict[str, bytes] = {}
        env = environment(paths, fmt, view)
        for stem in DOCUMENTS:
            runs: list[tuple[str, dict[str, int]]] = [(stem, {})]
            if stem == "profil-quick-win":  # one book per year
                runs = [(f"{stem}-{year}", {"year": year}) for year in view.quickwin_years]
            for name, extra in runs:
                if progress is not None:
                    progress(f"rendering {name}.{fmt}", index * per_format + len(files), total)
                if first is not None:  # once rendering is shown to have begun
                    first()
                    first = None
                text = _render(env, f"{fmt}/{stem}.{fmt}", {**context, **extra, "outline": Outline(lang)})
                text = finish_html(text, lang) if fmt == "html" else tidy_markdown(text)
                files[f"{name}.{fmt}"] = text.encode("utf-8")
        write(files)
        return list(files)

    if forked:  # the first format here, with progress; others forked
        # The Markdown process, the shorter, first renders the descriptions for the HTML one (handover.py).
        handover = Handover(view) if formats == ("md", "html") else None
        first = {"md": handover.send, "html": handover.receive} if handover else {}
        calls = [
            functools.partial(render_format, i, fmt, progress if i == 0 else None, first.get(fmt))
            for i, fmt in enumerate(formats)
        ]
        return [name for names in parallel.in_forks(calls) for name in names]
    return [name for i, fmt in enumerate(formats) for name in render_format(i, fmt, progress)]


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    overridden = isinstance(env.loader, jinja2.FileSystemLoader) and len(env.loader.searchpath) > 1
    try:
        with time_limit(MAX_RENDER_SECONDS if overridden else None), collected() if overridden else nullcontext():
            return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(exc.name or name, exc.lineno, exc.message or "syntax error") from None
    except jinja2.TemplateError as exc:
        template, line = _template_frame(exc, env, name)
        raise RenderError(template, line, str(exc)) from None
    except Exception as exc:  # a plan's own template fails as any code can: 1/0, "a" + 1, endless recursion
        paths = env.loader.searchpath if isinstance(env.loader, jinja2.FileSystemLoader) else []
        if not from_plan_template(exc, Path(paths[0]) if len(paths) > 1 else None):
            raise
        template, line = _template_frame(exc, env, name)
        raise RenderError(template, line, f"{type(exc).__name__}: {exc}") from None


def _template_frame(exc: BaseException, env: jinja2.Environment, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in the traceback (Jinja rewrites frames to template lines)."""
    roots = [Path(p) for p in env.loader.searchpath] if isinstance(env.loader, jinja2.FileSystemLoader) else []
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        for root in roots:
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix(), frame.lineno
    return fallback, None
