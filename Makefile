# Dateline: the two quick-start commands (`make run`, `make test`) and their building blocks.
# Every target installs what it needs from Debian's packages first (`make deps`).

SHELL := /bin/bash
PRESET ?= release
BUILD_DIR := build/$(PRESET)
INDEX_DIR ?= var/sample-index
SAMPLE ?= sample/archive.jsonl
LISTEN ?= 127.0.0.1:8080

DEBIAN_PACKAGES := cmake ninja-build g++ pkg-config \
	libxapian-dev xapian-tools libboost1.81-dev nlohmann-json3-dev libicu-dev \
	catch2 libcli11-dev libgumbo-dev libpugixml-dev zlib1g-dev libcld2-dev \
	python3 python3-pytest python3-jsonschema python3-xapian time prometheus chromium

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-asan test-tsan deps node-deps browser-deps build index bench bench-scale format clean \
	fuzz fuzz-ci fuzz-merge tidy

## run: install, build, index the sample archive and serve search on $(LISTEN)
run: build
	rm -rf $(INDEX_DIR)
	$(BUILD_DIR)/indexer/dateline-index add --db $(INDEX_DIR) $(SAMPLE)
	$(BUILD_DIR)/indexer/dateline-index stats --db $(INDEX_DIR)
	@echo "open http://$(LISTEN)/ for the demo blog with the search box, or try: curl -s 'http://$(LISTEN)/v1/search?q=ferry+strike'   (Ctrl-C stops the server)"
	exec $(BUILD_DIR)/server/dateline-server --db $(INDEX_DIR) --listen $(LISTEN)

## test: install, build and run every test (unit and end-to-end)
test: build browser-deps
	ctest --preset $(PRESET) -j2

## test-asan: the same tests on an AddressSanitizer + UndefinedBehaviorSanitizer build
test-asan:
	$(MAKE) test PRESET=asan-ubsan

## test-tsan: the threaded parts (server, indexer pipeline) on a ThreadSanitizer build
test-tsan:
	$(MAKE) test PRESET=tsan

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Node.js drives the browser tests. Debian's nodejs/npm are installed only when no node is on
# PATH, so a Node.js from elsewhere (NodeSource) is left alone.
node-deps:
	@command -v node >/dev/null && command -v npm >/dev/null || \
		(DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm)

# playwright-core and axe-core at the versions in tests/browser/package-lock.json.
browser-deps: node-deps
	@cmp -s tests/browser/package-lock.json tests/browser/node_modules/.installed-lock.json || \
		(npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && \
		 cp tests/browser/package-lock.json tests/browser/node_modules/.installed-lock.json)

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET)

## bench-scale: how cost grows from 21k to 1M articles (bench/scale_bench.py, ~80 min) and its
## chart (docs/performance/scale.svg)
bench-scale: build
	@dpkg -s wrk python3-matplotlib >/dev/null 2>&1 || (DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq wrk python3-matplotlib)
	bench/scale_bench.py
	bench/plot_scale.py

bench: build
	@dpkg -s wrk >/dev/null 2>&1 || (DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk)
	bench/index_bench.sh
	bench/search_bench.sh

## fuzz: build the fuzz targets (feeds, HTML pages, query analysis, JSON records, request targets,
## searches) with clang (libFuzzer, ASan+UBSan) and run each for $(FUZZ_SECONDS) s from the kept
## corpus; new inputs land in build/fuzz/found/<target>
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := feed_reader_fuzz html_page_reader_fuzz query_analysis_fuzz article_json_fuzz \
	query_string_fuzz search_fuzz
fuzz: deps
	@dpkg -s clang-14 libclang-rt-14-dev >/dev/null 2>&1 || \
		(DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		 clang-14 libclang-rt-14-dev)
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz --target $(FUZZ_TARGETS)
	for target in $(FUZZ_TARGETS); do \
		case $$target in feed_*) seeds=tests/fixtures/archives/feeds ;; \
			html_*) seeds=tests/fixtures/archives/pages ;; *) seeds= ;; esac; \
		mkdir -p build/fuzz/found/$$target && \
		LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
		build/fuzz/fuzz/$$target -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
			-rss_limit_mb=2048 -dict=fuzz/$$target.dict -artifact_prefix=build/fuzz/ \
			build/fuzz/found/$$target fuzz/corpus/$$target $$seeds \
			|| exit 1; \
	done

## fuzz-ci: every fuzz target for a short fixed time, as CI runs them
fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=10

## tidy: clang-tidy (.clang-tidy) over every source file of the release build
tidy: build
	@command -v run-clang-tidy-14 >/dev/null || \
		(DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends clang-tidy-14)
	run-clang-tidy-14 -p $(BUILD_DIR) -quiet '$(CURDIR)/(common|indexer|server|tests|fuzz)/.*\.cpp'


## fuzz-merge: add the inputs fuzzing found that reach new code to the kept corpus (fuzz/corpus)
fuzz-merge:
	for target in $(FUZZ_TARGETS); do \
		LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
		build/fuzz/fuzz/$$target -merge=1 -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
			fuzz/corpus/$$target build/fuzz/found/$$target || exit 1; \
	done

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build var
