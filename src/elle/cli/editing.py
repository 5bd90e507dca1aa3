"""What the REPL's line editor needs to know about the text being typed.

**Owns:** pure functions over the input text, with no terminal and no
prompt_toolkit: whether the input holds complete forms (`is_complete`),
where the cursor sits lexically (`scan`: open parentheses, inside a
string or comment), the indentation of the next continuation line
(`indent_for`), and the word before the cursor to complete
(`word_before`). **Does not touch:** reading data (`elle.reader` decides
completeness), the key bindings that use these answers (`elle.cli.repl_ui`).

Indentation follows the usual Lisp editor convention: inside a form whose
head is a body form (`define`, `lambda`, `let`, `when`, ... and any
`def...`/`with-...` name) the next line is indented two columns past the
open parenthesis; otherwise it lines up with the first argument when
that is on the head's line, or else one column past the parenthesis.
"""

from __future__ import annotations

import re

BODY_FORMS = frozenset("""
    define define-values define-record-type define-syntax define-macro define-library
    lambda fn case-lambda named-lambda let let* letrec letrec* let-values let*-values
    let-syntax letrec-syntax syntax-rules when unless do case guard parameterize
    dynamic-wind begin module library import export cond
""".split())

_OPEN = "(["
_CLOSE = ")]"
_WORD = re.compile(r"""[^\s()\[\]"';`,]*\Z""")


def is_complete(text: str) -> bool:
    """True unless `text` ends inside an unfinished datum. Text holding a
    real syntax error counts as complete, so evaluating it reports the error."""
    text = text.lstrip()
    if text.startswith(","):            # a comma command: is its argument complete?
        text = re.sub(r"\A,\S*", "", text)
    if not text.strip():
        return True
    from ..reader import IncompleteInput, read_all
    try:
        read_all(text, "<repl>")
    except IncompleteInput:
        return False
    except Exception:       # any other reader error: let the evaluator report it
        return True
    return True


class Scan:
    """Where the end of the scanned text is, lexically: `opens` lists the
    unclosed parentheses as (offset, line start offset) pairs, outermost
    first; `string_start` is the offset of the opening quote when the text
    ends inside a string (else None); `in_comment` is True inside a `;` or
    `#| |#` comment."""

    __slots__ = ("opens", "string_start", "in_comment")

    def __init__(self):
        self.opens: list[tuple[int, int]] = []
        self.string_start: int | None = None
        self.in_comment = False


def scan(text: str) -> Scan:
    """Scan `text` for unclosed parentheses, strings and comments."""
    s = Scan()
    i, n = 0, len(text)
    line_start = 0
    block = 0
    while i < n:
        c = text[i]
        if c == "\n":
            line_start = i + 1
            i += 1
            continue
        if block:
            if text.startswith("|#", i):
                block -= 1
                i += 2
            elif text.startswith("#|", i):
                block += 1
                i += 2
            else:
                i += 1
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == "\n":
                    line_start = j + 1
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                s.string_start = i
                return s
            i = j + 1
        elif c == ";":
            j = text.find("\n", i)
            if j < 0:
                s.in_comment = True
                return s
            i = j
        elif text.startswith("#|", i):
            block = 1
            i += 2
        elif text.startswith("#\\", i):
            i += 3                      # #\( and #\) are characters, not parentheses
            while i < n and not (text[i].isspace() or text[i] in "()[]"):
                i += 1
        elif c in _OPEN:
            s.opens.append((i, line_start))
            i += 1
        elif c in _CLOSE:
            if s.opens:
                s.opens.pop()
            i += 1
        else:
            i += 1
    s.in_comment = block > 0
    return s


def indent_for(text: str) -> int:
    """The indentation (in columns) of a new line started after `text`."""
    s = scan(text)
    if s.string_start is not None or not s.opens:
        return 0
    offset, line_start = s.opens[-1]
    col = offset - line_start
    rest = text[offset + 1:]
    m = re.match(r"""[^\s()\[\]"';]+""", rest)
    if m is None:
        return col + 1                  # ((... or ("...: line up with the first element
    head = m.group()
    if head in BODY_FORMS or head.startswith(("def", "with-", "call-with-")):
        return col + 2
    after = rest[m.end():]
    first_line = after.split("\n", 1)[0]
    stripped = first_line.lstrip()
    if stripped and not stripped.startswith(";"):     # an argument on the head's line
        return col + 1 + m.end() + (len(first_line) - len(stripped))
    return col + 1


def word_before(text: str) -> str:
    """The identifier (or partial identifier) that ends at the end of `text`."""
    return _WORD.search(text).group()
