#!/usr/bin/env bash
# List, as Markdown, what the saying detector found and rejected in the speeches a pull request
# adds or changes, with the front-matter lines that would correct each: CI appends it to the job
# summary, so a reviewer sees it without building. Run from the archive's folder:
#   scripts/pr_sayings.sh main          # compares with origin/main (needs the full history)
# SPEECH_ARCHIVE names the command to run (default: .venv/bin/speech-archive, else the one on PATH).
# Exits with the command's status: 1 when a listed speech has problems (they are listed too).
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 BASE_REF   (the pull request's base branch, e.g. main)" >&2
  exit 2
fi
base="origin/$1"
command="${SPEECH_ARCHIVE:-}"
if [ -z "$command" ]; then
  if [ -x .venv/bin/speech-archive ]; then command=.venv/bin/speech-archive; else command=speech-archive; fi
fi

# Added or changed speeches only (a renamed one counts as added); NUL-separated, so any name is
# safe. Through a file, so that a failing git diff (no such base, a shallow clone) stops here.
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
if ! git diff -z --no-renames --name-only --diff-filter=AM "$base"...HEAD -- 'speeches/*.md' >"$list"; then
  echo "$0: cannot compare with $base (is it fetched, with the full history: fetch-depth: 0?)" >&2
  exit 2
fi
mapfile -d '' changed <"$list"

echo "## Sayings in the speeches this pull request adds or changes"
echo
if [ ${#changed[@]} -eq 0 ]; then
  echo "This pull request adds or changes no speech."
  exit 0
fi
echo "What the detector found and what it considered but rejected. To correct it, paste the"
echo "lines under a saying into the speech's front matter (see docs/contributing.md)."
echo
"$command" sayings --format markdown -- "${changed[@]}"
