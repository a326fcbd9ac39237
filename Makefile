# binhdan: `make run` serves the sample catalogue, `make test` runs every test, `make check` checks the content.
SWIFT ?= swift
CONFIG ?= debug
HOST ?= 127.0.0.1
PORT ?= 8080
APT_PACKAGES := libcmark-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/$(CONFIG)/binhdan
PYTHON ?= python3
BROWSER_APT_PACKAGES := chromium chromium-driver python3-venv
BROWSER_REQUIREMENTS := Tests/browser/requirements.txt
BROWSER_VENV := .venv/browser
BROWSER_TIMEOUT ?= 240
BROWSER_SCRATCH ?= .build

.PHONY: all deps build run test check bench clean browser-deps browser-test

all: build

# Installs the system libraries when pkg-config cannot find them (apt-get, with sudo when not root).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark sqlite3; then \
		echo "Installing $(APT_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product binhdan

# On the first run, loads the fictional sample province (Samples/) so there is something to see.
run: build
	@if [ ! -f data/binhdan.sqlite ]; then \
		$(BIN) units import Samples/units.csv && $(BIN) users import Samples/officials.csv && \
		echo "Sample accounts (password demo-binhdan-2025) are listed in Samples/README.md."; \
	fi
	$(BIN) serve --host $(HOST) --port $(PORT)

# Builds every target first: the end-to-end tests start the real binhdan executable.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory browser-test

# The real-browser suite (Tests/browser): the built server, headless Debian chromium, axe-core 4.x.
# Installs chromium, chromium-driver and python3-venv when missing, and keeps its pinned Python packages in
# $(BROWSER_VENV) (outside git), rebuilt only when Tests/browser/requirements.txt changes.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || \
		! $(PYTHON) -c 'import ensurepip' >/dev/null 2>&1; then \
		echo "Installing $(BROWSER_APT_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_APT_PACKAGES); \
	fi
	@if ! cmp -s $(BROWSER_REQUIREMENTS) $(BROWSER_VENV)/requirements.txt; then \
		echo "Creating $(BROWSER_VENV) from $(BROWSER_REQUIREMENTS)"; \
		rm -rf $(BROWSER_VENV) && $(PYTHON) -m venv $(BROWSER_VENV) && \
		$(BROWSER_VENV)/bin/pip install -q --disable-pip-version-check --ignore-requires-python \
			-r $(BROWSER_REQUIREMENTS) && \
		cp $(BROWSER_REQUIREMENTS) $(BROWSER_VENV)/requirements.txt; \
	fi

# The whole suite is stopped after $(BROWSER_TIMEOUT) s; it stops its server and browsers on the way out.
# `make browser-test BROWSER_SCRATCH=.build-mine BROWSER_ARGS="-k keyboard"` builds elsewhere and picks tests.
browser-test: deps browser-deps
	$(SWIFT) build --product binhdan --scratch-path $(BROWSER_SCRATCH)
	PYTHONDONTWRITEBYTECODE=1 BINHDAN_BIN=$(CURDIR)/$(BROWSER_SCRATCH)/debug/binhdan timeout -k 15 $(BROWSER_TIMEOUT) \
		$(BROWSER_VENV)/bin/python -m pytest -c Tests/browser/pytest.ini Tests/browser $(BROWSER_ARGS)

# Benchmarks (issue 8) run on an optimised build and write their figures into BENCHMARKS.md: the unit report over
# 100,000 officials, then scripts/bench/run.sh (a synthetic province, the bare SQLite writer, start-up, every HTTP
# scenario with wrk beside nginx, and the engine's micro-benchmarks). run.sh installs wrk, nginx and gcc when missing.
# About 13 minutes from a fresh clone on 2 cores; `BENCH_DURATION=2 make bench` for a quicker look.
bench: deps
	$(SWIFT) build -c release --product binhdan
	$(SWIFT) build -c release --product binhdan-microbench
	.build/release/binhdan bench report --officials 100000 --courses 10 --runs 20
	scripts/bench/run.sh

check: build
	$(BIN) check Courses

clean:
	$(SWIFT) package clean
