"""What the commands are given: files, folders (walked for the formats kehoach reads) or "-" for
standard input, and the bytes of each."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from kehoach.extractors.errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"


def printable(text: str) -> str:
    """`text` safe to print and to encode as UTF-8: bytes of a file name that are not UTF-8 become
    U+FFFD, control characters (a newline, an escape sequence) are shown escaped."""
    if text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def input_name(path: str) -> str:
    """How an input is named in plans and messages: its path (printable), or "<stdin>" for "-"."""
    return STDIN_NAME if path == STDIN else printable(path)


def read_input(path: str) -> bytes:
    """The bytes of a file, or of standard input for "-"; InputError names what is wrong."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    file = Path(path)
    try:
        if file.is_dir():
            raise InputError(path, "is a directory")
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc


def expand_inputs(paths: tuple[str, ...] | list[str]) -> Iterator[tuple[str, str | None]]:
    """Each input file with the folder it was found under (None for files named directly)."""
    from kehoach.pipeline.reading import supported_extensions

    extensions = supported_extensions()
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file() and file.suffix.lower() in extensions and not _is_folder_note(file):
                    yield str(file), path
        else:
            yield path, None


def _is_folder_note(file: Path) -> bool:
    """Hidden files and a folder's own README are not plans (named directly, they are still read)."""
    return file.name.startswith(".") or file.stem.upper() == "README"
