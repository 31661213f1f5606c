# kith — build, test, install. Plain make; libraries through pkg-config.

.SUFFIXES:

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=
DATADIR ?= $(PREFIX)/share
COMPDIR_BASH ?= $(DATADIR)/bash-completion/completions
COMPDIR_ZSH  ?= $(DATADIR)/zsh/site-functions
COMPDIR_FISH ?= $(DATADIR)/fish/vendor_completions.d
ifeq ($(origin CC),default)
CC := cc
endif
PKG_CONFIG ?= pkg-config
VERSION := 0.1.0

PKGS     := yaml-0.1 libpcre2-8 libcmark libical jansson
DEB_PKGS := libyaml-dev libpcre2-dev libcmark-dev libical-dev libcsv-dev libjansson-dev pkg-config gcc make
DEB_TEST_PKGS := libcriterion-dev jq python3 python3-icalendar chromium clang libclang-rt-14-dev \
	clang-format git vim neovim zsh fish python3-yaml mandoc poppler-utils

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
WERROR  ?= -Werror
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libical is not linked: util/ical.c dlopen()s it when an iCalendar file is
# read or written, so other commands don't load it (nor ICU, libstdc++)
LINK_PKGS  := $(filter-out libical,$(PKGS))
LIBS_DEPS  = $(shell $(PKG_CONFIG) --libs $(LINK_PKGS) 2>/dev/null) -lcsv
# The libraries above are linked in whole where their archives are there
# (Debian's -dev packages ship them): loading five shared libraries cost
# half a millisecond of every start (docs/architecture.md, "Loading"). A
# rebuild takes in their fixes. LINK_STATIC=no links them shared.
LINK_STATIC ?= yes
STATIC_DEPS = $(if $(filter yes,$(LINK_STATIC)),$(shell for l in yaml pcre2-8 cmark jansson csv; do \
	f=$$($(CC) -print-file-name=lib$$l.a); [ -f "$$f" ] || exit 0; done; echo yes))
PKG_LIBS   = $(if $(STATIC_DEPS),-Wl$(comma)-Bstatic $(LIBS_DEPS) -Wl$(comma)-Bdynamic,$(LIBS_DEPS)) -ldl
comma := ,
LIBICAL_SONAME := $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir libical 2>/dev/null)/libical.so" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
CRIT_CFLAGS = $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
CRIT_LIBS   = $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null)
ALL_CFLAGS = $(CSTD) $(WARN) $(WERROR) $(OPT) -Iinclude -Isrc -DKITH_VERSION='"$(VERSION)"' $(if $(LIBICAL_SONAME),-DKITH_LIBICAL_SONAME='"$(LIBICAL_SONAME)"') $(PKG_CFLAGS) -pthread $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) -pthread

