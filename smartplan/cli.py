"""Command line: parse options, call one api function, turn the outcome into an exit code."""

# Without `from __future__ import annotations`, unlike the other modules: typer reads the annotations
# of every command on every run, and written as strings they would be evaluated first, every time.
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from smartplan import VERSION_LINE
from smartplan.books import ALL_FORMATS, FORMATS
from smartplan.errors import ExitCode, SmartplanError, Text

EXIT_CODES = """Exit codes: 0 valid, 1 the plan has errors (or warnings with --strict), 2 usage error,
3 a resource limit was hit, 4 internal error (a bug: rerun with --debug for the traceback)."""

app = typer.Typer(
    help=f"Compile Indonesian Smart City masterplans from YAML.\n\n{EXIT_CODES}",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")
_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(VERSION_LINE)  # also printed by __main__.run, without loading typer, for `--version` alone
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Compile Indonesian Smart City masterplans from YAML."""
    _state["debug"] = debug


def _guarded(work: Callable[[], T], lang: str | None = None) -> T:
    """Run a command; map smartplan's errors and any bug to a message and an exit code.

    An error given as a Text is said in `lang`, else in the locale's language; the others are in English.
    """
    try:
        return work()
    except SmartplanError as exc:
        said = "en"
        if isinstance(exc.message, Text):
            from smartplan.i18n import locale_language

            said = lang or locale_language()
        from smartplan.problem_words import say

        typer.echo(f"smartplan: {say(Text('usage.error'), said)}: {say(exc.message, said)}", err=True)
        if exc.hint:
            typer.echo(f"{say(Text('usage.hint'), said)}: {say(exc.hint, said)}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("smartplan: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if _state["debug"]:  # the traceback, and still the documented exit code
            traceback.print_exc()
        first_line = next(iter(str(exc).splitlines()), "")
        typer.echo(f"smartplan: internal error: {type(exc).__name__}: {first_line}", err=True)
        if not _state["debug"]:
            typer.echo("hint: this is a bug in smartplan; rerun with --debug for the traceback and report it", err=True)
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


PlanDirs = Annotated[
    list[Path] | None,
    typer.Argument(help="Plan folders (each holds plan.yaml), or a folder of plan folders. Default: '.'."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]


def _complete_report() -> list[str]:
    from smartplan.report import REPORTERS

    return list(REPORTERS)


def _complete_lang() -> list[str]:
    from smartplan.i18n import LANGUAGES

    return list(LANGUAGES)


Format = Annotated[
    str,
    typer.Option(
        "--report",
        "--format",
        "-f",
        help="Report format: text, json or github. --report, as in build (whose --format picks the documents).",
        autocompletion=_complete_report,
    ),
]
Lang = Annotated[
    str | None,
    typer.Option("--lang", help="id or en. Default: the plan's language.", autocompletion=_complete_lang),
]
ReportLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report: id or en. Default: each plan's language, else the locale's (LANG).",
        autocompletion=_complete_lang,
    ),
]


def _language(lang: str | None) -> str | None:
    """The language code in lower case (`--lang EN` is `en`), or a usage error."""
    from smartplan.i18n import LANGUAGES

    if lang is not None and lang.lower() not in LANGUAGES:
        raise typer.BadParameter(f"choose one of: {', '.join(LANGUAGES)}", param_hint="--lang")
    return lang.lower() if lang is not None else None


def _complete_dimension() -> list[str]:
    from smartplan.models import DIMENSION_IDS

    return list(DIMENSION_IDS)


@app.command()
def init(
    plan_dir: Annotated[Path, typer.Argument(help="New (or empty) folder for the plan.")],
    city: Annotated[str, typer.Option("--city", help='Official name: "Kota X" or "Kabupaten X".')],
    start: Annotated[int | None, typer.Option("--start", help="First year of the plan. Default: next year.")] = None,
) -> None:
    """Start a plan for a new city: plan.yaml, the six dimensions, quick wins, schemas and editor settings.

    The new plan passes 'smartplan validate' straight away, with a warning for every '[isi ...]' text to replace.

    Examples:

    \b
      smartplan init plans/garut --city "Kabupaten Garut"
      smartplan init plans/cirebon --city "Kota Cirebon" --start 2026
    """
    from smartplan import scaffold

    written = _guarded(lambda: scaffold.init_plan(plan_dir, city, start=start))
    typer.echo(f"created {plan_dir.as_posix()} ({len(written)} files); check it with: smartplan validate {plan_dir}")


@app.command()
def new(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help="quickwin, program or monitoring.",
            autocompletion=lambda: ["quickwin", "program", "monitoring"],
        ),
    ],
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")],
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="Id and file name, e.g. qw-2025-governance; for monitoring, the year.")
    ],
    dimension: Annotated[
        str | None,
        typer.Option(
            "--dimension", "-d", help="The dimension (quickwin, program).", autocompletion=_complete_dimension
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Year (start year of a program). Default: the year in ID, if any.")
    ] = None,
) -> None:
    """Add a pre-filled quick win, program or yearly monitoring file to a plan.

    Examples:

    \b
      smartplan new quickwin plans/banjar qw-2026-living --dimension living --year 2026
      smartplan new program plans/banjar satu-data --dimension governance
      smartplan new monitoring plans/banjar 2025
    """
    from smartplan import scaffold

    path = _guarded(lambda: scaffold.new_file(plan_dir, kind, ident, dimension, year))
    typer.echo(f"created {path.as_posix()}; replace its [isi ...] texts and check the fields marked '# isi:'")


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="plan, dimension, quickwin, program or monitoring: print its schema.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write every schema into this folder. Default: .schemas")
    ] = None,
    lang: Lang = None,
) -> None:
    """Print or write the JSON Schemas of the plan files, for editors and other validators.

    Without KIND, every schema is written into --out, by default .schemas/ in the current folder: run inside
    a plan folder, that refreshes the copy its files' modelines point to.

    The titles and descriptions editors show are in --lang; by default in the language of the plan the
    schemas are for (the folder holding --out, else the current folder), and outside a plan in the locale's:
    Indonesian when LC_ALL, LC_MESSAGES or LANG (the first set) starts with 'id', else English.

    Examples:

    \b
      smartplan schema quickwin
      smartplan schema
      smartplan schema --out plans/banjar/.schemas
      smartplan schema --out schemas --lang id
      check-jsonschema --schemafile .schemas/quickwin.schema.json plans/banjar/quickwins/*.yaml
    """
    from smartplan import schema as schemas

    if kind is not None and kind not in schemas.KINDS:
        raise typer.BadParameter(f"choose one of: {', '.join(schemas.KINDS)}", param_hint="KIND")
    language = _language(lang) or _guarded(lambda: schemas.language_of(out.parent if out is not None else Path()))
    if kind is not None and out is None:
        sys.stdout.write(schemas.render(kind, language))
        return
    folder = out if out is not None else Path(schemas.SCHEMA_DIR)
    written = _guarded(lambda: schemas.write_schemas(folder, language))
    typer.echo(f"wrote {len(written)} schemas to {folder.as_posix()}")


Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Processes for a plan of hundreds of items. Default: one per CPU."),
]
Files = Annotated[
    bool, typer.Option("--files", hidden=True, help="Arguments are files: check the plan folders that hold them.")
]


@app.command(epilog=EXIT_CODES)
def validate(
    plan_dirs: PlanDirs = None,
    strict: Strict = False,
    format: Format = "text",
    files: Files = False,
    lang: ReportLang = None,
) -> None:
    """Check plan folders and report every problem in one run.

    Examples:

    \b
      smartplan validate plans/banjar
      smartplan validate plans
      smartplan validate --strict --report github plans/*
      smartplan validate --lang en plans/banjar
    """
    from smartplan import api
    from smartplan.folders import plan_folders_in
    from smartplan.problem_words import report_language
    from smartplan.report import REPORTERS

    format, chosen = format.lower(), _language(lang)
    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    # pre-commit passes changed files; cross-file checks need the whole plan each belongs to.
    folders = api.plan_folders(plan_dirs or []) if files else plan_folders_in(plan_dirs or [Path()])
    outcome = _guarded(lambda: api.validate(folders), chosen)
    said = report_language(chosen, outcome.languages)
    REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


@app.command(epilog=EXIT_CODES)
def status(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")] = Path(),
    year: Annotated[int | None, typer.Option("--year", help="The monitoring year. Default: the latest.")] = None,
    format: Annotated[str, typer.Option("--format", help="text (for people) or json (for dashboards).")] = "text",
    lang: ReportLang = None,
) -> None:
    """Show where the plan stands: achievement per indicator, dimension and plan, quick wins, budget absorption.

    Reads monitoring/<year>.yaml; colours only on a terminal.

    Examples:

    \b
      smartplan status plans/banjar
      smartplan status plans/banjar --year 2025 --format json
    """
    import json

    from smartplan import api
    from smartplan.monitoring.status import status_text
    from smartplan.problem_words import report_language
    from smartplan.report import REPORTERS

    chosen = _language(lang)
    if format not in ("text", "json"):
        raise typer.BadParameter("choose one of: text, json", param_hint="--format")
    outcome, data = _guarded(lambda: api.status(plan_dir, year), chosen)
    code = outcome.exit_code()
    if code != ExitCode.OK:  # the plan's problems, as validate reports them
        said = report_language(chosen, outcome.languages)
        REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
        raise typer.Exit(int(code))
    if format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif data:
        sys.stdout.write(status_text(data, colour=sys.stdout.isatty()))
    else:
        typer.echo(f"no monitoring data yet; start a year with: smartplan new monitoring {plan_dir.as_posix()} YEAR")


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
Report = Annotated[
    str,
    typer.Option("--report", help="How to report problems: text, json or github.", autocompletion=_complete_report),
]

Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only problems: no progress line, no summary, no 'wrote' line.")
]


@app.command(epilog=EXIT_CODES)
def build(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")],
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

    format, report, lang = format.lower(), report.lower(), _language(lang)
    chosen = {f for part in format.split(",") for f in FORMAT_SETS.get(part.strip(), ("?",))}
    if "?" in chosen:
        raise typer.BadParameter("choose md, html, pdf, docx, both or all, or several: html,pdf", param_hint="--format")
    formats = tuple(f for f in FORMAT_SETS["all"] if f in chosen)
    if report not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    progress = terminal_progress(sys.stderr, quiet=quiet)  # a line on a terminal; nothing in logs or pipes
    try:
        outcome = _guarded(
            lambda: api.build(plan_dir, out, formats, lang, strict=strict, jobs=jobs, progress=progress), lang
        )
    finally:
        if progress is not None:
            progress.close()
    if outcome.diagnostics or not quiet:  # quiet: a clean build prints nothing at all
        said = report_language(lang, outcome.languages)
        REPORTERS[report](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
    if outcome.written and not quiet:
        folder = outcome.written[0].parent
        typer.echo(f"wrote {len(outcome.written)} documents to {folder}", err=report != "text")
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


@app.command()
def serve(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")] = Path(),
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1; 0 picks a free one.")] = 8000,
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

    language = _language(lang)
    _guarded(lambda: preview.serve(plan_dir, port, lang=language, log=typer.echo), language)


DiffFormat = Annotated[str, typer.Option("--format", "-f", help="text, markdown (a pull-request comment) or json.")]


@app.command(
    epilog="Exit codes: 0 compared (with or without differences), 1 differences with --exit-code, "
    "or a revision's plan has errors, 2 usage error, 3 a resource limit was hit."
)
def diff(
    arguments: Annotated[
        list[str] | None,
        typer.Argument(metavar="[REV1 [REV2]] [PLAN_DIR]", help="Default: HEAD, the working tree, '.'."),
    ] = None,
    format: DiffFormat = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with 1 when the plans differ, as git diff.")
    ] = False,
) -> None:
    """Compare a plan at two git revisions: items, budget totals, indicator baselines and targets.

    Without REV2 the working tree is compared; without REV1, HEAD. The last argument is the plan folder
    when it names a folder (always when there are three). Nothing in the working tree or the index is touched.

    Examples:

    \b
      smartplan diff plans/banjar
      smartplan diff main HEAD plans/banjar --format markdown
      smartplan diff v1.0 --exit-code
    """
    from smartplan import api, comparing
    from smartplan.diff_report import REPORTERS

    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--format")
    before, after, plan_dir = _guarded(lambda: comparing.split_arguments(arguments or []))
    comparison = _guarded(lambda: api.diff(plan_dir, before, after))
    REPORTERS[format](comparison, sys.stdout)
    raise typer.Exit(int(comparison.exit_code(exit_code=exit_code)))


@app.command(epilog=EXIT_CODES)
def export(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="xlsx (one workbook) or csv (a file per sheet).")
    ] = "xlsx",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder. Default: build/<plan>-export.")
    ] = None,
    strict: Strict = False,
    report: Report = "text",
    lang: ReportLang = None,
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

    if format not in exporting.FORMATS:
        raise typer.BadParameter(f"choose one of: {', '.join(exporting.FORMATS)}", param_hint="--format")
    if report not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    chosen = _language(lang)
    outcome = _guarded(lambda: api.export(plan_dir, out, format, strict=strict), chosen)
    REPORTERS[report](
        outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, report_language(chosen, outcome.languages)
    )
    if outcome.written:
        count = len(outcome.written)
        typer.echo(f"wrote {count} file{'s' * (count != 1)} to {outcome.written[0].parent}", err=report != "text")
    raise typer.Exit(int(outcome.exit_code(strict=strict)))
