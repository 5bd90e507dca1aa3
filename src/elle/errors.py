"""Elle errors as Python exceptions, and how they are shown to a user.

**Owns:** the exception classes an embedding host sees (all exported from
`elle`): `ElleError` (the one Python exception that carries a raised Elle
object out of any stage), `ElleSyntaxError` (reader/expander errors with a
location), `ConversionError` (data with no Python equivalent), `ElleExit`
(a `SystemExit`, from `exit`); the helpers every stage uses to raise them (`raise_error`,
`type_error`, `syntax_error`), the registry of source texts used to print a
caret under the offending column (and to find where a name is written:
`name_loc`, `CallLoc`), did-you-mean suggestions for unbound names
(`suggest_for_unbound`, Damerau-Levenshtein `edit_distance`), and
`format_error`, which writes each value in a message at most
`printer.ERROR_PRINT_WIDTH` characters wide. **Does not touch:** how the VM
routes a raise to Elle handlers (`elle.vm`), or which names are bound (the
VM passes them in: `VM.known_names`).

Message shape (one error, one block):

    error: car: expected a pair, got 5
      --> prog.scm:3:5
       |
     3 |   (car x))
       |   ^
    backtrace (most recent call first):
      f  prog.scm:3:5
      <toplevel>  prog.scm:7:1
"""

from __future__ import annotations

from .datum import SourceLoc
from .values import ErrorObject

# file name -> full source text, so errors can quote the offending line.
SOURCES: dict[str, str] = {}
_LINES: dict[str, list] = {}        # file name -> its lines, split once


def register_source(filename: str, text: str) -> None:
    SOURCES[filename] = text
    _LINES.pop(filename, None)


class CallLoc(SourceLoc):
    """The location of a call whose callee, a global variable named in the
    source, has a location of its own (`callee`): an unbound-variable error
    at the call points at the name, every other message at the call."""

    __slots__ = ("callee",)

    def __init__(self, loc: SourceLoc, callee: SourceLoc):
        super().__init__(loc.file, loc.line, loc.col)
        self.callee = callee


def name_loc(loc: SourceLoc | None, name: str, after_paren: bool) -> SourceLoc | None:
    """Where identifier `name` is written in the registered source, starting
    at `loc` (or just after the `(` at `loc` when `after_paren`, skipping
    spaces on that line); None unless the text there is exactly `name`
    followed by a delimiter (so a macro's output, whose locations are the
    macro use's, never gets a wrong one)."""
    if loc is None:
        return None
    lines = _LINES.get(loc.file)
    if lines is None:
        text = SOURCES.get(loc.file)
        if text is None:
            return None
        lines = _LINES[loc.file] = text.split("\n")
    if not 1 <= loc.line <= len(lines):
        return None
    line = lines[loc.line - 1]
    col = loc.col - 1
    if after_paren:
        if col >= len(line) or line[col] not in "([":
            return None
        col += 1
        while col < len(line) and line[col] in " \t":
            col += 1
    end = col + len(name)
    if line[col:end] != name or (end < len(line) and line[end] not in _DELIMITERS):
        return None
    return SourceLoc(loc.file, loc.line, col + 1)


_DELIMITERS = frozenset(" \t\r()[]\";'`,")


class ElleError(Exception):
    """An Elle-level raise that reached Python.

    `payload` is the raised Elle object (an ErrorObject or any value passed to
    `raise`). `loc` is where it happened if known; `backtrace` a list of
    (procedure-name, SourceLoc|None), innermost first. `continuable` is True
    for `raise-continuable`.
    """

    def __init__(self, payload, loc: SourceLoc | None = None, backtrace=None,
                 continuable: bool = False):
        super().__init__(payload)
        self.payload = payload
        self.loc = loc
        self.backtrace = backtrace or []
        self.continuable = continuable

    @property
    def kind(self) -> str:
        p = self.payload
        return p.kind if isinstance(p, ErrorObject) else "raise"

    def __str__(self) -> str:
        return format_error(self, with_source=False)


class ElleSyntaxError(ElleError):
    """A reader or expander error; always has a location when one is known."""


class ConversionError(ElleError, ValueError):
    """An Elle value with no Python equivalent (circular data), or the
    reverse, met by `elle.api.to_python` / `from_python`."""


class ElleExit(SystemExit):
    """Raised by `(exit)` / `(emergency-exit)`: unwinds to the CLI, which
    exits with `code`. It is a SystemExit, so an embedding host sees the
    same thing as from `sys.exit(code)`, and no `except Exception` (in Elle's
    own layers or the host's) takes it for an error."""

    def __init__(self, code: int = 0, emergency: bool = False):
        super().__init__(code)
        self.code = code
        self.emergency = emergency


def raise_error(kind: str, message: str, *irritants, loc=None):
    """Raise an Elle error object of `kind`."""
    raise ElleError(ErrorObject(kind, message, irritants), loc=loc)


