# Gatewatch — build, run, test, benchmark, release.
SWIFT_BIN := $(firstword $(wildcard /opt/swift/usr/bin))
ifneq ($(SWIFT_BIN),)
export PATH := $(SWIFT_BIN):$(PATH)
endif
SWIFT ?= swift

.PHONY: bootstrap build demo test bench release clean fuzz fuzz-long fuzz-build

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build --product gatewatch

## Build and open the console on the built-in demo bundle.
demo: build
	@.build/debug/gatewatch --demo

## Run the whole test suite: Swift tests, then the Python test peers (Kubernetes stand-in, moto, stand-ins).
test:
	@GATEWATCH_TEST_TOOLS=1 scripts/bootstrap.sh
	@python3 -m pip install -q --disable-pip-version-check -r Tests/Peers/requirements.txt
	SWIFT=$(SWIFT) scripts/run-swift-tests.sh
	python3 -m pytest Tests/Peers -q -p no:cacheprovider

## Release-built benchmarks with same-run baselines (`make bench SUITE=lpm` for one suite).
bench: bootstrap
	$(SWIFT) build -c release --product gatewatch-bench
	.build/release/gatewatch-bench $(SUITE)

## A self-contained binary for jump hosts (static Swift runtime, stripped), with its man page and
## shell completions generated from the argument parser.
release: bootstrap
	$(SWIFT) build -c release --static-swift-stdlib --product gatewatch
	mkdir -p out/completions
	strip -o out/gatewatch .build/release/gatewatch
	scripts/check-release.sh out/gatewatch
	python3 scripts/make-man.py out/gatewatch out/gatewatch.1
	out/gatewatch --generate-completion-script bash > out/completions/gatewatch.bash
	out/gatewatch --generate-completion-script zsh > out/completions/_gatewatch
	out/gatewatch --generate-completion-script fish > out/completions/gatewatch.fish
	scripts/check-release-extras.sh out

## Coverage-guided fuzzing of every parser (libFuzzer, AddressSanitizer): FUZZ_SECONDS per target
## (default 60); `make fuzz-long` runs each for an hour. Findings land in .build/fuzz/findings/.
FUZZ_SECONDS ?= 60
fuzz-build: bootstrap
	$(SWIFT) build --product gatewatch
	scripts/fuzz.sh build

fuzz: fuzz-build
	scripts/fuzz.sh run $(FUZZ_SECONDS)

fuzz-long: fuzz-build
	scripts/fuzz.sh run 3600

clean:
	rm -rf .build out
