#!/usr/bin/env bash
# Fetch benchmark: rex's columnar block fetch (release build of rex-odbc-bench) against
# pyodbc, same query, same driver options, one run each; prints the time ratio.
# Not part of the tests. Run with the private test server:
#   scripts/with-postgres.sh bench/odbc/run.sh [ROWS]
# BENCH_SCRATCH sets SwiftPM's scratch path (default .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
SCRATCH=${BENCH_SCRATCH:-.build}
: "${REX_TEST_PG:?run through scripts/with-postgres.sh}"

swift build -c release --scratch-path "$SCRATCH" --product rex-odbc-bench >/dev/null
BIN="$SCRATCH/release/rex-odbc-bench"

SQL="SELECT g AS i, g * 0.5::float8 AS f, 'row ' || g AS t, TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts FROM generate_series(1, $ROWS) g"
# The options rex adds for psqlODBC, so both read the same way (cursor fetch, bounded memory).
CONN="${REX_TEST_PG}UseDeclareFetch=1;Fetch=10000;BoolsAsChar=0;"

rex_line=$("$BIN" "$CONN" "$SQL")
py_line=$(python3 bench/odbc/pyodbc_fetch.py "$CONN" "$SQL")
echo "rex:    $rex_line"
echo "pyodbc: $py_line"
rex_s=$(sed -E 's/.*seconds=([0-9.e-]+).*/\1/' <<<"$rex_line")
py_s=$(sed -E 's/.*seconds=([0-9.e-]+).*/\1/' <<<"$py_line")
python3 -c "import sys; r, p = float(sys.argv[1]), float(sys.argv[2]); print(f'{int(sys.argv[3]):,} rows x 4 columns: rex {r:.2f} s, pyodbc {p:.2f} s, pyodbc/rex = {p / r:.2f}x')" "$rex_s" "$py_s" "$ROWS"
