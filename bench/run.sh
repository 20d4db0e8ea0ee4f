#!/usr/bin/env bash
# make bench: rex against the obvious alternatives, alternately in one run, RUNS runs each
# (default 5), medians and ratios, peak memory from /usr/bin/time; writes docs/BENCHMARKS.md.
# Sets up its own data on the private PostgreSQL (scripts/with-postgres.sh, started here when
# REX_TEST_PG is not set) and in SQLite files. Timings never go into tests.
#
#   bench/run.sh [ROWS]   (default 1,000,000; RUNS=N; BENCH_SCRATCH=SwiftPM scratch path; BENCH_BUILD=0 skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${REX_TEST_PG:-}" ]]; then exec scripts/with-postgres.sh "$0" "$@"; fi
ROWS=${1:-1000000}
RUNS=${RUNS:-5}
SCRATCH=${BENCH_SCRATCH:-.build}
PY=/usr/bin/python3                       # Debian's python3 with pandas
PIPPY=$(command -v python3)              # pip's python3 (pyodbc)
"$PIPPY" -c 'import pyodbc' 2>/dev/null || "$PIPPY" -m pip install -q pyodbc

if [[ "${BENCH_BUILD:-1}" != 0 ]]; then   # BENCH_BUILD=0: use the binaries already in $SCRATCH/release
    echo "bench: building release rex and rex-odbc-bench in $SCRATCH" >&2
    swift build -c release --scratch-path "$SCRATCH" --product rex >/dev/null
    swift build -c release --scratch-path "$SCRATCH" --product rex-odbc-bench >/dev/null
fi
REX="$SCRATCH/release/rex"
ODBCBENCH="$SCRATCH/release/rex-odbc-bench"

work=$(mktemp -d /tmp/rex-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
PGC="$REX_TEST_PG"
PSQL=(psql -X -q -h 127.0.0.1 -p "$REX_TEST_PG_PORT" -U postgres -d rex_test -v ON_ERROR_STOP=1)

# The table of issue 15: bigint, float8, text of about 20 characters, date; 5% NULLs.
"$PY" - "$work/big.csv" "$ROWS" <<'PY'
import random, sys, datetime
rng = random.Random(15)
base = datetime.date(1970, 1, 1)
with open(sys.argv[1], "w") as out:
    out.write("i,f,t,d\n")
    for n in range(int(sys.argv[2])):
        null = lambda: rng.random() < 0.05
        i = "" if null() else str(rng.randrange(-2**62, 2**62))
        f = "" if null() else repr(rng.randrange(10**9) / 1000)
        t = "" if null() else f"name {n} " + "x" * rng.randrange(10)
        d = "" if null() else (base + datetime.timedelta(days=rng.randrange(20000))).isoformat()
        out.write(f"{i},{f},{t},{d}\n")
PY
SQLITE_DB="$work/s.db"
SQLC="Driver={SQLite3};Database=$SQLITE_DB;"

# run NAME COMMAND…: wall seconds and peak KiB of one run, appended to $work/NAME.
run() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; return 1; }
    cat "$work/time.txt" >>"$work/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1" | median; }

pg_reset() { "${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_t; DROP TABLE IF EXISTS bench_c"; }
for r in $(seq "$RUNS"); do
    echo "bench: run $r of $RUNS" >&2
    pg_reset
    run rex_pg "$REX" --no-rc -c "$PGC" -e "csv \"$work/big.csv\" -> table bench_t replace"
    run copy_pg "${PSQL[@]}" -c "CREATE TABLE bench_c (i bigint, f float8, t text, d date)" -c "\\copy bench_c FROM '$work/big.csv' CSV HEADER"
    pg_reset
    rm -f "$SQLITE_DB"
    run rex_sqlite "$REX" --no-rc -c "$SQLC" -e "csv \"$work/big.csv\" -> table bench_t replace"
    rm -f "$work/i.db"
    run import_sqlite sqlite3 "$work/i.db" "CREATE TABLE c (i INTEGER, f REAL, t TEXT, d DATE)" ".import --csv --skip 1 $work/big.csv c"
    run rex_upload_pg "$ODBCBENCH" --upload "$PGC" bench_u "$ROWS"
    # Into a file of the run, never /dev/null: a stale binary from before rex wrote special
    # files in place (BENCH_BUILD=0) replaced this machine's /dev/null with a regular file once.
    run rex_csv "$REX" --no-rc -e "csv \"$work/big.csv\" -> csv \"$work/out.csv\""
    run pandas_csv "$PY" -c "import pandas, sys; pandas.read_csv('$work/big.csv').to_csv('$work/out.csv', index=False)"
    run pandas_import "$PY" -c "import pandas"
