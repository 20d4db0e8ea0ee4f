#!/usr/bin/env bash
# How fast a 1M-row numeric column crosses between rex and pandas: the bridge's
# whole-buffer path against a naive one-Python-int-per-value path.
# Usage: bench/python/crossing.sh [SCRATCH]   (SCRATCH: a build folder, default .build)
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch="${1:-.build}"
swift build --scratch-path "$scratch" --build-tests >/dev/null
REX_BENCH=1 swift test --scratch-path "$scratch" --skip-build --filter CrossingBenchmark 2>&1 | grep -E "1M-row|passed|failed"
