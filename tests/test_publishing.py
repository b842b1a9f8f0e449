"""Publishing is atomic: a killed, failed, concurrent or disk-full build never harms the last site.

output/publish.py builds beside site/ and swaps the finished site in; the plugin binds it
to MkDocs' events. The unit tests drive publish.py on real folders (the locks between
processes with real processes); the others run real `mkdocs build`s in subprocesses and
kill them with SIGKILL, fill their disk (RLIMIT_FSIZE) or make their folders read-only,
then hash every file of the site.
"""

from __future__ import annotations

import array
import contextlib
import errno
import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_mkdocs_build, tree_hashes

from speech_archive.output import publish
from speech_archive.output.publish import PublishError, begin
from speech_archive.output.site_zip import ZIP_NAME

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_archive

BUILD_TIMEOUT = 600  # generous: only a hung build reaches it
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def leftovers(parent: Path) -> list[str]:
    """The folders builds left beside site/ (none once a build has finished)."""
    return sorted(path.name for path in parent.iterdir() if path.name.startswith(".site."))


def no_traceback(result: subprocess.CompletedProcess) -> bool:
    return "Traceback" not in result.stdout + result.stderr


# -- publish.py on real folders ----------------------------------------------------------


def write_site(folder: Path, text: str) -> None:
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "sub" / "page.html").write_text(text, encoding="utf-8")


def test_a_finished_build_replaces_the_site_whole(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    (site / "stale.html").write_text("gone after", encoding="utf-8")
    site.chmod(0o750)
    publication = begin(site)
    assert publication.tree.parent == tmp_path and publication.tree != site
    assert tree_hashes(site) != {} and tree_hashes(publication.tree) == {}
    write_site(publication.tree, "new")

    assert publication.publish() is None  # the old site was removed

    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(tree_hashes(site)) == ["index.html", "sub/page.html"]
    assert site.stat().st_mode & 0o777 == 0o750  # the site folder's permissions are kept
    assert leftovers(tmp_path) == []


def test_hidden_entries_of_the_site_stay_as_mkdocs_keeps_them(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    (site / ".git" / "objects").mkdir(parents=True)  # a checkout to deploy from, say
    (site / ".git" / "objects" / "ab").write_text("object", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    publication = begin(site)
    write_site(publication.tree, "new")
    publication.publish()
    assert sorted(tree_hashes(site)) == [
        ".git/objects/ab",
        ".nojekyll",
        "index.html",
        "sub/page.html",
    ]
    assert (site / ".git" / "objects" / "ab").read_text(encoding="utf-8") == "object"


def test_a_site_folder_that_would_replace_the_sources_is_refused(tmp_path):
    docs = tmp_path / "docs"
    write_site(docs, "the sources")
    (tmp_path / "site").symlink_to(docs)
    for site in (tmp_path / "site", tmp_path, docs / "site"):
        with pytest.raises(PublishError, match="expected a folder apart from the sources"):
            begin(site, sources=(docs,))
    assert (docs / "index.html").read_text(encoding="utf-8") == "the sources"
    assert leftovers(tmp_path) == []


def test_the_first_build_makes_the_site_and_its_parents(tmp_path):
    site = tmp_path / "out" / "site"
    publication = begin(site)
    write_site(publication.tree, "new")
    publication.publish()
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert leftovers(site.parent) == []


def test_an_abandoned_build_leaves_the_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    before = tree_hashes(site)
    publication = begin(site)
    write_site(publication.tree, "half")
    publication.abandon()
    assert tree_hashes(site) == before
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_to_the_site_stays_and_its_folder_is_replaced(tmp_path):
    real = tmp_path / "www" / "site"
    write_site(real, "old")
    (tmp_path / "site").symlink_to(real)
    publication = begin(tmp_path / "site")
    write_site(publication.tree, "new")
    publication.publish()
    assert (tmp_path / "site").is_symlink()
    assert (real / "index.html").read_text(encoding="utf-8") == "new"


def test_without_an_atomic_exchange_two_renames_do_it(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda one, other: False)
    site = tmp_path / "site"
    write_site(site, "old")
    publication = begin(site)
    write_site(publication.tree, "new")
    publication.publish()
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path) == []


def test_a_site_moved_aside_by_a_killed_two_rename_swap_is_put_back(tmp_path):
    # What a build killed between the two renames leaves: no site/, the last one aside.
    aside = tmp_path / ".site.old-0123abcd"
    write_site(aside, "old")
    before = tree_hashes(aside)
    publication = begin(tmp_path / "site")
    assert tree_hashes(tmp_path / "site") == before
    publication.abandon()
    assert tree_hashes(tmp_path / "site") == before
    assert leftovers(tmp_path) == []


BEGIN_AND_WAIT = """
import sys, time
from speech_archive.output.publish import begin
publication = begin(sys.argv[1])
(publication.tree / "page.html").write_text("being built")
print(publication.tree, flush=True)
time.sleep(600)
"""


def test_a_running_builds_folder_is_left_alone_and_a_dead_ones_removed(tmp_path):
    site = tmp_path / "site"
    write_site(site, "old")
    running = subprocess.Popen(
        [sys.executable, "-c", BEGIN_AND_WAIT, str(site)], stdout=subprocess.PIPE, text=True
    )
    try:
        theirs = Path(running.stdout.readline().strip())  # type: ignore[union-attr]
        assert theirs.is_dir()
        mine = begin(site)  # sweeps beside site/: theirs is locked, so it stays
        assert (theirs / "page.html").exists()
        mine.abandon()
    finally:
        running.kill()
        running.wait()
    assert theirs.is_dir()  # SIGKILL left it
    begin(site).abandon()  # the next build removes it
    assert not theirs.exists()
    assert leftovers(tmp_path) == []


def test_a_leftover_name_that_is_a_symbolic_link_is_never_followed(tmp_path):
    outside = tmp_path / "precious"
    write_site(outside, "keep me")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".site.build-0123abcd").symlink_to(outside)
    begin(project / "site").abandon()
    assert (outside / "index.html").read_text(encoding="utf-8") == "keep me"


def test_write_errors_name_the_site_and_what_was_expected(tmp_path):
    publication = begin(tmp_path / "site")
    try:
        page = publication.tree / "speeches" / "a.html"
        message = publication.write_error(OSError(errno.EACCES, "Permission denied", str(page)))
        assert message == (
            f"{tmp_path / 'site'}: the new site could not be written (writing speeches/a.html): "
            "Permission denied; expected room and permission to write the whole site beside "
            "the last one, which is left as it was"
        )
        full = publication.write_error(OSError(errno.ENOSPC, "No space left on device"))
        assert full is not None and "No space left on device" in full
        # An error about some other file is not the site's to explain.
        assert publication.write_error(OSError(errno.ENOENT, "No such file", "/x")) is None
    finally:
        publication.abandon()


def test_a_file_where_the_site_should_be_is_refused(tmp_path):
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(PublishError, match="site: not a folder; expected the site folder"):
        begin(tmp_path / "site")
    assert (tmp_path / "site").read_text(encoding="utf-8") == "not a folder"


# -- read-only folders, as a user or as root ----------------------------------------------

_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS, _FS_IMMUTABLE_FL = 0x80086601, 0x40086602, 0x10


def _set_immutable(folder: Path, on: bool) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        flags[0] = flags[0] | _FS_IMMUTABLE_FL if on else flags[0] & ~_FS_IMMUTABLE_FL
        fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags)
    finally:
        os.close(fd)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only: by its mode, or for root (whom modes do not stop) immutable."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    try:
        _set_immutable(folder, True)
    except OSError as err:
        pytest.skip(f"root, and no immutable flag on this filesystem: {err}")
    try:
        yield
    finally:
        _set_immutable(folder, False)


