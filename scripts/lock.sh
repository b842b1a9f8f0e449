#!/usr/bin/env bash
# Regenerate the hashed lock files in requirements/ from pyproject.toml's dependencies:
#   requirements/build.txt  what `mkdocs build` of an archive needs (the runtime dependencies)
#   requirements/test.txt   those and the test extras (scripts/test.sh, CI)
# Each is resolved for Python 3.11 (requires-python's lowest) on every platform, newest
# versions within the bounds, with the sha256 of every file PyPI has for each pin.
# Run after changing a dependency, or to take new releases (security fixes): ./scripts/lock.sh
# Extra arguments go to both compile commands, e.g. --upgrade-package markdown.
# Lowest versions are pinned by hand in requirements/lowest.txt, not here.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9  # the resolver, from PyPI, in a throwaway venv
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install --quiet "uv==$UV_VERSION"

# Defaults to PyPI (uv ignores pip's configuration); UV_INDEX_URL points it elsewhere.
compile() {
  "$tools/venv/bin/uv" pip compile pyproject.toml --quiet --universal --python-version 3.11 \
    --generate-hashes --no-emit-package speech-archive \
    --custom-compile-command ./scripts/lock.sh "$@"
}
compile -o requirements/build.txt "$@"
compile --extra test -o requirements/test.txt "$@"
