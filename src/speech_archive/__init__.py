"""speech-archive: the core of an annotated speech archive.

Plain Python with no MkDocs import: loading and validation (``loader``), the
annotation passes (``annotate``), the index pages and data (``indexes``), and the
contributor CLI (``cli``). ``hooks/build_hooks.py`` wires it into MkDocs.
"""
