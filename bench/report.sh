# docs/BENCHMARKS.md from the measurements of bench/run.sh (sourced there; `report` prints it).

# pkg NAME: the version of a Python distribution as $PY sees it with $PYDEPS.
pkg() { PYTHONPATH="$PYDEPS" "$PY" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$1" 2>/dev/null || echo "?"; }
deb() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }

# compile_row LABEL N-NAME 1-NAME: time per pipeline from the difference of the two scripts.
compile_row() {
    local per="—" verdict="not measured"
    if ok "$2" && ok "$3" && (( COMPILE_N > 1 )); then
        per=$(awk -v a="$(secs "$2")" -v b="$(secs "$3")" -v n="$COMPILE_N" 'BEGIN {printf "%.3f", (a - b) * 1000 / (n - 1)}')
        verdict=$(awk -v p="$per" 'BEGIN {print (p < 1) ? "**met**" : "**missed**"}')
        per="$per ms per pipeline"
    fi
    printf '| %s | %s | the same script with 1 pipeline: %s | %s | < 1 ms per pipeline (SPEC §3) | %s |\n' \
        "$1" "$(cell "$2")" "$(cell "$3")" "$per" "$verdict"
}

# The server CSV against COPY's: identical bytes, or where they first differ.
csv_identity() {
    local rex="$work/rex_server_csv.out" copy="$work/copy_out.out" line
    if ! ok rex_server_csv || ! ok copy_out; then echo "not compared (a run failed)."; return; fi
    if cmp -s "$rex" "$copy"; then echo "byte for byte the same as COPY's."; return; fi
    line=$(cmp "$rex" "$copy" 2>/dev/null | sed -nE 's/.*line ([0-9]+).*/\1/p')
    echo "not the same bytes as COPY's: $(wc -l <"$rex") lines against $(wc -l <"$copy");" \
        "the first difference is at line ${line:-?}: rex \`$(sed -n "${line:-1}p" "$rex" | cut -c1-80)\`," \
        "COPY \`$(sed -n "${line:-1}p" "$copy" | cut -c1-80)\`."
}

