"""`smartplan status`: the roll-up of a monitoring year in the terminal and as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from smartplan.monitoring.terminal import status_text
from tests.helpers import EXAMPLES, MINIMAL, REGENERATE, TESTS, smartplan

WITH_MONITORING = EXAMPLES / "valid" / "with-monitoring"
GOLDEN = TESTS / "golden" / "status"


def _golden(name: str, actual: str) -> None:
    if REGENERATE:
        (GOLDEN / name).write_text(actual)
    assert actual == (GOLDEN / name).read_text()


def test_text_roll_up_of_each_year_reads_as_pinned() -> None:
    """Default: the latest year, in the plan's language (Indonesian); every status, both directions, quick wins,
    programs and absorption."""
    code, latest, err = smartplan("status", str(WITH_MONITORING))
    assert (code, err) == (0, "")
    assert smartplan("status", str(WITH_MONITORING), "--year", "2026") == (0, latest, "")
    _golden("with-monitoring-2026.txt", latest)
    code, out, err = smartplan("status", str(WITH_MONITORING), "--year", "2025")
    assert (code, err) == (0, "")
    _golden("with-monitoring-2025.txt", out)
    assert "\x1b[" not in out  # not a terminal: no colours


def test_text_roll_up_in_english() -> None:
    code, out, err = smartplan("status", str(WITH_MONITORING), "--year", "2025", "--lang", "en")
    assert (code, err) == (0, "")
    _golden("with-monitoring-2025.en.txt", out)


def test_json_for_dashboards() -> None:
    code, out, err = smartplan("status", str(WITH_MONITORING), "--year", "2025", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["year"], data["years"], data["reporter"]) == (2025, [2025, 2026], "Bappeda Kota Banjar")
    assert data["plan"]["counts"] == {"achieved": 2, "on-track": 2, "needs-attention": 1, "off-track": 2, "no-data": 1}
    governance = data["dimensions"][0]
    assert (governance["id"], governance["status"]) == ("governance", "on-track")
    assert governance["indicators"][1] == {
        "id": "governance-2",
        "name": "Waktu rata-rata penerbitan izin usaha",
        "element": "manajemen-birokrasi",
        "unit": "hari",
        "direction": "lower",
        "target": 15.0,
        "value": 15.2,
        "source": "estimasi-opd",
        "placeholder": True,
        "progress": governance["indicators"][1]["progress"],
        "status": "on-track",
    }
    assert round(governance["indicators"][1]["progress"], 4) == 0.96
    assert data["actions"][0] == {
        "id": "qw-2025-governance",
        "kind": "quickwin",
        "name": "Portal Layanan Publik Terpadu",
        "status": "done",
        "planned": 350_000_000,
        "realised": 340_000_000,
        "evidence": [
            {"title": "Berita acara serah terima portal layanan publik", "url": "https://example.org/bast-portal"}
        ],
    }
    assert data["absorption"]["total"] == {
        "id": "total",
        "planned": 1_850_000_000,
        "realised": 600_000_000,
        "ratio": 600 / 1100,
    }


def test_colours_only_when_asked_for_a_terminal() -> None:
    code, out, _ = smartplan("status", str(WITH_MONITORING), "--year", "2025", "--format", "json")
    coloured = status_text(json.loads(out), "en", colour=True)
    assert "\x1b[32m\x1b[1machieved\x1b[0m" in coloured
    assert "\x1b[31m\x1b[1moff track\x1b[0m" in coloured
    assert "\x1b[31m\x1b[1mtidak sesuai jalur\x1b[0m" in status_text(json.loads(out), "id", colour=True)
    plain = status_text(json.loads(out), "id")
    assert plain == smartplan("status", str(WITH_MONITORING), "--year", "2025")[1]


def test_plan_text_cannot_drive_the_terminal(in_tmp: Path) -> None:
    shutil.copytree(WITH_MONITORING, in_tmp / "plan")
    report = in_tmp / "plan" / "monitoring" / "2026.yaml"
    # Control characters are refused when the file is read; a bidi override is text, and is escaped on output.
    report.write_text(report.read_text().replace("reporter: Bappeda Kota Banjar", "reporter: Bappeda \u202eknaB"))
    code, out, _ = smartplan("status", "plan")
    assert code == 0
    assert out.splitlines()[0] == r"Kota Banjar: monitoring 2026, dilaporkan 30 November 2026 oleh Bappeda \u202eknaB"


def test_plan_without_monitoring_data() -> None:
    assert smartplan("status", str(MINIMAL)) == (
        0,
        f"belum ada data monitoring; mulai satu tahun dengan: smartplan new monitoring {MINIMAL.as_posix()} TAHUN\n",
        "",
    )
    assert smartplan("status", str(MINIMAL), "--lang", "en") == (
        0,
        f"no monitoring data yet; start a year with: smartplan new monitoring {MINIMAL.as_posix()} YEAR\n",
        "",
    )
    assert smartplan("status", str(MINIMAL), "--format", "json") == (0, "{}\n", "")


def test_a_year_without_data_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = smartplan("status", str(WITH_MONITORING), "--year", "2027")
    assert (code, out) == (2, "")
    assert err == (
        f"smartplan: error: {WITH_MONITORING.as_posix()}: no monitoring data for 2027\n"
        "hint: years with data: 2025, 2026\n"
    )
    monkeypatch.setenv("LANG", "id_ID.UTF-8")  # said before the plan is put into words: in the locale's language
    assert smartplan("status", str(WITH_MONITORING), "--year", "2027")[2] == (
        f"smartplan: kesalahan: {WITH_MONITORING.as_posix()}: belum ada data monitoring tahun 2027\n"
        "saran: tahun yang berdata: 2025, 2026\n"
    )


def test_a_plan_with_errors_gives_its_report_and_no_status(in_tmp: Path) -> None:
    shutil.copytree(WITH_MONITORING, in_tmp / "plan")
    (in_tmp / "plan" / "monitoring" / "2026.yaml").write_text(
        "year: 2026\nreported: 2026-11-30\nreporter: Bappeda\nindicators:\n  - indicator: nope\n"
    )
    code, out, _ = smartplan("status", "plan")
    assert code == 1
    assert out == (
        "plan/monitoring/2026.yaml:5:16: kesalahan[dangling-ref]: indicators[0].indicator: indikator 'nope' tidak"
        " dikenal (indikator didefinisikan di dimensions/<dimensi>.yaml pada 'indicators')\n"
        "memeriksa 27 berkas: 1 kesalahan, 0 peringatan\n"
    )
    code, out, _ = smartplan("status", "--lang", "en", "plan")
    assert code == 1
    assert out == (
        "plan/monitoring/2026.yaml:5:16: error[dangling-ref]: indicators[0].indicator: unknown indicator 'nope'"
        " (indicators are defined in dimensions/<dimension>.yaml under 'indicators')\n"
        "checked 27 files: 1 error, 0 warnings\n"
    )


def _in_english(plan: Path) -> Path:
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text().replace("language: id", "language: en", 1))
    return plan


def test_the_language_is_lang_else_the_plan_s_else_the_locale_s(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _in_english(Path(shutil.copytree(WITH_MONITORING, in_tmp / "plan")))
    english = (GOLDEN / "with-monitoring-2025.en.txt").read_text()
    indonesian = (GOLDEN / "with-monitoring-2025.txt").read_text()
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert smartplan("status", "plan", "--year", "2025") == (0, english, "")  # the plan's language, not the locale's
    assert smartplan("status", "plan", "--year", "2025", "--lang", "id") == (0, indonesian, "")  # --lang wins
    assert smartplan("status", str(WITH_MONITORING), "--year", "2025", "--lang", "EN") == (0, english, "")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert smartplan("status", str(WITH_MONITORING), "--year", "2025") == (0, indonesian, "")  # the plan's again


def test_json_is_for_machines_in_any_language() -> None:
    args = ("status", str(WITH_MONITORING), "--year", "2025", "--format", "json")
    english = smartplan(*args, "--lang", "en")
    assert english[0] == 0 and '"status": "needs-attention"' in english[1]
    assert smartplan(*args, "--lang", "id") == english == smartplan(*args)
