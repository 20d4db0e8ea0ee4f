# rex: two commands set everything up (README.md).
#   make run   installs what is missing, builds release, opens the REPL (local context)
#   make test  installs what is missing, starts a private PostgreSQL, runs every test

.PHONY: run test deps build release install clean fuzz fuzz-engines bench

deps:
	@bash scripts/install-deps.sh

build: deps
	swift build

release: deps
	swift build -c release --product rex

# Installs the release binary and the man page: PREFIX/bin/rex and PREFIX/share/man/man1/rex.1
# (PREFIX=/usr/local by default, so `man rex` finds it; DESTDIR stages a package). BUILD=0 skips
# the release build and installs BINARY as it is (tests install the binary they built).
PREFIX ?= /usr/local
BUILD ?= 1
BINARY ?= .build/release/rex
install: $(if $(filter 0,$(BUILD)),,release)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1"
	install -m 755 "$(BINARY)" "$(DESTDIR)$(PREFIX)/bin/rex"
	install -m 644 man/rex.1 "$(DESTDIR)$(PREFIX)/share/man/man1/rex.1"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/rex and $(DESTDIR)$(PREFIX)/share/man/man1/rex.1"

run: release
	@./.build/release/rex

test: deps
	@bash scripts/test.sh

# Fuzz the front end and the PNG reader under AddressSanitizer, SECONDS each (scripts/fuzz.sh).
SECONDS ?= 60
fuzz: deps
	@bash scripts/fuzz.sh $(SECONDS)

# Differential fuzzing of the engines (docs/FUZZING.md): random pipelines on pandas, PostgreSQL and
# SQLite for SECONDS (default 600 here) with a new seed each run; SEED=S repeats a run.
fuzz-engines: deps
	@bash scripts/fuzz-engines.sh $(if $(filter command line environment,$(origin SECONDS)),$(SECONDS),600) $(SEED)

# Issue 15's benchmarks on a private PostgreSQL (and REX_TEST_MSSQL when set): uploads against
# psql \copy and sqlite3 .import, server context to CSV against COPY, the csv source and a local
# pipeline against pandas, local fetch against pyodbc and arrow-odbc, start-up, summary push-down,
# compile time; writes docs/BENCHMARKS.md (bench/run.sh; ROWS=N rows, RUNS=N runs of each).
ROWS ?= 1000000
bench: deps
	@bash bench/run.sh $(ROWS)

clean:
	rm -rf .build
