# T-SQL rows of bench/run.sh (sourced only when REX_TEST_MSSQL is set): MSSQL_ROWS rows of
# (bigint, float, 5% NULLs) from a CSV into a new table, rex against pyodbc's fast_executemany.
# Both sides read the CSV and replace the table inside the measured time. rex writes through
# SQL Server's bulk-copy API (bcp_* of ODBC Driver 18, into a staging table swapped in by one
# transaction: docs/UPLOADS.md); its `:set echo on` line proves it did not fall back to
# parameter arrays. Issue 15's goal is for MSSQL_ROWS=1000000.

mssql_setup() {
    "$PY" - "$work/tsql.csv" "$MSSQL_ROWS" <<'PY'
import random, sys
rng = random.Random(15)
with open(sys.argv[1], "w") as out:
    out.write("i,f\n")
    for n in range(int(sys.argv[2])):
        i = "" if rng.random() < 0.05 else str(rng.randrange(-2**62, 2**62))
        f = "" if rng.random() < 0.05 else repr(rng.randrange(10**9) / 1000)
        out.write(f"{i},{f}\n")
PY
    CMD_rex_tsql=("$REX" --no-rc -c "$MSSQL" -e "csv \"$work/tsql.csv\" -> table bench_tsql_rex replace")
    # Once, outside the timings: the upload must be a bulk copy, not the parameter-array fallback.
    local echoed
    echoed=$("$REX" --no-rc -c "$MSSQL" -e ':set echo on' -e "csv \"$work/tsql.csv\" -> table bench_tsql_rex replace" 2>&1 || true)
    if [[ $echoed != *'-- bulk copy (bcp) into'* ]]; then
        echo "bench: rex did not bulk-copy into the T-SQL server (see :set echo on); the T-SQL row measures parameter arrays" >&2
    fi
    CMD_pyodbc_tsql=(env "PYTHONPATH=$PYDEPS" "$PY" bench/alternatives/mssql_executemany.py "$MSSQL" "$work/tsql.csv" bench_tsql_py)
}

mssql_round() { pair rex_tsql pyodbc_tsql; }

mssql_cleanup() {
    PYTHONPATH="$PYDEPS" "$PY" -c 'import sys, pyodbc
c = pyodbc.connect(sys.argv[1], autocommit=True)
for t in ("bench_tsql_rex", "bench_tsql_py"): c.execute(f"DROP TABLE IF EXISTS {t}")' "$MSSQL" 2>/dev/null || true
}

# The table's T-SQL line (report.sh); without REX_TEST_MSSQL, one line that says it was skipped.
mssql_row() {
    if [[ -z $MSSQL ]]; then
        echo "| T-SQL upload ($MSSQL_ROWS rows of bigint, float; bulk copy) | skipped: REX_TEST_MSSQL is not set | pyodbc \`fast_executemany\` | — | ≥ 10× faster (issue 15, for 1,000,000 rows) | not measured |"
        return
    fi
    row "T-SQL upload: \`csv \"tsql.csv\" -> table t replace\`, $MSSQL_ROWS rows of bigint, float, bulk copy (CSV read included)" \
        rex_tsql 'pyodbc `fast_executemany` (CSV read included)' pyodbc_tsql \
        '≥ 10× faster (issue 15, for 1,000,000 rows)' faster_at_least rex_tsql pyodbc_tsql 10 1024
}
