# T-SQL rows of bench/run.sh (sourced only when REX_TEST_MSSQL is set): MSSQL_ROWS rows of
# (bigint, float, 5% NULLs) from a CSV into a new table, rex against pyodbc's fast_executemany.
# Both sides read the CSV and replace the table inside the measured time.

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
        echo "| T-SQL upload ($MSSQL_ROWS rows of bigint, float) | skipped: REX_TEST_MSSQL is not set | pyodbc \`fast_executemany\` | — | ≤ 1× (issue 15: parameter arrays at least as fast; ≥ 10× faster once the bulk-copy path lands) | not measured |"
        return
    fi
    row "T-SQL upload: \`csv \"tsql.csv\" -> table t replace\`, $MSSQL_ROWS rows of bigint, float (CSV read included)" \
        rex_tsql 'pyodbc `fast_executemany` (CSV read included)' pyodbc_tsql \
        '≤ 1× (parameter arrays at least as fast; ≥ 10× faster once the bulk-copy path lands)' slower_at_most rex_tsql pyodbc_tsql 1
}
