"""`speech-archive --version` prints the installed distribution's version (pyproject.toml's)."""

from importlib.metadata import version

from click.testing import CliRunner

from speech_archive.cli import main


def test_version_is_the_installed_distributions() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"speech-archive, version {version('speech-archive')}\n"
