#!/usr/bin/env bash
# The end-to-end upload, fetch and round-trip paths of a rex binary under valgrind memcheck
# (issue 10). The reads that matter happen inside uninstrumented ODBC drivers (psqlodbcw.so
# reading bound parameters in SQLExecDirectW), which AddressSanitizer cannot see; memcheck
# can. Any report fails the run (--error-exitcode); only ld.so's string over-reads are
# suppressed (scripts/valgrind/rex.supp). valgrind 3.19 cannot read Swift's DWARF 5 debug
# info, so a copy without debug info (symbols kept) runs.
#
# Usage (needs the private PostgreSQL of scripts/with-postgres.sh):
#   scripts/with-postgres.sh scripts/memcheck.sh [BINARY]     (default .build/release/rex)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/rex}
: "${REX_TEST_PG:?run under scripts/with-postgres.sh}"

work=$(mktemp -d /tmp/rex-memcheck.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/rex"
strip --strip-debug "$work/rex"   # keep the symbol table: reports name functions

vg() {
  valgrind --error-exitcode=99 --quiet --num-callers=40 --expensive-definedness-checks=yes \
    --suppressions=scripts/valgrind/rex.supp "$work/rex" --no-rc --format csv "$@"
}
step() { echo "memcheck: $*" >&2; }
same() {
  if ! cmp -s "$1" "$2"; then
    echo "memcheck: $1 and $2 differ:" >&2
    diff "$1" "$2" >"$work/diff.txt" || true
    head -n 20 "$work/diff.txt" >&2
    exit 1
  fi
}

# Every type, edge values, long and non-BMP text, empty strings beside NULLs; 2,500 rows
# (three multi-row VALUES batches on SQLite, one unnest statement on PostgreSQL). Written in the form rex's CSV output uses, so
# upload + fetch must give the file back byte for byte.
/usr/bin/python3 - "$work/all.csv" <<'PY'
import random, sys
rng = random.Random(10)
ints = [0, 1, -1, 2**63 - 1, -2**63, 2**53 + 1, -(2**53) - 1]
floats = [0.1 + 0.2, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
          1e-7, 123456789.12345678, 1 / 3]
texts = ["", "plain", "naïve café", "日本語", "emoji 🦀 𝄞", "tab\there", "quote \" and , comma",
         "line\nbreak", "x" * 9000]
with open(sys.argv[1], "w", newline="", encoding="utf-8") as out:
    out.write("id,i,f,t,b,d,ts\n")
    for n in range(2500):
        null = lambda: rng.random() < 0.05
        i = "" if null() else str(rng.choice(ints) if rng.random() < 0.3 else rng.randrange(-10**12, 10**12))
        f = "" if null() else repr(rng.choice(floats) if rng.random() < 0.3 else rng.uniform(-1e6, 1e6))
        t = None if null() else rng.choice(texts) + ("" if n % 5 == 0 else str(n % 7))
        b = "" if null() else rng.choice(["true", "false"])
        year = rng.choice([1, 1582, 1677, 1970, 2024, 2262, 9999])
        d = "" if null() else f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        fraction = f"{rng.randint(0, 999999):06d}".rstrip("0")   # rex writes no trailing zeros
        ts = "" if null() else (f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
                                f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}" + ("." + fraction if fraction else ""))
        # RFC 4180 as rex writes it: NULL is an empty field, an empty string is "".
        cell = "" if t is None else '"' + t.replace('"', '""') + '"' if (t == "" or any(c in t for c in ',"\n\r')) else t
        out.write(",".join([str(n), i, f, cell, b, d, ts]) + "\n")
PY

step "PostgreSQL: upload (csv source -> table), fetch in server context, :exec"
vg -c "$REX_TEST_PG" -e "csv \"$work/all.csv\" -> table vg_all replace" >/dev/null
vg -c "$REX_TEST_PG" --context server -e "table vg_all | sort id" >"$work/pg.csv"
vg -c "$REX_TEST_PG" -e ':exec SELECT 1 AS a; SELECT repeat($$y$$, 20000) AS b' >/dev/null

step "SQLite: upload, fetch in server context"
sqlite="Driver={SQLite3};Database=$work/vg.sqlite;"
vg -c "$sqlite" -e "csv \"$work/all.csv\" -> table vg_all replace" >/dev/null
vg -c "$sqlite" --context server -e "table vg_all | sort id" >"$work/sqlite.csv"

step "local context: fetch into the embedded Python, summarize there, upload the result"
PYTHONMALLOC=malloc vg -c "$REX_TEST_PG" -e "table vg_all | summarize n = count(), m = max(id) -> table vg_summary replace" >/dev/null
vg -c "$REX_TEST_PG" --context server -e "table vg_summary" >"$work/summary.csv"

same "$work/all.csv" "$work/pg.csv"
same "$work/all.csv" "$work/sqlite.csv"   # no -0.0 in the data: SQLite keeps everything else exactly
printf 'n,m\n2500,2499\n' >"$work/expected-summary.csv"
same "$work/expected-summary.csv" "$work/summary.csv"
echo "memcheck: no errors; PostgreSQL and SQLite round trips byte-identical" >&2