BUILD   ?= build
LIB_SRC := $(sort $(wildcard src/util/*.c src/diag/*.c src/model/*.c src/load/*.c src/query/*.c src/check/*.c src/compute/*.c src/edit/*.c src/import/*.c src/render/*.c src/lib/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c src/lsp/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
HDRS    := $(wildcard include/kith/*.h src/*/*.h src/*/*.def)

.PHONY: all check unit golden demo deps test-deps install uninstall clean format format-check asan bench golden-update examples-check \
	formats docs-check diagnostics-doc-check editors-check redact-check pathological
all: $(BUILD)/kith

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@printf '  CC      %s\n' $<
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libkith.a: $(LIB_OBJ)
	@rm -f $@
	@printf "  AR      %s\n" $@
	@ar rcs $@ $(LIB_OBJ)

$(BUILD)/kith: $(CLI_OBJ) $(BUILD)/libkith.a
	@printf "  LD      %s\n" $@
	@$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libkith.a $(ALL_LDFLAGS) $(PKG_LIBS) -lm

$(BUILD)/tests/unit/%.o: tests/unit/%.c $(HDRS)
	@mkdir -p $(dir $@)
	@printf '  CC      %s\n' $<
	@$(CC) $(ALL_CFLAGS) $(CRIT_CFLAGS) -DKITH_TEST_ROOT='"$(CURDIR)"' -c $< -o $@

# the language server's objects (not in libkith.a) for tests/unit/test_lsp.c
LSP_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard src/lsp/*.c))
$(BUILD)/unit-tests: $(TEST_OBJ) $(LSP_OBJ) $(BUILD)/libkith.a
	@printf "  LD      %s\n" $@
	@$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(LSP_OBJ) $(BUILD)/libkith.a $(ALL_LDFLAGS) $(CRIT_LIBS) $(PKG_LIBS) -lm

# deps: install the Debian packages when they are missing (build only for
# demo; test-deps adds what the test suite uses).
APT = SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
deps:
	@if ! command -v $(CC) >/dev/null || ! $(PKG_CONFIG) --exists $(PKGS) 2>/dev/null \
	    || ! printf '#include <csv.h>\n' | $(CC) -E - >/dev/null 2>&1; then \
		echo "kith: installing build dependencies: $(DEB_PKGS)"; \
		$(APT) $(DEB_PKGS); \
	fi

# The tools the tests need; each missing one is a failure, not a skip.
# A first miss installs DEB_TEST_PKGS, a second one stops make.
TEST_TOOLS_OK = $(PKG_CONFIG) --exists criterion 2>/dev/null && command -v jq >/dev/null \
	&& command -v chromium >/dev/null && command -v pdfinfo >/dev/null && command -v git >/dev/null && command -v vim >/dev/null && command -v nvim >/dev/null \
	&& command -v zsh >/dev/null && command -v fish >/dev/null && command -v mandoc >/dev/null && python3 -c "import yaml" 2>/dev/null \
	&& command -v clang-format >/dev/null && sh tests/python3.sh -c 'import icalendar' 2>/dev/null \
	&& command -v clang >/dev/null && printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' \
	   | clang -fsanitize=fuzzer,address -x c - -o /dev/null 2>/dev/null
test-deps: deps
	@if ! { $(TEST_TOOLS_OK); }; then \
		echo "kith: installing test dependencies: $(DEB_TEST_PKGS)"; \
		$(APT) $(DEB_TEST_PKGS); \
		if ! { $(TEST_TOOLS_OK); }; then \
			echo "kith: a test tool is still missing (criterion, jq, chromium, git, vim, clang-format," \
			     "python3 with icalendar, clang with libFuzzer): the tests cannot run" >&2; exit 1; \
		fi; \
	fi

# check: every layer runs even when an earlier one fails, then the verdict.
# A new layer is a target added to CHECK_STEPS (one line: CHECK_STEPS += x).
# The last step fails if the tests changed the checkout (tests/tree-state.sh).
CHECK_STEPS := unit golden formats docs-check diagnostics-doc-check format-check examples-check
CHECK_STEPS += editors-check
CHECK_STEPS += redact-check
CHECK_STEPS += lsp
CHECK_STEPS += recipes
CHECK_STEPS += man-check
CHECK_STEPS += faults-short
CHECK_STEPS += layers-check
CHECK_STEPS += browser
check: test-deps
	@mkdir -p $(BUILD) && sh tests/tree-state.sh >$(BUILD)/tree.before
	@$(MAKE) --no-print-directory $(BUILD)/kith $(BUILD)/unit-tests
	@failed=; for t in $(CHECK_STEPS); do \
		$(MAKE) --no-print-directory $$t || failed="$$failed $$t"; \
	 done; \
	 sh tests/tree-state.sh --compare $(BUILD)/tree.before || failed="$$failed tree"; \
	 if [ -n "$$failed" ]; then echo "check: FAILED:$$failed"; exit 1; fi; \
	 echo "check: every step passed ($(CHECK_STEPS) tree)"

formats: $(BUILD)/kith
	@sh tests/formats/check.sh $(BUILD)/kith

# layers-check: the one-way includes of docs/architecture.md, and proof
# that a forbidden include fails the check.
.PHONY: layers-check
layers-check:
	@sh tests/layers.sh && sh tests/layers.sh --self-test

docs-check: $(BUILD)/kith
	@sh tests/docs/run.sh $(BUILD)/kith

editors-check: $(BUILD)/kith
	@sh tests/editors/run.sh $(BUILD)/kith

redact-check: $(BUILD)/kith
	@sh tests/redact/run.sh $(BUILD)/kith

# pathological: hostile inputs with budgets of 10 CPU s each (about a
# minute in all, so not in check; .ci/run calls it)
pathological: $(BUILD)/kith
	@sh tests/pathological/run.sh $(BUILD)/kith

diagnostics-doc-check:
	@sh tests/diagnostics-doc.sh --check

examples-check: $(BUILD)/kith
	@cd examples && ../$(BUILD)/kith --as-of 2026-11-22 check --strict && echo "examples: check --strict passed"

# The unit tests run from an empty temporary folder that is also their
# TMPDIR (so they find the tree by KITH_TEST_ROOT, never by the working
# folder, and leave nothing behind).
unit: $(BUILD)/unit-tests
	@t=$$(mktemp -d) || exit 1; trap 'rm -rf "$$t"' EXIT; \
	 (cd "$$t" && TMPDIR="$$t" $(abspath $(BUILD))/unit-tests --jobs 2) >$(BUILD)/unit.log 2>&1; s=$$?; \
	 if [ $$s -ne 0 ]; then grep -v '^\[----\]' $(BUILD)/unit.log | tail -n 40; else tail -n 1 $(BUILD)/unit.log; fi; exit $$s

# browser: the report page in headless Chromium at 390 px, light and dark,
# and report --summary printed on at most 2 A4 pages (tests/browser).
.PHONY: browser
browser: $(BUILD)/kith
	@sh tests/browser/layout.sh $(BUILD)/kith

# lsp: scripted JSON-RPC sessions against kith lsp (tests/lsp).
.PHONY: lsp
lsp: $(BUILD)/kith
	@python3 tests/lsp/run.py $(BUILD)/kith
	@sh tests/lsp/nvim.sh $(BUILD)/kith

# recipes: the completion scripts, editor, CI and pre-commit recipes of
# contrib/ (tests/recipes).
.PHONY: recipes
recipes: $(BUILD)/kith
	@sh tests/recipes/run.sh $(BUILD)/kith

# man-check: docs/kith.1 is mandoc -Tlint clean and describes every
# command and option of the --help texts.
.PHONY: man-check
man-check: $(BUILD)/kith
	@sh tests/man/check.sh $(BUILD)/kith

golden: $(BUILD)/kith
	@sh tests/golden/run.sh $(BUILD)/kith

golden-update: $(BUILD)/kith
	@sh tests/golden/run.sh --update $(BUILD)/kith

demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/kith
	cd examples && ../$(BUILD)/kith --as-of 2026-11-22 check
	cd examples && ../$(BUILD)/kith --as-of 2026-11-22 due
	cd examples && ../$(BUILD)/kith --as-of 2026-11-22 goals

ASAN_FLAGS = BUILD=build-asan OPT='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	LDFLAGS='-fsanitize=address,undefined'
asan: test-deps
	@$(MAKE) --no-print-directory $(ASAN_FLAGS) build-asan/kith build-asan/unit-tests
	@ASAN_OPTIONS=detect_leaks=1 $(MAKE) --no-print-directory $(ASAN_FLAGS) unit golden lsp

bench: $(BUILD)/kith $(BUILD)/bench-floor
	@sh bench/run.sh $(BUILD)/kith $(BUILD)/bench-floor

$(BUILD)/bench-floor: bench/floor.c
	@mkdir -p $(BUILD)
	@$(CC) -O2 -o $@ bench/floor.c $(shell $(PKG_CONFIG) --cflags --libs yaml-0.1)

install: $(BUILD)/kith
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp $(BUILD)/kith $(DESTDIR)$(BINDIR)/kith
	cp docs/kith.1 $(DESTDIR)$(MANDIR)/man1/kith.1
	mkdir -p $(DESTDIR)$(COMPDIR_BASH) $(DESTDIR)$(COMPDIR_ZSH) $(DESTDIR)$(COMPDIR_FISH)
	cp contrib/completion/kith.bash $(DESTDIR)$(COMPDIR_BASH)/kith
	cp contrib/completion/_kith $(DESTDIR)$(COMPDIR_ZSH)/_kith
	cp contrib/completion/kith.fish $(DESTDIR)$(COMPDIR_FISH)/kith.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kith $(DESTDIR)$(MANDIR)/man1/kith.1
	rm -f $(DESTDIR)$(COMPDIR_BASH)/kith $(DESTDIR)$(COMPDIR_ZSH)/_kith $(DESTDIR)$(COMPDIR_FISH)/kith.fish

clean:
	rm -rf build build-asan build-faults build-fuzz

# Fault loops (tests/faults): a build with the allocation seam
# (-DKITH_FAULTS) and an LD_PRELOAD write-fault shim. faults-short (in
# check) samples k; faults walks every allocation of every command.
FAULTS_BUILD = build-faults
.PHONY: faults faults-short faults-bin
faults-bin:
	@$(MAKE) --no-print-directory BUILD=$(FAULTS_BUILD) CFLAGS='$(CFLAGS) -DKITH_FAULTS' $(FAULTS_BUILD)/kith
	@mkdir -p $(FAULTS_BUILD)
	@$(CC) -shared -fPIC -O2 -Wall -Wextra -o $(FAULTS_BUILD)/shim.so tests/faults/shim.c -ldl
faults-short: $(BUILD)/kith faults-bin
	@sh tests/faults/run.sh $(BUILD)/kith $(FAULTS_BUILD)/kith $(FAULTS_BUILD)/shim.so
faults: $(BUILD)/kith faults-bin
	@sh tests/faults/run.sh --full $(BUILD)/kith $(FAULTS_BUILD)/kith $(FAULTS_BUILD)/shim.so

FORMAT_FILES = $(wildcard src/*/*.c src/*/*.h include/kith/*.h tests/unit/*.c)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@command -v clang-format >/dev/null || { echo "format: clang-format not installed (make test-deps)"; exit 1; }
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format: clean"

# fuzz-build: libFuzzer targets (tests/fuzz) in build-fuzz/, the library
# compiled with the same sanitizers (clang's extra warnings do not stop
# it). fuzz: seed the corpora and run each target for FUZZ_TIME seconds
# (see tests/fuzz/README.md).
FUZZ_TARGETS := yaml md query pipeline
FUZZ_TARGETS += lsp
FUZZ_TARGETS += vcard linkedin icsimport
FUZZ_TIME ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
.PHONY: fuzz fuzz-build fuzz-smoke
.SECONDARY: $(FUZZ_TARGETS:%=build-fuzz/tests/fuzz/fuzz_%.o) build-fuzz/tests/fuzz/fuzz_common.o
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang WERROR= OPT='-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
		$(FUZZ_TARGETS:%=build-fuzz/fuzz_%)

build-fuzz/fuzz_%: build-fuzz/tests/fuzz/fuzz_%.o build-fuzz/tests/fuzz/fuzz_common.o build-fuzz/libkith.a
	@printf "  LD      %s\n" $@
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) -lm

# the language server is not in libkith.a: its objects are linked in
build-fuzz/fuzz_lsp: build-fuzz/tests/fuzz/fuzz_lsp.o build-fuzz/tests/fuzz/fuzz_common.o \
		$(patsubst %.c,build-fuzz/%.o,$(wildcard src/lsp/*.c)) build-fuzz/libkith.a
	@printf "  LD      %s\n" $@
	@$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS) -lm

# FUZZ_RUN: how long each target runs (a time here, a fixed count and
# seed in fuzz-smoke).
FUZZ_RUN ?= -max_total_time=$(FUZZ_TIME)
FUZZ_CORPORA ?= build-fuzz
fuzz: fuzz-build
	@sh tests/fuzz/seed.sh $(FUZZ_CORPORA)
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz_$$t: $(FUZZ_RUN)"; \
		build-fuzz/fuzz_$$t $(FUZZ_RUN) -timeout=5 -rss_limit_mb=2048 -dict=tests/fuzz/kith.dict \
			-artifact_prefix=build-fuzz/ $(FUZZ_CORPORA)/corpus-$$t || exit 1; \
	done

# fuzz-smoke (CI): every target in FUZZ_TARGETS on a fixed number of
# inputs from a fixed seed, on fresh seed corpora: the same commit always
# runs the same inputs, so CI's verdict does not depend on luck or machine
# speed. The counts give each target some 10 to 20 s on a quiet 2-core
# machine (FUZZ_SMOKE_RUNS_<target> overrides one, FUZZ_SMOKE_RUNS all).
# Open-ended search is `make fuzz FUZZ_TIME=...`.
FUZZ_SMOKE_RUNS_yaml ?= 4000
FUZZ_SMOKE_RUNS_md ?= 800
FUZZ_SMOKE_RUNS_query ?= 4000
FUZZ_SMOKE_RUNS_pipeline ?= 2000
FUZZ_SMOKE_RUNS_lsp ?= 10000
FUZZ_SMOKE_RUNS_vcard ?= 30000
FUZZ_SMOKE_RUNS_linkedin ?= 30000
FUZZ_SMOKE_RUNS_icsimport ?= 3000
fuzz-smoke: fuzz-build
	@rm -rf build-fuzz/smoke
	@sh tests/fuzz/seed.sh build-fuzz/smoke
	@$(foreach t,$(FUZZ_TARGETS),echo "fuzz_$t: $(or $(FUZZ_SMOKE_RUNS),$(FUZZ_SMOKE_RUNS_$t)) inputs, seed 1" && \
		build-fuzz/fuzz_$t -seed=1 -runs=$(or $(FUZZ_SMOKE_RUNS),$(FUZZ_SMOKE_RUNS_$t)) -timeout=5 -rss_limit_mb=2048 \
			-dict=tests/fuzz/kith.dict -artifact_prefix=build-fuzz/ build-fuzz/smoke/corpus-$t 2>build-fuzz/smoke/$t.log && \
		grep -h '^Done' build-fuzz/smoke/$t.log || { tail -n 80 build-fuzz/smoke/$t.log; exit 1; }; ) true
