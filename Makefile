# Dateline: the two quick-start commands (`make run`, `make test`) and their building blocks.
# Every target installs what it needs from Debian's packages first (`make deps`).

SHELL := /bin/bash
PRESET ?= release
BUILD_DIR := build/$(PRESET)
INDEX_DIR ?= var/sample-index
SAMPLE ?= sample/archive.jsonl

DEBIAN_PACKAGES := cmake ninja-build g++ pkg-config \
	libxapian-dev xapian-tools libboost1.81-dev nlohmann-json3-dev libicu-dev \
	catch2 libcli11-dev libgumbo-dev zlib1g-dev \
	python3 python3-pytest python3-jsonschema time

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-asan deps build index bench format clean

## run: install, build, index the sample archive and show what is in it
run: build
	rm -rf $(INDEX_DIR)
	$(BUILD_DIR)/indexer/dateline-index add --db $(INDEX_DIR) $(SAMPLE)
	$(BUILD_DIR)/indexer/dateline-index stats --db $(INDEX_DIR)

## test: install, build and run every test (unit and end-to-end)
test: build
	ctest --preset $(PRESET) -j2

## test-asan: the same tests on an AddressSanitizer + UndefinedBehaviorSanitizer build
test-asan:
	$(MAKE) test PRESET=asan-ubsan

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET)

bench: build
	bench/index_bench.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build var