# -- real builds ------------------------------------------------------------------------


def edit_a_speech(project: Path) -> None:
    """A contributor's change: the next build's site differs from the last one."""
    speech = sorted((project / "speeches").glob("*.md"))[0]
    text = speech.read_text(encoding="utf-8").rstrip("\n")
    speech.write_text(text + " We thank our hosts once more.\n", encoding="utf-8")


@dataclass(frozen=True)
class Built:
    """A project with its site built, then a change made; the site that change builds."""

    project: Path
    old_site: dict[str, str]  # hashes of the site in project/site
    new_site: dict[str, str]  # hashes of a build of the changed sources, elsewhere


def built_then_changed(root: Path, make: Callable[[Path], Path]) -> Built:
    project = make(root / "project")
    first = run_mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    old_site = tree_hashes(project / "site")
    edit_a_speech(project)
    reference = root / "reference"
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns("site", "__pycache__"))
    second = run_mkdocs_build(reference)
    assert second.returncode == 0, second.stderr
    new_site = tree_hashes(reference / "site")
    assert old_site != new_site and ZIP_NAME in new_site
    return Built(project, old_site, new_site)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Built:
    return built_then_changed(tmp_path_factory.mktemp("seed"), copy_project)


@pytest.fixture(scope="module")
def hundred(tmp_path_factory) -> Built:
    """The 100-speech archive of the kill tests (bench/synth.py)."""
    return built_then_changed(
        tmp_path_factory.mktemp("hundred"), lambda dest: write_archive(dest, 100, seed=15)
    )


def fresh_copy(built: Built, dest: Path) -> Path:
    shutil.copytree(built.project, dest, symlinks=True)
    return dest


