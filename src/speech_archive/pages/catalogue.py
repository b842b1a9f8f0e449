"""site/speeches.json: the archive as data for other tools (fields documented in docs/catalogue.md)."""

from __future__ import annotations

import json

from ..model import AnnotatedSpeech
from ..urls import speech_url


def catalogue_record(item: AnnotatedSpeech) -> dict:
    speech = item.speech
    return {
        "slug": speech.slug,
        "url": speech_url(speech),
        "title": speech.title,
        "date": speech.date.isoformat(),
        "speaker": speech.speaker,
        "venue": speech.venue,
        "occasion": speech.occasion,
        "themes": list(speech.themes),
        "words": speech.word_count,
        "proverbs": [
            {
                "id": found["id"],
                "text": found["text"],
                "origin": found.get("origin"),
                "paragraph": found.get("paragraph"),
            }
            for found in item.findings.get("sayings", [])
        ],
        "terms": list(item.findings.get("terms", [])),
    }


def render_catalogue(annotated: list[AnnotatedSpeech]) -> str:
    """One JSON array, oldest speech first (date, then slug), keys sorted: byte-identical across builds.

    One speech per line: a diff of two builds shows which speeches changed, and json
    writes each line with its C encoder (``indent`` would take the pure-Python one,
    a tenth of a second per thousand speeches on every `serve` rebuild).
    """
    records = [
        catalogue_record(item)
        for item in sorted(annotated, key=lambda i: (i.speech.date, i.speech.slug))
    ]
    if not records:
        return "[]\n"
    lines = ",\n".join(json.dumps(record, ensure_ascii=False, sort_keys=True) for record in records)
    return f"[\n{lines}\n]\n"
