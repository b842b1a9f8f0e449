"""What every reference converter does last: check it found enough passages, and write the TSV.

A reference work's file (speeches/references/*.tsv) holds one passage a line, its citation,
a tab, then its text; speeches/references/references.yml declares it.
"""

from __future__ import annotations

from pathlib import Path


def write_passages(
    source: Path, output: Path, passages: list[tuple[str, str]], minimum: int, what: str
) -> None:
    """Write ``passages`` (citation, text) to ``output``; stop if ``source`` gave fewer than ``minimum``."""
    if len(passages) < minimum:
        raise SystemExit(f"{source}: only {len(passages)} {what} (expected over {minimum})")
    output.write_text(
        "".join(f"{citation}\t{text}\n" for citation, text in passages), encoding="utf-8"
    )
    print(f"{output}: {len(passages)} {what}")
