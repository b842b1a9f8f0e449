"""`python -m speech_archive.cli`: the same as the `speech-archive` command."""

from . import main

main()
