# newsarchive — the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/newsarchive
# The shared data sits beside the main worktree; a worktree under wt/ finds it one level up.
SHARED  ?= $(firstword $(wildcard ../shared ../../shared) ../shared)
GOLDEN_DIR ?= /tmp/newsarchive-golden
EVAL    := $(SHARED)/tools/extract-eval

.PHONY: build test demo bench eval golden golden-accept vet fmt clean

build:
	$(GO) build -o $(BIN) ./cmd/newsarchive

# Tests always run with the race detector; vet and gofmt are part of them.
test: vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff
	$(GO) test -race -count=1 ./...

# The whole job offline: a bundled news site on loopback, crawled into
# demo/archive.db, then a look at what was archived.
demo: build
	@rm -rf demo && mkdir -p demo
	$(BIN) demo --db demo/archive.db

# One package at a time (-p 1) so benchmarks do not compete for the two
# cores; each benchmark sizes its own work (see README "Measurements").
# NEWSARCHIVE_BENCH_ARTICLES=100000 runs the archive benchmarks at full size;
# the serve benchmarks (./web) default to that size, and the variable scales
# them down.
bench: build
	$(GO) test -p 1 -timeout 60m -run '^$$' -bench . -benchmem -benchtime 1x ./...

# Extraction quality against the labelled pages in ../shared/data.
eval: build
	@for set in sh wcxb-dev zh-dev traf-dev; do \
		$(GO) -C $(EVAL) run . -data ../../data -set $$set -project $(CURDIR)/$(BIN) || exit 1; \
	done

# Extractor output on every dev page, one JSON file per page under
# $(GOLDEN_DIR)/run (outside the repository), compared with
# $(GOLDEN_DIR)/base: the pages whose output changed are listed, and the
# target fails when there are any. The first run becomes the base;
# `make golden-accept` makes the current output the base.
golden:
	$(GO) run ./extract/internal/goldentool -data $(SHARED)/data -out $(GOLDEN_DIR)/run -base $(GOLDEN_DIR)/base

golden-accept:
	$(GO) run ./extract/internal/goldentool -data $(SHARED)/data -out $(GOLDEN_DIR)/run -base $(GOLDEN_DIR)/base -accept

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin demo
