#!/usr/bin/env bash
# Check the package as a user gets it, away from this repository: build the wheel from a clean
# copy of the sources, check that it holds every module (and any other file) under
# src/speech_archive/ and the licence, install it (not editable) into a fresh venv with the
# locked runtime dependencies (requirements/build.txt, hashes required), then from a temporary
# folder outside the repository:
#   speech-archive --help, --version (must print pyproject.toml's version)
#   a strict `mkdocs build` of a copy of this repository's archive (mkdocs.yml, docs/, hooks/,
#     speeches/): its hooks import speech_archive from the installed wheel
#   speech-archive init my-archive, and a strict build of that new archive
# Needs python3 (3.11+) and PyPI. Exits non-zero at the first failure. CI: .github/workflows/ci.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_MKDOCS_2_WARNING=1  # Material 9.8's end-of-life banner; --strict is unaffected
step() { printf '\n== %s\n' "$*"; }

step "Building the wheel from a clean copy of the sources"
# A copy, so that a stale build/ or egg-info in the work tree cannot slip into the wheel.
mkdir "$work/source"
cp -r pyproject.toml README.md LICENSE src "$work/source/"
find "$work/source" \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +
python3 -m venv "$work/venv"
py=$work/venv/bin/python
"$py" -m pip wheel --quiet --no-deps -w "$work/dist" "$work/source"
wheel=$(find "$work/dist" -name 'speech_archive-*.whl')
echo "$(basename "$wheel")"

step "Checking the wheel's contents"
"$py" - "$wheel" "$work/source/src" <<'EOF'
import sys
import zipfile
from pathlib import Path

wheel, src = Path(sys.argv[1]), Path(sys.argv[2])
names = set(zipfile.ZipFile(wheel).namelist())
# Every file of the package (modules, subpackages, any data file it reads) must be in the wheel.
wanted = {
    path.relative_to(src).as_posix()
    for path in (src / "speech_archive").rglob("*")
    if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
}
dist_info = next(name.split("/")[0] for name in names if ".dist-info/" in name)
missing = sorted(wanted - names)
extra = sorted(name for name in names - wanted if not name.startswith(f"{dist_info}/"))
metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
problems = [f"missing from the wheel: {name}" for name in missing]
problems += [f"not from src/speech_archive/: {name}" for name in extra]
if f"{dist_info}/licenses/LICENSE" not in names:
    problems.append("no LICENSE in the wheel's dist-info/licenses/")
if "License-Expression: MIT" not in metadata.splitlines():
    problems.append("METADATA has no 'License-Expression: MIT'")
packages = sorted({name.rsplit("/", 1)[0] for name in wanted if name.endswith("/__init__.py")})
print(f"{len(wanted)} files in {len(packages)} packages: {', '.join(packages)}")
if problems:
    sys.exit("\n".join(problems))
EOF

step "Installing it with the locked dependencies (hashes required)"
"$py" -m pip install --quiet --require-hashes -r requirements/build.txt
"$py" -m pip install --quiet --no-deps "$wheel"
export PATH="$work/venv/bin:$PATH"

# From here on, nothing runs in the repository: the package must come from the wheel.
mkdir "$work/elsewhere"
cd "$work/elsewhere"
location=$("$py" -c 'import speech_archive; print(speech_archive.__file__)')
case $location in
  "$work/venv/"*) echo "speech_archive is imported from $location" ;;
  *) echo "speech_archive is imported from $location, not from the installed wheel" >&2; exit 1 ;;
esac

step "speech-archive --help"
speech-archive --help

step "speech-archive --version"
version=$(speech-archive --version)
echo "$version"
expected=$("$py" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$repo/pyproject.toml")
if [ "$version" != "speech-archive, version $expected" ]; then
  echo "expected version $expected (pyproject.toml)" >&2
  exit 1
fi

step "A strict build of a copy of this repository's archive"
mkdir seed
for part in mkdocs.yml docs hooks speeches; do
  if [ -e "$repo/$part" ]; then cp -r "$repo/$part" seed/; fi
done
find seed -name __pycache__ -prune -exec rm -rf {} +
(cd seed && mkdocs build --strict --quiet)
echo "built $(find seed/site -name '*.html' | wc -l) pages"

step "speech-archive init my-archive, and a strict build of it"
if speech-archive init --help >/dev/null 2>&1; then
  speech-archive init my-archive
  (cd my-archive && mkdocs build --strict --quiet)
  echo "built $(find my-archive/site -name '*.html' | wc -l) pages"
else
  echo "note: skipped, this version has no 'speech-archive init' yet"
fi

step "The wheel works outside the repository"
