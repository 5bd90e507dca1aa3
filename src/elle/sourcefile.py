"""Reading program source files.

**Owns:** turning a file name into source text (UTF-8, a leading byte
order mark dropped, a leading `#!` line made a comment) for the CLI's program, `load`, `include` and the prelude,
and reporting every way that can fail -- missing, a directory, unreadable,
not UTF-8 -- as one Elle `file-error` with a plain message, never a Python
exception. **Does not touch:** reading the text into datums (`elle.reader`)
or the source registry used for carets (`elle.errors`).
"""

from __future__ import annotations

from .errors import raise_error


def describe_read_failure(e: Exception) -> str:
    """A short reason for an OSError or UnicodeDecodeError, for a message."""
    if isinstance(e, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset {e.start})"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return (getattr(e, "strerror", None) or str(e)).lower()


def read_source(path: str, who: str | None = None) -> str:
    """The text of source file `path`; a `file-error` naming `who` (the
    procedure or form reading it, if any) when it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig") as f:     # -sig: a BOM is not a symbol
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        prefix = f"{who}: " if who else ""
        raise_error("file-error", f"{prefix}cannot read {path}: {describe_read_failure(e)}")
    if text.startswith("#!"):
        text = ";" + text[1:]      # the shebang line becomes a comment; lines keep their numbers
    return text
