#!/usr/bin/env bash
# Install the project into .venv (created if missing), build the site into site/, then serve it
# with live reload on http://127.0.0.1:8000. Pass `build` to build only.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
# The locked build dependencies, hashes checked (./scripts/lock.sh), then the project itself.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements/build.txt
.venv/bin/python -m pip install --quiet --no-deps -e .
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict
if [ "${1:-serve}" != "build" ]; then
  exec .venv/bin/mkdocs serve
fi
