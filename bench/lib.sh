# Helpers of bench/run.sh (sourced): one measured run, alternation, medians and the table's cells.
# Needs $work (the run's directory). Timings never go into tests.

# measure NAME: one run of the command in the array CMD_NAME, after prep_NAME when defined.
# Appends "wall-seconds peak-KiB" (/usr/bin/time) to $work/t.NAME, and the command as the report
# shows it to $work/cmd.NAME. Standard output goes to $work/NAME.out, a file of the run (never
# /dev/null: a stale rex once replaced this machine's /dev/null with a regular file). A failed run
# is noted in $work/failed.NAME (rex's error line, else the last line of stderr) and the bench goes on.
measure() {
    local name=$1
    local -n command="CMD_$name"
    if declare -F "prep_$name" >/dev/null; then "prep_$name"; fi
    if [[ ! -e "$work/cmd.$name" ]]; then
        render "${command[@]}" >"$work/cmd.$name"
        echo "$name" >>"$work/order"
    fi
    if /usr/bin/time -f "%e %M" -o "$work/time.txt" "${command[@]}" >"$work/$name.out" 2>"$work/$name.err"; then
        cat "$work/time.txt" >>"$work/t.$name"
    else
        echo "bench: $name failed:" >&2
        tail -n 5 "$work/$name.err" >&2
        { grep -m1 '^error' "$work/$name.err" || tail -n 1 "$work/$name.err"; } >"$work/failed.$name"
    fi
}

# pair A B: A then B in odd rounds, B then A in even ones ($round), so neither always runs first.
pair() {
    if (( round % 2 )); then measure "$1"; measure "$2"; else measure "$2"; measure "$1"; fi
}

# render ARG…: the command as it can be typed in the run's directory: its files relative,
# rex for the release binary, "$PGC" (and "$MSSQL", "$PYDEPS") for the values they stand for.
render() {
    local out=() a
    for a in "$@"; do
        case $a in
            "$REX") a=rex ;;
            "$ODBCBENCH") a=rex-odbc-bench ;;
            "$PGC") out+=('"$PGC"'); continue ;;
            "${MSSQL:-$PGC}") out+=('"$MSSQL"'); continue ;;
            "$REX_TEST_PG_PORT") out+=('"$PGPORT"'); continue ;;
            "PYTHONPATH=$PYDEPS") out+=('PYTHONPATH="$PYDEPS"'); continue ;;
        esac
        a=${a//"$work/"/}
        a=${a//"$PWD/"/}
        if [[ $a =~ ^[][A-Za-z0-9_./=:,+@%-]+$ ]]; then out+=("$a")
        elif [[ $a != *\'* ]]; then out+=("'$a'")
        elif [[ $a != *[\"\$\`]* && $a != *\\\\* && $a != *\\ ]]; then out+=("\"$a\"")
        else out+=("'${a//\'/\'\\\'\'}'"); fi
    done
    echo "${out[*]}"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# secs NAME / kib NAME: the median wall time and peak memory of NAME's runs (empty if none).
secs() { [[ -s "$work/t.$1" ]] && awk '{print $1}' "$work/t.$1" | median; }
kib() { [[ -s "$work/t.$1" ]] && awk '{print $2}' "$work/t.$1" | median; }
ok() { [[ -s "$work/t.$1" && ! -e "$work/failed.$1" ]]; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}'; }
# cell NAME: "1.23 s, 45 MiB", or why there is no number.
cell() {
    if ok "$1"; then echo "$(secs "$1") s, $(mib "$(kib "$1")")"
    elif [[ -e "$work/failed.$1" ]]; then echo "failed: $(sed 's/|/\\|/g' "$work/failed.$1")"
    else echo "not run"; fi
}
# against A B: A's time over B's as "2.1× slower" or "1.5× faster".
against() {
    awk -v a="$(secs "$1")" -v b="$(secs "$2")" 'BEGIN {
        if (a <= 0 || b <= 0) print "—"; else if (a >= b) printf "%.1f× slower\n", a / b; else printf "%.1f× faster\n", b / a }'
}
# slower_at_most A B K: met when A's time is at most K times B's.
slower_at_most() {
    awk -v a="$(secs "$1")" -v b="$(secs "$2")" -v k="$3" 'BEGIN {print (b > 0 && a / b <= k) ? "**met**" : "**missed**"}'
}
# faster_at_least A B K MIB: met when A is at least K times faster than B and peaks under MIB MiB.
faster_at_least() {
    awk -v a="$(secs "$1")" -v b="$(secs "$2")" -v k="$3" -v m="$(kib "$1")" -v cap="$4" \
        'BEGIN {print (a > 0 && b / a >= k && m / 1024 < cap) ? "**met**" : "**missed**"}'
}
# row OPERATION REX REF-LABEL REF [GOAL VERDICT-FUNCTION ARGS…]: one line of the table.
row() {
    local operation=$1 rex=$2 label=$3 ref=$4 goal=${5:-—} verdict="" ratio="—"
    shift 4
    if (( $# )); then shift; fi
    if ok "$rex" && ok "$ref"; then
        ratio=$(against "$rex" "$ref")
        if (( $# )); then verdict=$("$@"); fi
    fi
    if [[ $goal != — && -z $verdict ]]; then verdict="not measured"; fi
    printf '| %s | %s | %s %s | %s | %s | %s |\n' "$operation" "$(cell "$rex")" "$label" "$(cell "$ref")" "$ratio" "$goal" "$verdict"
}
