"""The books of the national programme that `build` writes: one registry, read by render, README and tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Book:
    """One book: its name (template stem and file name), what it holds, and whether there is one per quick-win year."""

    name: str
    about: str
    yearly: bool = False

    def documents(self, quickwin_years: list[int]) -> Iterator[tuple[str, dict[str, Any]]]:
        """(file stem, extra template values) of each document of this book."""
        if not self.yearly:
            yield self.name, {}
            return
        for year in quickwin_years:
            yield f"{self.name}-{year}", {"year": year}


BOOKS = (  # rendered in this order: a template error is reported from the first book that has it
    Book("masterplan", "the masterplan, BAB I Pendahuluan to BAB VIII Penutup, with appendices"),
    Book(
        "ringkasan-eksekutif",
        "executive summary for the head of region: vision, six dimensions with one figure each, money by year "
        "and source, this year's quick wins, decisions awaited",
    ),
    Book(
        "analisis-kesiapan",
        "readiness analysis: readiness data, scores per element (struktur, infrastruktur, suprastruktur) with "
        "evidence, gaps, SWOT per dimension, quick-win criteria",
    ),
    Book(
        "roadmap",
        "stages and milestones, what needs what and the critical path, quick-win sets by year, "
        "building and operating costs, program timeline",
    ),
    Book("profil-quick-win", "one page per quick win, one book per year", yearly=True),
)
FORMATS = ("md", "html")
