"""A synthetic speech archive of any size, the same for the same seed.

    write_archive(dest, n, seed) -> dest

writes a complete project (mkdocs.yml, docs/, hooks/ and speeches/) with ``n``
speeches of ~2,500 words: realistic diplomatic prose assembled from sentence
templates, with sayings introduced by a cue, sayings from the project's own
catalogue (speeches/sayings.yml, read when the archive is written), glossary terms
(speeches/glossary.yml), 1-4 of 40 themes, dates over 30 years and 200 venues.

    write_plain_site(archive, dest, in_nav) -> dest

writes the same texts as a plain MkDocs + Material site with no hooks: the floor
the benchmark compares the archive with.

    write_generated_site(archive, dest) -> dest

writes the pages and data the archive's hooks generate (annotated speeches, index
pages, the filled home page, speeches.json, feed.xml) as static files of a site with
no hooks: what MkDocs and Material alone spend on the annotated archive.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from speech_archive.build import annotate_archive, render_site
from speech_archive.load.archive import OLD_SAYINGS_FILE, SAYINGS_FILE, load_archive, sayings_file
from speech_archive.text import slugify
from speech_archive.urls import HOME_PAGE

try:  # run as `python bench/run.py` (bench/ on sys.path) or imported as bench.synth
    import vocabulary as words
except ImportError:  # pragma: no cover
    from bench import vocabulary as words

REPO_ROOT = Path(__file__).resolve().parents[1]
# What a build of the project needs besides the speeches; `overrides` only if the theme uses one.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
# Vocabularies read from the project so detection meets the catalogue it really has.
# The catalogue of sayings under either name it may have (an archive has one of them).
CATALOGUE_FILES = (SAYINGS_FILE, OLD_SAYINGS_FILE, "glossary.yml", "speech.schema.json")
FIRST_DAY = dt.date(1995, 1, 1)
DAYS = 30 * 365


@dataclass(frozen=True)
class Saying:
    text: str
    origin: str | None  # a cue-able origin, e.g. 'Chinese saying'; None: quoted without a cue


@dataclass(frozen=True)
class Term:
    term: str
    abbreviation: str | None


def read_catalogue_sayings(speeches_dir: Path) -> list[Saying]:
    path = speeches_dir / sayings_file(speeches_dir)
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [Saying(e["text"].strip(), e.get("origin")) for e in entries or [] if e.get("text")]


def read_glossary_terms(speeches_dir: Path) -> list[Term]:
    path = speeches_dir / "glossary.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [Term(e["term"].strip(), e.get("abbreviation")) for e in entries or [] if e.get("term")]


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


class SpeechWriter:
    """One random stream per archive: every choice comes from ``rng``, so a seed fixes the output."""

    def __init__(self, rng: random.Random, sayings: list[Saying], terms: list[Term]):
        self.rng = rng
        self.sayings = sayings
        self.terms = terms
        self.venues = [
            f"{city}, {country}" for country, cities in words.COUNTRIES.items() for city in cities
        ]

    def fill(self, template: str, country: str, other: str, theme: str, **extra: str) -> str:
        pick = self.rng.choice
        return template.format(
            **extra,
            country=country,
            other=other,
            theme=theme.lower(),
            adj=pick(words.ADJECTIVES),
            adj2=pick(words.ADJECTIVES),
            goal=pick(words.GOALS),
            action=pick(words.ACTIONS),
            action2=pick(words.ACTIONS),
            area=pick(words.AREAS),
            number=pick(words.NUMBERS),
            year=self.rng.randint(1950, 2020),
            years=self.rng.randint(5, 70),
            count=self.rng.choice(["three", "four", "five"]),
        )

    def saying_sentence(self) -> str:
        rng = self.rng
        if self.sayings and rng.random() < 0.5:
            saying = rng.choice(self.sayings)
            origin = saying.origin or ""
            if rng.random() < 0.4 or not re.search(
                r"(saying|proverb|adage|maxim)$", origin, re.IGNORECASE
            ):
                return saying.text  # a catalogued saying needs no cue to be found
            return f'As {_article(origin)} {origin} goes, "{saying.text}"'
        text = rng.choice(words.UNCATALOGUED_SAYINGS)
        origin = rng.choice(words.ORIGINS)
        template = rng.choice(words.SAYING_CUES)
        return template.format(a=_article(origin), origin=origin, text=text, stem=text.rstrip("."))

    def term_sentence(self, used: set[str]) -> str:
        term = self.rng.choice(self.terms)
        if term.term in used and term.abbreviation:
            name = term.abbreviation
        elif term.abbreviation:
            name = f"{term.term} ({term.abbreviation})"
        else:
            name = term.term
        used.add(term.term)
        article = "" if name.isupper() and " " not in name else "the "
        template = self.rng.choice(
            [
                "Here I wish to mention {a}{name}, which matters for {area}.",
                "We have discussed {a}{name} at length, with {goal} in mind.",
                "{A}{name} came up again and again in our talks on {area}.",
            ]
        )
        return self.fill(template, "", "", "", a=article, A=article.capitalize(), name=name)

    def body(self, country: str, other: str, theme: str, target_words: int) -> str:
        rng = self.rng
        salutes = rng.sample(words.SALUTATIONS, rng.randint(2, 4))
        blocks = ["\n".join(salutes)]
        count, used_terms = 0, set()
        footnote = rng.random() < 0.1
        listed = rng.random() < 0.25
        while count < target_words:
            sentences = [
                self.fill(rng.choice(words.SENTENCES), country, other, theme)
                for _ in range(rng.randint(3, 7))
            ]
            if rng.random() < 0.15:
                sentences.insert(rng.randrange(len(sentences) + 1), self.saying_sentence())
            if self.terms and rng.random() < 0.25:
                sentences.insert(rng.randrange(len(sentences) + 1), self.term_sentence(used_terms))
            if footnote and count > target_words // 2:
                sentences[-1] += "[^1]"
                footnote = False
                blocks.append("")  # placeholder: the definition goes at the end
            paragraph = " ".join(sentences)
            blocks.append(paragraph)
            count += len(paragraph.split())
            if listed and count > target_words // 3:
                listed = False
                blocks.append(self.fill(rng.choice(words.LIST_INTROS), country, other, theme))
                items = rng.sample(words.LIST_ITEMS, rng.randint(3, 5))
                blocks.append(
                    "\n".join(
                        f"{i}. {self.fill(t, country, other, theme)}"
                        for i, t in enumerate(items, 1)
                    )
                )
            if rng.random() < 0.05:
                blocks.append("\n".join(rng.sample(words.SALUTATIONS, 2)))
        blocks.append(rng.choice(words.CLOSINGS))
        if "" in blocks:
            blocks.remove("")
            blocks.append(
                "[^1]: As delivered; the published transcript differs slightly in this sentence."
            )
        return "\n\n".join(blocks) + "\n"

    def speech(self, index: int) -> tuple[str, dict, str]:
        """(title, front matter, body) of the ``index``-th speech."""
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        venue = rng.choice(self.venues)
        country = venue.rsplit(", ", 1)[1]
        other = rng.choice([c for c in words.COUNTRIES if c != country])
        themes = rng.sample(words.THEMES, rng.randint(1, 4))
        goal = rng.choice(words.GOALS)
        title = rng.choice(
            [
                f"Working Together for {goal[0].upper() + goal[1:]}",
                f"{themes[0][1]} and the Future of {country}",
                f"Address on {themes[0][1]} at {venue.split(',')[0]}",
                f"A New Chapter in Relations Between {country} and {other}",
                f"Remarks on {themes[0][1]} and {goal[0].upper() + goal[1:]}",
            ]
        )
        meta: dict = {
            "title": title,
            "date": day.isoformat(),
            "speaker": rng.choice(words.SPEAKERS),
            "venue": venue,
        }
        if rng.random() < 0.7:
            occasion = rng.choice(words.OCCASIONS)
            meta["occasion"] = occasion.format(
                n=rng.randint(2, 30),
                forum=rng.choice(words.FORUMS),
                adj=rng.choice(words.ADJECTIVES).title(),
            )
        meta["themes"] = [slug for slug, _, _ in themes]
        if rng.random() < 0.8:
            meta["summary"] = (
                f"{meta['speaker']} speaks in {venue} on {themes[0][1].lower()}, "
                f"calling for {goal}."
            )
        meta["source"] = {"title": f"Collected Speeches, volume {rng.randint(1, 12)}"}
        if rng.random() < 0.5:
            meta["source"]["url"] = f"https://archive.example.org/speeches/{index}"
        if rng.random() < 0.3:
            meta["note"] = (
                "Delivered in the speaker's own language; this is the official English translation."
            )
        if rng.random() < 0.5:
            meta["rights"] = "Reproduced for research and teaching; not for commercial use."
        body = self.body(country, other, themes[0][1], rng.randint(2300, 2700))
        return title, meta, body


def speech_files(n: int, seed: int, sayings: list[Saying], terms: list[Term]) -> dict[str, str]:
    """{file name: file text} of ``n`` speeches; the same for the same arguments."""
    writer = SpeechWriter(random.Random(seed), sayings, terms)
    files: dict[str, str] = {}
    for index in range(n):
        title, meta, body = writer.speech(index)
        stem = f"{meta['date']}-{slugify(title)[:60].strip('-')}"
        name = f"{stem}.md"
        suffix = 2
        while name in files:
            # Same day, same title: the archive refuses it as one speech entered twice.
            name = f"{stem}-{suffix}.md"
            meta["title"] = f"{title} ({suffix})"
            suffix += 1
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        files[name] = f"---\n{front}---\n\n{body}"
    return files


def themes_yaml() -> str:
    return yaml.safe_dump(
        {
            slug: {"title": title, "description": description}
            for slug, title, description in words.THEMES
        },
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )


def _copy_project(source: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache")
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, dest / part, ignore=ignore, dirs_exist_ok=True)
        elif path.is_file():
            shutil.copy2(path, dest / part)


def write_archive(dest: Path, n: int, seed: int = 0, source: Path = REPO_ROOT) -> Path:
    """Write a buildable project with ``n`` synthetic speeches into ``dest``; return ``dest``."""
    _copy_project(source, dest)
    speeches = dest / "speeches"
    speeches.mkdir(parents=True, exist_ok=True)
    for name in CATALOGUE_FILES:
        if (source / "speeches" / name).exists():
            shutil.copy2(source / "speeches" / name, speeches / name)
    (speeches / "themes.yml").write_text(themes_yaml(), encoding="utf-8")
    files = speech_files(
        n,
        seed,
        read_catalogue_sayings(source / "speeches"),
        read_glossary_terms(source / "speeches"),
    )
    for name, text in files.items():
        (speeches / name).write_text(text, encoding="utf-8")
    return dest


def _without_top_level_keys(config_text: str, keys: set[str]) -> str:
    """mkdocs.yml without the named top-level keys (and their indented blocks)."""
    kept, skipping = [], False
    for line in config_text.splitlines():
        top = re.match(r"^([A-Za-z_][\w-]*):", line)
        if top:
            skipping = top.group(1) in keys
        elif line and not line[0].isspace() and not line.startswith("#"):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def write_plain_site(archive: Path, dest: Path, in_nav: bool) -> Path:
    """The archive's texts as plain pages: same theme, plugins and extensions, no hooks.

    ``in_nav=False`` lists only the home page in the nav (how the archive itself keeps
    speeches out of it); ``in_nav=True`` omits `nav:` so MkDocs lists every page, as a
    newcomer's stock Material site would.
    """
    docs = dest / "docs"
    ignore = shutil.ignore_patterns("*.md", "__pycache__")
    shutil.copytree(archive / "docs", docs, ignore=ignore, dirs_exist_ok=True)
    (docs / "index.md").write_text(
        "# Speeches\n\nThe speeches, as plain pages.\n", encoding="utf-8"
    )
    (docs / "speeches").mkdir(exist_ok=True)
    for path in sorted((archive / "speeches").glob("*.md")):
        # Files this module wrote: '---', the YAML, '---', the body.
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = yaml.safe_load(front)["title"]
        page = (
            "---\n"
            + yaml.safe_dump({"title": title}, allow_unicode=True, width=1000)
            + "---\n"
            + body
        )
        (docs / "speeches" / path.name).write_text(page, encoding="utf-8")
    config = _without_top_level_keys(
        (archive / "mkdocs.yml").read_text(encoding="utf-8"), {"hooks", "watch", "nav"}
    )
    if not in_nav:
        config += "nav:\n  - Home: index.md\n"
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    for part in ("overrides",):
        if (archive / part).is_dir():
            shutil.copytree(archive / part, dest / part, dirs_exist_ok=True)
    return dest


def write_generated_site(archive: Path, dest: Path) -> Path:
    """The pages the hooks generate for ``archive``, as static files of a site without hooks.

    Same mkdocs.yml (nav included) without `hooks:`; what the hooks do after MkDocs has
    rendered (search facets, the zip) is left out with them.
    """
    shutil.copytree(archive / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    config_text = (archive / "mkdocs.yml").read_text(encoding="utf-8")
    home = dest / "docs" / HOME_PAGE
    loaded = load_archive(archive)
    files = render_site(
        loaded,
        annotate_archive(loaded),
        site_name=yaml_load(config_text)["site_name"],  # MkDocs' loader: !ENV tags
        home_page=home.read_text(encoding="utf-8"),
    )
    for path, content in files.items():
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = _without_top_level_keys(config_text, {"hooks", "watch"})
    # Without the plugin, the theme gets the package's templates (breadcrumbs, page head)
    # as a custom_dir, where the plugin would have put them.
    templates = resources.files("speech_archive") / "templates"
    config = config.replace("theme:\n", f"theme:\n  custom_dir: {templates}\n", 1)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest
