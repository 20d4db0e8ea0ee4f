#!/usr/bin/env bash
# make bench (issue 15): rex against the obvious alternatives, alternately in one run (the
# order flips every round), RUNS runs each (default 5), medians and ratios, peak memory from
# /usr/bin/time; writes docs/BENCHMARKS.md (bench/report.sh) with the machine, the versions, the
# exact commands and each goal of the issue marked met or missed. Sets up its own data on the
# private PostgreSQL (scripts/with-postgres.sh, started here when REX_TEST_PG is not set), in
# SQLite files, and on the T-SQL server of REX_TEST_MSSQL when that is set (bench/mssql.sh).
# Installs its comparison tools (pyodbc, arrow-odbc) into the build folder, not the system.
# Timings never go into tests. bench/lib.sh measures and formats, bench/report.sh writes the
# document, bench/mssql.sh has the T-SQL rows, bench/alternatives/ the Python sides of the rows,
# bench/make_big_csv.py the data.
#
#   bench/run.sh [ROWS]   ROWS of the big table (default 1,000,000)
#   RUNS=N                runs of each command (default 5)
#   BENCH_SCRATCH=DIR     SwiftPM scratch path (default .build); BENCH_BUILD=0 skips the build
#   COMPILE_N=N           pipelines in the compile-time scripts (default 10,000)
#   REX_TEST_MSSQL=CONN   also the T-SQL rows (MSSQL_ROWS rows, default 100,000)
#   BENCH_KEEP=1          keep the run's folder (data, outputs, times) for a look afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${REX_TEST_PG:-}" ]]; then exec scripts/with-postgres.sh "$0" "$@"; fi
ROWS=${1:-1000000}
RUNS=${RUNS:-5}
COMPILE_N=${COMPILE_N:-10000}
SCRATCH=$(realpath -m "${BENCH_SCRATCH:-.build}")
MSSQL=${REX_TEST_MSSQL:-}
MSSQL_ROWS=${MSSQL_ROWS:-100000}
PY=/usr/bin/python3              # Debian's python3: the pandas and numpy rex embeds
PYDEPS=$SCRATCH/bench-python     # pyodbc, arrow-odbc and pyarrow for $PY (PYTHONPATH), kept here
source bench/lib.sh
source bench/mssql.sh
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# pip of the python3 on PATH (pyenv) installs wheels for $PY's version into $PYDEPS, without
# their dependencies: numpy and pandas stay Debian's. pyarrow 26 needs NumPy 2 (Debian: 1.24).
if ! PYTHONPATH="$PYDEPS" "$PY" -c 'import pyodbc, arrow_odbc, pyarrow' 2>/dev/null; then
    echo "bench: installing pyodbc, arrow-odbc and pyarrow for $PY into $PYDEPS" >&2
    rm -rf "$PYDEPS"
    python3 -m pip install -q --disable-pip-version-check --no-deps --only-binary=:all: \
        --python-version "$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
        --target "$PYDEPS" pyodbc arrow-odbc 'pyarrow<26' cffi pycparser >&2 \
        || echo "bench: could not install them: the pyodbc and arrow-odbc rows will say failed" >&2
fi

if [[ "${BENCH_BUILD:-1}" != 0 ]]; then   # BENCH_BUILD=0: use the binaries already in $SCRATCH/release
    echo "bench: building release rex and rex-odbc-bench in $SCRATCH" >&2
    swift build -c release --scratch-path "$SCRATCH" --product rex >/dev/null
    swift build -c release --scratch-path "$SCRATCH" --product rex-odbc-bench >/dev/null
fi
REX="$SCRATCH/release/rex"
ODBCBENCH="$SCRATCH/release/rex-odbc-bench"

work=$(mktemp -d /tmp/rex-bench.XXXXXX)
if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "bench: keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
PGC="$REX_TEST_PG"
export PGOPTIONS="-c client_min_messages=warning"   # no NOTICEs of DROP TABLE IF EXISTS
PSQL=(psql -X -q -h 127.0.0.1 -p "$REX_TEST_PG_PORT" -U postgres -d rex_test -v ON_ERROR_STOP=1)
SQLC="Driver={SQLite3};Database=$work/s.db;"

