"""What the saying detector found and what it considered but rejected, for a contributor to review.

The build only uses what was accepted; `speech-archive sayings` and the pull-request
check show both, with the cue, the extent and the reason, so a reviewer can add or
ignore a saying in the front matter without building the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Archive, Speech
from .blocks import PARAGRAPH, split_blocks
from .saying_catalogue import build_catalogue_index
from .sayings import Corrections, consider_sayings, reference_index


@dataclass(frozen=True)
class Candidate:
    paragraph: int  # the paragraph's number as the page shows it
    text: str  # the saying's words as they stand in the speech
    origin: str  # as the saying note would name it
    cue: str | None  # the speech's words that signal a saying ("as the Psalmist said"), if any
    extent: (
        str  # how the saying's words were delimited: 'quotation marks', 'rest of the sentence'...
    )
    accepted: bool  # shown as a saying on the site
    reason: str  # why it was accepted or rejected
    citation: str | None = None  # the passage of a reference work it quotes ("Micah 6:8")
    catalogued: bool = False  # in speeches/sayings.yml


def review_speech(speech: Speech, archive: Archive) -> list[Candidate]:
    """Every candidate saying in ``speech``, accepted or not, in reading order."""
    index = build_catalogue_index(archive.sayings)
    references = reference_index(archive)
    corrections = Corrections(speech.sayings_add, speech.sayings_ignore)
    candidates: list[Candidate] = []
    lead_in = ""  # as the build does: a paragraph's closing cue introduces the next one's quotation
    for block in split_blocks(speech.body):
        if block.kind != PARAGRAPH or block.number is None:
            lead_in = ""
            continue
        considered = consider_sayings(
            block.text, index, corrections, references, lead_in, speech.speaker
        )
        lead_in = block.text
        for found in considered:
            candidates.append(
                Candidate(
                    block.number,
                    found.text,
                    found.origin,
                    found.cue,
                    found.extent,
                    found.accepted,
                    found.reason,
                    found.citation,
                    found.catalogued,
                )
            )
    return candidates
