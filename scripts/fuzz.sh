#!/usr/bin/env bash
# `make fuzz [SECONDS=N]`: fuzzes the language front end (lexer → parser → printer →
# resolver → SQL and pandas generators) and the PNG reader (libpng through the C shim)
# with libFuzzer under AddressSanitizer, SECONDS seconds each (default 60), both at once.
#
#   scripts/fuzz.sh [SECONDS] [frontend|png]     (the second argument runs just one)
#
# Builds the optimized fuzz executables (FuzzFrontEnd, FuzzPNG; see the comment in
# Sources/FuzzFrontEnd/FuzzFrontEnd.swift) in .build-fuzz, writes fresh seeds
# (scripts/fuzz-seeds.py: conformance cases, docs' examples, the prelude, generated PNGs)
# and keeps what the fuzzers learn in .build-fuzz/fuzz/corpus, so later runs go deeper.
# Exits non-zero when a fuzzer finds a crash, an ASan report, a failed property, a leak,
# a timeout or an out-of-memory, and prints the reproducer's path: replay it with
# `.build-fuzz/release/FuzzFrontEnd FILE` (or FuzzPNG), and add it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
only="${2:-}"
names=(frontend png)
executables=(FuzzFrontEnd FuzzPNG)
if [ "$only" = frontend ]; then names=(frontend); executables=(FuzzFrontEnd); fi
if [ "$only" = png ]; then names=(png); executables=(FuzzPNG); fi
scratch=.build-fuzz
work="$scratch/fuzz"

# libFuzzer without its own main (the executables keep theirs and call LLVMFuzzerRunDriver).
swiftc_path="$(readlink -f "$(command -v swiftc)")"
libfuzzer="$(ls "$(dirname "$swiftc_path")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-"$(uname -m)".a 2>/dev/null | head -n 1)"
if [ -z "$libfuzzer" ]; then
  echo "fuzz: libclang_rt.fuzzer_no_main is not in the Swift toolchain at $(dirname "$swiftc_path")/.." >&2
  exit 2
fi

build_flags=(
  -c release --scratch-path "$scratch" --sanitize=address
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,trace-cmp,pc-table
  -Xcc -fsanitize=fuzzer-no-link -Xcc -DREX_LIBFUZZER
  -Xswiftc -use-ld=lld -Xlinker "$libfuzzer" -Xlinker -lstdc++
)
mkdir -p "$work"
started=$SECONDS
for product in "${executables[@]}"; do
  if ! swift build "${build_flags[@]}" --product "$product" >"$work/build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$work/build.log" | tail -n 40 >&2
    echo "fuzz: building $product failed" >&2
    exit 2
  fi
done
echo "fuzz: built in $((SECONDS - started)) s"

rm -rf "$work/seeds" "$work/logs"
mkdir -p "$work/corpus/frontend" "$work/corpus/png" "$work/artifacts" "$work/logs"
# More Markdown files with examples to seed from (space-separated), when they exist.
extra_docs=()
for doc in ${REX_FUZZ_DOCS:-/work/shared/EXAMPLES.md}; do
  if [ -f "$doc" ]; then extra_docs+=("$doc"); fi
done
/usr/bin/python3 scripts/fuzz-seeds.py "$work/seeds" "${extra_docs[@]}"

# Swift's own crash backtracer must not race ASan and libFuzzer for the signal; leaks are
# checked (LeakSanitizer) for everything the targets allocate.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:abort_on_error=0:symbolize=1"

# fuzz NAME EXECUTABLE: runs one fuzzer; new inputs go to the first corpus directory.
fuzz() {
  local name="$1" executable="$2"
  "$scratch/release/$executable" "$work/corpus/$name" "$work/seeds/$name" \
    -dict="$work/seeds/$name.dict" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$work/artifacts/$name-" \
    >"$work/logs/$name.log" 2>&1
}

touch "$work/logs/start"
started=$SECONDS
pids=()
for index in "${!names[@]}"; do
  fuzz "${names[$index]}" "${executables[$index]}" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done

for name in "${names[@]}"; do
  runs=$(grep -ao 'stat::number_of_executed_units: [0-9]*' "$work/logs/$name.log" | grep -o '[0-9]*$' || echo "?")
  coverage=$(grep -ao 'cov: [0-9]*' "$work/logs/$name.log" | tail -n 1 || true)
  echo "fuzz: $name: $runs inputs, ${coverage:-cov: ?}, corpus $(ls "$work/corpus/$name" | wc -l) files"
done
echo "fuzz: ran $((SECONDS - started)) s"

if [ "$status" -ne 0 ]; then
  for name in "${names[@]}"; do
    if grep -aq "ERROR: \|rex fuzz: property failed\|Test unit written" "$work/logs/$name.log"; then
      echo "fuzz: $name FAILED; the report ($work/logs/$name.log):" >&2
      grep -a -B2 -A30 -m1 "ERROR: \|rex fuzz: property failed" "$work/logs/$name.log" | head -n 60 >&2 || true
    fi
  done
  find "$work/artifacts" -type f -newer "$work/logs/start" | while read -r reproducer; do
    executable=FuzzFrontEnd
    case "$reproducer" in *"/png-"*) executable=FuzzPNG ;; esac
    echo "fuzz: reproducer: $reproducer  (replay: $scratch/release/$executable $reproducer)" >&2
  done
  exit 1
fi
