"""What a 'did you mean' may offer for a value typed by hand, and where it must offer nothing: a guess that
is not sure would send a city team to write a wrong figure."""

from __future__ import annotations

import pytest

from smartplan.guesses import (
    date_meant,
    decimal_meant,
    field_meant,
    first_of_range,
    id_meant,
    month_meant,
    value_meant,
)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("31/03/2025", "2025-03-31"),  # day first, as in Indonesian letters
        ("1-4-2025", "2025-04-01"),
        ("31.12.2025", "2025-12-31"),
        ("17 Agustus 2025", "2025-08-17"),
        ("5 Des. 2025", "2025-12-05"),
        ("31/02/2025", None),  # no such day
        ("2025/03/31", None),
        ("31 Maretan 2025", None),
        ("besok", None),
    ],
)
def test_a_date_written_as_in_a_letter(written: str, meant: str | None) -> None:
    assert date_meant(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("03/2025", "2025-03"),
        ("Maret 2025", "2025-03"),
        ("2025/3", "2025-03"),
        ("2025-03-15", "2025-03"),
        ("13/2025", None),
        ("2025-13", None),
        ("triwulan 1 2025", None),
    ],
)
def test_a_month_written_as_in_a_letter(written: str, meant: str | None) -> None:
    assert month_meant(written) == meant


def test_a_year_range_offers_its_first_year_and_nothing_else_does() -> None:
    assert [first_of_range(v) for v in ("2025-2029", "2025 – 2029", "2025 s/d 2029", "2029-2025", "25-29")] == [
        "2025",
        "2025",
        "2025",
        None,
        None,
    ]


def test_an_id_written_as_a_name() -> None:
    assert [id_meant(v) for v in ("QW 2026 Living", "bappeda_kota", "qw-2026-living", "Kota 🚀")] == [
        "qw-2026-living",
        "bappeda-kota",
        None,  # already an id: nothing to suggest
        None,
    ]


def test_an_indonesian_field_name_only_where_its_field_is_allowed() -> None:
    assert field_meant("tahun", ["id", "year"]) == "year"
    assert field_meant("Sumber Dana", ["funding", "amount"]) == "funding"
    assert field_meant("tahun", ["id", "name"]) is None


def test_a_dimension_named_in_indonesian() -> None:
    dimensions = ["governance", "branding", "economy", "living", "society", "environment"]
    written = ["Tata Kelola", "smart-lingkungan", "Masyarakat", "tata_kelola", "kota"]
    assert [value_meant(v, dimensions) for v in written] == ["governance", "environment", "society", "governance", None]
    assert value_meant("lingkungan", ["planned", "done"]) is None  # only where a dimension is asked for


def test_a_decimal_comma_but_never_a_number_that_may_be_thousands() -> None:
    written = ["5,6", "0,25", "1.234,5", "-2,75", "0,125", "1,500", "12,345", "1.500.000", "5.6"]
    assert [decimal_meant(v) for v in written] == ["5.6", "0.25", "1234.5", "-2.75", "0.125", None, None, None, None]
