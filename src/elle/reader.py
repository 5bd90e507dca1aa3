"""The reader: R7RS-small external representations -> datums with locations.

**Owns:** turning text into datums (`Reader`, `read_all`), the lexical
syntax of every datum (numbers via `elle.number_grammar`, strings, characters,
symbols, lists, vectors, bytevectors, quote shorthands, comments,
directives, datum labels), source locations on the pairs it builds, and the
read errors it raises (`IncompleteInput` for input that stops inside a
datum, `ElleSyntaxError` of kind "read-error" for everything else).
**Does not touch:** what datums mean (`elle.expander`), how they print
(`elle.printer`), ports (`primitives.io` wraps a `Reader` and advances by
`reader.pos`).

Design: `Reader.read` is one loop over tokens with an explicit stack of
open frames (list, vector, bytevector, quote shorthand, `#;` comment,
`#n=` label), so nesting depth is limited only by memory. A finished datum
is "delivered" to the frame on top of the stack; frames that wrap exactly
one datum (quote, comment, label) pop themselves and pass the result on.
Tokens are found with precompiled regular expressions, so the per-character
work happens in C.

Locations: line and column are 1-based; the column counts code points. The
first cell of a list has the location of its opening parenthesis, each later
cell the location of its own car; `'x` gives `(quote x)` the location of the
quote character. Newline offsets are indexed lazily as reading advances, and
a location is a binary search in that index.

Datum labels (`#0=` / `#0#`) are scoped to one call of `read`. A reference
to a label whose datum is still being read yields a placeholder, which is
replaced in place (in pairs and vectors) once that datum is complete.

Delimiters are whitespace, `( ) [ ] " ; |`. Whitespace is whatever Python's
`str.isspace` accepts.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from .datum import Char, MString, Pair, SourceLoc, Symbol, nil, make_pair
from .errors import ElleSyntaxError
from .number_grammar import digits_to_int, read_number
from .values import ErrorObject, eof


class IncompleteInput(ElleSyntaxError):
    """The input ended inside an unfinished datum (the REPL reads more lines)."""


# ---------------------------------------------------------------- lexical tables

_DELIMS = "\\s()\\[\\]\";|"
_TOKEN = re.compile(
    f"(?:\\s+|;[^\\n\\r]*)*(?:([^{_DELIMS}#'`,][^{_DELIMS}]*)|(.))?", re.S)
_ATOM = re.compile(f"[^{_DELIMS}]+")
_ATOM_REST = re.compile(f"[^{_DELIMS}]*")
_PLAIN_INT = re.compile(r"[0-9]+\Z")
_LABEL = re.compile(r"#([0-9]+)([=#])")
_NEWLINE = re.compile("\n")
_BLOCK_EDGE = re.compile(r"#\||\|#")
_STRING_RUN = re.compile(r'[^"\\]*')
_SYMBOL_RUN = re.compile(r"[^|\\]*")
_HEX_ESCAPE = re.compile(r"([0-9a-fA-F]+);")
_HEX_PREFIX = re.compile(r"[0-9a-fA-F]*\Z")
_LINE_CONTINUATION = re.compile(r"[ \t]*(?:\r\n|\n|\r)[ \t]*")
_INTRALINE_TAIL = re.compile(r"[ \t]*\Z")

_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "r": "\r",
            '"': '"', "\\": "\\", "|": "|"}

CHAR_NAMES = {
    "alarm": "\x07", "backspace": "\x08", "delete": "\x7f", "escape": "\x1b",
    "newline": "\n", "null": "\x00", "nul": "\x00", "return": "\r",
    "space": " ", "tab": "\t",
}

_OPENERS = {"(": ")", "[": "]"}

QUOTE = Symbol("quote")
QUASIQUOTE = Symbol("quasiquote")
UNQUOTE = Symbol("unquote")
UNQUOTE_SPLICING = Symbol("unquote-splicing")

# Frame kinds.
_LIST, _VECTOR, _BYTES, _WRAP, _COMMENT, _LABEL_DEF = range(6)


class _Frame:
    """One open datum on the reader's stack."""

    __slots__ = ("kind", "start", "items", "starts", "closer", "dot", "tail", "tag")

    def __init__(self, kind, start, closer=None, tag=None):
        self.kind = kind
        self.start = start      # text offset where this datum began
        self.items = []
        self.starts = []        # text offset of each item (lists only)
        self.closer = closer    # ")" or "]" for sequences
        self.dot = 0            # lists: 0 no dot yet, 1 dot read, 2 tail read
        self.tail = nil
        self.tag = tag          # quote symbol, or label number


