"""PDF books of a plan: `smartplan build --format pdf` against WeasyPrint called directly on the same HTML.

Both sides render every book in parallel processes (one per CPU, the longest book first), so the
difference is smartplan's own cost: checking the plan, rendering the HTML and writing the files.
The figures are in bench/RESULTS.md.

Usage: python bench/pdf.py [PLAN] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BIN = Path(sys.executable).parent


def _direct(html: bytes) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html.decode("utf-8")).write_pdf(pdf_variant="pdf/a-3b")
    return pdf


def direct(books: list[Path], jobs: int) -> float:
    """Seconds for WeasyPrint alone to turn these HTML books into PDF, in `jobs` processes."""
    pages = sorted((p.read_bytes() for p in books), key=len, reverse=True)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_direct, pages))
    return time.perf_counter() - start


def smartplan(plan: Path, out: Path, fmt: str) -> float:
    start = time.perf_counter()
    command = [str(BIN / "smartplan"), "build", str(plan), "--out", str(out), "-f", fmt, "-q"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan", nargs="?", default="plans/banjar", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    jobs = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as folder:
        html_out = Path(folder) / "html"
        smartplan(args.plan, html_out, "html")
        books = sorted(html_out.glob("*.html"))
        times: dict[str, list[float]] = {
            "smartplan build -f pdf": [],
            "WeasyPrint alone": [],
            "smartplan build -f html": [],
        }
        for run in range(args.runs):  # interleaved, so that a change in load hits both alike
            times["smartplan build -f pdf"].append(smartplan(args.plan, Path(folder) / f"pdf{run}", "pdf"))
            times["WeasyPrint alone"].append(direct(books, jobs))
            times["smartplan build -f html"].append(smartplan(args.plan, Path(folder) / f"html{run}", "html"))
    print(f"{len(books)} books of {args.plan}, {jobs} processes, {args.runs} runs")
    print("| | median s | runs s |\n|---|---:|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} | {', '.join(f'{v:.2f}' for v in values)} |")


if __name__ == "__main__":
    main()
