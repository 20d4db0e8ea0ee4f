#!/usr/bin/env bash
# `make fuzz-engines [SECONDS=N] [SEED=S]`: the differential fuzzer (docs/FUZZING.md) for
# SECONDS seconds (default 600) with a new random seed each run (or SEED, to repeat a run):
# random tables and pipelines on pandas (local), PostgreSQL and SQLite (server), under a
# private PostgreSQL (scripts/with-postgres.sh). Every disagreement is minimised and printed as
# a conformance case; the report is also written to .build/fuzz-engines-SEED.txt. Exits
# non-zero when any engine disagrees (or a generated pipeline does not type-check).
#
#   scripts/fuzz-engines.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
seed="${2:-}"
if [ -z "$seed" ]; then seed=$(od -An -N6 -tu8 /dev/urandom | tr -d ' \n'); fi
repeat="make fuzz-engines SECONDS=$seconds SEED=$seed"
echo "fuzz-engines: REX_FUZZ_SEED=$seed for $seconds s (repeat with: $repeat)" >&2

swift build --build-tests
mkdir -p .build
status=0
REX_FUZZ_SEED="$seed" REX_FUZZ_SECONDS="$seconds" \
  REX_FUZZ_MAX_REPORTS="${REX_FUZZ_MAX_REPORTS:-40}" REX_FUZZ_MINIMISE_SECONDS="${REX_FUZZ_MINIMISE_SECONDS:-60}" \
  REX_FUZZ_REPORT="$PWD/.build/fuzz-engines-$seed.txt" \
  scripts/with-postgres.sh swift test --skip-build --filter DifferentialTests || status=$?
echo "fuzz-engines: REX_FUZZ_SEED=$seed; report in .build/fuzz-engines-$seed.txt (repeat with: $repeat)" >&2
exit $status
