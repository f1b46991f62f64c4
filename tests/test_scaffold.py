"""`smartplan init` and `smartplan new`: what a city team gets, and that it validates straight away."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import EXAMPLES, MINIMAL, REPO, smartplan

# The national guide's six dimensions and three elements each (see DOMAIN.md), written out independently here.
STANDARD_ELEMENTS = {
    "governance": ["Pelayanan Publik", "Manajemen Birokrasi", "Kebijakan Publik"],
    "branding": ["Ekosistem Pariwisata", "Ekosistem Bisnis Daerah", "Wajah Kota"],
    "economy": ["Ekosistem Industri Berdaya Saing", "Kesejahteraan Rakyat", "Ekosistem Transaksi Keuangan"],
    "living": ["Harmonisasi Tata Ruang", "Sarana Transportasi", "Prasarana Kesehatan"],
    "society": ["Interaksi Masyarakat", "Ekosistem Belajar", "Sistem Keamanan Masyarakat"],
    "environment": ["Proteksi Lingkungan", "Tata Kelola Sampah dan Limbah", "Tata Kelola Energi"],
}
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def _yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def garut(in_tmp: Path) -> Path:
    code, out, err = smartplan("init", "garut", "--city", "Kabupaten Garut", "--start", "2026")
    assert (code, err) == (0, "")
    assert out == "membuat garut (20 berkas); periksa dengan: smartplan validate garut\n"  # the new plan's language
    return in_tmp / "garut"


def codes(report: str) -> Counter[str]:
    """How many diagnostics of each code a text report holds."""
    return Counter(re.findall(r": (?:kesalahan|peringatan)\[([a-z-]+)\]: ", report))  # the plan's Indonesian


# What a fresh plan still lacks: its 36 texts marked [isi ...] (plan.yaml 7, a dimension 1, a quick win 4),
# the region code, the six quick wins' amounts, work for the other 12 elements, and other lead agencies.
TO_DO = Counter(
    {"unfilled-text": 39, "template-code": 1, "zero-amount": 6, "element-without-action": 12, "lead-share": 1}
)


def test_init_plan_validates_straight_away_and_says_what_it_lacks(garut: Path) -> None:
    code, out, err = smartplan("validate", "garut")
    assert (code, err) == (0, "")
    assert out.endswith("memeriksa 13 berkas: 0 kesalahan, 59 peringatan\n")
    assert codes(out) == TO_DO
    assert smartplan("validate", "--strict", "garut")[0] == 1


def test_init_plan_builds_straight_away(garut: Path) -> None:
    code, out, err = smartplan("build", "garut", "--out", "out", "--quiet")
    assert (code, err) == (0, "")
    assert out.endswith("memeriksa 13 berkas: 0 kesalahan, 59 peringatan\n") and codes(out) == TO_DO
    masterplan = (garut.parent / "out" / "masterplan.html").read_text(encoding="utf-8")
    assert "Masterplan Smart City Kabupaten Garut 2026-2035" in masterplan
    assert "Tata Kelola Sampah dan Limbah" in masterplan


def test_init_writes_plan_dimensions_quickwins_and_editor_support(garut: Path) -> None:
    files = sorted(p.relative_to(garut).as_posix() for p in garut.rglob("*") if p.is_file())
    assert files == sorted(
        [
            ".schemas/dimension.schema.json",
            ".schemas/monitoring.schema.json",
            ".schemas/plan.schema.json",
            ".schemas/program.schema.json",
            ".schemas/quickwin.schema.json",
            ".vscode/settings.json",
            "README.md",
            "plan.yaml",
            *(f"dimensions/{d}.yaml" for d in STANDARD_ELEMENTS),
            *(f"quickwins/qw-2026-{d}.yaml" for d in STANDARD_ELEMENTS),
        ]
    )
    plan = _yaml(garut / "plan.yaml")
    city = {"name": "Kabupaten Garut", "type": "kabupaten", "province": "[isi nama provinsi]", "region_code": "00.00"}
    assert plan["city"] == city
    assert plan["period"] == {"start": 2026, "end": 2035}
    readme = (garut / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Masterplan Smart City Kabupaten Garut\n")
    assert "smartplan validate ." in readme
    assert "pypi.org" not in readme  # smartplan is not published there: the link led nowhere, or to another package


@pytest.mark.parametrize("dimension", list(STANDARD_ELEMENTS))
def test_init_names_the_three_standard_elements_in_indonesian(garut: Path, dimension: str) -> None:
    data = _yaml(garut / "dimensions" / f"{dimension}.yaml")
    assert data["id"] == dimension
    assert [e["name"] for e in data["elements"]] == STANDARD_ELEMENTS[dimension]  # type: ignore[attr-defined]


def test_every_written_yaml_file_points_to_a_schema_inside_the_plan(garut: Path) -> None:
    kinds = {"plan.yaml": "plan", "dimensions": "dimension", "quickwins": "quickwin"}
    written = sorted(garut.rglob("*.yaml"))
    assert len(written) == 13
    for path in written:
        first = path.read_text(encoding="utf-8").splitlines(keepends=True)[0]
        match = MODELINE.fullmatch(first)
        assert match, f"{path}: first line is {first!r}"
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file()
        kind = kinds[path.name if path.name == "plan.yaml" else path.parent.name]
        assert schema == (garut / ".schemas" / f"{kind}.schema.json").resolve()


def test_vscode_settings_map_each_file_kind_to_its_schema(garut: Path) -> None:
    settings = json.loads((garut / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {
        "./.schemas/plan.schema.json": "plan.yaml",
        "./.schemas/dimension.schema.json": "dimensions/*.yaml",
        "./.schemas/quickwin.schema.json": "quickwins/*.yaml",
        "./.schemas/program.schema.json": "programs/*.yaml",
        "./.schemas/monitoring.schema.json": "monitoring/*.yaml",
    }
    for schema in settings["yaml.schemas"]:
        assert (garut / schema).is_file()


def test_init_quotes_a_city_name_that_looks_like_yaml(in_tmp: Path) -> None:
    assert smartplan("init", "x", "--city", 'Kota A: "B" #c')[0] == 0
    assert _yaml(in_tmp / "x" / "plan.yaml")["city"]["name"] == 'Kota A: "B" #c'  # type: ignore[index]
    assert smartplan("validate", "x")[0] == 0


def test_init_refuses_a_folder_that_is_not_empty(in_tmp: Path) -> None:
    (in_tmp / "taken").mkdir()
    (in_tmp / "taken" / "notes.txt").write_text("keep me")
    code, out, err = smartplan("init", "taken", "--city", "Kota Banjar")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "smartplan: error: taken: the folder exists and is not empty",
        "hint: choose a new folder for the plan",
    ]
    assert [p.name for p in (in_tmp / "taken").iterdir()] == ["notes.txt"]


def test_init_says_the_command_to_paste_with_a_folder_name_quoted(in_tmp: Path) -> None:
    code, out, err = smartplan("init", "kota baru", "--city", "Kota Baru")
    assert (code, err) == (0, "")
    assert out == "membuat kota baru (20 berkas); periksa dengan: smartplan validate 'kota baru'\n"
    command = shlex.split(out.split(": ", 1)[1])
    assert smartplan(*command[1:])[0] == 0  # pasted into a shell, it checks the new plan


def test_init_refuses_a_file_in_place_of_the_folder(in_tmp: Path) -> None:
    (in_tmp / "garut").write_text("notes")
    assert smartplan("init", "garut", "--city", "Kabupaten Garut") == (
        2,
        "",
        "smartplan: error: garut: is a file, not a folder\nhint: choose a new folder for the plan\n",
    )


def test_init_that_cannot_write_says_where_and_leaves_nothing_behind(in_tmp: Path) -> None:
    (in_tmp / "plans").write_text("a file where the folder of plans should be")
    code, out, err = smartplan("init", "plans/garut", "--city", "Kabupaten Garut")
    assert (code, out) == (2, "")  # a usage error, not an internal error (4)
    assert err.splitlines() == [
        "smartplan: error: cannot write plans/garut/.schemas: Not a directory",
        "hint: choose a folder you can write to, where no file has the name of a folder it needs",
    ]
    assert sorted(p.name for p in in_tmp.iterdir()) == ["plans"]


def test_schema_that_cannot_write_says_where(in_tmp: Path) -> None:
    (in_tmp / "schemas").write_text("a file where the folder should be")
    assert smartplan("schema", "--out", "schemas/plan", "--lang", "en") == (
        2,
        "",
        "smartplan: error: cannot write schemas/plan: Not a directory\n"
        "hint: choose a folder you can write to, where no file has the name of a folder it needs\n",
    )
    code, _, err = smartplan("schema", "--out", "schemas/plan", "--lang", "id")
    assert (code, err.splitlines()[0]) == (2, "smartplan: kesalahan: tidak dapat menulis schemas/plan: Not a directory")


def test_new_that_cannot_write_says_so_in_the_locales_language(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan")
    shutil.rmtree(in_tmp / "plan" / "programs")
    (in_tmp / "plan" / "programs").write_text("")  # a file saved where the folder of programs belongs
    code, out, err = smartplan("new", "program", "plan", "portal-baru", "-d", "governance")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "smartplan: kesalahan: tidak dapat menulis plan/programs: File exists",
        "saran: pilih folder yang dapat ditulis, dan pastikan tidak ada berkas yang bernama sama dengan folder"
        " yang diperlukan",
    ]


def test_init_takes_today_from_smartplan_today_so_two_inits_give_the_same_files(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMARTPLAN_TODAY", "2030-05-01")  # as for every other date smartplan takes from today
    for name in ("a", "b"):
        assert smartplan("init", name, "--city", "Kabupaten Garut")[0] == 0
    plan = _yaml(in_tmp / "a" / "plan.yaml")
    assert (plan["document"]["date"], plan["period"]) == (date(2030, 5, 1), {"start": 2031, "end": 2040})  # type: ignore[index]
    assert sorted(p.name for p in (in_tmp / "a" / "quickwins").iterdir())[0] == "qw-2031-branding.yaml"
    for path in sorted((in_tmp / "a").rglob("*.yaml")):
        assert path.read_bytes() == (in_tmp / "b" / path.relative_to(in_tmp / "a")).read_bytes(), path


def test_init_quick_wins_fall_in_the_first_year_of_the_plan(in_tmp: Path) -> None:
    assert smartplan("init", "old", "--city", "Kota Banjar", "--start", "2020")[0] == 0
    for path in sorted((in_tmp / "old" / "quickwins").glob("*.yaml")):
        assert path.name.startswith("qw-2020-")
        assert _yaml(path)["year"] == 2020


def test_init_refuses_a_start_year_out_of_range(in_tmp: Path) -> None:
    code, _, err = smartplan("init", "banjar", "--city", "Kota Banjar", "--start", "202")
    assert code == 2
    assert err.startswith("smartplan: error: start year 202 is out of range\n")
    assert not (in_tmp / "banjar").exists()


def test_init_refuses_a_name_without_kota_or_kabupaten(in_tmp: Path) -> None:
    code, _, err = smartplan("init", "banjar", "--city", "Banjar")
    assert code == 2
    assert err.startswith("smartplan: error: 'Banjar' does not start with 'Kota' or 'Kabupaten'\n")
    assert not (in_tmp / "banjar").exists()


def test_new_says_what_it_made_in_the_plans_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    (plan / "plan.yaml").write_text((plan / "plan.yaml").read_text().replace("language: id\n", "language: en\n", 1))
    assert smartplan("new", "program", str(plan), "portal-baru", "-d", "governance") == (
        0,
        f"created {plan.as_posix()}/programs/portal-baru.yaml; replace its [isi ...] texts"
        " and check the fields marked '# isi:'\n",
        "",
    )


def test_new_quickwin_and_program_are_prefilled_and_keep_the_plan_valid(garut: Path) -> None:
    assert smartplan("new", "quickwin", "garut", "qw-2027-living", "--dimension", "living", "--year", "2027") == (
        0,
        "membuat garut/quickwins/qw-2027-living.yaml; ganti teks [isi ...] di dalamnya"
        " dan periksa kolom yang bertanda '# isi:'\n",
        "",
    )
    assert smartplan("new", "program", "garut", "satu-data", "-d", "governance")[0] == 0
    quickwin = _yaml(garut / "quickwins" / "qw-2027-living.yaml")
    assert (quickwin["id"], quickwin["dimension"], quickwin["element"], quickwin["year"]) == (
        "qw-2027-living",
        "living",
        "tata-ruang",
        2027,
    )
    program = _yaml(garut / "programs" / "satu-data.yaml")
    assert (program["term"], program["start"], program["end"], program["element"]) == (
        "medium",
        2026,
        2030,
        "pelayanan-publik",
    )
    first = (garut / "programs" / "satu-data.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../.schemas/program.schema.json"
    code, out, _ = smartplan("validate", "garut")
    # Both go to the first element of their dimension, already covered, and are led by the first agency; each
    # adds its texts to fill in (a quick win 4, a program 4) and an amount of 0.
    assert code == 0 and out.endswith("memeriksa 15 berkas: 0 kesalahan, 69 peringatan\n")
    assert codes(out) == TO_DO + Counter({"unfilled-text": 8, "zero-amount": 2})


def test_new_uses_the_plans_own_agencies_funding_and_placeholder_source(in_tmp: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan")
    assert smartplan("new", "program", "plan", "dasbor", "--dimension", "economy", "--year", "2027")[0] == 0
    program = _yaml(in_tmp / "plan" / "programs" / "dasbor.yaml")
    assert program["lead_agency"] == "diskominfo"
    assert program["budget"] == [{"year": 2027, "amount": 0, "funding": "apbd-kota"}]
    assert program["source"] == "estimasi-opd"
    assert program["element"] == "ekosistem-industri"
    # The plan had no schemas yet; the modeline must not point at nothing.
    assert (in_tmp / "plan" / ".schemas" / "program.schema.json").is_file()
    code, out, _ = smartplan("validate", "plan")
    *diagnostics, summary = out.splitlines()
    assert (code, summary) == (0, "memeriksa 26 berkas: 0 kesalahan, 5 peringatan")
    assert all(line.startswith("plan/programs/dasbor.yaml:") for line in diagnostics)
    assert codes(out) == Counter({"unfilled-text": 4, "zero-amount": 1})  # only what the new file asks to fill


EXISTS = "plan/quickwins/qw-2025-governance.yaml: already exists"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quickwin", "plan", "qw-2025-governance", "-d", "governance"], EXISTS),
        (["program", "plan", "qw-2025-governance", "-d", "governance"], EXISTS),
        (["quickwin", "plan", "QW_1", "-d", "governance"], "'QW_1' is not a valid id"),
        (["quickwin", "plan", "qw-1", "-d", "culture"], "unknown dimension 'culture'"),
        (["event", "plan", "qw-1", "-d", "living"], "unknown kind 'event'"),
        (["quickwin", "plan", "qw-1"], "a quickwin needs --dimension"),
        (["monitoring", "plan", "2027"], "year 2027 has not begun"),
        (["monitoring", "plan", "2035"], "year 2035 is outside the plan period 2025-2034"),
        (["monitoring", "plan", "25"], "'25' is not a year"),
        (
            ["program", "plan", "p-1", "-d", "living", "--year", "2040"],
            "year 2040 is outside the plan period 2025-2034",
        ),
        (["quickwin", "nowhere", "qw-1", "-d", "living"], "nowhere: not a plan folder (no plan.yaml found)"),
    ],
    ids=[
        "existing-quickwin",
        "existing-id-other-kind",
        "bad-id",
        "bad-dimension",
        "bad-kind",
        "no-dimension",
        "monitoring-future",
        "monitoring-outside-period",
        "monitoring-not-a-year",
        "year",
        "not-a-plan",
    ],
)
def test_new_refuses_with_a_usage_error(in_tmp: Path, args: list[str], message: str) -> None:
    shutil.copytree(EXAMPLES / "valid" / "minimal", in_tmp / "plan")
    before = sorted(p.as_posix() for p in (in_tmp / "plan").rglob("*"))
    code, out, err = smartplan("new", *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"smartplan: error: {message}"
    assert sorted(p.as_posix() for p in (in_tmp / "plan").rglob("*")) == before


def test_the_readme_init_writes_builds_from_inside_the_plan(garut: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (garut / "README.md").read_text(encoding="utf-8")
    line = next(row for row in readme.splitlines() if row.startswith("smartplan build "))
    args = shlex.split(line.split("#", 1)[0])
    assert args == ["smartplan", "build", ".", "--out", "../build/garut"]
    monkeypatch.chdir(garut)
    code, _, err = smartplan(*args[1:], "--quiet")
    assert (code, err) == (0, "")
    assert (garut.parent / "build" / "garut" / "masterplan.html").is_file()


def test_new_quickwin_takes_its_year_from_the_id_and_says_what_to_choose(garut: Path) -> None:
    assert smartplan("new", "quickwin", "garut", "qw-2029-pasar-sehat", "-d", "living")[0] == 0
    text = (garut / "quickwins" / "qw-2029-pasar-sehat.yaml").read_text(encoding="utf-8")
    assert _yaml(garut / "quickwins" / "qw-2029-pasar-sehat.yaml")["year"] == 2029
    assert (
        "lead_agency: diskominfo  # isi: perangkat daerah pelaksana, salah satu id di agencies (plan.yaml):"
        " diskominfo, bappeda\n"
    ) in text
    assert (
        "    funding: apbd-kabupaten  # isi: sumber dana, salah satu id di funding_sources (plan.yaml):"
        " apbd-kabupaten\n" in text
    )


def test_the_new_city_guide_runs_as_written(in_tmp: Path) -> None:
    """docs/new-city.md's init and new commands, in order: the quick win it adds is not one init made."""
    guide = (REPO / "docs" / "new-city.md").read_text(encoding="utf-8")
    commands = [shlex.split(row.split("  #", 1)[0]) for row in guide.splitlines() if row.startswith("smartplan ")]
    steps = [c for c in commands if c[1] in ("init", "new") and "plans/garut" in c]
    assert [c[1] for c in steps] == ["init", "new", "new"]
    for command in steps:
        assert smartplan(*command[1:])[0] == 0, command


