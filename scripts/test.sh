#!/usr/bin/env bash
# `make test`: everything the tests need is installed by `make deps`; this
# starts a private PostgreSQL and runs every test against it.
set -euo pipefail
cd "$(dirname "$0")/.."

run_tests() {
  # Python runtime unit tests run on Debian's interpreter (the one rex embeds).
  if compgen -G "Tests/python/test_*.py" >/dev/null; then
    /usr/bin/python3 -m unittest discover -s Tests/python -p 'test_*.py' -v 2>&1 | tail -n 5
  fi
  swift build --build-tests
  swift test --skip-build "$@"
}
export -f run_tests
exec scripts/with-postgres.sh bash -c 'run_tests "$@"' run_tests "$@"
