# newsctl - archive and index Vietnamese news text.
#
#   make            build newsctl and the SQLite extension
#   make demo       install build dependencies, ingest seeds/ and search it
#   make check      install dependencies, build, run every test
#   make asan       the tests again with AddressSanitizer and UBSan
#   make install    PREFIX=/usr/local DESTDIR= (binary, extension, man pages)
#   make bench      benchmark against the baseline peers (see bench/run)
#
# DEVELOPER=1 turns warnings into errors (CI sets it).

PKG_CONFIG ?= pkg-config
# libbrotlienc: only the unit tests encode (brotli payloads, bombs)
PKGS = icu-uc icu-i18n sqlite3 libarchive nettle libzstd jansson \
	libxml-2.0 libbrotlidec libbrotlienc zlib
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
MANDIR ?= $(PREFIX)/share/man
BUILD ?= build
VERSION = 0.1.0

# A missing library stops the build with pkg-config's own message (the
# targets that install the libraries first are let through).
NO_PKGS_GOALS = deps demo check clean fuzz fuzz-ci check-valgrind uninstall
ifeq ($(filter $(NO_PKGS_GOALS),$(MAKECMDGOALS)),)
PKG_MISSING := $(shell $(PKG_CONFIG) --exists $(PKGS) || \
	$(PKG_CONFIG) --print-errors --exists $(PKGS) 2>&1; true)
ifneq ($(PKG_MISSING),)
$(error $(PKG_MISSING) (install the libraries: sh tests/install-deps.sh))
endif
endif
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS))
# The loadable extension uses its host's SQLite, never a copy of its own.
EXT_LIBS := $(shell $(PKG_CONFIG) --libs $(filter-out sqlite3,$(PKGS)))

override CFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-D_FORTIFY_SOURCE=2 \
	-DNEWSCTL_VERSION='"$(VERSION)"' -fPIC \
	-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -fstack-protector-strong -pthread -MMD -MP $(PKG_CFLAGS)
ifdef DEVELOPER
override CFLAGS += -Werror
endif
LIBS = $(PKG_LIBS) -lm -pthread

# Every src/*.c is a module of the library except the two entry points.
MAIN = src/newsctl.c
EXT = src/extension.c
LIB_SRC = $(filter-out $(MAIN) $(EXT),$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/abbrev-data.o
# data/abbreviations.tsv is compiled in as a C string, so that an installed
# newsctl needs no file beside it.
ABBREV_DATA = data/abbreviations.tsv
UNIT_SRC = $(wildcard tests/unit/t-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
EXT_SO = $(BUILD)/newsctl.so
MAN_PAGES = $(wildcard man/*.[0-9])

all: $(BUILD)/newsctl $(EXT_SO)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/abbrev-data.c: $(ABBREV_DATA) | $(BUILD)
	LC_ALL=C awk 'BEGIN { print "/* made from $(ABBREV_DATA) */"; \
		print "const char abbrev_data[] ="; } \
		/^#/ { next } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); \
		gsub(/\?/, "\\?"); gsub(/\t/, "\\t"); \
		print "\t\"" $$0 "\\n\""; } \
		END { print "\t\"\";" }' $(ABBREV_DATA) > $@.tmp && mv $@.tmp $@

$(BUILD)/abbrev-data.o: $(BUILD)/abbrev-data.c
	$(CC) $(CFLAGS) -c -o $@ $<

# The site rules of the extractor, compiled in as one C string.
$(BUILD)/sites.inc: data/sites.tsv | $(BUILD)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' \
		-e 's/^/"/' -e 's/$$/\\n"/' data/sites.tsv >$@

$(BUILD)/sites.o: src/sites.c $(BUILD)/sites.inc | $(BUILD)
	$(CC) $(CFLAGS) -I$(BUILD) -c -o $@ src/sites.c

$(BUILD)/libnewsctl.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/newsctl: $(BUILD)/newsctl.o $(BUILD)/libnewsctl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(EXT_SO): $(BUILD)/extension.o $(BUILD)/libnewsctl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $^ $(EXT_LIBS) -lm -pthread

$(BUILD)/tests/%: tests/unit/%.c tests/tap.h $(BUILD)/libnewsctl.a | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) -Isrc -Itests -o $@ $< $(BUILD)/libnewsctl.a $(LIBS)

$(BUILD):
	mkdir -p $(BUILD)

deps:
	@sh tests/install-deps.sh

demo: deps
	$(MAKE) all
	@sh tests/demo.sh $(BUILD)/newsctl

# The tests: C unit tests, then the command-line tests that drive the built
# binary (NEWSCTL=/path/to/newsctl tests an installed one), then the man pages.
check: deps
	$(MAKE) all units
	NEWSCTL=$${NEWSCTL:-$(CURDIR)/$(BUILD)/newsctl} \
	NEWSCTL_EXT=$(CURDIR)/$(EXT_SO) NEWSCTL_UNIT=$(CURDIR)/$(BUILD)/tests \
	prove --exec '' $(PROVE_FLAGS) $(UNIT_BIN) tests/cli/*.t
	@mandoc -Tlint -W warning $(MAN_PAGES) && echo "man pages: mandoc -Tlint clean"

units: $(UNIT_BIN)

# The same tests, built with the sanitizers in a separate build directory.
asan:
	$(MAKE) BUILD=build-asan \
		CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" check

bench: all
	bench/run

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/newsctl \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 0755 $(BUILD)/newsctl $(DESTDIR)$(BINDIR)/newsctl
	install -m 0755 $(EXT_SO) $(DESTDIR)$(LIBDIR)/newsctl/newsctl.so
	for p in $(MAN_PAGES); do \
		s=$${p##*.}; install -m 0644 $$p $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/newsctl $(DESTDIR)$(LIBDIR)/newsctl/newsctl.so
	for p in $(MAN_PAGES); do \
		s=$${p##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${p##*/}; done

clean:
	rm -rf build build-asan build-fuzz

# Fuzzing with libFuzzer (needs clang: sh tests/install-deps.sh fuzz): each
# target in tests/fuzz/ for FUZZ_SECONDS from a seed corpus made from
# fixtures/, built with the sanitizers in build-fuzz/ (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60

fuzz: deps
	@sh tests/install-deps.sh fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) MAKE="$(MAKE)" sh tests/fuzz/run.sh

fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=20

# The command-line tests with newsctl run under valgrind (slow; not in CI):
# tests/valgrind.sh fails a run with status 99 on a memory error or a
# definite leak and keeps valgrind's reports in $(BUILD)/valgrind/.
check-valgrind: deps
	@sh tests/install-deps.sh valgrind
	$(MAKE) all
	rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	NEWSCTL=$(CURDIR)/tests/valgrind.sh \
	NEWSCTL_VALGRIND_BIN=$(CURDIR)/$(BUILD)/newsctl \
	NEWSCTL_VALGRIND_LOGS=$(CURDIR)/$(BUILD)/valgrind \
	NEWSCTL_EXT=$(CURDIR)/$(EXT_SO) \
	prove --exec '' $(PROVE_FLAGS) tests/cli/*.t
	@sh tests/valgrind.sh --summary

.PHONY: all deps demo check units asan bench install uninstall clean \
	fuzz fuzz-ci check-valgrind

-include $(wildcard $(BUILD)/*.d)
