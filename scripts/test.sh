#!/usr/bin/env bash
# `make test`: everything the tests need is installed by `make deps`; this starts a
# private PostgreSQL and runs every test against it, testing what ships (issue 10):
#   1. the whole suite in debug (with a fixed-seed minute of the differential fuzzer,
#      docs/FUZZING.md; also in stage 2);
#   2. the whole suite optimized (-c release, testing enabled), with the CLI tests run
#      against the very binary `make run` builds (REX_BINARY);
#   3. that binary's upload/fetch/round-trip paths under valgrind memcheck;
#   4. the Swift-side tests under AddressSanitizer;
#   5. a short fuzz run of the front end and the PNG reader (AddressSanitizer).
# Any failure, memcheck report or sanitizer report fails the run.
# Arguments are passed to `swift test` (e.g. `--filter CLITests`); REX_TEST_STAGES picks
# stages (default "debug release memcheck asan fuzz").
set -euo pipefail
cd "$(dirname "$0")/.."

run_tests() {
  set -euo pipefail   # a new bash runs this function: any failing stage fails make test
  local stages=" ${REX_TEST_STAGES:-debug release memcheck asan fuzz} "
  stage() { [[ "$stages" == *" $1 "* ]]; }
  banner() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)" >&2; }

  # Python runtime unit tests run on Debian's interpreter (the one rex embeds).
  if compgen -G "Tests/python/test_*.py" >/dev/null; then
    /usr/bin/python3 -m unittest discover -s Tests/python -p 'test_*.py' -v 2>&1 | tail -n 5
  fi

  if stage debug; then
    banner "debug build: every test"
    swift build --build-tests
    swift test --skip-build "$@"
  fi

  # The binary users run: exactly what `make run` builds.
  swift build -c release --product rex
  local shipped="$PWD/.build/release/rex"

  if stage release; then
    banner "optimized build: every test; CLI tests run $shipped"
    swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-testing
    REX_BINARY="$shipped" swift test -c release --skip-build --scratch-path .build-testing "$@"
  fi

  if stage memcheck; then
    banner "valgrind memcheck: uploads, fetches and round trips of $shipped"
    scripts/memcheck.sh "$shipped"
  fi

  if stage asan; then
    # The Swift-side tests: every unit and integration suite of the libraries. The CLI and
    # conformance suites run whole rex processes (the differential fuzzer runs a timed minute of
    # engine runs, in the debug and optimized stages above), and the 100,000-row upload scale tests check
    # reads inside the drivers, which the sanitizer cannot see (memcheck above covers both);
    # under the sanitizer they would take most of CI's time.
    banner "AddressSanitizer: the Swift-side tests"
    swift build --build-tests --sanitize=address --scratch-path .build-asan
    REX_TEST_SANITIZER=address ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
      swift test --skip-build --sanitize=address --scratch-path .build-asan --skip 'CLITests|ConformanceTests|DifferentialTests|UploadScaleTests' "$@"
  fi

  if stage fuzz && [ -x scripts/fuzz.sh ]; then
    banner "fuzzing the front end and the PNG reader (AddressSanitizer)"
    scripts/fuzz.sh 30
  fi
}
export -f run_tests
exec scripts/with-postgres.sh bash -c 'run_tests "$@"' run_tests "$@"