report() {
    local big_mb airline_mb levels
    big_mb=$(du -m "$work/big.csv" | cut -f1)
    airline_mb=$(du -m "$work/airline.csv" | cut -f1)
    levels="?"
    if [[ -s "$work/summary2_server.out" ]]; then levels=$(($(wc -l <"$work/summary2_server.out") - 2)); fi
    echo "# Benchmarks"
    echo
    echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d), issue 15. Medians of $RUNS runs;"
    echo "rex and the alternative run alternately in each round (the order flips every round); peak"
    echo "memory is the maximum resident set of the measured process (\`/usr/bin/time\`). A ratio is"
    echo "rex's time against the reference's. Each goal is issue 15's, marked met or missed by this run."
    echo "Timings are never asserted in tests."
    echo
    echo "## Machine"
    echo
    echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM;"
    echo "  $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)."
    echo "- Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end. Other work on"
    echo "  the machine slows both sides of a row alike only roughly; compare rows of one run."
    echo "- rex $("$REX" --version 2>/dev/null | head -1 | sed 's/^rex //') (release build, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' with local changes')),"
    echo "  $(swift --version 2>&1 | grep -m1 -o 'Swift version [^ ]*')."
    echo "- PostgreSQL $("${PSQL[@]}" -tAc 'SHOW server_version' | cut -d' ' -f1) on loopback (scripts/with-postgres.sh: fsync off),"
    echo "  $(psql --version | sed 's/(PostgreSQL) //'), psqlODBC $(deb odbc-postgresql), unixODBC $(deb unixodbc)."
    echo "- SQLite: sqlite3 $(sqlite3 --version | cut -d' ' -f1), sqliteodbc $(deb libsqliteodbc)."
    echo "- Python: $("$PY" --version 2>&1) ($PY, Debian's: the pandas rex embeds), pandas $(pkg pandas),"
    echo "  numpy $(pkg numpy), pyodbc $(pkg pyodbc), arrow-odbc $(pkg arrow-odbc), pyarrow $(pkg pyarrow)"
    echo "  (the last three installed by the bench into the build folder, on PYTHONPATH)."
    echo
    echo "## Data"
    echo
    echo "- big: $ROWS rows of bigint, float8, text of about 20 characters and date, 5% NULLs"
    echo "  (bench/make_big_csv.py): big.csv, $big_mb MB, and the PostgreSQL table bench_big."
    echo "- airline.csv: \`sample airline\`'s 600,000 rows × 3 columns, $airline_mb MB."
    if [[ -n $MSSQL ]]; then echo "- tsql.csv: $MSSQL_ROWS rows of bigint, float, 5% NULLs."; fi
    echo
    echo "## Results"
    echo
    echo "| operation | rex | reference | rex against the reference | goal | |"
    echo "|---|---|---|---|---|---|"
    row '`csv "big.csv" -> table t replace` into PostgreSQL (reading the CSV included)' rex_pg \
        '`psql \copy`' copy_pg '≤ 3×' slower_at_most rex_pg copy_pg 3
    row 'the same into SQLite' rex_sqlite '`sqlite3 .import`' import_sqlite '≤ 4×' slower_at_most rex_sqlite import_sqlite 4
    row 'the PostgreSQL upload alone: `rex-odbc-bench --upload` (`Connection.insert` of the table built in memory; the whole process)' \
        rex_upload_pg '`psql \copy`' copy_pg
    row 'server context, `table bench_big` to CSV on stdout' rex_server_csv \
        '`COPY bench_big TO STDOUT (FORMAT csv, HEADER)` (psql)' copy_out '≤ 4×' slower_at_most rex_server_csv copy_out 4
    row '`csv` source: `csv "airline.csv" \| summarize n = count()` (read into pandas)' rex_csv_read \
        '`len(pandas.read_csv(…))`' pandas_read '≤ 1.5×' slower_at_most rex_csv_read pandas_read 1.5
    row '`csv "airline.csv" -> csv "out.csv"`' rex_csv_csv '`pandas.read_csv(…).to_csv(…)`' pandas_csv_csv
    row 'a local pipeline over airline.csv (filter, derive, grouped summarize)' rex_pipeline \
        'the same pandas by hand, `read_csv` included' pandas_pipeline '≤ 1.5×' slower_at_most rex_pipeline pandas_pipeline 1.5
    row 'local context, `table bench_big \| summarize …` (fetch into pandas)' rex_fetch \
        'pyodbc `fetchall` + DataFrame' pyodbc_fetch '≥ 3× faster, rex peak < 200 MiB' faster_at_least rex_fetch pyodbc_fetch 3 200
    row 'the same' rex_fetch 'arrow-odbc + `to_pandas`' arrow_fetch
    row 'start-up: `rex -e` of a small server query (`table bench_big \| take 10`, server context)' rex_start \
        'python3 importing pandas and pyodbc, the same query into a DataFrame' py_start
    row 'summary push-down: `table bench_big \| summary f` in server context (rex column) against local context (reference column)' \
        summary_server 'local context' summary_local
    row "the same for \`summary f, t\` (t has $levels levels: the result has a row for each)" \
        summary2_server 'local context' summary2_local
    compile_row "compile $COMPILE_N pipelines to pandas: a script of \`:python\` lines, no connection" compile_py_n compile_py_1
    compile_row "compile $COMPILE_N pipelines to SQL: a script of \`:sql\` lines over \`let big = table bench_big\` on the PostgreSQL connection" compile_sql_n compile_sql_1
    mssql_row
    echo
    echo "## Notes"
    echo
    echo "- Server context to CSV: rex's output was $(csv_identity)"
    echo "- \`python3 -c 'import pandas'\` alone takes $(cell pandas_import); it is part of every pandas-side time, and of"
    echo "  rex's where the local context starts the embedded Python. \`len(pandas.read_csv(…))\` beyond that import:"
    echo "  $(awk -v a="$(secs pandas_read)" -v b="$(secs pandas_import)" 'BEGIN {printf "%.2f s", a - b}')."
    echo "- Peak memory of psql and sqlite3 is the client's; the PostgreSQL server's is not counted on either side."
    echo "- pyodbc and arrow-odbc get the connection string as given; psqlODBC then holds the whole result in the"
    echo "  client (ENGINES.md). rex adds \`UseDeclareFetch=1;Fetch=N\` itself and fetches in blocks."
    echo "  arrow-odbc runs with its defaults: it sizes its buffers from the column sizes the driver reports"
    echo "  (psqlODBC: 8190 bytes for text), which is most of its peak memory; it would read float8 as float32"
    echo "  (psqlODBC reports precision 17), so bench/alternatives/fetch_arrow.py maps that column back to float64."
    echo "- Compile time: a script's \`:sql\` lines over a \`let\` of the table look up its columns once (at the"
    echo "  \`let\`); \`:sql table bench_big | …\` would add a catalog round trip to each line."
    if [[ -z $MSSQL ]]; then
        echo "- T-SQL: skipped, REX_TEST_MSSQL was not set (set it to a connection string to add the T-SQL row)."
    fi
    echo
    echo "## Commands"
    echo
    echo "From the repository root; the files named without a folder (big.csv, airline.csv, …) are in the"
    echo "run's scratch folder. \`rex\` is the release build, \`\$PGC\` the private server's ODBC connection string"
    echo "(\`Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=…;Database=rex_test;Uid=postgres;Pwd=;\`),"
    echo "\`\$PGPORT\` its port, \`\$PYDEPS\` the folder of pyodbc, arrow-odbc and pyarrow$([[ -n $MSSQL ]] && echo ", \`\$MSSQL\` REX_TEST_MSSQL")."
    echo
    echo '```'
    local name
    while read -r name; do printf '%-16s %s\n' "$name" "$(cat "$work/cmd.$name")"; done <"$work/order"
    echo '```'
    echo
    echo "## Every run"
    echo
    echo "Wall seconds / peak MiB of each run, in order."
    echo
    echo '```'
    while read -r name; do
        printf '%-16s %s\n' "$name" "$(awk '{printf "%s/%.0f  ", $1, $2 / 1024}' "$work/t.$name" 2>/dev/null)"
    done <"$work/order"
    echo '```'
}
