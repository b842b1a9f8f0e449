#!/usr/bin/env bash
# Install the project with its test extras into .venv (created if missing) and run the whole
# test suite. The browser tests drive Debian's Chromium (/usr/bin/chromium); it is installed
# with apt when missing and this runs as root. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing; run 'sudo apt-get install chromium' for the browser tests" >&2
  fi
fi

python3 -m venv .venv
# The locked test dependencies, every file checked against its hash (./scripts/lock.sh writes
# requirements/test.txt), then the project itself, adding nothing the lock does not pin.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/test.txt
.venv/bin/python -m pip install --quiet --no-deps -e .
# Material 9.8 prints an end-of-life banner on every build: noise in test output.
export NO_MKDOCS_2_WARNING=1
# Every test: -m "" lifts the quick-run filter in pyproject.toml (addopts), so the browser,
# benchmark and slow tests run too; a -m among the extra arguments replaces it.
exec .venv/bin/python -m pytest -m "" "$@"