class _Placeholder:
    """Stands for a labelled datum referenced (`#n#`) before it is complete."""

    __slots__ = ("label", "used")

    def __init__(self, label):
        self.label = label
        self.used = False


_ABSORBED = object()   # a delivered datum was taken by an open frame


def _valid_scalar(code: int) -> bool:
    return 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF


# ---------------------------------------------------------------- the reader

class Reader:
    """Reads datums one at a time from `text`, starting at offset `start`.

    After each `read()`, `pos` is the offset just past the datum read (or
    past trailing whitespace and comments when the result is `EOF`), so a
    port can advance by it, and `start` the offset where it began (an atom
    carries no location of its own: `datum_loc()` is its SourceLoc). `fold_case` follows `#!fold-case` and
    `#!no-fold-case` directives (folding as `string-foldcase` does) and
    persists across reads.
    """

    EOF = eof

    def __init__(self, text: str, filename: str = "<string>", start: int = 0,
                 fold_case: bool = False):
        self.text = text
        self.filename = filename
        self.pos = start
        self.start = start
        self.fold_case = fold_case
        self._newlines: list[int] = []
        self._scanned = 0
        self._labels: dict = {}

    # -- locations and errors

    def loc(self, offset: int) -> SourceLoc:
        """The SourceLoc of text offset `offset`."""
        if offset > self._scanned:
            self._index_newlines(offset)
        newlines = self._newlines
        k = bisect_left(newlines, offset)
        line_start = newlines[k - 1] + 1 if k else 0
        return SourceLoc(self.filename, k + 1, offset - line_start + 1)

    def datum_loc(self) -> SourceLoc:
        """The SourceLoc where the datum `read()` last returned begins."""
        return self.loc(self.start)

    def _locs(self, offsets: list) -> list:
        """SourceLocs of ascending `offsets` (one binary search, then a walk)."""
        last = offsets[-1]
        if last > self._scanned:
            self._index_newlines(last)
        newlines = self._newlines
        count = len(newlines)
        k = bisect_left(newlines, offsets[0])
        line_start = newlines[k - 1] + 1 if k else 0
        file = self.filename
        out = []
        for offset in offsets:
            if k < count and newlines[k] < offset:
                while k < count and newlines[k] < offset:
                    k += 1
                line_start = newlines[k - 1] + 1
            out.append(SourceLoc(file, k + 1, offset - line_start + 1))
        return out

    def _index_newlines(self, offset: int):
        """Record newline offsets up to at least `offset` (in large steps)."""
        end = min(len(self.text), max(offset, self._scanned + 65536))
        self._newlines.extend(
            m.start() for m in _NEWLINE.finditer(self.text, self._scanned, end))
        self._scanned = end

    def _error(self, message: str, offset: int):
        raise ElleSyntaxError(ErrorObject("read-error", message, ()),
                              loc=self.loc(offset))

    def _incomplete(self, message: str, offset: int):
        raise IncompleteInput(ErrorObject("read-error", message, ()),
                              loc=self.loc(offset))

    # -- the main loop

    def read(self):
        """The next datum, or `Reader.EOF` when only whitespace/comments remain."""
        # The cyclic GC is paused while one datum is built: each collection
        # would rescan the growing datum, which tripled the cost of big reads.
        if not gc.isenabled():
            return self._read()
        gc.disable()
        try:
            return self._read()
        finally:
            gc.enable()

    def _read(self):
        """The token loop. Kept in one function on purpose: it is the hot
        path, and the common cases (atoms, '(' , appending to an open list)
        are inlined; everything rarer is a helper method."""
        text = self.text
        pos = self.pos
        stack: list[_Frame] = []
        self._labels = {}
        next_token = _TOKEN.match
        while True:
            # One match skips whitespace and comments, then either takes a
            # whole plain atom (group 1) or one punctuation character (group 2).
            m = next_token(text, pos)
            tok = m.group(1)
            if tok is not None:
                start = m.start(1)
                pos = m.end()
                if tok[0] in "0123456789+-.":
                    if tok == ".":
                        self._dot(stack, start)
                        continue
                    value = self._atom(tok, start)
                else:
                    value = Symbol(tok.casefold() if self.fold_case else tok)
            else:
                c = m.group(2)
                if c is None:
                    if stack:
                        self._unfinished(stack[-1])
                    self.pos = m.end()
                    return eof
                start = pos = m.start(2)
                if c == "(" or c == "[":
                    stack.append(_Frame(_LIST, pos, _OPENERS[c]))
                    pos += 1
                    continue
                if c == ")" or c == "]":
                    value, start = self._close(stack, pos, c)
                    pos += 1
                elif c == '"':
                    s, pos = self._read_escaped(pos, '"', _STRING_RUN)
                    value = MString(s, immutable=True)
                elif c == "#":
                    value, pos = self._read_hash(stack, pos)
                    if value is _ABSORBED:
                        continue
                elif c == "|":
                    name, pos = self._read_escaped(pos, "|", _SYMBOL_RUN)
                    value = Symbol(name)
                else:   # ' ` , or ,@
                    if c == "'":
                        tag = QUOTE
                    elif c == "`":
                        tag = QUASIQUOTE
                    elif text.startswith("@", pos + 1):
                        tag = UNQUOTE_SPLICING
                        pos += 1
                    else:
                        tag = UNQUOTE
                    stack.append(_Frame(_WRAP, start, tag=tag))
                    pos += 1
                    continue
            if stack:
                top = stack[-1]
                if top.kind == _LIST and top.dot == 0:   # the common case, inline
                    top.items.append(value)
                    top.starts.append(start)
                    continue
                value = self._deliver(stack, value, start)
                if value is _ABSORBED:
                    continue
            self.pos = pos
            self.start = start
            return value

    def _unfinished(self, frame: _Frame):
        what = {_LIST: "list", _VECTOR: "vector", _BYTES: "bytevector",
                _WRAP: "datum after quote", _COMMENT: "datum after #;",
                _LABEL_DEF: "datum after label"}[frame.kind]
        if frame.kind in (_LIST, _VECTOR, _BYTES):
            self._incomplete(f"unexpected end of input: unclosed {what}", frame.start)
        self._incomplete(f"unexpected end of input: expected a {what}", frame.start)

    def _close(self, stack, pos, closer):
        """Finish the sequence on top of `stack` at closing bracket `closer`."""
        if not stack:
            self._error(f"unexpected '{closer}'", pos)
        top = stack[-1]
        if top.kind not in (_LIST, _VECTOR, _BYTES):
            if top.kind == _WRAP:
                self._error(f"unexpected '{closer}' after {top.tag.name} shorthand", pos)
            if top.kind == _COMMENT:
                self._error(f"unexpected '{closer}': #; needs a datum to skip", pos)
            self._error(f"unexpected '{closer}' after datum label", pos)
        if top.closer != closer:
            self._error(f"'{closer}' does not match '{'(' if top.closer == ')' else '['}'"
                        f" opened at {self.loc(top.start)}", pos)
        stack.pop()
        if top.kind == _VECTOR:
            return top.items, top.start
        if top.kind == _BYTES:
            return bytearray(top.items), top.start
        if top.dot == 1:
            self._error("expected a datum after '.'", pos)
        items, starts = top.items, top.starts
        result = top.tail
        if items:
            starts[0] = top.start       # the first cell is where '(' is
            locs = self._locs(starts)
            for i in range(len(items) - 1, -1, -1):
                result = make_pair(items[i], result, locs[i])
        return result, top.start

    def _dot(self, stack, pos):
        top = stack[-1] if stack else None
        if top is None or top.kind != _LIST:
            self._error("unexpected '.' outside a list", pos)
        if not top.items:
            self._error("unexpected '.' at the start of a list", pos)
        if top.dot:
            self._error("unexpected second '.' in a list", pos)
        top.dot = 1

    def _deliver(self, stack, value, start):
        """Hand a finished datum to the open frames; _ABSORBED if one kept it."""
        while stack:
            top = stack[-1]
            kind = top.kind
            if kind == _LIST:
                if top.dot == 0:
                    top.items.append(value)
                    top.starts.append(start)
                elif top.dot == 1:
                    top.tail = value
                    top.dot = 2
                else:
                    self._error("more than one datum after '.'", start)
                return _ABSORBED
            if kind == _VECTOR:
                top.items.append(value)
                return _ABSORBED
            if kind == _BYTES:
                if type(value) is not int or not 0 <= value <= 255:
                    self._error("bytevector element must be an exact integer 0..255", start)
                top.items.append(value)
                return _ABSORBED
            stack.pop()
            if kind == _COMMENT:
                return _ABSORBED
            if kind == _WRAP:
                value = make_pair(top.tag, make_pair(value, nil, self.loc(start)), self.loc(top.start))
            else:
                value = self._define_label(top.tag, value, top.start)
            start = top.start
        return value

    # -- '#' syntax

    def _read_hash(self, stack, pos):
        """Read something starting with '#'; (value or _ABSORBED, new pos)."""
        text = self.text
        nxt = text[pos + 1:pos + 2]
        if nxt == "(":
            stack.append(_Frame(_VECTOR, pos, ")"))
            return _ABSORBED, pos + 2
        if nxt == "|":
            return _ABSORBED, self._skip_block_comment(pos)
        if nxt == ";":
            stack.append(_Frame(_COMMENT, pos))
            return _ABSORBED, pos + 2
        if nxt == "\\":
            return self._read_char(pos)
        if nxt == "u" or nxt == "U":
            if text.startswith("8(", pos + 2):
                stack.append(_Frame(_BYTES, pos, ")"))
                return _ABSORBED, pos + 4
            if pos + 4 > len(text) and "8(".startswith(text[pos + 2:pos + 4]):
                self._incomplete("unexpected end of input in #u8(", pos)
            self._error("bad # syntax (expected #u8( for a bytevector)", pos)
        if nxt == "!":
            m = _ATOM_REST.match(text, pos + 2)
            directive = m.group()
            if directive == "fold-case":
                self.fold_case = True
            elif directive == "no-fold-case":
                self.fold_case = False
            else:
                self._error(f"unknown directive #!{directive}", pos)
            return _ABSORBED, m.end()
        if nxt.isdigit() and nxt.isascii():
            return self._read_label(stack, pos)
        if nxt == "":
            self._incomplete("unexpected end of input after '#'", pos)
        m = _ATOM.match(text, pos)
        tok = m.group()
        if len(tok) == 1:
            self._error(f"bad # syntax: #{nxt}", pos)
        low = tok.lower()
        if low == "#t" or low == "#true":
            return True, m.end()
        if low == "#f" or low == "#false":
            return False, m.end()
        if low[1] in "xbodei":
            value = self._number(tok, pos)
            if value is None:
                self._error(f"bad number syntax: {tok}", pos)
            return value, m.end()
        self._error(f"bad # syntax: {tok}", pos)

    def _skip_block_comment(self, pos):
        depth = 1
        for m in _BLOCK_EDGE.finditer(self.text, pos + 2):
            depth += 1 if m.group() == "#|" else -1
            if depth == 0:
                return m.end()
        self._incomplete("unexpected end of input in #| comment", pos)

    def _read_char(self, pos):
        text = self.text
        if pos + 2 >= len(text):
            self._incomplete("unexpected end of input after #\\", pos)
        first = text[pos + 2]
        m = _ATOM_REST.match(text, pos + 3)
        if not m.group() or not _ATOM.match(first):
            return Char(first), pos + 3
        name = first + m.group()
        end = m.end()
        key = name.casefold() if self.fold_case else name
        ch = CHAR_NAMES.get(key)
        if ch is not None:
            return Char(ch), end
        if name[0] in "xX" and _HEX_PREFIX.match(name, 1):
            code = int(name[1:], 16)
            if not _valid_scalar(code):
                self._error(f"#\\{name}: not a Unicode scalar value", pos)
            return Char(chr(code)), end
        self._error(f"unknown character name #\\{name}", pos)

    def _read_label(self, stack, pos):
        m = _LABEL.match(self.text, pos)
        if m is None:
            self._error("bad # syntax: expected #N= or #N#", pos)
        label = int(m.group(1))
        labels = self._labels
        if m.group(2) == "=":
            if label in labels:
                self._error(f"datum label #{label}= defined twice", pos)
            labels[label] = _Placeholder(label)
            stack.append(_Frame(_LABEL_DEF, pos, tag=label))
            return _ABSORBED, m.end()
        if label not in labels:
            self._error(f"reference to undefined datum label #{label}#", pos)
        value = labels[label]
        if type(value) is _Placeholder:
            value.used = True
        return value, m.end()

    def _define_label(self, label, value, start):
        placeholder = self._labels[label]
        if value is placeholder:
            self._error(f"datum label #{label}= refers only to itself", start)
        self._labels[label] = value
        if placeholder.used:
            _patch(value, placeholder, value)
        return value

    # -- atoms

    def _number(self, tok, pos):
        try:
            return read_number(tok)
        except OverflowError as e:
            self._error(f"{tok}: {e}", pos)

    def _atom(self, tok, pos):
        """A number if `tok` is one, else a symbol."""
        if tok[0] in "0123456789+-.":
            if _PLAIN_INT.match(tok):
                return digits_to_int(tok)
            value = self._number(tok, pos)
            if value is not None:
                return value
        return Symbol(tok.casefold() if self.fold_case else tok)

    def _read_escaped(self, pos, quote, run):
        """Read a `"string"` or `|symbol|` at `pos`; (contents, end pos)."""
        text = self.text
        n = len(text)
        what = "string" if quote == '"' else "|symbol|"
        parts = []
        i = pos + 1
        while True:
            m = run.match(text, i)
            parts.append(m.group())
            i = m.end()
            if i >= n:
                self._incomplete(f"unexpected end of input in {what}", pos)
            if text[i] == quote:
                return "".join(parts), i + 1
            # a backslash escape
            if i + 1 >= n:
                self._incomplete(f"unexpected end of input in {what}", pos)
            e = text[i + 1]
            simple = _ESCAPES.get(e)
            if simple is not None:
                parts.append(simple)
                i += 2
            elif e == "x" or e == "X":
                m = _HEX_ESCAPE.match(text, i + 2)
                if m is None:
                    if _HEX_PREFIX.match(text, i + 2):
                        self._incomplete(f"unexpected end of input in {what}", pos)
                    self._error("bad \\x escape: expected hex digits and ';'", i)
                code = int(m.group(1), 16)
                if not _valid_scalar(code):
                    self._error("\\x escape is not a Unicode scalar value", i)
                parts.append(chr(code))
                i = m.end()
            elif e in " \t\r\n":
                m = _LINE_CONTINUATION.match(text, i + 1)
                if m is None:
                    if _INTRALINE_TAIL.match(text, i + 1):
                        self._incomplete(f"unexpected end of input in {what}", pos)
                    self._error("bad escape: '\\' followed by spaces must end the line", i)
                i = m.end()
            else:
                self._error(f"unknown escape \\{e} in {what}", i)


def _patch(root, placeholder, value):
    """Replace `placeholder` by `value` everywhere in pairs/vectors under `root`."""
    seen = set()
    todo = [root]
    while todo:
        x = todo.pop()
        t = type(x)
        if t is Pair:
            if id(x) in seen:
                continue
            seen.add(id(x))
            if x.car is placeholder:
                x.car = value
            else:
                todo.append(x.car)
            if x.cdr is placeholder:
                x.cdr = value
            else:
                todo.append(x.cdr)
        elif t is list:
            if id(x) in seen:
                continue
            seen.add(id(x))
            for i, item in enumerate(x):
                if item is placeholder:
                    x[i] = value
                else:
                    todo.append(item)


def read_all(text: str, filename: str = "<string>") -> list:
    """Every datum in `text`, in order."""
    reader = Reader(text, filename)
    out = []
    while True:
        datum = reader.read()
        if datum is eof:
            return out
        out.append(datum)
