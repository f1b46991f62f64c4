"""Command line: parse options, call one api function, turn the outcome into an exit code."""

# Without `from __future__ import annotations`, unlike the other modules: typer reads the annotations
# of every command on every run, and written as strings they are evaluated first (146 evaluations,
# 10 ms of each command, `--help` included).
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from smartplan import VERSION_LINE
from smartplan.errors import ExitCode, SmartplanError

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


def _guarded(work: Callable[[], T]) -> T:
    """Run a command; map smartplan's errors and any bug to a message and an exit code."""
    try:
        return work()
    except SmartplanError as exc:
        typer.echo(f"smartplan: error: {exc.message}", err=True)
        if exc.hint:
            typer.echo(f"hint: {exc.hint}", err=True)
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


PlanDirs = Annotated[list[Path] | None, typer.Argument(help="Plan folders (each holds plan.yaml). Default: '.'.")]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
Format = Annotated[str, typer.Option("--format", "-f", help="Report format: text, json or github.")]


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

    The new plan passes 'smartplan validate --strict' straight away; replace every '[isi ...]' text.

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
        str, typer.Argument(metavar="KIND", help="quickwin or program.", autocompletion=lambda: ["quickwin", "program"])
    ],
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")],
    ident: Annotated[str, typer.Argument(metavar="ID", help="Id and file name, e.g. qw-2025-governance.")],
    dimension: Annotated[
        str, typer.Option("--dimension", "-d", help="The dimension.", autocompletion=_complete_dimension)
    ],
    year: Annotated[int | None, typer.Option("--year", help="Year (start year of a program).")] = None,
) -> None:
    """Add a pre-filled quick win or program file to a plan.

    Examples:

    \b
      smartplan new quickwin plans/banjar qw-2026-living --dimension living --year 2026
      smartplan new program plans/banjar satu-data --dimension governance
    """
    from smartplan import scaffold

    path = _guarded(lambda: scaffold.new_action(plan_dir, kind, ident, dimension, year))
    typer.echo(f"created {path.as_posix()}")


@app.command()
def schema(
    kind: Annotated[str | None, typer.Argument(help="plan, dimension, quickwin or program: print its schema.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write every schema into this folder.")] = None,
) -> None:
    """Print or write the JSON Schemas of the plan files, for editors and other validators.

    Examples:

    \b
      smartplan schema quickwin
      smartplan schema --out plans/banjar/.schemas
      check-jsonschema --schemafile .schemas/quickwin.schema.json plans/banjar/quickwins/*.yaml
    """
    from smartplan import schema as schemas

    if kind is not None and kind not in schemas.KINDS:
        raise typer.BadParameter(f"choose one of: {', '.join(schemas.KINDS)}", param_hint="KIND")
    if out is not None:
        written = _guarded(lambda: schemas.write_schemas(out))
        typer.echo(f"wrote {len(written)} schemas to {out.as_posix()}")
    elif kind is None:
        raise typer.BadParameter("give a KIND to print, or --out DIR to write them all", param_hint="KIND")
    else:
        sys.stdout.write(schemas.render(kind))


Jobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Processes for plans of hundreds of files. Default: one per CPU."),
]
Files = Annotated[
    bool, typer.Option("--files", hidden=True, help="Arguments are files: check the plan folders that hold them.")
]


@app.command(epilog=EXIT_CODES)
def validate(
    plan_dirs: PlanDirs = None, strict: Strict = False, format: Format = "text", jobs: Jobs = None, files: Files = False
) -> None:
    """Check plan folders and report every problem in one run.

    Examples:

    \b
      smartplan validate plans/banjar
      smartplan validate --strict --format github plans/*
    """
    from smartplan import api
    from smartplan.report import REPORTERS

    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--format")
    # pre-commit passes changed files; cross-file checks need the whole plan each belongs to.
    folders = api.plan_folders(plan_dirs or []) if files else plan_dirs or [Path()]
    outcome = _guarded(lambda: api.validate(folders, jobs=jobs))
    REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout)
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


OutputFormat = Annotated[
    str,
    typer.Option(
        "--format", "-f", help="Documents to write: md, html, pdf, docx; both (md,html); all; or several: html,pdf."
    ),
]
FORMAT_SETS = {
    "md": ("md",),
    "html": ("html",),
    "pdf": ("pdf",),
    "docx": ("docx",),
    "both": ("md", "html"),
    "all": ("md", "html", "pdf", "docx"),
}
Report = Annotated[str, typer.Option("--report", help="How to report problems: text, json or github.")]

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress line, no summary of what was written.")]


@app.command(epilog=EXIT_CODES)
def build(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder. Default: build/<plan>.")] = None,
    format: OutputFormat = "both",
    lang: Annotated[str | None, typer.Option("--lang", help="id or en. Default: the plan's language.")] = None,
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
    from smartplan.progress import terminal_progress
    from smartplan.report import REPORTERS

    chosen = {f for part in format.split(",") for f in FORMAT_SETS.get(part.strip(), ("?",))}
    if "?" in chosen:
        raise typer.BadParameter("choose md, html, pdf, docx, both or all, or several: html,pdf", param_hint="--format")
    formats = tuple(f for f in FORMAT_SETS["all"] if f in chosen)
    if lang not in (None, "id", "en"):
        raise typer.BadParameter("choose one of: id, en", param_hint="--lang")
    if report not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    progress = terminal_progress(sys.stderr, quiet=quiet)  # a line on a terminal; nothing in logs or pipes
    try:
        outcome = _guarded(lambda: api.build(plan_dir, out, formats, lang, strict=strict, jobs=jobs, progress=progress))
    finally:
        if progress is not None:
            progress.close()
    REPORTERS[report](outcome.diagnostics, outcome.files, sys.stdout)
    if outcome.written and not quiet:
        folder = outcome.written[0].parent
        typer.echo(f"wrote {len(outcome.written)} documents to {folder}", err=report != "text")
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


@app.command()
def serve(
    plan_dir: Annotated[Path, typer.Argument(help="The plan folder (holds plan.yaml).")] = Path(),
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1; 0 picks a free one.")] = 8000,
    lang: Annotated[str | None, typer.Option("--lang", help="id or en. Default: the plan's language.")] = None,
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

    if lang not in (None, "id", "en"):
        raise typer.BadParameter("choose one of: id, en", param_hint="--lang")
    _guarded(lambda: preview.serve(plan_dir, port, lang=lang, log=typer.echo))