# The data: the table of issue 15 (bigint, float8, text ~20 characters, date; 5% NULLs) as
# big.csv and as the PostgreSQL table bench_big; sample airline's 600,000 rows as airline.csv.
echo "bench: making the data ($ROWS rows)" >&2
"$PY" bench/make_big_csv.py "$work/big.csv" "$ROWS"
"$REX" --no-rc -e "sample airline -> csv \"$work/airline.csv\"" >&2
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_big" -c "CREATE TABLE bench_big (i bigint, f float8, t text, d date)" \
    -c "\\copy bench_big FROM '$work/big.csv' CSV HEADER" -c "ANALYZE bench_big"
# Compile-time scripts: COMPILE_N different pipelines (and one, for the start-up to subtract).
# The SQL ones start with a let: it looks up bench_big's columns once, as a session does, so the
# lines measure the compiler rather than a catalog round trip each.
compile_script() {  # FILE N FIRST-LINE TEMPLATE: FIRST-LINE, then N lines with @K@ replaced by 0, 1, …
    awk -v n="$2" -v first="$3" -v t="$4" 'BEGIN {if (first != "") print first; for (k = 0; k < n; k++) {s = t; gsub(/@K@/, k, s); print s}}' >"$1"
}
PY_LINE=':python sample airline | filter ArrDelay > @K@ | derive h = CRSDepTime * @K@ | summarize n = count(), m = mean(ArrDelay) by DayOfWeek | sort -n'
SQL_LINE=':sql big | filter f > @K@ | derive g = f * @K@ | summarize n = count(), s = sum(g) by d | sort -n | take 10'
compile_script "$work/compile_python_1.rex" 1 "" "$PY_LINE"
compile_script "$work/compile_python_$COMPILE_N.rex" "$COMPILE_N" "" "$PY_LINE"
compile_script "$work/compile_sql_1.rex" 1 "let big = table bench_big" "$SQL_LINE"
compile_script "$work/compile_sql_$COMPILE_N.rex" "$COMPILE_N" "let big = table bench_big" "$SQL_LINE"

