"""The built HTML in headless Chromium (Debian's chromium driven by Playwright): what a reader's browser shows.

Every table-of-contents link lands on its heading and every list-of-tables link on its table, nothing is
logged as an error, nothing is fetched, and a screenshot of each document is saved under tests/artifacts/
(gitignored) for a human to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DOCUMENTS, EXAMPLES, REPO, TESTS, smartplan

ARTIFACTS = TESTS / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    code, _, err = smartplan("build", str(EXAMPLES / "valid" / "minimal"), "--out", str(out), "--format", "html")
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def banjar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "banjar"
    code, _, err = smartplan("build", str(REPO / "plans" / "banjar"), "--out", str(out), "--format", "html")
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def monitored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "monitored"
    plan = EXAMPLES / "valid" / "with-monitoring"
    code, _, err = smartplan("build", str(plan), "--out", str(out), "--format", "html")
    assert (code, err) == (0, "")
    return out


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_in_chromium(built: Path, chromium: Any, name: str) -> None:
    _read_in_chromium(chromium, built / f"{name}.html", name)


def test_banjar_masterplan_in_chromium(banjar: Path, chromium: Any) -> None:
    _read_in_chromium(chromium, banjar / "masterplan.html", "banjar-masterplan")


@pytest.mark.parametrize("year", [2025, 2026])
def test_evaluation_report_in_chromium(monitored: Path, chromium: Any, year: int) -> None:
    _read_in_chromium(chromium, monitored / f"laporan-evaluasi-{year}.html", f"laporan-evaluasi-{year}")
    page = chromium.new_page(viewport={"width": 631, "height": 1000})  # A4 less the print margins, as below
    page.goto((monitored / f"laporan-evaluasi-{year}.html").as_uri())
    page.emulate_media(media="print")
    charts = page.eval_on_selector_all("figure.chart svg > title", "titles => titles.map(t => t.textContent)")
    spilled = page.eval_on_selector_all(
        "table td, table th", "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)"
    )
    too_wide = page.eval_on_selector_all(
        "table", "tables => tables.filter(t => t.offsetWidth > t.parentElement.clientWidth + 1).map(t => t.id)"
    )
    page.close()
    # realised against target for every indicator reported in any year: all but society-1
    assert len(charts) == 7 and "Waktu rata-rata penerbitan izin usaha (hari)" in charts
    assert (spilled, too_wide) == ([], [])


def _read_in_chromium(chromium: Any, path: Path, name: str) -> None:
    url = path.as_uri()
    page = chromium.new_page(viewport={"width": 900, "height": 1000})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_load_state("load")

    # Daftar Isi leads to the chapters and sections, and first to the formal parts before them (sections).
    for nav, kinds in (("nav.toc", ("H2", "H3", "SECTION")), ("nav.lists", ("TABLE", "FIGURE"))):
        anchors = page.eval_on_selector_all(f"{nav} a", "links => links.map(a => a.getAttribute('href'))")
        assert nav == "nav.lists" or len(anchors) >= 3 or name == "ringkasan-eksekutif"  # a brief: no contents
        for anchor in anchors:
            assert anchor.startswith("#")
            page.click(f'{nav} a[href="{anchor}"]')
            landed = page.evaluate(
                """(id) => {
                    const target = document.getElementById(id);
                    if (!target) return "missing";
                    const top = target.getBoundingClientRect().top;
                    const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
                    return [target.tagName, location.hash, Math.abs(top) < 2 || bottom];
                }""",
                anchor[1:],
            )
            assert landed == [landed[0], anchor, True], f"{name}: {anchor} -> {landed}"
            assert landed[0] in kinds, f"{name}: {anchor} is a {landed[0]}"

    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.evaluate("document.querySelectorAll('svg[role=img] > title').length") == page.evaluate(
        "document.querySelectorAll('svg[role=img]').length"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    page.close()
    assert errors == []
    assert requests == [url], "the document fetched something besides itself"


def test_chapters_start_on_new_pages_in_print(built: Path, chromium: Any) -> None:
    page = chromium.new_page()
    page.goto((built / "masterplan.html").as_uri())
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(".chapter", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks and set(breaks) == {"page"}
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # the style sheet's @page size: A4
    page.close()
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}  # A4 in points
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # the cover, the contents, then each of the nine chapters (eight and the appendices) from a new page
    assert len(breaks) == 9
    assert pages >= 2 + len(breaks)


@pytest.mark.parametrize("name", [*DOCUMENTS, "profil-quick-win-2026"])
def test_banjar_table_cells_hold_their_text_in_print(banjar: Path, chromium: Any, name: str) -> None:
    """On A4 no figure spills out of its cell (e.g. a baseline with its year and mark), no table off the page."""
    page = chromium.new_page(viewport={"width": 631, "height": 1000})  # A4 less the print margins (167 mm)
    page.goto((banjar / f"{name}.html").as_uri())
    page.emulate_media(media="print")
    spilled = page.eval_on_selector_all(
        "table td, table th",
        "cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".map(c => c.closest('table').id + ': ' + c.textContent.trim())",
    )
    too_wide = page.eval_on_selector_all(
        "table", "tables => tables.filter(t => t.offsetWidth > t.parentElement.clientWidth + 1).map(t => t.id)"
    )
    page.close()
    assert spilled == [], "\n".join(spilled)
    assert too_wide == []


@pytest.mark.parametrize("name", [*DOCUMENTS[:-1], "profil-quick-win-2025"])
def test_banjar_pages_do_not_scroll_sideways_on_a_phone(banjar: Path, chromium: Any, name: str) -> None:
    """At 390 px the whole page scrolled sideways under its wide tables; now each table scrolls within itself."""
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto((banjar / f"{name}.html").as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert width == 390


def test_banjar_executive_summary_prints_on_four_to_six_pages(banjar: Path, chromium: Any) -> None:
    """The brief for the head of region stays a brief: 4-6 A4 pages with the cover and contents."""
    page = chromium.new_page()
    page.goto((banjar / "ringkasan-eksekutif.html").as_uri())
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 4 <= pages <= 6, pages


_SPLIT_WORDS = """() => {
    const split = [];
    for (const th of document.querySelectorAll('table thead th')) {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) split.push(th.closest('table').id + ': ' + m[0]);
            }
        }
    }
    return split;
}"""


def test_long_funding_source_names_wrap_between_words_in_print(chromium: Any, tmp_path: Path) -> None:
    """Without short names, the budget matrices' headers broke mid-word ("termasu k"); they wrap between words."""
    plan = Path(shutil.copytree(REPO / "plans" / "banjar", tmp_path / "banjar"))
    text = (plan / "plan.yaml").read_text()
    start, end = text.index("funding_sources:"), text.index("\nsources:")
    funding = "\n".join(line for line in text[start:end].splitlines() if "short_name:" not in line)
    (plan / "plan.yaml").write_text(text[:start] + funding + text[end:])
    code, _, err = smartplan("build", str(plan), "--out", str(tmp_path / "out"), "--format", "html")
    assert (code, err) == (0, "")
    page = chromium.new_page(viewport={"width": 631, "height": 1000})  # A4 less the print margins (167 mm)
    page.goto((tmp_path / "out" / "masterplan.html").as_uri())
    page.emulate_media(media="print")
    split = page.evaluate(_SPLIT_WORDS)
    too_wide = page.eval_on_selector_all(
        "table", "tables => tables.filter(t => t.offsetWidth > t.parentElement.clientWidth + 1).map(t => t.id)"
    )
    page.close()
    assert split == []
    assert too_wide == []