def limited_file_size(limit: int) -> Callable[[], None]:
    """What a full disk does to a writer, without a disk to fill: writes past ``limit`` fail.

    With SIGXFSZ ignored (Python ignores it already) a write past the limit fails with EFBIG.
    """

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def mkdocs(project: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in ``project`` (``args`` after it), its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=BUILD_TIMEOUT,
        **kwargs,
    )


@pytest.mark.slow
def test_a_disk_full_while_the_site_is_written_leaves_it(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    result = mkdocs(project, preexec_fn=limited_file_size(20_000))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert no_traceback(result), output
    assert f"{project / 'site'}: the new site could not be written" in output
    assert "File too large; expected room and permission to write the whole site" in output
    assert tree_hashes(project / "site") == seed.old_site
    assert leftovers(project) == []


@pytest.mark.slow
def test_a_disk_full_while_the_zip_is_written_leaves_the_site(hundred, tmp_path):
    project = fresh_copy(hundred, tmp_path / "project")
    sizes = {path: (project / "site" / path).stat().st_size for path in hundred.old_site}
    zip_size = sizes.pop(ZIP_NAME)
    limit = (max(sizes.values()) + zip_size) // 2  # room for every file but the zip
    assert max(sizes.values()) * 1.1 < limit < zip_size * 0.9
    result = mkdocs(project, preexec_fn=limited_file_size(limit))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert no_traceback(result), output
    assert "Error building page" not in output  # every page was written: the zip failed
    assert f"{project / 'site'}: the new site could not be written: File too large" in output
    assert tree_hashes(project / "site") == hundred.old_site
    assert leftovers(project) == []


@pytest.mark.slow
def test_a_read_only_site_folder_is_one_clear_message(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    with read_only(project / "site"):
        result = mkdocs(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert no_traceback(result), output
    assert (
        f"{project / 'site'}: the site folder is read-only; expected a folder this build may "
        "replace (the last site is left as it was)"
    ) in output
    assert tree_hashes(project / "site") == seed.old_site
    assert leftovers(project) == []


@pytest.mark.slow
def test_a_read_only_parent_folder_is_one_clear_message(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    out = project / "out"
    out.mkdir()
    (project / "site").rename(out / "site")
    with read_only(out):
        result = mkdocs(project, "-d", "out/site")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert no_traceback(result), output
    assert f"{out}: the new site cannot be written beside site (" in output
    assert "expected a folder this build may write in" in output
    assert tree_hashes(out / "site") == seed.old_site
    assert leftovers(out) == []


@pytest.mark.slow
def test_concurrent_builds_into_one_site_all_succeed_and_leave_one_whole_site(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    builds = [
        subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
        for _ in range(3)
    ]  # fmt: skip
    outputs = [build.communicate(timeout=BUILD_TIMEOUT)[0] for build in builds]
    for build, output in zip(builds, outputs, strict=True):
        assert build.returncode == 0, output
        assert "Traceback" not in output, output
    assert tree_hashes(project / "site") == seed.new_site
    assert leftovers(project) == []


@pytest.mark.slow
def test_ctrl_c_stops_a_build_cleanly_and_leaves_the_site(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + BUILD_TIMEOUT
        # Files in its folder: the build is past making it, writing the site.
        while not any(any((project / name).iterdir()) for name in leftovers(project)):
            assert build.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        build.send_signal(signal.SIGINT)
        output = build.communicate(timeout=BUILD_TIMEOUT)[0]
    finally:
        build.kill()
        build.wait()
    assert build.returncode != 0, output
    assert "Traceback" not in output, output
    assert tree_hashes(project / "site") == seed.old_site
    assert leftovers(project) == []  # on_shutdown removed its folder


@pytest.mark.slow
def test_a_dirty_build_is_published_whole_too(seed, tmp_path):
    project = fresh_copy(seed, tmp_path / "project")
    result = mkdocs(project, "--dirty", "--no-strict")  # MkDocs warns of any dirty build
    assert result.returncode == 0, result.stderr
    site = tree_hashes(project / "site")
    assert site.keys() == seed.new_site.keys()
    changed = [path for path in site if site[path] != seed.old_site[path]]
    assert ZIP_NAME in changed and any(path.startswith("speeches/") for path in changed)
    assert leftovers(project) == []


def test_the_plugin_publishes_and_gives_site_dir_back_for_gh_deploy(tmp_path):
    """An archive from `speech-archive init` (``plugins: [speech-archive]``), built in-process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "archive"
    made = subprocess.run(
        [sys.executable, "-m", "speech_archive", "init", str(project)],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    site = project / "site"
    write_site(site, "old")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="gh-deploy", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    assert config.site_dir == str(site)  # what gh-deploy pushes, read after the build
    assert (site / "index.html").read_text(encoding="utf-8") != "old"
    assert not (site / "sub").exists()
    assert (site / ZIP_NAME).is_file()
    assert leftovers(project) == []


# -- kill -9 -----------------------------------------------------------------------------

# A build run with a pause where no outside sign shows the moment: around the swap.
PAUSING_BUILD = """
import sys, time
from pathlib import Path
from speech_archive.output import publish

pause, mark = sys.argv[1], Path(sys.argv[2])
swap = publish.Publication._swap

def paused_swap(self):
    if pause == "before":
        mark.touch()
        time.sleep(600)
    old = swap(self)
    if pause == "after":
        mark.touch()
        time.sleep(600)
    return old

publish.Publication._swap = paused_swap
from mkdocs.__main__ import cli
cli(["build", "--strict"])
"""


@dataclass
class Watched:
    """A build being run, and what can be seen of it from outside."""

    log: Path  # its output
    mark: Path  # touched where the build pauses
    before: set[str]  # the folders beside site/ when it started
    project: Path
    pages: int  # the pages a whole build writes

    def tree(self) -> Path | None:
        made = set(leftovers(self.project)) - self.before
        return self.project / made.pop() if made else None

    def written(self, name: str = "") -> int:
        tree = self.tree()
        with contextlib.suppress(OSError):  # a folder being written or removed
            if tree is not None:
                return sum(1 for _ in tree.rglob(name or "*.html"))
        return 0

    def says(self, text: str) -> bool:
        return text in self.log.read_text(encoding="utf-8", errors="replace")

    def zipping(self) -> bool:
        tree = self.tree()
        partial = tree / f".{ZIP_NAME}.partial" if tree else None
        return partial is not None and partial.exists() and partial.stat().st_size > 0


MOMENTS: dict[str, Callable[[Watched], bool]] = {
    "at once": lambda w: True,
    "its folder made": lambda w: w.tree() is not None,
    "archive loaded": lambda w: w.says("Cleaning site directory"),
    "archive annotated": lambda w: w.says("speech-archive: 100 speeches"),
    "first page written": lambda w: w.written() >= 1,
    "half the pages written": lambda w: w.written() >= w.pages // 2,
    "every page written": lambda w: w.written() >= w.pages,
    "search index written": lambda w: w.written("search_index.json") >= 1,
    "zip being written": Watched.zipping,
    "just before the swap": lambda w: w.mark.exists(),
    "just after the swap": lambda w: w.mark.exists(),  # not one of the ten: the new site is in
}
PAUSES = {"just after the swap": "after"}  # where the build pauses; the others: before the swap


def kill_build_when(project: Path, pages: int, moment: str) -> Watched:
    """Run a build of ``project``, SIGKILL it at ``moment``; what was seen of it."""
    watched = Watched(
        project.parent / f"{moment}.log",
        project.parent / f"{moment}.mark",
        set(leftovers(project)),
        project,
        pages,
    )
    with watched.log.open("w", encoding="utf-8") as log:
        build = subprocess.Popen(
            [sys.executable, "-c", PAUSING_BUILD, PAUSES.get(moment, "before"), str(watched.mark)],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + BUILD_TIMEOUT
            while not MOMENTS[moment](watched):
                assert build.poll() is None, f"the build ended before {moment!r}"
                assert time.monotonic() < deadline, f"no {moment!r} in {BUILD_TIMEOUT} s"
                time.sleep(0.005)
        finally:
            build.send_signal(signal.SIGKILL)
            build.wait()
    return watched


@pytest.mark.slow
def test_kill_9_at_ten_moments_leaves_the_previous_site_byte_identical(hundred, tmp_path):
    project = fresh_copy(hundred, tmp_path / "project")
    pages = sum(1 for path in hundred.new_site if path.endswith(".html"))
    killed, left = [], []
    for moment in list(MOMENTS)[:10]:
        watched = kill_build_when(project, pages, moment)
        killed.append(moment)
        assert tree_hashes(project / "site") == hundred.old_site, f"killed {moment!r}"
        tree = watched.tree()
        if tree is not None:  # its folder, left by the kill (each build removes the last one's)
            left.append(moment)
            assert leftovers(project) == [tree.name]
        if moment == "zip being written":  # it died in the zip: its zip is half written
            assert tree is not None and not (tree / ZIP_NAME).exists()
        if moment == "just before the swap":  # it died with its site whole, zip included
            assert tree is not None and tree_hashes(tree) == hundred.new_site
    assert len(killed) == 10
    assert left == killed[1:]  # all but the one killed before it had made its folder

    # Killed just after the swap: the new site is in place, whole; the old one is left over.
    kill_build_when(project, pages, "just after the swap")
    assert tree_hashes(project / "site") == hundred.new_site

    result = mkdocs(project)  # the next build succeeds and removes what the killed ones left
    assert result.returncode == 0, result.stderr
    assert tree_hashes(project / "site") == hundred.new_site
    assert leftovers(project) == []
