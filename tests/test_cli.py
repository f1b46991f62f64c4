"""`smartplan validate` through the public command line: exit codes, several plans, help and internal errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smartplan import api
from tests.helpers import EXAMPLES, REPO, lay_out, smartplan

INVALID = EXAMPLES / "invalid"


def test_exit_0_for_a_valid_plan(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    assert smartplan("validate", "plan") == (0, "memeriksa 25 berkas: tidak ada masalah\n", "")  # the plan's language


def test_exit_0_defaults_to_the_current_folder(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    monkeypatch.chdir("plan")
    assert smartplan("validate") == (0, "memeriksa 25 berkas: tidak ada masalah\n", "")


def test_exit_1_for_errors(in_tmp: Path) -> None:
    lay_out(INVALID / "dangling-lead-agency", in_tmp)
    code, out, err = smartplan("validate", "plan")
    assert (code, err) == (1, "")
    assert out.endswith("memeriksa 25 berkas: 1 kesalahan, 0 peringatan\n")


def test_warnings_exit_0_but_1_with_strict(in_tmp: Path) -> None:
    lay_out(INVALID / "warning-no-baseline", in_tmp)
    assert smartplan("validate", "plan")[0] == 0
    assert smartplan("validate", "--strict", "plan")[0] == 1


def test_exit_2_for_a_folder_without_plan_yaml(in_tmp: Path) -> None:
    Path("empty").mkdir()
    assert smartplan("validate", "empty") == (
        2,
        "",
        "smartplan: error: empty: not a plan folder (no plan.yaml found)\n"
        "hint: pass the folder that holds plan.yaml, e.g. 'smartplan validate plans/banjar'\n",
    )


@pytest.mark.parametrize("command", ["validate", "build", "serve", "status"])
def test_a_folder_or_file_inside_a_plan_is_answered_with_the_plan_folder(in_tmp: Path, command: str) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    for given in ("plan/quickwins", "plan/quickwins/qw-2025-governance.yaml"):
        assert smartplan(command, given) == (
            2,
            "",
            f"smartplan: error: {given}: not a plan folder (no plan.yaml found)\n"
            "hint: the plan folder here is 'plan': pass that one\n",
        )
    code, _, err = smartplan(command, "--lang", "id", "plan/quickwins")
    assert (code, err.splitlines()[1]) == (2, "saran: folder rencana di sini adalah 'plan': berikan folder itu")


def test_a_folder_without_plan_yaml_is_told_in_the_users_language(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No plan.yaml, so no plan language: --lang, else the locale.
    Path("empty").mkdir()
    indonesian = (
        "smartplan: kesalahan: empty: bukan folder rencana (plan.yaml tidak ditemukan)\n"
        "saran: berikan folder yang memuat plan.yaml, mis. 'smartplan validate plans/banjar'\n"
    )
    assert smartplan("validate", "--lang", "id", "empty") == (2, "", indonesian)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert smartplan("validate", "empty") == (2, "", indonesian)
    assert smartplan("build", "empty")[2] == indonesian
    code, _, err = smartplan("validate", "--lang", "en", "empty")
    assert (code, err.splitlines()[0]) == (2, "smartplan: error: empty: not a plan folder (no plan.yaml found)")
    # So is an output folder that build refuses.
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    assert smartplan("build", "plan", "--out", "plan/docs") == (
        2,
        "",
        "smartplan: kesalahan: menolak menulis keluaran ke plan/docs: folder itu berada di dalam folder rencana\n"
        "saran: pilih folder kosong dengan --out\n",
    )
    # And a file that new cannot add.
    code, _, err = smartplan("new", "quickwin", "plan", "qw-2025-living")
    assert (code, err) == (
        2,
        "smartplan: kesalahan: quickwin memerlukan --dimension\n"
        "saran: pilih salah satu dari: governance, branding, economy, living, society, environment\n",
    )
    # And what diff cannot compare.
    assert smartplan("diff", "a", "b", "c", "d") == (
        2,
        "",
        "smartplan: kesalahan: terlalu banyak argumen: yang diharapkan [REV1 [REV2]] [PLAN_DIR]\n",
    )


def test_exit_2_for_an_unknown_report_format(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    code, out, err = smartplan("validate", "--format", "xml", "plan")
    assert (code, out) == (2, "")
    assert "Invalid value for --report: choose one of: text, json, github" in err


def test_exit_2_for_an_unknown_option() -> None:
    code, out, err = smartplan("validate", "--strcit")
    assert (code, out) == (2, "")
    assert "No such option: --strcit" in err


def test_exit_3_for_a_resource_limit(in_tmp: Path) -> None:
    lay_out(INVALID / "limit-too-deep", in_tmp)
    code, out, err = smartplan("validate", "--lang", "en", "plan")
    assert (code, err) == (3, "")
    assert "error[too-deep]: nesting deeper than 32 levels (flatten the structure)\n" in out


def test_a_limit_outranks_ordinary_errors(in_tmp: Path) -> None:
    lay_out(INVALID / "limit-too-deep", in_tmp)
    shutil.copytree(INVALID / "dangling-source" / "files", "plan", dirs_exist_ok=True)
    lay_out(INVALID / "limit-value-too-long", in_tmp / "other")
    code, out, _ = smartplan("validate", "other/plan", "plan")
    assert code == 3


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\nsecond line")


def test_exit_4_for_a_bug_one_line_and_a_hint(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "validate", _boom)
    assert smartplan("validate", ".") == (
        4,
        "",
        "smartplan: internal error: RuntimeError: boom\n"
        "hint: this is a bug in smartplan; rerun with --debug for the traceback and report it\n",
    )
    monkeypatch.setenv("LANG", "id_ID.UTF-8")  # no plan read: the locale's language; Python's words stay
    assert smartplan("validate", ".") == (
        4,
        "",
        "smartplan: kesalahan internal: RuntimeError: boom\n"
        "saran: ini kesalahan (bug) pada smartplan; jalankan lagi dengan --debug untuk melihat traceback-nya, lalu"
        " laporkan\n",
    )
    assert smartplan("validate", "--lang", "en", ".")[2].startswith("smartplan: internal error: RuntimeError")


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_an_interruption_is_said_in_the_reader_s_language(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "validate", _interrupt)
    assert smartplan("validate", ".") == (130, "", "smartplan: interrupted\n")
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert smartplan("validate", ".") == (130, "", "smartplan: dihentikan\n")


def test_debug_shows_the_traceback_and_keeps_exit_4(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "validate", _boom)
    code, out, err = smartplan("--debug", "validate", ".")
    assert (code, out) == (4, "")
    assert err.startswith("Traceback (most recent call last):\n")
    assert 'in _boom\n    raise RuntimeError("boom\\nsecond line")\nRuntimeError: boom\nsecond line\n' in err
    assert err.endswith("smartplan: internal error: RuntimeError: boom\n")


def test_a_real_process_prints_no_traceback_for_a_user_mistake(tmp_path: Path) -> None:
    lay_out(INVALID / "yaml-syntax-error", tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "smartplan", "validate", "plan"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (run.returncode, run.stderr) == (1, "")
    # The plan's language, Indonesian, is the report's.
    assert run.stdout == (INVALID / "yaml-syntax-error" / "expected.txt").read_text().removesuffix("exit code: 1\n")


def test_several_plans_in_one_run_each_sorted_by_file_and_line(in_tmp: Path) -> None:
    lay_out(INVALID / "dangling-source", in_tmp / "a")
    shutil.copytree(INVALID / "duplicate-key" / "files", "a/plan", dirs_exist_ok=True)  # overrides the same file
    shutil.copytree(INVALID / "bool-no" / "files", "a/plan", dirs_exist_ok=True)
    shutil.copytree(INVALID / "dangling-indicator-element" / "files", "a/plan", dirs_exist_ok=True)
    lay_out(INVALID / "warning-no-quickwin", in_tmp / "b")
    code, out, err = smartplan("validate", "--lang", "en", "b/plan", "a/plan")
    assert (code, err) == (1, "")
    assert out == (
        "b/plan/dimensions/branding.yaml:1:5: warning[no-quickwin]: dimension 'branding' has no quick win"
        " (add a file to quickwins/ with 'dimension: branding')\n"
        "a/plan/dimensions/governance.yaml:16:14: error[dangling-ref]: indicators[0].element:"
        " unknown element 'layanan-publik' (did you mean 'pelayanan-publik'?)\n"
        "a/plan/plan.yaml:105:18: error[wrong-type]: sources[1].placeholder: expected true or false,"
        " got the text 'NO' (write true or false)\n"
        "a/plan/quickwins/qw-2025-governance.yaml:20:1: error[duplicate-key]: lead_agency:"
        " duplicate key 'lead_agency' (first defined at line 6) (remove one of the two; YAML keeps only the last)\n"
        "checked 50 files: 3 errors, 1 warning\n"
        "some checks between files could not run on 2 files with errors: fix them and validate again\n"
    )


def test_help_lists_the_exit_codes() -> None:
    for args in (["--help"], ["validate", "--help"]):
        code, out, _ = smartplan(*args)
        assert code == 0
        text = " ".join(out.split())
        assert (
            "Exit codes: 0 valid, 1 the plan has errors (or warnings with --strict), 2 usage error,"
            " 3 a resource limit was hit, 4 internal error (a bug: rerun with --debug for the traceback)."
        ) in text


def test_validate_help_names_the_report_formats_and_strict() -> None:
    out = " ".join(smartplan("validate", "--help")[1].split())
    assert "--strict Treat warnings as errors." in out
    assert "-f, --report, --format <str> Report format: text, json or github. --report, as in build" in out


def test_a_full_disk_under_the_output_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "smartplan", "validate", str(REPO / "plans" / "banjar")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert (run.returncode, run.stderr) == (1, "smartplan: error: cannot write the output: No space left on device\n")


def test_a_reader_that_leaves_early_ends_the_command_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "smartplan", "schema", "program"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # as `| head` does once it has its lines
        assert (process.wait(timeout=60), process.stderr.read()) == (1, b"")


def test_a_folder_of_plans_validates_each_plan_below_it(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plans/banjar")
    lay_out(INVALID / "dangling-lead-agency", in_tmp / "plans" / "ciamis")
    (in_tmp / "plans" / "ciamis" / "plan").rename(in_tmp / "plans" / "ciamis-plan")
    (in_tmp / "plans" / "notes").mkdir()  # a folder without a plan is passed over
    code, out, err = smartplan("validate", "--lang", "en", "plans")
    assert (code, err) == (1, "")
    assert out == (
        "plans/ciamis-plan/quickwins/qw-2025-governance.yaml:6:14: error[dangling-ref]: lead_agency:"
        " unknown agency 'diskominf' (did you mean 'diskominfo'? agencies are defined in plan.yaml under 'agencies')\n"
        "checked 50 files: 1 error, 0 warnings\n"
    )


def test_a_folder_with_no_plan_in_or_below_it_is_still_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    code, out, err = smartplan("validate", "empty")
    assert (code, out) == (2, "")
    assert err.startswith("smartplan: error: empty: not a plan folder (no plan.yaml found)\n")


def test_lang_and_formats_are_accepted_in_any_case(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", "plan")
    code, out, err = smartplan("build", "plan", "--lang", "EN", "--format", "HTML", "--report", "Text", "-o", "out")
    assert (code, err) == (0, "")
    assert out == "checked 25 files: no problems\nwrote 5 documents to out\n"
    assert '<html lang="en">' in (in_tmp / "out" / "masterplan.html").read_text(encoding="utf-8")
    assert smartplan("validate", "--report", "JSON", "plan")[1].startswith('{\n  "files": 25,')


def test_build_quiet_prints_only_problems(in_tmp: Path) -> None:
    lay_out(INVALID / "warning-no-baseline", in_tmp)
    code, out, err = smartplan("build", "plan", "-q", "-o", "out", "--lang", "en")
    assert (code, err) == (0, "")
    assert out == (
        "plan/dimensions/governance.yaml:14:9: warning[no-baseline]: indicators[0]: indicator 'governance-1'"
        " has no baseline (add 'baseline: {year, value, source}')\n"
        "checked 25 files: 0 errors, 1 warning\n"
    )
    assert (in_tmp / "out" / "masterplan.html").is_file()