CREATED = (
    "membuat plan/monitoring/2025.yaml; ganti teks [isi ...] di dalamnya dan periksa kolom yang bertanda '# isi:'\n"
)


def test_new_monitoring_lists_what_the_year_reports_and_keeps_the_plan_valid(in_tmp: Path) -> None:
    shutil.copytree(MINIMAL, in_tmp / "plan")
    assert smartplan("new", "monitoring", "plan", "2025") == (0, CREATED, "")
    data: Any = _yaml(in_tmp / "plan" / "monitoring" / "2025.yaml")
    assert (data["year"], str(data["reported"]), data["reporter"]) == (
        2025,
        "2026-12-04",
        "[isi nama perangkat daerah pelapor]",
    )
    assert [i["indicator"] for i in data["indicators"]] == [f"{d}-1" for d in STANDARD_ELEMENTS]
    assert all(set(i) == {"indicator", "note"} for i in data["indicators"])  # no value yet: no data, not a zero
    assert [q["id"] for q in data["quickwins"]] == sorted(f"qw-2025-{d}" for d in STANDARD_ELEMENTS)
    running = sorted(p.stem for p in (MINIMAL / "programs").glob("*.yaml") if _runs_in(p, 2025))
    assert len(running) < len(list((MINIMAL / "programs").glob("*.yaml")))  # not those that start later
    assert data["programs"] == [{"id": p, "note": "[isi status, realisasi anggaran dan bukti]"} for p in running]
    assert smartplan("validate", "--strict", "plan") == (0, "memeriksa 26 berkas: tidak ada masalah\n", "")
    code, _, err = smartplan("new", "monitoring", "plan", "2025")
    assert (code, err.splitlines()[0]) == (2, "smartplan: error: plan/monitoring/2025.yaml: already exists")


def _runs_in(program: Path, year: int) -> bool:
    data: Any = _yaml(program)
    return bool(data["start"] <= year <= data["end"])
