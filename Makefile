# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLAN ?= plans/banjar

.PHONY: install run validate build test lint typecheck system-deps bench fuzz clean

$(BIN)/smartplan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	touch $@

# The editable install leaves smartplan's own modules uncompiled, and with PYTHONDONTWRITEBYTECODE set (as on CI
# machines) every run compiled them again: 60-150 ms per command. compileall skips what is up to date.
install: $(BIN)/smartplan
	@$(BIN)/python -m compileall -q smartplan >/dev/null

# Runs the main job: check the Banjar plan, then build its documents into build/banjar.
run: install
	$(BIN)/smartplan validate $(PLAN)
	$(BIN)/smartplan build $(PLAN)

# Debian packages, installed once: pandoc (Word files; tests), WeasyPrint's libraries (PDF: pango, pangoft2,
# harfbuzz-subset; cairo for charts in Word files), the fonts the documents name, and for the tests chromium
# (browser checks) and poppler-utils (pdftotext reads the PDFs back).
SYSTEM_PACKAGES := pandoc chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	libcairo2 poppler-utils
system-deps:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "installing $(SYSTEM_PACKAGES) (Debian packages)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi

test: install system-deps
	$(BIN)/ruff check smartplan tests
	$(BIN)/ruff format --check smartplan tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check smartplan tests
	$(BIN)/ruff format --check smartplan tests

typecheck: install
	$(BIN)/mypy

# Property tests at nightly scale, fresh randomness each run: SMARTPLAN_FUZZ_EXAMPLES mutated plans, a fifth as
# many generated valid plans, a hundredth built twice (about half an hour on 2 cores). make test runs ~250, seeded.
FUZZ_EXAMPLES ?= 10000
fuzz: install
	SMARTPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/test_fuzz.py \
		--hypothesis-show-statistics

# Benchmarks side by side (medians, ratios, peak memory); results in bench-results/. E.g. BENCH_ARGS="--runs 3".
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
