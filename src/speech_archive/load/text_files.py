"""Reading the archive's text files: strict UTF-8, with the usual editor variations accepted."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem

# A speech is prose: a file larger than this is almost certainly not one, and
# would only make the build slow. 5 MB speeches are accepted.
MAX_BYTES = 20 * 1024 * 1024


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """Return the file's text with BOM and CRLF normalised, or a problem saying why not."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(shown_as, 0, "-", f"cannot be read ({err.strerror})")]
    if len(data) > MAX_BYTES:
        return None, [
            Problem(shown_as, 0, "-", f"is {len(data)} bytes (expected at most {MAX_BYTES})")
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown_as, 1, "-", "is UTF-16 encoded (expected UTF-8)")]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(shown_as, line, "-", "contains a NUL byte (expected UTF-8 text)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                shown_as,
                line,
                "-",
                f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}; "
                "expected UTF-8 text: re-save the file as UTF-8)",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
