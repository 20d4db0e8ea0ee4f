#!/usr/bin/env bash
# Installs everything rex needs to build, run and test, and nothing twice.
# Quick when all is present: every step checks before it acts.
set -euo pipefail

APT_PACKAGES=(
  libedit-dev unixodbc-dev unixodbc libpng-dev libpython3.11-dev
  python3-pandas python3-matplotlib
  # the Jupyter kernel (rex --install-kernel) and its headless notebook tests
  python3-ipykernel python3-jupyter-client python3-nbclient python3-nbformat
  postgresql-15 postgresql-plpython3-15 odbc-postgresql libsqliteodbc
  # tests only: the memcheck stage, the sqlite3 shell as an independent reader, strip,
  # man to render the installed man page (make install), less as the REPL's default pager
  valgrind sqlite3 binutils man-db less
)
PIP_TEST_PACKAGES=(sqlglot pyodbc)
MSODBC_NAME="ODBC Driver 18 for SQL Server"
MSODBC_DIR=/opt/rex/msodbcsql18

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing_apt+=("$pkg")
  fi
done
if [ ${#missing_apt[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing_apt[*]}" >&2
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing_apt[@]}" >&2
fi

# Debian's postgresql package may start a cluster on 5432; rex's tests run their own.
# Python packages used only by tests and benchmarks go to the pip on PATH (not Debian's python).
PIP="python3 -m pip"
missing_pip=()
for pkg in "${PIP_TEST_PACKAGES[@]}"; do
  if ! python3 -c "import $pkg" 2>/dev/null; then missing_pip+=("$pkg"); fi
done
if [ ${#missing_pip[@]} -gt 0 ]; then
  echo "install-deps: pip installing ${missing_pip[*]}" >&2
  $PIP install -q "${missing_pip[@]}" >&2
fi

# Microsoft ODBC Driver 18, shipped inside the PyPI wheel mssql-python-odbc.
if ! odbcinst -q -d -n "$MSODBC_NAME" >/dev/null 2>&1 || ! ls "$MSODBC_DIR"/lib/libmsodbcsql-18.*.so* >/dev/null 2>&1; then
  echo "install-deps: installing $MSODBC_NAME from the mssql-python-odbc wheel" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  $PIP download -q --no-deps --only-binary=:all: -d "$tmp" mssql-python-odbc >&2
  wheel=$(ls "$tmp"/*.whl | head -n 1)
  python3 -m zipfile -e "$wheel" "$tmp/x" >&2
  root=$(dirname "$(dirname "$(find "$tmp/x" -path '*linux/debian_ubuntu/x86_64/lib/libmsodbcsql-18.*.so*' | head -n 1)")")
  # Keep the wheel's lib/ + share/resources layout: the driver finds its messages (.rll) there.
  $SUDO rm -rf "$MSODBC_DIR"
  $SUDO mkdir -p "$MSODBC_DIR"
  $SUDO cp -a "$root"/lib "$root"/share "$MSODBC_DIR"/
  lib=$(ls "$MSODBC_DIR"/lib/libmsodbcsql-18.*.so* | head -n 1)
  printf '[%s]\nDescription=Microsoft ODBC Driver 18 for SQL Server\nDriver=%s\nUsageCount=1\n' \
    "$MSODBC_NAME" "$lib" > "$tmp/msodbc.ini"
  $SUDO odbcinst -u -d -n "$MSODBC_NAME" >/dev/null 2>&1 || true
  $SUDO odbcinst -i -d -f "$tmp/msodbc.ini" >&2
fi
