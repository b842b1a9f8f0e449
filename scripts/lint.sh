#!/usr/bin/env bash
# Lint, format check and type check, as CI runs them: ruff to [tool.ruff] and mypy to
# [tool.mypy] in pyproject.toml. Uses the tools in .venv (scripts/test.sh installs them with
# the test extras). Fixes are left to you: `.venv/bin/ruff format <file>`, `ruff check --fix`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/mypy ] || [ ! -x .venv/bin/ruff ]; then
  echo "lint.sh: no ruff or mypy in .venv; run ./scripts/test.sh (or pip install -e '.[test]') first" >&2
  exit 2
fi

status=0
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
.venv/bin/mypy || status=1  # the files and settings are in [tool.mypy]
exit "$status"