# The scenarios: CMD_NAME is the command, prep_NAME (if any) runs before each run, unmeasured.
# Uploads of big.csv: PostgreSQL, SQLite, and Connection.insert alone (rex-odbc-bench).
CMD_rex_pg=("$REX" --no-rc -c "$PGC" -e "csv \"$work/big.csv\" -> table bench_t replace")
prep_rex_pg() { "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_t"; }
CMD_copy_pg=("${PSQL[@]}" -c "CREATE TABLE bench_c (i bigint, f float8, t text, d date)" -c "\\copy bench_c FROM '$work/big.csv' CSV HEADER")
prep_copy_pg() { "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_c"; }
CMD_rex_upload_pg=("$ODBCBENCH" --upload "$PGC" bench_u "$ROWS")
CMD_rex_sqlite=("$REX" --no-rc -c "$SQLC" -e "csv \"$work/big.csv\" -> table bench_t replace")
prep_rex_sqlite() { rm -f "$work/s.db"; }
CMD_import_sqlite=(sqlite3 "$work/i.db" "CREATE TABLE c (i INTEGER, f REAL, t TEXT, d DATE)" ".import --csv --skip 1 $work/big.csv c")
prep_import_sqlite() { rm -f "$work/i.db"; }
# Server context: the whole table as CSV on stdout.
CMD_rex_server_csv=("$REX" --no-rc -c "$PGC" --context server --format csv -e 'table bench_big')
CMD_copy_out=("${PSQL[@]}" -c "COPY bench_big TO STDOUT (FORMAT csv, HEADER)")
# The csv source over airline.csv: read (into pandas, both sides), and CSV to CSV.
CMD_rex_csv_read=("$REX" --no-rc -e "csv \"$work/airline.csv\" | summarize n = count()")
CMD_pandas_read=("$PY" -c 'import sys, pandas; print(len(pandas.read_csv(sys.argv[1])))' "$work/airline.csv")
CMD_pandas_import=("$PY" -c 'import pandas')
CMD_rex_csv_csv=("$REX" --no-rc -e "csv \"$work/airline.csv\" -> csv \"$work/airline.rex.csv\"")
CMD_pandas_csv_csv=("$PY" -c 'import sys, pandas; pandas.read_csv(sys.argv[1]).to_csv(sys.argv[2], index=False)' "$work/airline.csv" "$work/airline.pandas.csv")
# A local pipeline over airline.csv (filter, derive, grouped summarize) and the same pandas by hand.
CMD_rex_pipeline=("$REX" --no-rc -e "csv \"$work/airline.csv\" | filter ArrDelay > 0 | derive late_h = ArrDelay / 60.0 | summarize n = count(), mean_delay = mean(ArrDelay), hours = sum(late_h), dep = mean(CRSDepTime) by DayOfWeek | sort DayOfWeek")
CMD_pandas_pipeline=("$PY" bench/alternatives/pipeline_pandas.py "$work/airline.csv")
# Local context: fetch the whole table into pandas and summarize it there.
FETCH='table bench_big | summarize n = count(), i_max = max(i), f_sum = sum(f), t_n = count(t), d_max = max(d)'
CMD_rex_fetch=("$REX" --no-rc -c "$PGC" --context local -e "$FETCH")
CMD_pyodbc_fetch=(env "PYTHONPATH=$PYDEPS" "$PY" bench/alternatives/fetch_pyodbc.py "$PGC")
CMD_arrow_fetch=(env "PYTHONPATH=$PYDEPS" "$PY" bench/alternatives/fetch_arrow.py "$PGC")
# Start-up: a small server query, printed.
CMD_rex_start=("$REX" --no-rc -c "$PGC" --context server -e 'table bench_big | take 10')
CMD_py_start=(env "PYTHONPATH=$PYDEPS" "$PY" bench/alternatives/small_query.py "$PGC")
# summary push-down: SQL aggregates on the server against fetching the columns into pandas.
CMD_summary_server=("$REX" --no-rc -c "$PGC" --context server -e 'table bench_big | summary f')
CMD_summary_local=("$REX" --no-rc -c "$PGC" --context local -e 'table bench_big | summary f')
CMD_summary2_server=("$REX" --no-rc -c "$PGC" --context server -e 'table bench_big | summary f, t')
CMD_summary2_local=("$REX" --no-rc -c "$PGC" --context local -e 'table bench_big | summary f, t')
# Compile time: print COMPILE_N compiled pipelines without running them.
CMD_compile_py_1=("$REX" --no-rc "$work/compile_python_1.rex")
CMD_compile_py_n=("$REX" --no-rc "$work/compile_python_$COMPILE_N.rex")
CMD_compile_sql_1=("$REX" --no-rc -c "$PGC" "$work/compile_sql_1.rex")
CMD_compile_sql_n=("$REX" --no-rc -c "$PGC" "$work/compile_sql_$COMPILE_N.rex")
if [[ -n $MSSQL ]]; then mssql_setup; fi

for round in $(seq "$RUNS"); do
    echo "bench: round $round of $RUNS" >&2
    pair rex_pg copy_pg
    measure rex_upload_pg
    pair rex_sqlite import_sqlite
    pair rex_server_csv copy_out
    pair rex_csv_read pandas_read
    measure pandas_import
    pair rex_csv_csv pandas_csv_csv
    pair rex_pipeline pandas_pipeline
    pair rex_fetch pyodbc_fetch
    measure arrow_fetch
    pair rex_start py_start
    pair summary_server summary_local
    pair summary2_server summary2_local
    pair compile_py_n compile_py_1
    pair compile_sql_n compile_sql_1
    if [[ -n $MSSQL ]]; then mssql_round; fi
done
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_u" -c "DROP TABLE IF EXISTS bench_t" -c "DROP TABLE IF EXISTS bench_c" -c "DROP TABLE IF EXISTS bench_big"
if [[ -n $MSSQL ]]; then mssql_cleanup; fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

source bench/report.sh
report >docs/BENCHMARKS.md
cat docs/BENCHMARKS.md
