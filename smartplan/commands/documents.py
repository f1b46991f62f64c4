"""Commands that make documents from a checked plan: build, serve, export."""

# No `from __future__ import annotations` here, unlike the other modules: typer reads the annotations of every
# command on every run, and written as strings they would be evaluated first, every time.
import sys
from pathlib import Path
from typing import Annotated

import typer

from smartplan.books import ALL_FORMATS, FORMATS
from smartplan.commands.common import (
    Jobs,
    Lang,
    PlanDir,
    Quiet,
    Report,
    ReportLang,
    Strict,
    chosen_language,
    guarded,
    wrote,
)

# What --format names: each format alone, the books as rendered (both), everything (all).
FORMAT_SETS = {**{fmt: (fmt,) for fmt in ALL_FORMATS}, "both": FORMATS, "all": ALL_FORMATS}
OutputFormat = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Documents to write: md, html, pdf, docx; both (md,html); all; or several: html,pdf.",
        autocompletion=lambda: list(FORMAT_SETS),
    ),
]


def build(
    plan_dir: PlanDir,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder. Default: build/<plan>.")] = None,
    format: OutputFormat = "both",
    lang: Lang = None,
    strict: Strict = False,
    report: Report = "text",
    quiet: Quiet = False,
    jobs: Jobs = None,
) -> None:
    """Check a plan, then write its documents (masterplan and companion books): Markdown, HTML, PDF, Word.

    Nothing is written when the plan has errors; an earlier build is replaced whole, or left untouched.

    Examples:

    \b
      smartplan build plans/banjar
      smartplan build plans/banjar --format html --lang en --out build/banjar-en
      smartplan build plans/banjar --format pdf,docx
    """
    from smartplan import api
    from smartplan.problem_words import report_language
    from smartplan.progress import terminal_progress
    from smartplan.report import REPORTERS

    format, report, lang = format.lower(), report.lower(), chosen_language(lang)
    unknown = [part.strip() for part in format.split(",") if part.strip() not in FORMAT_SETS]
    if unknown:
        raise typer.BadParameter(
            f"{unknown[0]!r}: choose md, html, pdf, docx, both or all, or several: html,pdf", param_hint="--format"
        )
    chosen = {f for part in format.split(",") for f in FORMAT_SETS[part.strip()]}
    formats = tuple(f for f in FORMAT_SETS["all"] if f in chosen)
    if report not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    from smartplan.schema import language_of

    # A line on a terminal, nothing in logs or pipes; in --lang, else the plan's language, else the locale's.
    progress = terminal_progress(sys.stderr, quiet=quiet, language=lambda: lang or language_of(plan_dir))
    try:
        outcome = guarded(
            lambda: api.build(plan_dir, out, formats, lang, strict=strict, jobs=jobs, progress=progress), lang
        )
    finally:
        if progress is not None:
            progress.close()
    said = report_language(lang, outcome.languages)
    if outcome.diagnostics or not quiet:  # quiet: a clean build prints nothing at all
        REPORTERS[report](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
    if outcome.written and not quiet:
        wrote(outcome.written, "documents", said, err=report != "text")
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


def serve(
    plan_dir: PlanDir = Path(),
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one.")
    ] = 8000,
    lang: Lang = None,
) -> None:
    """Preview the documents in the browser; rebuilt and reloaded whenever a plan file is saved.

    While the plan has errors the page lists them instead of showing old documents. Nothing is written into
    the plan folder. Stop with Ctrl+C.

    Examples:

    \b
      smartplan serve plans/banjar
      smartplan serve plans/banjar --port 8080 --lang en
    """
    from smartplan import serve as preview

    language = chosen_language(lang)
    guarded(lambda: preview.serve(plan_dir, port, lang=language, log=typer.echo), language)


def export(
    plan_dir: PlanDir,
    format: Annotated[
        str, typer.Option("--format", "-f", help="xlsx (one workbook) or csv (a file per sheet).")
    ] = "xlsx",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder. Default: build/<plan>-export.")
    ] = None,
    strict: Strict = False,
    report: Report = "text",
    lang: ReportLang = None,
    quiet: Quiet = False,
) -> None:
    """Check a plan, then write its programs, quick wins, indicators, budget and agencies as spreadsheets.

    Nothing is written when the plan has errors; an earlier export is replaced whole, or left untouched.

    Examples:

    \b
      smartplan export plans/banjar
      smartplan export plans/banjar --format csv --out build/banjar-csv
    """
    from smartplan import api
    from smartplan import export as exporting
    from smartplan.problem_words import report_language
    from smartplan.report import REPORTERS

    format, report = format.lower(), report.lower()  # as build takes them
    if format not in exporting.FORMATS:
        raise typer.BadParameter(f"choose one of: {', '.join(exporting.FORMATS)}", param_hint="--format")
    if report not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    chosen = chosen_language(lang)
    outcome = guarded(lambda: api.export(plan_dir, out, format, lang=chosen, strict=strict), chosen)
    said = report_language(chosen, outcome.languages)
    if outcome.diagnostics or not quiet:  # quiet: a clean export prints nothing at all, as build
        REPORTERS[report](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
    if outcome.written and not quiet:
        wrote(outcome.written, "files", said, err=report != "text")
    raise typer.Exit(int(outcome.exit_code(strict=strict)))