done
"${PSQL[@]}" -c "DROP TABLE IF EXISTS bench_u" -c "DROP TABLE IF EXISTS bench_t" -c "DROP TABLE IF EXISTS bench_c"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f×", a / b}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}'; }
row() {  # label, rex series, reference label, reference series
    local rs rm fs fm
    rs=$(col "$2" 1); rm=$(col "$2" 2); fs=$(col "$4" 1); fm=$(col "$4" 2)
    printf '| %s | %s s, %s | %s %s s, %s | %s |\n' "$1" "$rs" "$(mib "$rm")" "$3" "$fs" "$(mib "$fm")" "$(ratio "$rs" "$fs")"
}
pandas_net=$(awk -v a="$(col pandas_csv 1)" -v b="$(col pandas_import 1)" 'BEGIN {printf "%.2f", a - b}')
{
    echo "# Benchmarks"
    echo
    echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d). Medians of $RUNS runs; rex and the"
    echo "alternative run alternately in each round; peak memory is the maximum resident set of"
    echo "\`/usr/bin/time\`. Ratios are rex time over the alternative's (lower is better). Timings are"
    echo "never asserted in tests."
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM,"
    echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides)."
    echo "PostgreSQL 15 on loopback (scripts/with-postgres.sh: fsync off), psqlODBC $(dpkg-query -W -f '${Version}' odbc-postgresql 2>/dev/null),"
    echo "sqliteodbc $(dpkg-query -W -f '${Version}' libsqliteodbc 2>/dev/null), $($PY -c 'import pandas; print("pandas", pandas.__version__)')."
    echo
    echo "Data: $ROWS rows of bigint, float8, text of about 20 characters and date, 5% NULLs,"
    echo "as a $(du -m "$work/big.csv" | cut -f1) MB CSV file."
    echo
    echo "| operation | rex | reference | ratio |"
    echo "|---|---|---|---|"
    row '`csv "big.csv" -> table t replace` into PostgreSQL (CSV read included)' rex_pg '`psql \copy`' copy_pg
    row 'same into SQLite' rex_sqlite '`sqlite3 .import`' import_sqlite
    echo "| the upload alone (\`rex-odbc-bench --upload\`: \`Connection.insert\` of the table in memory), PostgreSQL | $(col rex_upload_pg 1) s, $(mib "$(col rex_upload_pg 2)") (process incl. building the table) | \`psql \\copy\` $(col copy_pg 1) s | $(ratio "$(col rex_upload_pg 1)" "$(col copy_pg 1)") |"
    echo "| \`csv \"big.csv\" -> csv \"/dev/null\"\` | $(col rex_csv 1) s, $(mib "$(col rex_csv 2)") | \`pandas.read_csv\` + \`to_csv\` $(col pandas_csv 1) s ($pandas_net s beyond \`import pandas\`), $(mib "$(col pandas_csv 2)") | $(ratio "$(col rex_csv 1)" "$(col pandas_csv 1)") |"
    echo
    echo "## Commands"
    echo
    echo '```'
    echo "rex --no-rc -c \"\$REX_TEST_PG\" -e 'csv \"big.csv\" -> table bench_t replace'"
    echo "psql -c 'CREATE TABLE bench_c (i bigint, f float8, t text, d date)' -c \"\\copy bench_c FROM 'big.csv' CSV HEADER\""
    echo "rex --no-rc -c 'Driver={SQLite3};Database=s.db;' -e 'csv \"big.csv\" -> table bench_t replace'"
    echo "sqlite3 s.db 'CREATE TABLE c (i INTEGER, f REAL, t TEXT, d DATE)' '.import --csv --skip 1 big.csv c'"
    echo "rex-odbc-bench --upload \"\$REX_TEST_PG\" bench_u $ROWS"
    echo "rex --no-rc -e 'csv \"big.csv\" -> csv \"/dev/null\"'"
    echo "python3 -c \"import pandas; pandas.read_csv('big.csv').to_csv('/dev/null', index=False)\""
    echo '```'
    echo
    echo "## Not measured yet (issue 15)"
    echo
    echo "Server to CSV against \`COPY TO\`, the local fetch against pyodbc and arrow-odbc (bench/odbc/run.sh"
    echo "measures the fetch alone), start-up, summary push-down, compile time, and T-SQL bulk copy."
} >docs/BENCHMARKS.md
cat docs/BENCHMARKS.md
