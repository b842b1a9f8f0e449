"""`python -m speech_archive`: the same as the `speech-archive` command."""

from .cli import main

main()
