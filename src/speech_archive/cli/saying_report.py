"""What ``speech-archive sayings`` prints: each candidate saying, and the lines that correct it.

A contributor should not have to know the detector to fix what it got wrong: every
candidate comes with the front-matter lines to paste (valid, correctly quoted YAML),
and every saying quoted in several speeches with a sayings.yml entry. Pure: no click.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import yaml

from ..annotate.blocks import PARAGRAPH, prose_spans, split_blocks
from ..annotate.saying_catalogue import normal_words
from ..annotate.saying_review import Candidate
from ..load.archive import SAYINGS_FIELD, SAYINGS_FILE, SPEECHES_DIR
from ..model import Speech
from ..problems import Problem
from .check import count
from .saying_promotion import Promotion

SHORT_CHARS = 100  # longer words are shortened in listings (never in the lines to paste)
DEFAULT_SAYINGS_FILE = f"{SPEECHES_DIR}/{SAYINGS_FILE}"  # unless an archive has the old name


def yaml_scalar(text: str) -> str:
    """``text`` as one YAML scalar on one line: plain when YAML allows it, quoted otherwise.

    PyYAML decides the quoting; the result is read back to be sure, and a JSON string
    (a double-quoted YAML scalar) stands in if it would not give ``text`` back.
    """
    dumped = yaml.safe_dump([text], default_flow_style=False, allow_unicode=True, width=1 << 30)
    scalar = dumped.removeprefix("- ").removesuffix("\n")
    if "\n" in scalar or _reads_back(scalar) != text:
        scalar = json.dumps(text)
    return scalar


def _reads_back(scalar: str) -> object:
    try:
        return yaml.safe_load(f"- {scalar}")[0]
    except (yaml.YAMLError, TypeError, IndexError):
        return None


def shorten(text: str, limit: int = SHORT_CHARS) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis, when longer."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


# --- corrections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    action: str  # 'ignore', 'add', 'remove-add' or 'remove-ignore'
    advice: str  # what to do with the lines, in a sentence
    yaml: str  # the front-matter lines, without a final newline

    def as_dict(self) -> dict:
        return asdict(self)


def ignore_lines(text: str) -> str:
    return f"{SAYINGS_FIELD}:\n  ignore:\n    - {yaml_scalar(text)}"


def add_lines(text: str, origin: str | None) -> str:
    lines = f"{SAYINGS_FIELD}:\n  add:\n    - text: {yaml_scalar(text)}"
    return lines + (f"\n      origin: {yaml_scalar(origin)}" if origin else "")


def _same_words(a: str, b: str) -> bool:
    """One's normalised words inside the other's: how the detector matches a correction."""
    x, y = " ".join(normal_words(a)), " ".join(normal_words(b))
    return bool(x and y) and (f" {x} " in f" {y} " or f" {y} " in f" {x} ")


def _verbatim_in(text: str, paragraph: str | None) -> bool:
    """Whether ``text`` stands word for word in the paragraph's prose, as `sayings.add` needs."""
    if paragraph is None:
        return False
    spans = prose_spans(paragraph)
    start = paragraph.find(text)
    while start >= 0:
        if any(a <= start and start + len(text) <= b for a, b in spans):
            return True
        start = paragraph.find(text, start + 1)
    return False


def correction(candidate: Candidate, speech: Speech, paragraph: str | None) -> Correction:
    """The front-matter change that turns ``candidate``'s verdict round.

    A saying added by hand is dropped by removing its `add` entry (an `ignore` would not
    win over it), and one ignored by hand is restored by removing its `ignore` entry.
    """
    paste = f"add to the front matter (into its {SAYINGS_FIELD}: field, if it has one)"
    if candidate.accepted:
        added = next(
            (a for a in speech.sayings_add if _same_words(a.get("text", ""), candidate.text)), None
        )
        if added is not None:
            return Correction(
                "remove-add",
                "added by hand: to drop it, remove this entry from the "
                f"front matter's {SAYINGS_FIELD}: add: list",
                add_lines(added["text"], added.get("origin")),
            )
        return Correction("ignore", f"not a saying? {paste}", ignore_lines(candidate.text))
    ignored = next((i for i in speech.sayings_ignore if _same_words(i, candidate.text)), None)
    if ignored is not None:
        return Correction(
            "remove-ignore",
            "ignored by hand: to show it, remove this entry from "
            f"the front matter's {SAYINGS_FIELD}: ignore: list",
            ignore_lines(ignored),
        )
    lines = add_lines(candidate.text, candidate.origin)
    advice = f"a saying after all? {paste}"
    if not _verbatim_in(candidate.text, paragraph):
        advice += (
            "; these words are not one stretch of the paragraph (a split saying?): give "
            "text exactly as it stands in the speech"
        )
    return Correction("add", advice, lines)


