"""Write new plan files: a whole plan for a new city (`init`) and one quick win or program (`new`).

What is written validates straight away (`smartplan validate`); the texts people must replace are marked
`[isi ...]`, and validate warns about each of them until they are. Every YAML file starts with a modeline
pointing to the plan's own copy of the JSON Schemas.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from smartplan import clock
from smartplan.errors import CannotWriteError, Text, UsageError
from smartplan.folders import not_a_plan_folder
from smartplan.models import DIMENSION_IDS, FIRST_YEAR, LAST_YEAR, YEAR_IN_ID_PATTERN, is_id
from smartplan.reading import read_file
from smartplan.schema import SCHEMA_DIR, language_of, modeline, vscode_settings, write_schemas

# The six dimensions and their three standard elements, as named by the national guide.
DIMENSIONS: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "governance": (
        "Smart Governance",
        "Tata kelola pemerintahan yang efektif dan efisien.",
        (
            ("pelayanan-publik", "Pelayanan Publik"),
            ("manajemen-birokrasi", "Manajemen Birokrasi"),
            ("kebijakan-publik", "Kebijakan Publik"),
        ),
    ),
    "branding": (
        "Smart Branding",
        "Daya saing daerah melalui penataan wajah kota dan pemasaran potensi daerah.",
        (
            ("ekosistem-pariwisata", "Ekosistem Pariwisata"),
            ("ekosistem-bisnis", "Ekosistem Bisnis Daerah"),
            ("wajah-kota", "Wajah Kota"),
        ),
    ),
    "economy": (
        "Smart Economy",
        "Ekosistem yang mendukung aktivitas ekonomi masyarakat di tengah perubahan teknologi.",
        (
            ("ekosistem-industri", "Ekosistem Industri Berdaya Saing"),
            ("kesejahteraan-rakyat", "Kesejahteraan Rakyat"),
            ("transaksi-keuangan", "Ekosistem Transaksi Keuangan"),
        ),
    ),
    "living": (
        "Smart Living",
        "Lingkungan tempat tinggal yang layak dan nyaman.",
        (
            ("tata-ruang", "Harmonisasi Tata Ruang"),
            ("transportasi", "Sarana Transportasi"),
            ("kesehatan", "Prasarana Kesehatan"),
        ),
    ),
    "society": (
        "Smart Society",
        "Masyarakat yang humanis, produktif, interaktif dan melek digital.",
        (
            ("komunitas", "Interaksi Masyarakat"),
            ("ekosistem-belajar", "Ekosistem Belajar"),
            ("keamanan", "Sistem Keamanan Masyarakat"),
        ),
    ),
    "environment": (
        "Smart Environment",
        "Tata kelola lingkungan yang baik dan berkelanjutan.",
        (
            ("proteksi-lingkungan", "Proteksi Lingkungan"),
            ("sampah-limbah", "Tata Kelola Sampah dan Limbah"),
            ("energi", "Tata Kelola Energi"),
        ),
    ),
}
KINDS = {"quickwin": "quickwins", "program": "programs"}
PLAN_YEARS = 10  # a new plan's period
PLAN_LANGUAGE = "id"  # a new plan's documents, and the editor schemas written with it, are Indonesian
_CITY = re.compile(r"^(Kota|Kabupaten)\s+(\S.*)$")


class TargetNotEmptyError(UsageError):
    def __init__(self, path: str) -> None:
        super().__init__(Text.of("init.not-empty", path=path), hint=Text.of("init.not-empty.hint"))


class FileExistsUsageError(UsageError):
    def __init__(self, path: str) -> None:
        super().__init__(Text.of("new.exists", path=path), hint=Text.of("new.exists.hint"))


_DIMENSIONS = ", ".join(DIMENSION_IDS)


def _outside_period(year: int, first: int, last: int) -> Text:
    return Text.of("new.outside-period", year=str(year), first=str(first), last=str(last))


def _use_a_year(first: int, last: int) -> Text:
    return Text.of("new.outside-period.hint", first=str(first), last=str(last))


def _q(text: str) -> str:
    """Text as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _skeleton(template: str, /, **values: Any) -> str:
    text = resources.files("smartplan").joinpath("skeleton", template).read_text(encoding="utf-8")
    return Template(text).substitute(values)


