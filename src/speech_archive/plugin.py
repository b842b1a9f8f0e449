"""The speech-archive MkDocs plugin: MkDocs' events, in the order they run, bound to build.py.

  on_startup     -> `serve` keeps a content cache across rebuilds
  on_config      -> a fresh state for this build, and a folder of its own beside site_dir
                    that MkDocs and every plugin write into instead (output/publish.py);
                    every title safe in Material's tooltips
  on_pre_build   -> load and validate the archive
  on_files       -> annotate every speech and render every generated file; each is
                    registered with its text, the hand-written home page gets the
                    archive's figures, and the stylesheet and offline shim are added;
                    no file may be written outside site_dir
  on_env         -> date every page from the sources, not the clock (reproducible builds)
  on_page_context -> pages outside the nav (speeches, themes, years, venues) light their
                    section's tab; a speech page steps to its chronological neighbours
                    (rel=prev/next, Material's n/p keys) and edits its source file
  on_template_context -> the 404 page links from the site's root wherever it is shown
  on_post_page   -> titles Material re-reads as HTML for its tooltips stay text; the
                    section's tab goes dark again for the next page
  on_post_build  -> the speeches' facets go into Material's search index before it is
                    written; the offline zip is made from the written site; last, the
                    finished site is swapped in for the old one in one rename
  on_build_error -> a failed build's folder is removed: site_dir was never touched; an
                    error writing the site is one message, not a traceback
  on_shutdown    -> the same for a build stopped by Ctrl-C

A build that is killed, fails or fills the disk leaves the last site exactly as it was
(`mkdocs serve` builds into a temporary folder of its own and is left as MkDocs does it).

An archive uses it with ``plugins: [search, offline, speech-archive]`` in mkdocs.yml
(``speech-archive init`` writes one), or binds these events from a hook file, as this
project's hooks/speech_archive_hooks.py does.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler, get_theme_dir

from .build import annotate_archive, render_site
from .cache import ContentCache
from .escape import escape_html
from .extensions.safe_tooltips import EXTENSION as SAFE_TOOLTIPS
from .extensions.safe_tooltips import escape_ellipsis_texts
from .load.archive import load_archive
from .model import Archive
from .output.build_date import sources_date
from .output.publish import Publication, PublishError, begin
from .output.search_index import add_facets_in_place, archive_facets
from .output.site_zip import write_site_zip
from .pages.head import first_sentence
from .pages.home import HOME_PAGE
from .pages.listing import plural
from .pages.neighbours import speech_page_steps
from .problems import ArchiveError
from .timings import TIMINGS_ENV, StepTimer
from .urls import section_of, source_edit_url, speech_page_path

log = get_plugin_logger("speech-archive")
ERROR_PAGE = "404.html"  # Material's page for a missing URL, served at any path


class SpeechArchiveConfig(base.Config):
    # The whole site as one zip (speech-archive.zip) for reading offline; `serve` never makes it.
    offline_zip = c.Type(bool, default=True)


@dataclass
class _Build:
    """What one build carries from event to event; replaced in on_config."""

    timer: StepTimer = field(default_factory=StepTimer)
    archive: Archive | None = None
    search_facets: dict[str, str] = field(default_factory=dict)  # page URL -> speech facets
    site_dir: str = ""  # the site folder as configured, where the finished site is published
    config: MkDocsConfig | None = None
    publication: Publication | None = None  # the folder this build writes; None once done
    files: Files | None = None  # every file of the site, for the pages' neighbours
    # Speech page path -> (source path, previous speech's page path, next speech's page path)
    speech_pages: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    lit_section: Any = None  # the nav page made active for the page being rendered


class SpeechArchivePlugin(BasePlugin[SpeechArchiveConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # `serve` keeps the plugin between rebuilds (it has on_startup): only the content
        # cache is meant to outlive a build (see cache.py); the rest is in _Build.
        self.cache: ContentCache | None = None
        self.serving = False
        self.dirty = False
        self.build = _Build()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        self.cache = ContentCache() if self.serving else None  # a one-off build reads once

    # First, so every plugin after this one (and MkDocs) writes into the build's own folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = _Build(site_dir=config.site_dir, config=config)
        if not self.serving:  # `serve` builds into a temporary folder of its own already
            root = Path(config.config_file_path).parent
            sources = (config.docs_dir, config.config_file_path, root / "speeches")
            try:
                # --dirty starts from a copy of the site: MkDocs rewrites what changed there.
                self.build.publication = begin(config.site_dir, self.dirty, sources)
            except PublishError as err:
                raise PluginError(str(err)) from None
            config.site_dir = str(self.build.publication.tree)
        # Every page's titles shown as text by Material's tooltips, whatever mkdocs.yml lists.
        if SAFE_TOOLTIPS not in config.markdown_extensions:
            config.markdown_extensions.append(SAFE_TOOLTIPS)
        _add_template_override(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.cache is not None:
            self.cache.begin_build()
        root = Path(config.config_file_path).resolve().parent
        try:
            with self.build.timer.measure("load"):
                self.build.archive = load_archive(root, self.cache, Path(config.docs_dir))
        except ArchiveError as err:
            # PluginError makes MkDocs print the message and exit 1, without a traceback.
            raise PluginError("\n" + err.report()) from None

    @event_priority(-100)  # after other plugins add theirs: every file is checked below
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive, timer = self.build.archive, self.build.timer
        assert archive is not None  # on_pre_build has loaded it, or the build has stopped
        with timer.measure("annotate"):
            annotated = annotate_archive(archive, self.cache, timer)
        home = files.get_file_from_path(HOME_PAGE)
        with timer.measure("pages"):
            texts = render_site(
                archive,
                annotated,
                config.site_name,
                config.site_url or None,
                home.content_string if home is not None else None,
                self.cache,
            )
        if self.cache is not None:
            self.cache.end_build()  # everything cached has been asked for by now
        if home is not None:
            home.content_string = texts.pop(HOME_PAGE)  # stays the hand-written file (edit link)
        self.build.speech_pages = speech_page_steps(archive)
        facets = archive_facets(archive, annotated)
        for path, text in texts.items():
            file = File.generated(config, path, content=text)
            files.append(file)
            if path in facets:
                self.build.search_facets[file.url] = facets[path]  # the URL the index names
        for path, content in _site_assets().items():
            if files.get_file_from_path(path) is None:  # an archive may bring its own
                files.append(File.generated(config, path, content=content))
        _check_inside_site(files, config, self.build.site_dir)
        sayings = sum(len(item.findings.get("sayings", [])) for item in annotated)
        notes = sum(len(item.findings.get("terms", [])) for item in annotated)
        log.info(
            f"{plural(len(archive.speeches), 'speech', 'speeches')}, {plural(sayings, 'saying')}, "
            f"{plural(notes, 'glossary note')}; "
            f"loaded in {timer.seconds.get('load', 0):.2f} s, "
            f"annotated in {timer.seconds.get('annotate', 0):.2f} s"
        )
        return files

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == ERROR_PAGE:
            # MkDocs links the 404 page from the server's root (or site_url's path): unstyled
            # from disk. Its links become relative to the site's root, and the template's
            # <base> names that root for a server, where the page shows at any depth.
            context["base_url"] = "."
            context["error_page_root"] = urlsplit(config.site_url or "/").path or "/"
        return context

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        if self.build.lit_section is not None:  # the nav is shared by every page
            self.build.lit_section.active = False
            self.build.lit_section = None
        # Material re-reads a cut-short title's text as HTML (extensions/safe_tooltips.py).
        return escape_ellipsis_texts(output)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs dates pages with today's date unless SOURCE_DATE_EPOCH is set; the sitemap
        # would change every day with no change in the sources.
        assert self.build.archive is not None
        _check_every_speech_published(self.build.archive, files)
        date = sources_date(self.build.archive, os.environ.get("SOURCE_DATE_EPOCH"))
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = date
        self.build.files = files
        return env

    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        path = page.file.src_uri
        if not page.meta.get("description") and page.markdown:
            # A hand-written page without its own (generated pages carry one): its first
            # sentence, escaped once like every description (pages/head.py).
            page.meta["description"] = escape_html(first_sentence(page.markdown))
        section = section_of(path)
        if section is not None and section != path:
            self.build.lit_section = _nav_page(nav, section)
            if self.build.lit_section is not None:
                self.build.lit_section.active = True  # and its parents: Material's tab state
        steps = self.build.speech_pages.get(path)
        if steps is not None and self.build.files is not None:
            source, previous, following = steps
            page.previous_page = _page_at(self.build.files, previous)
            page.next_page = _page_at(self.build.files, following)
            root = Path(config.config_file_path).parent
            docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
            page.edit_url = source_edit_url(config.repo_url, config.edit_uri, docs, source)
        return context

    # Before Material's search plugin writes its index (priority 0): the facets go into
    # the entries it holds, so a 20 MB index is not read back and written again.
    @event_priority(50)
    def _add_search_facets(self, *, config: MkDocsConfig) -> None:
        index = material_search_index(config)
        if index is not None:
            with self.build.timer.measure("search index"):
                add_facets_in_place(index.entries, index.config["fields"], self.build.search_facets)

    # Last of all (the offline plugin writes search_index.js at -100): the zip holds the
    # finished site.
    @event_priority(-200)
    def _zip_site(self, *, config: MkDocsConfig) -> None:
        if self.config.offline_zip and not self.serving:
            with self.build.timer.measure("zip"):
                write_site_zip(Path(config.site_dir))

    @event_priority(-300)  # after every step it reports
    def _report_timings(self, *, config: MkDocsConfig) -> None:
        seconds = self.build.timer.seconds
        for step, spent in seconds.items():
            log.debug(f"{step}: {spent:.3f} s")
        target = os.environ.get(TIMINGS_ENV)  # the benchmark's record of this build
        if target:
            cache = self.cache
            report = {
                "steps": self.build.timer.as_dict(),
                "cache": (
                    {"hits": cache.hits, "misses": cache.misses, "entries": len(cache)}
                    if cache
                    else None
                ),
            }
            Path(target).write_text(json.dumps(report, indent=1), encoding="utf-8")

    # The very last: the site is complete, zip included.
    @event_priority(-1000)
    def _publish(self, *, config: MkDocsConfig) -> None:
        publication = self.build.publication
        if publication is None or _strict_build_failing(config):
            return  # a failing strict build: on_build_error, next, removes it unpublished
        try:
            stayed = publication.publish()
        except PublishError as err:
            raise PluginError(str(err)) from None
        self.build.publication = None
        config.site_dir = self.build.site_dir  # for what reads it after the build (gh-deploy)
        log.info(f"the new site is in {self.build.site_dir}, in place of the last one")
        if stayed is not None:
            log.info(f"the last site could not be removed; it is left in {stayed}")

    on_post_build = CombinedEvent(_add_search_facets, _zip_site, _report_timings, _publish)

    # Last, after other plugins' clean-up: it may end the build with a message.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        # The site was never touched: only this build's folder goes.
        message = self._abandon(error)
        if message is not None:
            log.error(message)
            raise Abort("Aborted: the site could not be written")

    def on_shutdown(self) -> None:
        self._abandon(None)  # a build stopped by KeyboardInterrupt has no build_error event

    def _abandon(self, error: BaseException | None) -> str | None:
        """Remove an unpublished build's folder; the message for ``error`` if it was a write error."""
        publication, self.build.publication = self.build.publication, None
        if publication is None:
            return None
        publication.abandon()
        if self.build.config is not None:
            self.build.config.site_dir = self.build.site_dir
        return publication.write_error(error) if isinstance(error, OSError) else None


