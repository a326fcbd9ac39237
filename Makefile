# binhdan: `make run` serves the sample catalogue, `make test` runs every test, `make check` checks the content.
SWIFT ?= swift
CONFIG ?= debug
HOST ?= 127.0.0.1
PORT ?= 8080
APT_PACKAGES := libcmark-dev libsqlite3-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/$(CONFIG)/binhdan

.PHONY: all deps build run test check bench clean

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

# Benchmarks run on an optimised build; the figures are noted in BENCHMARKS.md.
bench: deps
	$(SWIFT) build -c release --product binhdan
	.build/release/binhdan bench report --officials 100000 --courses 10 --runs 20

check: build
	$(BIN) check Courses

clean:
	$(SWIFT) package clean