def syntax_error(message: str, form=None, loc: SourceLoc | None = None):
    """Raise an ElleSyntaxError at `loc` (or the location of `form` if it has one)."""
    if loc is None and form is not None:
        loc = getattr(form, "loc", None)
    irritants = () if form is None else (form,)
    raise ElleSyntaxError(ErrorObject("syntax-error", message, irritants), loc=loc)


def type_error(who: str, expected: str, got, argpos: int | None = None):
    """Raise the standard wrong-type error for primitive `who`."""
    from .printer import write_limited
    where = f" (argument {argpos})" if argpos is not None else ""
    raise ElleError(ErrorObject(
        "type-error", f"{who}: expected {expected}{where}, got {write_limited(got)}", ()))


def arity_error(who: str, expected: str, got: int):
    raise ElleError(ErrorObject(
        "arity-error", f"{who}: expected {expected} argument{'s' if expected != '1' else ''}, got {got}", ()))


# ---------------------------------------------------------------- did you mean

def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: insertions,
    deletions, substitutions and swaps of adjacent characters each cost 1)
    between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and ca == b[j - 2] and a[i - 2] == cb and i > 1 and j > 1:
                d = min(d, prev2[j - 2] + 1)
            cur[j] = d
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


def closest_name(name: str, candidates, preferred=()) -> str | None:
    """The candidate nearest `name` by edit distance, if it is close: at
    most 1 edit for names up to 5 characters, 2 up to 10, 3 beyond (names
    under 3 characters get no suggestion: everything short is close). Ties go
    to a `preferred` name (the local variables), then the same first
    letter, then the nearer length, then alphabetical order, so the answer
    is the same on every run."""
    if len(name) < 3:
        return None
    limit = 1 if len(name) <= 5 else 2 if len(name) <= 10 else 3
    best = None
    for cand in candidates:
        if cand == name:
            continue
        d = edit_distance(name, cand, limit)
        if d <= limit:
            key = (d, cand not in preferred, cand[0] != name[0], abs(len(cand) - len(name)), cand)
            if best is None or key < best:
                best = key
    return None if best is None else best[-1]


_UNBOUND_PREFIX = "unbound variable: "


def suggest_for_unbound(payload, candidates, preferred=()) -> None:
    """Add " (did you mean NAME?)" to an unbound-variable error object's
    message when a bound name is close to the missing one (`preferred`
    ones first on a tie: see `closest_name`)."""
    if not isinstance(payload, ErrorObject) or payload.kind != "unbound-variable":
        return
    msg = payload.message
    head, sep, name = msg.rpartition(_UNBOUND_PREFIX)
    if not sep or "(did you mean" in name:
        return
    guess = closest_name(name, candidates, preferred)
    if guess is not None:
        payload.message = f"{msg} (did you mean {guess}?)"


# ---------------------------------------------------------------- rendering

def source_line(loc: SourceLoc) -> str | None:
    text = SOURCES.get(loc.file)
    if text is None:
        return None
    lines = _LINES.get(loc.file)
    if lines is None:
        lines = _LINES[loc.file] = text.split("\n")
    if 1 <= loc.line <= len(lines):
        return lines[loc.line - 1]
    return None


def _window(line: str, col: int, width: int = 100) -> tuple[str, int]:
    """At most `width` characters of `line` around column `col` (0-based),
    with "..." where it was cut; returns the text and the caret column."""
    if len(line) <= width:
        return line, col
    start = max(0, min(col - width // 2, len(line) - width))
    text = line[start:start + width]
    caret = col - start
    if start > 0:
        text = "..." + text
        caret += 3
    if start + width < len(line):
        text += "..."
    return text, caret


def describe_payload(payload) -> tuple[str, str]:
    """(kind, message-with-irritants) for any raised object. Each value is
    written at most `printer.ERROR_PRINT_WIDTH` characters wide."""
    from .printer import write_limited
    if isinstance(payload, ErrorObject):
        msg = payload.message
        if payload.irritants:
            msg += " " + " ".join(write_limited(x) for x in payload.irritants)
        return payload.kind, msg
    return "raise", "non-error object raised: " + write_limited(payload)


def format_error(err: ElleError, with_source: bool = True) -> str:
    kind, msg = describe_payload(err.payload)
    label = "error" if kind == "error" else kind
    out = [f"{label}: {msg}"]
    loc = err.loc
    if loc is None:
        for _, l in err.backtrace:
            if l is not None:
                loc = l
                break
    if loc is not None:
        out.append(f"  --> {loc}")
        line = source_line(loc) if with_source else None
        if line is not None:
            num = str(loc.line)
            pad = " " * len(num)
            text, col = _window(line, max(loc.col - 1, 0))
            out.append(f" {pad} |")
            out.append(f" {num} | {text}")
            out.append(f" {pad} | {' ' * col}^")
    if err.backtrace:
        out.append("backtrace (most recent call first):")
        shown = err.backtrace[:20]
        for name, l in shown:
            out.append(f"  {name}" + (f"  {l}" if l is not None else ""))
        if len(err.backtrace) > len(shown):
            out.append(f"  ... {len(err.backtrace) - len(shown)} more frames")
    return "\n".join(out)