def _add_template_override(config: MkDocsConfig) -> None:
    """The package's templates (feed link, Open Graph and citation tags, breadcrumbs) go
    right before Material's own, after an archive's custom_dir, which may still override them."""
    theme_dir = get_theme_dir("material") if config.theme.name == "material" else None
    ours = str(resources.files("speech_archive") / "templates")
    dirs = config.theme.dirs
    if theme_dir is None or ours in dirs:
        return
    position = dirs.index(theme_dir) if theme_dir in dirs else len(dirs)
    dirs.insert(position, ours)


def _nav_page(nav: Any, path: str) -> Any:
    """The nav's page built from docs path ``path``, if the nav lists it."""
    return next((item for item in nav.pages if item.file.src_uri == path), None)


def _page_at(files: Files, path: str | None) -> Any:
    file = files.get_file_from_path(path) if path else None
    return file.page if file is not None else None


def _site_assets() -> dict[str, bytes]:
    """The stylesheet and the offline search shim the pages need, shipped in the package.

    mkdocs.yml names them (``extra_css``, ``extra.polyfills``: see the starter's); they
    come from here unless the archive's docs/ holds a file of the same path.
    """
    root = resources.files("speech_archive") / "assets"
    return {
        f"assets/{folder.name}/{item.name}": item.read_bytes()
        for folder in root.iterdir()
        if folder.is_dir()
        for item in folder.iterdir()
        if item.is_file()
    }


