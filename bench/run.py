"""`make bench`: time smartplan side by side with the floor, a naive script and check-jsonschema.

Every round runs each benchmark once, in a fixed order, so that a change in machine load hits all of
them alike; the table shows medians over the rounds and ratios between medians. Peak memory is taken
in one extra run per benchmark: the largest single process (ru_maxrss from wait4) and the peak sum of
resident memory over the whole process tree (sampled from /proc every 20 ms). Results are printed and
written to bench-results/results-<time>.{txt,json}.

Usage: python bench/run.py [--runs N] [--big-runs N] [--sizes 1000,10000] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

BIN = Path(sys.executable).parent
PY = str(BIN / "python")
SMARTPLAN = str(BIN / "smartplan")
RESULTS = REPO / "bench-results"
KINDS = {"dimensions": "DimensionFile", "quickwins": "QuickWinFile", "programs": "ProgramFile"}


@dataclass
class Bench:
    name: str
    commands: list[list[str]]  # run one after the other; the time is their sum
    big: bool = False
    slow: bool = False  # run --slow-runs times, with no warm-up or memory run
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the whole process tree
    peak_process_mb: float = 0.0
    peak_tree_mb: float = 0.0
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def _run(command: list[str], cwd: Path, sample: bool) -> tuple[float, float, int, float, float]:
    """Run one command; return (seconds, CPU seconds, exit code, peak MB of one process, peak MB of the tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree = _TreeSampler(proc.pid) if sample else None
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tree_mb = tree.stop() if tree else 0.0
    cpu = usage.ru_utime + usage.ru_stime  # includes the workers it waited for
    return elapsed, cpu, proc.returncode, usage.ru_maxrss / 1024, tree_mb


class _TreeSampler:
    """Peak of the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.running = pid, 0, True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while self.running:
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.listdir("/proc"):  # noqa: PTH208 - thousands of calls, kept cheap
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                except OSError:
                    continue
                parents[int(entry)] = int(fields[1])
                rss[int(entry)] = int(fields[21]) * page
            total = 0
            for pid in rss:
                ancestor = pid
                while ancestor and ancestor != self.pid:
                    ancestor = parents.get(ancestor, 0)
                if ancestor == self.pid:
                    total += rss[pid]
            self.peak = max(self.peak, total)
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak / 1024 / 1024


def _schemas(into: Path) -> dict[str, Path]:
    """smartplan's JSON schema per file kind: `smartplan schema` if it exists, else pydantic's own."""
    paths: dict[str, Path] = {}
    for kind in [*KINDS, "plan"]:
        target = into / f"{kind}.schema.json"
        exported = subprocess.run([SMARTPLAN, "schema", kind], capture_output=True, text=True)
        if exported.returncode == 0 and exported.stdout.lstrip().startswith("{"):
            target.write_text(exported.stdout, encoding="utf-8")
        else:
            model = KINDS.get(kind, "PlanFile")
            code = f"import json, smartplan.models as m; print(json.dumps(m.{model}.model_json_schema()))"
            schema = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout
            # pydantic copies Python's regex as is; `\\"` is not valid ECMA-262, which check-jsonschema refuses.
            target.write_text(schema.replace('\\\\\\"', '\\"'), encoding="utf-8")
        paths[kind] = target
    return paths


def _has_command(name: str) -> bool:
    return subprocess.run([SMARTPLAN, name, "--help"], capture_output=True).returncode == 0


def _benches(sizes: list[int], scratch: Path) -> list[Bench]:
    plans = {n: synth.cached(RESULTS / "plans" / f"synth-{n}", n) for n in sizes}
    banjar = str(REPO / "plans" / "banjar")
    benches = [
        Bench("floor: python -c 'import yaml, pydantic'", [[PY, "-c", "import yaml, pydantic"]]),
        Bench("smartplan --help", [[SMARTPLAN, "--help"]]),
        Bench("smartplan --version", [[SMARTPLAN, "--version"]]),
        Bench("validate plans/banjar", [[SMARTPLAN, "validate", banjar]]),
        Bench("naive validate plans/banjar", [[PY, str(HERE / "naive_validate.py"), banjar]]),
    ]
    build = _has_command("build")
    if build:
        benches.append(Bench("build plans/banjar", [[SMARTPLAN, "build", banjar, "--out", str(scratch / "b")]]))
    schemas = _schemas(scratch)
    for n, plan in plans.items():
        big = n >= 10_000
        benches.append(Bench(f"validate synth-{n}", [[SMARTPLAN, "validate", str(plan)]], big=big))
        benches.append(Bench(f"naive validate synth-{n}", [[PY, str(HERE / "naive_validate.py"), str(plan)]], big))
        if build:
            out = str(scratch / f"b{n}")
            benches.append(Bench(f"build synth-{n}", [[SMARTPLAN, "build", str(plan), "--out", out]], big=big))
            naive = [PY, str(HERE / "naive_build.py"), str(plan), str(scratch / f"bnaive{n}")]
            benches.append(Bench(f"naive build synth-{n} (1 process)", [naive], big=big))
        if big:
            checks = [
                [str(BIN / "check-jsonschema"), "--schemafile", str(schemas[kind]), *map(str, files)]
                for kind, files in [("plan", [plan / "plan.yaml"])]
                + [(kind, sorted((plan / kind).glob("*.yaml"))) for kind in KINDS]
            ]
            benches.append(Bench(f"check-jsonschema synth-{n}", checks, big=True, slow=True))
    return benches


def _ratio(table: dict[str, Bench], a: str, b: str) -> str:
    if a not in table or b not in table:
        return "n/a"
    return f"{table[a].median / table[b].median:.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds for the fast benchmarks")
    parser.add_argument("--big-runs", type=int, default=3, help="rounds for the 10,000-file benchmarks")
    parser.add_argument("--slow-runs", type=int, default=1, help="rounds for check-jsonschema on 10,000 files")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--only", default="", help="comma-separated substrings of benchmark names")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    RESULTS.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="smartplan-bench-") as tmp:
        scratch = Path(tmp)
        benches = _benches(sizes, scratch)
        if args.only:
            benches = [b for b in benches if any(part in b.name for part in args.only.split(","))]
        for round_ in range(max(args.runs, args.big_runs, args.slow_runs) + 1):  # round 0: warm-up and memory
            for bench in benches:
                runs = args.slow_runs if bench.slow else args.big_runs if bench.big else args.runs
                if round_ > runs or (round_ == 0 and bench.slow):
                    continue
                total = cpu_total = 0.0
                for command in bench.commands:
                    for out in scratch.glob("b*"):
                        shutil.rmtree(out)
                    seconds, cpu, code, process_mb, tree_mb = _run(command, REPO, sample=round_ == 0)
                    total += seconds
                    cpu_total += cpu
                    bench.codes.add(code)
                    if round_ == 0:
                        bench.peak_process_mb = max(bench.peak_process_mb, process_mb)
                        bench.peak_tree_mb = max(bench.peak_tree_mb, tree_mb)
                if round_ > 0:
                    bench.times.append(total)
                    bench.cpu.append(cpu_total)
            print(f"round {round_} done, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    load_after = os.getloadavg()
    table = {b.name: b for b in benches}
    lines = [
        f"smartplan benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
        f"load average {load_before[0]:.2f} before / {load_after[0]:.2f} after",
        f"{'benchmark':<48} {'median s':>9} {'min s':>7} {'max s':>7} {'cpu s':>7} {'runs':>4} {'peak MB':>8} "
        f"{'tree MB':>8} exit",
    ]
    for b in benches:
        lines.append(
            f"{b.name:<48} {b.median:>9.3f} {min(b.times, default=0):>7.3f} {max(b.times, default=0):>7.3f} "
            f"{statistics.median(b.cpu) if b.cpu else 0:>7.3f} "
            f"{len(b.times):>4} {b.peak_process_mb:>8.1f} {b.peak_tree_mb:>8.1f} {','.join(map(str, sorted(b.codes)))}"
        )
    lines.append("")
    lines.append("ratios of medians:")
    floor = "floor: python -c 'import yaml, pydantic'"
    for slower, faster in [
        ("smartplan --help", floor),
        ("validate plans/banjar", "naive validate plans/banjar"),
        *[(f"validate synth-{n}", f"naive validate synth-{n}") for n in sizes],
        *[(f"check-jsonschema synth-{n}", f"validate synth-{n}") for n in sizes if n >= 10_000],
        *[(f"build synth-{n}", f"naive build synth-{n} (1 process)") for n in sizes],
        *[(f"validate synth-{n}", f"validate synth-{m}") for n, m in zip(sizes[1:], sizes, strict=False)],
        *[(f"build synth-{n}", f"build synth-{m}") for n, m in zip(sizes[1:], sizes, strict=False)],
    ]:
        lines.append(f"  {slower} / {faster}: {_ratio(table, slower, faster)}")
    text = "\n".join(lines) + "\n"
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"results-{stamp}.txt").write_text(text, encoding="utf-8")
    data = [
        {
            "name": b.name,
            "times": b.times,
            "median": b.median,
            "cpu": b.cpu,
            "peak_process_mb": b.peak_process_mb,
            "peak_tree_mb": b.peak_tree_mb,
            "exit_codes": sorted(b.codes),
        }
        for b in benches
    ]
    (RESULTS / f"results-{stamp}.json").write_text(
        json.dumps({"load": [load_before, load_after], "benchmarks": data}, indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