# --- one speech ----------------------------------------------------------------------------


@dataclass
class SpeechReview:
    path: str  # 'speeches/<file name>'
    title: str | None = None  # None when the speech did not load
    candidates: list[tuple[Candidate, Correction]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it did not load
    sayings_file: str = DEFAULT_SAYINGS_FILE  # the catalogue of sayings it was checked against

    @property
    def ok(self) -> bool:
        return not self.problems

    def tally(self) -> str:
        accepted = sum(1 for c, _ in self.candidates if c.accepted)
        rejected = len(self.candidates) - accepted
        return f"{count(accepted, 'saying')} found, {rejected or 'none'} rejected"


def review(
    speech: Speech, candidates: list[Candidate], sayings_file: str = DEFAULT_SAYINGS_FILE
) -> SpeechReview:
    """``speech``'s candidates, each with the correction that reverses its verdict."""
    paragraphs = {b.number: b.text for b in split_blocks(speech.body) if b.kind == PARAGRAPH}
    return SpeechReview(
        speech.path,
        speech.title,
        [(c, correction(c, speech, paragraphs.get(c.paragraph))) for c in candidates],
        sayings_file=sayings_file,
    )


def _verdict(candidate: Candidate) -> str:
    return "found" if candidate.accepted else "rejected"


def _details(candidate: Candidate, sayings_file: str) -> str:
    catalogue = ("in" if candidate.catalogued else "not in") + f" {sayings_file}"
    return (
        f"origin: {candidate.origin}; cue: {_quoted(candidate.cue) or 'none'}; "
        f"extent: {candidate.extent}; citation: {candidate.citation or 'none'}; {catalogue}"
    )


def _quoted(text: str | None) -> str:
    return f"\u201c{text}\u201d" if text else ""


# --- text ----------------------------------------------------------------------------------


def format_text(reviews: list[SpeechReview], shared_problems: Sequence[Problem] = ()) -> str:
    """Each speech, then each candidate with its details and the lines that correct it.

    The YAML starts in the first column, so it can be pasted as printed.
    """
    lines = [str(problem) for problem in shared_problems]
    for speech in reviews:
        if lines:
            lines.append("")
        if not speech.ok:
            lines += [str(problem) for problem in speech.problems]
            lines.append(
                f"{speech.path}: not reviewed: {count(len(speech.problems), 'problem')} "
                "to fix first (as 'speech-archive check' reports them)"
            )
            continue
        lines.append(f"{speech.path}: {speech.tally()}")
        for candidate, fix in speech.candidates:
            lines += [
                "",
                (
                    f"  paragraph {candidate.paragraph}, {_verdict(candidate)}: "
                    f"{_quoted(shorten(candidate.text))}"
                ),
                f"    {_details(candidate, speech.sayings_file)}",
                f"    why: {candidate.reason}",
                f"    {fix.advice}:",
                "",
                fix.yaml,
            ]
    return "\n".join(lines)


# --- json ----------------------------------------------------------------------------------


def format_json(reviews: list[SpeechReview], shared_problems: Sequence[Problem] = ()) -> str:
    """A list of speeches, each with its candidates as dicts (and its correction), for tools."""
    shared = [problem.as_dict() for problem in shared_problems]
    return json.dumps(
        [
            {
                "path": speech.path,
                "title": speech.title,
                "ok": speech.ok and not shared,
                "problems": shared + [problem.as_dict() for problem in speech.problems],
                "candidates": [
                    {**asdict(c), "correction": fix.as_dict()} for c, fix in speech.candidates
                ],
            }
            for speech in reviews
        ],
        indent=2,
        ensure_ascii=False,
    )


# --- markdown ------------------------------------------------------------------------------

_CELL_SPECIAL = re.compile(r"([\\`*_\[\]|<>])")


def _cell(text: str | None) -> str:
    """Text for a Markdown table cell: nothing in it can end the cell or read as markup."""
    if not text:
        return "–"
    return _CELL_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _fenced(body: str, info: str) -> list[str]:
    """``body`` in a code fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", body, fence]


def format_markdown(reviews: list[SpeechReview], shared_problems: Sequence[Problem] = ()) -> str:
    """A heading per speech, a table of its candidates, and the corrections in YAML blocks."""
    lines: list[str] = []
    if shared_problems:
        lines += ["**Problems in the vocabularies** (as `speech-archive check` reports them):", ""]
        lines += [*_fenced("\n".join(map(str, shared_problems)), "text"), ""]
    for speech in reviews:
        title = f" ({_cell(speech.title)})" if speech.title else ""
        lines += [f"### `{speech.path}`{title}", ""]
        if not speech.ok:
            lines += [
                (
                    "Not reviewed: fix these problems first "
                    "(as `speech-archive check` reports them)."
                ),
                "",
            ]
            lines += [*_fenced("\n".join(map(str, speech.problems)), "text"), ""]
            continue
        lines += [f"{speech.tally()[0].upper()}{speech.tally()[1:]}.", ""]
        if not speech.candidates:
            continue
        lines += [
            "| ¶ | Words | Verdict | Why | Origin | Cue | Extent | Citation | Catalogued |",
            "|--:|---|---|---|---|---|---|---|---|",
        ]
        for c, _ in speech.candidates:
            cells = [
                str(c.paragraph),
                _cell(shorten(c.text)),
                _verdict(c),
                _cell(c.reason),
                _cell(c.origin),
                _cell(c.cue),
                _cell(c.extent),
                _cell(c.citation),
                "yes" if c.catalogued else "no",
            ]
            lines.append(f"| {' | '.join(cells)} |")
        lines += [
            "",
            "<details><summary>Corrections: the front-matter lines for each</summary>",
            "",
        ]
        for c, fix in speech.candidates:
            lines += [
                f"**¶ {c.paragraph}**, {_cell(shorten(c.text, 60))}: {_cell(fix.advice)}:",
                "",
            ]
            lines += [*_fenced(fix.yaml, "yaml"), ""]
        lines += ["</details>", ""]
    return "\n".join(lines).rstrip("\n")


# --- promotion -----------------------------------------------------------------------------


def promotion_intro(sayings_file: str = DEFAULT_SAYINGS_FILE) -> str:
    return (
        f"# Quoted in two or more speeches, not yet in {sayings_file}: append\n"
        "# each entry to it, then add meaning, original and source where you are sure."
    )


def promotion_yaml(promotion: Promotion) -> str:
    """The sayings.yml entry, in the file's own layout (ready to append)."""
    entry = promotion.entry()
    lines = [
        f"- id: {yaml_scalar(entry['id'])}",
        f"  text: {yaml_scalar(entry['text'])}",
        f"  origin: {yaml_scalar(entry['origin'])}",
    ]
    if entry.get("variants"):
        lines.append("  variants:")
        lines += [f"    - {yaml_scalar(variant)}" for variant in entry["variants"]]
    return "\n".join(lines)


def _found_in(promotion: Promotion) -> list[str]:
    return [
        f"{s.slug}, paragraph {s.paragraph}: {_quoted(shorten(s.text, 70))}"
        for s in promotion.sightings
    ]


def format_promotions_text(found: list[Promotion], sayings_file: str = DEFAULT_SAYINGS_FILE) -> str:
    if not found:
        return f"every saying found in two or more speeches is in {sayings_file}"
    lines = [promotion_intro(sayings_file)]
    for promotion in found:
        lines += [
            "",
            promotion_yaml(promotion),
            f"# found in {count(len(promotion.speeches), 'speech', 'speeches')}:",
        ]
        lines += [f"#   {where}" for where in _found_in(promotion)]
    return "\n".join(lines)


def format_promotions_json(found: list[Promotion], problems: Sequence[Problem] = ()) -> str:
    return json.dumps(
        {
            "ok": not problems,
            "problems": [problem.as_dict() for problem in problems],
            "promotions": [
                {
                    "entry": promotion.entry(),
                    "yaml": promotion_yaml(promotion),
                    "found_in": [asdict(s) for s in promotion.sightings],
                }
                for promotion in found
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def format_promotions_markdown(
    found: list[Promotion], sayings_file: str = DEFAULT_SAYINGS_FILE
) -> str:
    if not found:
        return f"Every saying found in two or more speeches is in `{sayings_file}`."
    lines = [f"### Sayings to add to `{sayings_file}`", ""]
    for promotion in found:
        lines += _fenced(promotion_yaml(promotion), "yaml")
        lines += [f"Found in {count(len(promotion.speeches), 'speech', 'speeches')}:", ""]
        lines += [f"- {_cell(where)}" for where in _found_in(promotion)] + [""]
    return "\n".join(lines).rstrip("\n")
