"""The language of validate's report: --lang, else the plan's `language`, else the locale; each plan its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, smartplan

QUICKWIN = "quickwins/qw-2025-governance.yaml"
UNKNOWN_LEAD = {
    "id": (
        "kesalahan[dangling-ref]: lead_agency: perangkat daerah 'diskominf' tidak dikenal (maksud Anda 'diskominfo'?"
        " perangkat daerah didefinisikan di plan.yaml pada 'agencies')"
    ),
    "en": (
        "error[dangling-ref]: lead_agency: unknown agency 'diskominf' (did you mean 'diskominfo'?"
        " agencies are defined in plan.yaml under 'agencies')"
    ),
}
SUMMARY = {"id": "memeriksa 25 berkas: 1 kesalahan, 0 peringatan\n", "en": "checked 25 files: 1 error, 0 warnings\n"}


@pytest.fixture(autouse=True)
def locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English locale unless a test says otherwise, so that a report in Indonesian comes from the plan."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def _plan(folder: Path, language: str = "id") -> Path:
    """The minimal plan with an unknown lead agency, in `language`."""
    shutil.copytree(MINIMAL, folder)
    quickwin = folder / QUICKWIN
    quickwin.write_text(quickwin.read_text().replace("lead_agency: diskominfo", "lead_agency: diskominf"))
    plan = folder / "plan.yaml"
    plan.write_text(plan.read_text().replace("language: id", f"language: {language}"))
    return folder


def _report(lang: str, plan: str = "plan") -> str:
    return f"{plan}/{QUICKWIN}:6:14: {UNKNOWN_LEAD[lang]}\n{SUMMARY[lang]}"


def test_the_plans_language_is_the_reports(in_tmp: Path) -> None:
    _plan(in_tmp / "plan")
    assert smartplan("validate", "plan") == (1, _report("id"), "")


def test_a_plan_in_english_is_reported_in_english(in_tmp: Path) -> None:
    _plan(in_tmp / "plan", "en")
    assert smartplan("validate", "plan") == (1, _report("en"), "")


@pytest.mark.parametrize(("option", "lang"), [("en", "en"), ("EN", "en"), ("id", "id")])
def test_lang_chooses_over_the_plan(in_tmp: Path, option: str, lang: str) -> None:
    _plan(in_tmp / "plan", "en" if lang == "id" else "id")
    assert smartplan("validate", "--lang", option, "plan") == (1, _report(lang), "")


def test_an_unknown_language_is_a_usage_error(in_tmp: Path) -> None:
    _plan(in_tmp / "plan")
    code, out, err = smartplan("validate", "--lang", "fr", "plan")
    assert (code, out) == (2, "")
    assert "choose one of: id, en" in err


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"LANG": "id_ID.UTF-8"}, "kesalahan[not-mapping]: berkas berisi daftar, bukan kolom"),
        ({"LANG": "en_US.UTF-8"}, "error[not-mapping]: the file holds a list, not fields"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "id_ID.UTF-8"}, "kesalahan[not-mapping]"),
        ({"LANG": "C"}, "error[not-mapping]"),
    ],
)
def test_where_plan_yaml_cannot_be_read_the_locale_chooses(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], said: str
) -> None:
    plan = _plan(in_tmp / "plan") / "plan.yaml"
    plan.write_text("- language: id\n")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, _ = smartplan("validate", "plan")
    assert code == 1
    assert f"plan/plan.yaml:1:1: {said}" in out


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("id", "kesalahan[invalid-date]: document.date: '31/10/2024' bukan tanggal yang sah"),
        ("en", "error[invalid-date]: document.date: '31/10/2024' is not a valid date"),
    ],
)
def test_a_plan_yaml_with_errors_is_still_reported_in_its_own_language(in_tmp: Path, language: str, said: str) -> None:
    """A required field that fails (the date written as in a letter) leaves no model of plan.yaml: the language
    it asks for is still the report's."""
    plan = _plan(in_tmp / "plan", language) / "plan.yaml"
    plan.write_text(plan.read_text().replace("date: 2024-10-31", "date: 31/10/2024"))
    code, out, _ = smartplan("validate", "plan")
    assert code == 1
    assert f"plan/plan.yaml:5:9: {said}" in out
    assert SUMMARY[language] in out  # the unknown lead is not looked for: the checks between files wait


def test_several_plans_each_in_its_own_language(in_tmp: Path) -> None:
    _plan(in_tmp / "plans" / "banjar")
    _plan(in_tmp / "plans" / "ciamis", "en")
    code, out, err = smartplan("validate", "plans")
    assert (code, err) == (1, "")
    assert out == (
        f"plans/banjar/{QUICKWIN}:6:14: {UNKNOWN_LEAD['id']}\n"
        f"plans/ciamis/{QUICKWIN}:6:14: {UNKNOWN_LEAD['en']}\n"
        "memeriksa 50 berkas: 2 kesalahan, 0 peringatan\n"  # the summary in the first plan's language
    )


def test_several_plans_all_in_one_language_with_lang(in_tmp: Path) -> None:
    _plan(in_tmp / "plans" / "banjar")
    _plan(in_tmp / "plans" / "ciamis", "en")
    code, out, _ = smartplan("validate", "--lang", "en", "plans")
    assert code == 1
    assert out.splitlines() == [
        f"plans/banjar/{QUICKWIN}:6:14: {UNKNOWN_LEAD['en']}",
        f"plans/ciamis/{QUICKWIN}:6:14: {UNKNOWN_LEAD['en']}",
        "checked 50 files: 2 errors, 0 warnings",
    ]


def test_json_keeps_its_keys_codes_and_severities_in_english(in_tmp: Path) -> None:
    import json

    _plan(in_tmp / "plan")
    code, out, _ = smartplan("validate", "--format", "json", "plan")
    (diagnostic,) = json.loads(out)["diagnostics"]
    assert (code, diagnostic["severity"], diagnostic["code"]) == (1, "error", "dangling-ref")
    assert diagnostic["message"] == "perangkat daerah 'diskominf' tidak dikenal"


@pytest.mark.parametrize("command", ["build", "export", "status"])
def test_the_other_commands_report_problems_as_validate_does(in_tmp: Path, command: str) -> None:
    _plan(in_tmp / "plan")
    assert smartplan(command, "plan") == (1, _report("id"), "")
    assert smartplan(command, "--lang", "en", "plan") == (1, _report("en"), "")
