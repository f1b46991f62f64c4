"""Commands that read a plan and report on it: validate, status, diff."""

# No `from __future__ import annotations` here, unlike the other modules: typer reads the annotations of every
# command on every run, and written as strings they would be evaluated first, every time.
import sys
from pathlib import Path
from typing import Annotated

import typer

from smartplan.commands.common import (
    Files,
    PlanDir,
    PlanDirs,
    ReportFormat,
    ReportLang,
    Strict,
    chosen_language,
    complete_lang,
    guarded,
)
from smartplan.errors import ExitCode


def validate(
    plan_dirs: PlanDirs = None,
    strict: Strict = False,
    format: ReportFormat = "text",
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

    format, chosen = format.lower(), chosen_language(lang)
    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--report")
    # pre-commit passes changed files; cross-file checks need the whole plan each belongs to.
    folders = api.plan_folders(plan_dirs or []) if files else plan_folders_in(plan_dirs or [Path()])
    outcome = guarded(lambda: api.validate(folders), chosen)
    said = report_language(chosen, outcome.languages)
    REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
    raise typer.Exit(int(outcome.exit_code(strict=strict)))


def status(
    plan_dir: PlanDir = Path(),
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
    from smartplan.errors import Text
    from smartplan.problem_words import report_language, summary_language, words
    from smartplan.report import REPORTERS

    chosen = chosen_language(lang)
    if format not in ("text", "json"):
        raise typer.BadParameter("choose one of: text, json", param_hint="--format")
    outcome, data = guarded(lambda: api.status(plan_dir, year), chosen)
    said = report_language(chosen, outcome.languages)
    code = outcome.exit_code()
    if code != ExitCode.OK:  # the plan's problems, as validate reports them
        REPORTERS[format](outcome.diagnostics, outcome.files, sys.stdout, outcome.in_part, said)
        raise typer.Exit(int(code))
    if format == "json":  # for machines: English keys and codes, whatever the language
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif data:
        from smartplan.monitoring.terminal import status_text

        sys.stdout.write(status_text(data, summary_language(said), colour=sys.stdout.isatty()))
    else:
        folder = plan_dir.as_posix()
        typer.echo(words(Text.of("status.no-monitoring", folder=folder), summary_language(said)))


DIFF_EXIT_CODES = (
    "Exit codes: 0 compared (with or without differences), 1 differences with --exit-code, "
    "or a revision's plan has errors, 2 usage error, 3 a resource limit was hit."
)
DiffFormat = Annotated[str, typer.Option("--format", "-f", help="text, markdown (a pull-request comment) or json.")]
DiffLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the text and Markdown reports: id or en. Default: the language of the plan at REV2 "
        "(or in the working tree), else at REV1, else the locale's (LANG). Errors: --lang, else the locale's.",
        autocompletion=complete_lang,
    ),
]


def diff(
    arguments: Annotated[
        list[str] | None,
        typer.Argument(metavar="[REV1 [REV2]] [PLAN_DIR]", help="Default: HEAD, the working tree, '.'."),
    ] = None,
    format: DiffFormat = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with 1 when the plans differ, as git diff.")
    ] = False,
    lang: DiffLang = None,
) -> None:
    """Compare a plan at two git revisions: items, budget totals, indicator baselines and targets.

    Without REV2 the working tree is compared; without REV1, HEAD. The last argument is the plan folder
    when it names a folder (always when there are three). Nothing in the working tree or the index is touched.

    Examples:

    \b
      smartplan diff plans/banjar
      smartplan diff main HEAD plans/banjar --format markdown
      smartplan diff v1.0 --exit-code
      smartplan diff main HEAD plans/banjar --lang en
    """
    from smartplan import api
    from smartplan.diff import comparing
    from smartplan.diff.report import REPORTERS
    from smartplan.i18n import locale_language

    chosen = chosen_language(lang)
    if format not in REPORTERS:
        raise typer.BadParameter(f"choose one of: {', '.join(REPORTERS)}", param_hint="--format")
    before, after, plan_dir = guarded(lambda: comparing.split_arguments(arguments or []), chosen)
    comparison = guarded(lambda: api.diff(plan_dir, before, after), chosen)
    REPORTERS[format](comparison, sys.stdout, chosen or comparison.language or locale_language())
    raise typer.Exit(int(comparison.exit_code(exit_code=exit_code)))