def _write(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CannotWriteError(path, exc) from None
    return path


def init_plan(target: Path, city: str, *, start: int | None = None, today: date | None = None) -> list[Path]:
    """Create a new plan folder for `city` ('Kota X' or 'Kabupaten X'); return the files written."""
    match = _CITY.match(city.strip())
    if not match:
        raise UsageError(Text.of("init.city", city=city), hint=Text.of("init.city.hint"))
    if target.exists() and not target.is_dir():
        raise UsageError(Text.of("init.not-a-folder", path=target.as_posix()), hint=Text.of("init.not-empty.hint"))
    if target.exists() and any(target.iterdir()):
        raise TargetNotEmptyError(target.as_posix())
    today = today or clock.today()
    first = start if start is not None else today.year + 1
    if not FIRST_YEAR <= first <= LAST_YEAR - PLAN_YEARS + 1:
        raise UsageError(Text.of("init.start", year=str(first)), hint=Text.of("init.start.hint"))
    made = not target.exists()
    try:
        return _write_plan(target, match, first, today)
    except CannotWriteError:
        if made:  # a half-written plan would only make the next try refuse a folder that is not empty
            shutil.rmtree(target, ignore_errors=True)
        raise


def _write_plan(target: Path, match: re.Match[str], first: int, today: date) -> list[Path]:
    """Every file of a new plan, written into `target`."""
    city_name = " ".join(match.groups())
    kota = match.group(1) == "Kota"
    written = write_schemas(target / SCHEMA_DIR, PLAN_LANGUAGE)
    plan = _skeleton(
        "plan.yaml",
        city_name=city_name,
        city=_q(city_name),
        title=_q(f"Masterplan Smart City {city_name} {first}-{first + PLAN_YEARS - 1}"),
        today=today.isoformat(),
        prepared_by=_q(f"Dinas Komunikasi dan Informatika {city_name}"),
        vision=_q(f"[isi visi smart city {city_name}]"),
        city_type="kota" if kota else "kabupaten",
        region_code="00.00",
        start=first,
        end=first + PLAN_YEARS - 1,
        funding_id="apbd-kota" if kota else "apbd-kabupaten",
        funding_name=_q(f"APBD {city_name}"),
        language=PLAN_LANGUAGE,
    )
    written.append(_write(target / "plan.yaml", modeline("plan", 0) + plan))
    for ident, (name, goal, elements) in DIMENSIONS.items():
        items = "\n".join(f"  - id: {eid}\n    name: {_q(ename)}\n    strategies: []" for eid, ename in elements)
        text = _skeleton("dimension.yaml", id=ident, name=_q(name), goal=_q(goal), elements=items)
        written.append(_write(target / "dimensions" / f"{ident}.yaml", modeline("dimension", 1) + text))
    # One quick win per dimension: the guide expects one a year for each, and a plan without one warns.
    for ident in DIMENSION_IDS:
        written.append(new_action(target, "quickwin", f"qw-{first}-{ident}", ident, first))
    written.append(_write(target / ".vscode" / "settings.json", vscode_settings()))
    readme = _skeleton("README.md", city_name=city_name, next=first + 1, folder=target.resolve().name)
    written.append(_write(target / "README.md", readme))
    return written


def new_file(plan_dir: Path, kind: str, ident: str, dimension: str | None, year: int | None) -> Path:
    """`smartplan new KIND`: a quick win or program (which need a dimension), or a year's monitoring file."""
    if kind == "monitoring":
        if not re.fullmatch(r"\d{4}", ident):
            raise UsageError(Text.of("new.not-a-year", ident=ident), hint=Text.of("new.not-a-year.hint"))
        return new_monitoring(plan_dir, int(ident))
    if kind in KINDS and dimension is None:
        raise UsageError(Text.of("new.no-dimension", kind=kind), hint=Text.of("choose-one-of", names=_DIMENSIONS))
    return new_action(plan_dir, kind, ident, dimension or "", year)


def new_action(plan_dir: Path, kind: str, ident: str, dimension: str, year: int | None = None) -> Path:
    """Write a pre-filled quick win or program into the plan; return the file written."""
    if kind not in KINDS:
        raise UsageError(Text.of("new.kind", kind=kind), hint=Text.of("new.kind.hint"))
    if not is_id(ident):
        raise UsageError(Text.of("new.id", ident=ident), hint=Text.of("new.id.hint"))
    if dimension not in DIMENSION_IDS:
        raise UsageError(
            Text.of("new.dimension", dimension=dimension), hint=Text.of("choose-one-of", names=_DIMENSIONS)
        )
    if not (plan_dir / "plan.yaml").is_file():
        raise not_a_plan_folder(plan_dir, plan_dir.as_posix())
    for folder in KINDS.values():
        if (plan_dir / folder / f"{ident}.yaml").exists():
            raise FileExistsUsageError((plan_dir / folder / f"{ident}.yaml").as_posix())
    plan = _data(plan_dir / "plan.yaml")
    period: dict[str, Any] = plan["period"] if isinstance(plan.get("period"), dict) else {}
    first = _int(period.get("start"), clock.today().year)
    last = _int(period.get("end"), first + PLAN_YEARS - 1)
    named = re.search(YEAR_IN_ID_PATTERN, ident)  # qw-2027-living is for 2027
    today = clock.today().year
    chosen = year if year is not None else int(named.group()) if named else today if first <= today <= last else first
    if not first <= chosen <= last:
        raise UsageError(_outside_period(chosen, first, last), hint=_use_a_year(first, last))
    values = {
        "id": ident,
        "dimension": dimension,
        "element": _first_id(_data(plan_dir / "dimensions" / f"{dimension}.yaml"), "elements")
        or DIMENSIONS[dimension][2][0][0],
        "agency": _first_id(plan, "agencies") or "diskominfo",
        "agency_note": _choices("perangkat daerah pelaksana", "agencies", plan),
        "funding": _first_id(plan, "funding_sources") or "apbd",
        "funding_note": _choices("sumber dana", "funding_sources", plan),
        "source": f"source: {source}  # isi: sumber angka anggaran; {source} = estimasi, ganti setelah dikonfirmasi"
        if (source := _placeholder_source(plan))
        else "",
    }
    if kind == "quickwin":
        text = _skeleton("quickwin.yaml", year=chosen, **values)
    else:
        end = min(chosen + 4, max(last, chosen))
        text = _skeleton("program.yaml", term="medium", start=chosen, end=end, **values)
    if not (plan_dir / SCHEMA_DIR).exists():
        write_schemas(plan_dir / SCHEMA_DIR, language_of(plan_dir))
    return _write(plan_dir / KINDS[kind] / f"{ident}.yaml", modeline(kind, 1) + text)


def _data(path: Path) -> dict[str, Any]:
    """A file's data when it can be read, else nothing: defaults are then used."""
    if not path.is_file():
        return {}
    data: dict[str, Any] | None = read_file(path, path.name).data
    return data or {}


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _first_id(data: dict[str, Any], key: str) -> str | None:
    items = data.get(key)
    if isinstance(items, list) and items and isinstance(items[0], dict) and isinstance(items[0].get("id"), str):
        return str(items[0]["id"])
    return None


def _choices(what: str, key: str, plan: dict[str, Any]) -> str:
    """A comment naming what to choose for a field `new` fills in with the plan's first entry."""
    items = plan.get(key)
    entries = items if isinstance(items, list) else []
    # Only well-formed ids: this goes into a YAML comment, which a line break in a broken plan.yaml would end.
    ids = [i["id"] for i in entries if isinstance(i, dict) and isinstance(i.get("id"), str) and is_id(i["id"])]
    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    return f"# isi: {what}, salah satu id di {key} (plan.yaml): {shown}"


def _placeholder_source(plan: dict[str, Any]) -> str | None:
    """The id of the plan's first source marked as a placeholder, to cite for figures still to be confirmed."""
    sources = plan.get("sources")
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict) and source.get("placeholder") is True and isinstance(source.get("id"), str):
            return str(source["id"])
    return None


