# modc — common tasks. Every target is a thin wrapper around the go tool;
# `make help` lists them.

GO       ?= go
BIN      ?= bin/modc
FUZZTIME ?= 10s
BENCH    ?= .
PKGS     ?= ./...
# make dist: the version stamped into modc and naming the archives (the
# last vX.Y.Z tag, else the commit), the commit, and its date.
VERSION  ?= $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null || echo v0.0.0-$$(git rev-parse --short=12 HEAD))
COMMIT   ?= $(shell git rev-parse --short=12 HEAD)
DATE     ?= $(shell git log -1 --format=%cI)
TARGETS  ?=

.PHONY: help build dist test dev bench gobench fuzz attacks check fmt vet clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

build: ## build the CLI into bin/modc
	$(GO) build -o $(BIN) ./cmd/modc

dist: ## release archives for linux/darwin/windows x amd64/arm64 and SHA256SUMS in dist/ (VERSION=v1.2.0, TARGETS=linux/amd64,...)
	$(GO) run ./cmd/modcdist -version '$(VERSION)' -commit '$(COMMIT)' -date '$(DATE)' -out dist -targets '$(TARGETS)'

test: ## run every test (what .ci/run runs after installing chromium, node and git)
	$(GO) test $(PKGS)

dev: ## run the devserver on the example workspace
	$(GO) run ./cmd/modc devserver

bench: ## modc vs esbuild and Hugo side by side, writes bench/RESULTS.md (BENCHFLAGS for modcbench run)
	bench/run $(BENCHFLAGS)

gobench: ## run the Go benchmarks (BENCH=regexp to pick some)
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem $(PKGS)

fuzz: ## run every fuzz target for FUZZTIME each (default 10s)
	@set -e; \
	for file in $$(grep -rl --include='*_test.go' '^func Fuzz' .); do \
		for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
			echo "== $$name in $$(dirname $$file)"; \
			$(GO) test -run '^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) $$(dirname $$file); \
		done; \
	done

attacks: ## the sandbox attacks on dry runs: each must end with a located error within its limits
	$(GO) test -count=1 -v -run 'TestAttacks|TestLimits' ./compiler/internal/dryrun/
	$(GO) test -count=1 -v -run 'TestHooksEndWithinLimits|TestHookTimeout|TestDevserverStopsAtOnce' ./cmd/modc/

check: ## check the example workspace (the repository root)
	$(GO) run ./cmd/modc check

fmt: ## gofmt every Go file
	$(GO) fmt $(PKGS)

vet: ## go vet every package
	$(GO) vet $(PKGS)

clean: ## remove bin/, dist/ and the example workspace's out/
	rm -rf bin dist out
