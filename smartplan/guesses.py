"""Guesses at what a value typed by hand was meant to be, for the 'did you mean' of a message.

People who are not programmers write dates as they do in letters (`31/03/2025`, `31 Maret 2025`), an id as a
name (`QW 2026 Living`), a year range where one year belongs, and field names in Indonesian (`tahun:`). Each
guess is the value in the form the field needs, or None when there is no single sure reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from smartplan.models import ID_PATTERN

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januari january jan",
            "februari february pebruari feb peb",
            "maret march mar",
            "april apr",
            "mei may",
            "juni june jun",
            "juli july jul",
            "agustus august agu agt agus aug",
            "september sep sept",
            "oktober october okt oct",
            "november nopember nov nop",
            "desember december des dec",
        ),
        start=1,
    )
    for name in names.split()
}
# Day first, as Indonesians write it: 31/03/2025, 31-03-2025, 31.03.2025, 31 Maret 2025, 31 Mar. 2025
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NAMED_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
# 03/2025, 03-2025, 2025/03, Maret 2025, 2025-03-15 (a day where a month belongs)
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_YEAR_FIRST_MONTH = re.compile(r"^(\d{4})[/.](\d{1,2})$|^(\d{4})-(\d{2})-\d{2}$")
_NAMED_MONTH = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-|–|—|s/d|s\.d\.|sampai|to)\s*(\d{4})\s*$")

# Field names as an Indonesian team may type them: the plan's own field that each stands for.
_FIELD_NAMES = {
    "tahun": "year",
    "nama": "name",
    "judul": "title",
    "tanggal": "date",
    "anggaran": "budget",
    "jumlah": "amount",
    "nilai": "value",
    "sumber": "source",
    "sumber_dana": "funding",
    "dimensi": "dimension",
    "elemen": "element",
    "uraian": "description",
    "deskripsi": "description",
    "keterangan": "description",
    "keluaran": "outputs",
    "hasil": "outcomes",
    "dampak": "impact",
    "indikator": "indicators",
    "satuan": "unit",
    "kegiatan": "activity",
    "jadwal": "schedule",
    "mulai": "start",
    "awal": "start",
    "selesai": "end",
    "akhir": "end",
    "periode": "period",
    "visi": "vision",
    "misi": "missions",
    "tujuan": "goal",
    "strategi": "strategies",
    "risiko": "risks",
    "lokasi": "location",
    "pelaksana": "lead_agency",
    "penanggung_jawab": "lead_agency",
    "perangkat_daerah": "agencies",
    "opd": "agencies",
    "bahasa": "language",
    "kota": "city",
    "provinsi": "province",
    "jabatan": "position",
    "catatan": "note",
    "bukti": "evidence",
}


# The six dimensions as an Indonesian team may name them: the id each stands for.
_DIMENSION_NAMES = {
    "tata kelola": "governance",
    "tata kelola pemerintahan": "governance",
    "pemerintahan": "governance",
    "pencitraan": "branding",
    "pencitraan daerah": "branding",
    "ekonomi": "economy",
    "kehidupan": "living",
    "masyarakat": "society",
    "sosial": "society",
    "lingkungan": "environment",
    "lingkungan hidup": "environment",
}


def value_meant(value: object, allowed: Iterable[str]) -> str | None:
    """The allowed value an Indonesian name stands for ('tata kelola' for the dimension 'governance')."""
    name = re.sub(r"[\s_-]+", " ", str(value).strip().lower()).removeprefix("smart ")
    meant = _DIMENSION_NAMES.get(name)
    return meant if meant is not None and meant in allowed else None


def date_meant(value: object) -> str | None:
    """'31/03/2025' or '31 Maret 2025' as '2025-03-31', if that is a real day."""
    text = str(value).strip()
    numeric, named = _NUMERIC_DATE.match(text), _NAMED_DATE.match(text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
    elif named and named.group(2).lower() in _MONTHS:
        day, month, year = int(named.group(1)), _MONTHS[named.group(2).lower()], int(named.group(3))
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_meant(value: object) -> str | None:
    """'03/2025', 'Maret 2025' or '2025-03-15' as '2025-03'."""
    text = str(value).strip()
    if found := _NUMERIC_MONTH.match(text):
        month, year = int(found.group(1)), int(found.group(2))
    elif found := _YEAR_FIRST_MONTH.match(text):
        year, month = (int(part) for part in (found.group(1, 2) if found.group(1) else found.group(3, 4)))
    elif (found := _NAMED_MONTH.match(text)) and found.group(1).lower() in _MONTHS:
        month, year = _MONTHS[found.group(1).lower()], int(found.group(2))
    else:
        return None
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None


_DECIMAL_COMMA = re.compile(r"^(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)$")  # 5,6  0,25  1.234,5


def decimal_meant(value: object) -> str | None:
    """'5,6' (an Indonesian decimal comma) as '5.6'; '1.234,5' as '1234.5'. Not '1,500', which may be 1500."""
    found = _DECIMAL_COMMA.match(str(value).strip())
    if not found:
        return None
    sign, whole, decimals = found.groups()
    if "." not in whole and len(decimals) == 3 and whole != "0":
        return None
    return f"{sign}{whole.replace('.', '')}.{decimals}"


def first_of_range(value: object) -> str | None:
    """'2025-2029' (a range where one year belongs): its first year."""
    found = _YEAR_RANGE.match(str(value))
    return found.group(1) if found and found.group(1) <= found.group(2) else None


def id_meant(value: str) -> str | None:
    """'QW 2026 Living' as 'qw-2026-living': lowercase, spaces and underscores as hyphens."""
    written = re.sub(r"[\s_]+", "-", value.strip().lower())
    return written if written != value and re.match(ID_PATTERN, written) else None


def field_meant(name: str, known: Iterable[str]) -> str | None:
    """The plan's field that an Indonesian field name stands for ('tahun' for 'year'), if it is allowed here."""
    meant = _FIELD_NAMES.get(re.sub(r"[\s-]+", "_", name.strip().lower()))
    return meant if meant is not None and meant in known else None