def new_monitoring(plan_dir: Path, year: int, *, today: date | None = None) -> Path:
    """Write monitoring/<year>.yaml listing every indicator, and the quick wins and programs of the year, to fill in."""
    from smartplan.loader import load_plan  # the plan's models: which indicators and actions the year has

    if not (plan_dir / "plan.yaml").is_file():
        raise not_a_plan_folder(plan_dir, plan_dir.as_posix())
    target = plan_dir / "monitoring" / f"{year}.yaml"
    if target.exists():
        raise FileExistsUsageError(target.as_posix())
    plan, _ = load_plan(plan_dir, plan_dir.as_posix())
    period = plan.plan.model.period if plan.plan else None
    if period is not None and not period.start <= year <= period.end:
        raise UsageError(_outside_period(year, period.start, period.end), hint=_use_a_year(period.start, period.end))
    today = today or clock.today()
    if year > today.year:
        raise UsageError(Text.of("new.year-not-begun", year=str(year)), hint=Text.of("new.year-not-begun.hint"))
    indicators = [
        i.id for d in sorted(plan.dimensions, key=lambda d: DIMENSION_IDS.index(d.model.id)) for i in d.model.indicators
    ]
    quickwins = sorted(q.model.id for q in plan.quickwins if q.model.year == year)
    programs = sorted(p.model.id for p in plan.programs if p.model.start <= year <= p.model.end)
    text = _skeleton(
        "monitoring.yaml",
        year=year,
        today=today.isoformat(),
        indicators=_list(indicators, "indicator", '    note: "[isi nilai realisasi, sumber dan catatan]"'),
        quickwins=_list(quickwins, "id", _ACTION_NOTE),
        programs=_list(programs, "id", _ACTION_NOTE),
    )
    if not (plan_dir / SCHEMA_DIR).exists():
        write_schemas(plan_dir / SCHEMA_DIR, language_of(plan_dir))
    return _write(target, modeline("monitoring", 1) + text)


_ACTION_NOTE = '    note: "[isi status, realisasi anggaran dan bukti]"'


def _list(ids: list[str], key: str, rest: str) -> str:
    """A YAML list of one entry per id, or an empty list."""
    return "".join(f"\n  - {key}: {ident}\n{rest}" for ident in ids) if ids else " []"