def _check_every_speech_published(archive: Archive, files: Files) -> None:
    """Each loaded speech is a page of the site: mkdocs.yml's exclude_docs or draft_docs
    (which MkDocs applies to generated pages too) must not leave one out in silence."""
    for speech in archive.speeches:
        file = files.get_file_from_path(speech_page_path(speech))
        if file is None or not file.inclusion.is_included():
            raise PluginError(
                f"{speech.path}: has no page on the site (mkdocs.yml's exclude_docs, draft_docs "
                f"or another plugin leaves out {speech_page_path(speech)}; expected every "
                "speech of the archive published)"
            )


def _check_inside_site(files: Files, config: MkDocsConfig, site_dir: str) -> None:
    """A page's path comes from file names and slugs; none may lead out of the site.

    ``config.site_dir`` is where this build writes; ``site_dir`` the folder it is published to.
    """
    site = Path(config.site_dir).resolve()
    for file in files:
        if site not in Path(file.abs_dest_path).resolve().parents:
            outside = os.path.relpath(file.abs_dest_path, config.site_dir)
            raise PluginError(
                f"{file.src_uri}: would be written outside the site folder "
                f"(to {outside}, relative to it; expected a path inside {site_dir})"
            )


def _strict_build_failing(config: MkDocsConfig) -> bool:
    """Whether MkDocs will abort this build right after on_post_build (strict, with warnings).

    MkDocs counts a strict build's warnings with a CountHandler on its logger and checks
    the count only after on_post_build: a build it is about to abort is not published.
    """
    handlers = logging.getLogger("mkdocs").handlers if config.strict else []
    return any(isinstance(item, CountHandler) and item.get_counts() for item in handlers)


def material_search_index(config: MkDocsConfig) -> Any:
    """The index Material's search plugin is building (``entries``, ``config["fields"]``).

    None without the search plugin. A Material that keeps it elsewhere stops the build
    with a message rather than publish a search that no longer ranks speeches first.
    """
    search = config.plugins.get("material/search")
    if search is None:
        return None
    index = getattr(search, "search_index", None)
    entries, settings = getattr(index, "entries", None), getattr(index, "config", None)
    if not (isinstance(entries, list) and isinstance(settings, dict) and "fields" in settings):
        raise PluginError(
            "speech-archive: Material's search index was not found where Material 9.8 keeps it "
            "(search_index.entries); this Material version is not supported"
        )
    return index
