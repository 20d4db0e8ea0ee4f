#!/usr/bin/env bash
# Start-up cost of the Python bridge: `rex --version` must not start Python, and
# linking libpython must cost next to nothing.
#  1. rex --version: best of N wall times, and proof that Python never starts
#     (no python3.11 stdlib file is opened).
#  2. The cost of linking libpython alone: an empty C program with and without
#     -lpython3.11 (what `rex` pays for having the bridge linked).
# Usage: bench/python/startup.sh [REX_BINARY]   (default .build/release/rex)
set -euo pipefail
cd "$(dirname "$0")/../.."
rex="${1:-.build/release/rex}"
runs=20
best() {  # best wall time in ms of N runs of "$@"
    local best=999999
    for _ in $(seq $runs); do
        local start end
        start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
        local ms=$(( (end - start) / 1000 ))
        (( ms < best )) && best=$ms
    done
    printf '%d.%03d ms' $((best / 1000)) $((best % 1000))
}
if [[ -x "$rex" ]]; then
    echo "rex --version: $(best "$rex" --version) (best of $runs)"
    if command -v strace >/dev/null; then
        opened=$(strace -f -e trace=openat "$rex" --version 2>&1 | grep -c 'python3.11/' || true)
        echo "python3.11 stdlib files opened by rex --version: $opened"
    fi
    echo "libpython linked: $(ldd "$rex" | grep -o 'libpython[^ ]*' | head -1)"
else
    echo "no rex binary at $rex (build it: swift build -c release)"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo 'int main(void) { return 0; }' > "$work/empty.c"
cc -O2 "$work/empty.c" -o "$work/without"
cc -O2 "$work/empty.c" -o "$work/with" -Wl,--no-as-needed $(pkg-config --libs python3-embed)
echo "empty program without libpython: $(best "$work/without")"
echo "empty program linked with libpython: $(best "$work/with")"
