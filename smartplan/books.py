"""The books of the national programme that `build` writes: one registry, read by render, README and tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Book:
    """One book: its name (template stem and file name), what it holds, and whether there is one a year.

    A yearly book is made for each year with quick wins, or with `per="monitoring"` for each monitoring year.
    """

    name: str
    about: str
    yearly: bool = False
    per: Literal["quickwins", "monitoring"] = "quickwins"

    def documents(
        self, quickwin_years: list[int], monitoring_years: list[int] | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(file stem, extra template values) of each document of this book."""
        if not self.yearly:
            yield self.name, {}
            return
        for year in quickwin_years if self.per == "quickwins" else monitoring_years or []:
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
    Book(
        "laporan-evaluasi",
        "yearly evaluation report: scorecard, achievement, quick wins, budget absorption; one per monitoring year",
        yearly=True,
        per="monitoring",
    ),
)
FORMATS = ("md", "html")  # what the templates render
ALL_FORMATS = (*FORMATS, "pdf", "docx")  # and the submission copies made from the HTML (copies.py)
