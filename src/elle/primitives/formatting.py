"""Formatted and pretty output: `format` and `pretty-print`.

**Owns:** the `format` directive language (SRFI 28's `~a ~s ~% ~~`, plus
`~d ~b ~o ~x` for exact numbers in radix 10, 2, 8 and 16) and its four
destinations, and the layout algorithm of `pretty-print`. **Does not
touch:** the text of a value (`elle.printer`: every atom is printed with
`write_string`), port buffering (`primitives.io`: text goes out through
`Port.write`).

    (format #f "~a + ~s" 1 "x")      => "1 + \"x\""   (a new string)
    (format "~a~%" 'x)               => "x\n"          (SRFI 28's form)
    (format #t "~a~%" 'x)            writes to the current output port
    (format port "~a~%" 'x)          writes to `port`

Layout (`pretty-print`): a datum is written on one line when it fits in
the width left on the line (79 columns in all); otherwise a list is broken
"fits, else break", the rule of Oppen's and Wadler's pretty printers
reduced to lists: `(head first-arg` on one line and the other elements
aligned under `first-arg`; for special forms (`define`, `lambda`, `let`,
...) the head and its distinguished arguments (the name and formals, the
bindings) stay on the first line and the body is indented two columns.
Flat widths are computed once, bottom up, so the layout is linear in the
size of the datum. Circular data is written on one line with datum labels
(as `write` does); nesting deeper than `MAX_DEPTH` is written flat.
"""

from __future__ import annotations

from ..datum import MString, Pair, Symbol, nil
from ..errors import raise_error, type_error
from ..values import unspecified
from . import primitive
from .arguments import is_number
from .io import Port, text_output_port

WIDTH = 79
MAX_DEPTH = 300


# -- format ----------------------------------------------------------------------

RADIX_DIRECTIVES = {"d": 10, "b": 2, "o": 8, "x": 16}


def format_text(fmt: str, args) -> str:
    """The text `fmt` describes with `args` filled in; an Elle error for an
    unknown directive or too few or too many arguments."""
    from ..printer import display_string, write_string
    from .number_syntax import format_number
    out = []
    i = 0
    used = 0
    n = len(fmt)
    while i < n:
        j = fmt.find("~", i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        if j + 1 >= n:
            raise_error("error", "format: the format string ends in a lone ~", MString(fmt))
        d = fmt[j + 1]
        low = d.lower()
        i = j + 2
        if d == "%" or low == "n":
            out.append("\n")
            continue
        if d == "~":
            out.append("~")
            continue
        if low not in ("a", "s") and low not in RADIX_DIRECTIVES:
            raise_error("error", f"format: unknown directive ~{d} (known: ~a ~s ~d ~b ~o ~x ~% ~~)",
                        MString(fmt))
        if used >= len(args):
            raise_error("error", f"format: too few arguments: the format string needs more than {len(args)}",
                        MString(fmt))
        x = args[used]
        used += 1
        if low == "a":
            out.append(x.s if type(x) is MString else display_string(x))
        elif low == "s":
            out.append(write_string(x))
        else:
            if not is_number(x):
                type_error(f"format ~{d}", "a number", x, used + 1)
            radix = RADIX_DIRECTIVES[low]
            if radix != 10 and type(x) in (float, complex):
                type_error(f"format ~{d}", "an exact number", x, used + 1)
            out.append(format_number(x, radix))
    if used < len(args):
        raise_error("error", f"format: too many arguments: the format string uses {used}, got {len(args)}",
                    MString(fmt))
    return "".join(out)


@primitive("format", 1, None)
def format_(dest, *rest):
    """Format text: `(format dest fmt arg ...)` with dest #f (return a
    string), #t (the current output port) or a port; `(format fmt arg ...)`
    returns a string (SRFI 28). Directives: ~a (display), ~s (write),
    ~d ~b ~o ~x (a number in radix 10, 2, 8, 16), ~% (newline), ~~ (a tilde)."""
    if type(dest) is MString:
        return MString(format_text(dest.s, rest))
    if not (dest is False or dest is True or type(dest) is Port):
        type_error("format", "a format string, #f, #t or an output port", dest, 1)
    if not rest:
        raise_error("error", "format: expected a format string after the destination", dest)
    if type(rest[0]) is not MString:
        type_error("format", "a format string", rest[0], 2)
    text = format_text(rest[0].s, rest[1:])
    if dest is False:
        return MString(text)
    port = text_output_port("format", None if dest is True else dest, 1)
    port.write(text)
    return unspecified


# -- pretty-print ----------------------------------------------------------------------

# Special forms whose first N arguments stay on the head's line when the
# form is broken; the rest (the body) is indented two columns.
BODY_INDENT = {
    "define": 1, "define-syntax": 1, "define-record-type": 2, "define-values": 1,
    "define-macro": 1, "lambda": 1, "fn": 1, "named-lambda": 1,
    "let": 1, "let*": 1, "letrec": 1, "letrec*": 1, "let-values": 1, "let*-values": 1,
    "let-syntax": 1, "letrec-syntax": 1, "parameterize": 1, "fluid-let": 1,
    "when": 1, "unless": 1, "do": 2, "case": 1, "syntax-rules": 1, "guard": 1,
    "define-library": 1, "with-exception-handler": 0, "begin": 0, "case-lambda": 0,
    "dynamic-wind": 0, "try": 0,
}
QUOTE_PREFIXES = {"quote": "'", "quasiquote": "`", "unquote": ",", "unquote-splicing": ",@"}


class Node:
    """One datum laid out: `text` for an atom (or a datum printed flat), else
    `open` + `items` (+ `tail` after a dot) + ")"; `width` is the flat width;
    `head` is the name of the list's first symbol, or of the atom's symbol."""
    __slots__ = ("text", "open", "items", "tail", "width", "head")

    def __init__(self, text=None, open_="(", items=(), tail=None, head=None):
        self.text = text
        self.open = open_
        self.items = items
        self.tail = tail
        self.head = head
        if text is not None:
            self.width = len(text)
        else:
            w = len(open_) + 1 + sum(it.width for it in items) + max(0, len(items) - 1)
            if tail is not None:
                w += 3 + tail.width
            self.width = w


def is_cyclic(x) -> bool:
    """Does `x` contain a cycle through pairs or vectors? (iterative DFS)"""
    on_path = set()
    done = set()
    stack = [(x, False)]
    while stack:
        v, leaving = stack.pop()
        if leaving:
            on_path.discard(id(v))
            done.add(id(v))
            continue
        if type(v) is Pair:
            kids = (v.car, v.cdr)
        elif type(v) is list:
            kids = v
        else:
            continue
        if id(v) in on_path:
            return True
        if id(v) in done:
            continue
        on_path.add(id(v))
        stack.append((v, True))
        for k in kids:
            if type(k) is Pair or type(k) is list:
                if id(k) in on_path:
                    return True
                stack.append((k, False))
    return False


def build(x, depth=0) -> Node:
    from ..printer import write_string
    if depth > MAX_DEPTH:
        return Node(write_string(x))
    if type(x) is list:
        return Node(None, "#(", [build(v, depth + 1) for v in x])
    if type(x) is not Pair:
        return Node(write_string(x), head=x.name if type(x) is Symbol else None)
    if type(x.car) is Symbol and x.car.name in QUOTE_PREFIXES and type(x.cdr) is Pair \
            and x.cdr.cdr is nil:
        inner = build(x.cdr.car, depth + 1)
        prefix = QUOTE_PREFIXES[x.car.name]
        if inner.text is not None:
            return Node(prefix + inner.text)
        node = Node(None, prefix + inner.open, inner.items, inner.tail, inner.head)
        return node
    items = []
    p = x
    while type(p) is Pair:
        items.append(build(p.car, depth + 1))
        p = p.cdr
    tail = None if p is nil else build(p, depth + 1)
    head = x.car.name if type(x.car) is Symbol else None
    return Node(None, "(", items, tail, head)


def flat(node: Node) -> str:
    if node.text is not None:
        return node.text
    parts = [flat(it) for it in node.items]
    if node.tail is not None:
        parts += [".", flat(node.tail)]
    return node.open + " ".join(parts) + ")"


def layout(node: Node, col: int, out: list, trail: int = 0) -> int:
    """Append `node`'s text starting at column `col`; return the end column.
    `trail`: how many closing parentheses follow it on its last line (they
    count against the width too)."""
    if node.text is not None or col + node.width + trail <= WIDTH or not node.items:
        text = flat(node)
        out.append(text)
        return col + len(text)
    out.append(node.open)
    col += len(node.open)
    items = node.items
    last = len(items) - 1 if node.tail is None else -1   # the item the ")" follows

    def put(i, at):
        return layout(items[i], at, out, trail + 1 if i == last else 0)

    keep = BODY_INDENT.get(node.head) if node.open.endswith("(") else None
    if keep is not None and node.head == "let" and len(items) > 2 \
            and items[1].text is not None and items[1].head is not None:
        keep = 2                         # named let: (let loop ((i 0))
    if keep is not None:
        # (define (f x)  /  body indented two columns past the open paren;
        # a kept item that does not fit goes under the first one
        end = put(0, col)
        first = end + 1
        for i in range(1, min(1 + keep, len(items))):
            extra = trail + 1 if i == last else 0
            if i > 1 and end + 1 + items[i].width + extra > WIDTH:
                out.append("\n" + " " * first)
                end = put(i, first)
            else:
                out.append(" ")
                end = put(i, end + 1)
        rest = range(1 + keep, len(items))
        indent = col + 1
    elif node.head is None and all(it.text is not None for it in items):
        # data: as many atoms on each line as fit, aligned after the open paren
        end = put(0, col)
        for i in range(1, len(items)):
            extra = trail + 1 if i == last else 0
            if end + 1 + items[i].width + extra <= WIDTH:
                out.append(" ")
                end = put(i, end + 1)
            else:
                out.append("\n" + " " * col)
                end = put(i, col)
        rest = ()
        indent = col
    elif items[0].text is not None and len(items) > 1 and items[0].width <= 12:
        # (f arg1  /  arg2 aligned under arg1
        end = put(0, col)
        out.append(" ")
        indent = end + 1
        end = put(1, indent)
        rest = range(2, len(items))
    else:
        end = put(0, col)
        rest = range(1, len(items))
        indent = col
    for i in rest:
        out.append("\n" + " " * indent)
        end = put(i, indent)
    if node.tail is not None:
        out.append("\n" + " " * indent + ".")
        out.append("\n" + " " * indent)
        end = layout(node.tail, indent, out, trail + 1)
    out.append(")")
    return end + 1


def pretty_text(x) -> str:
    """`x` as `pretty-print` writes it, without the final newline."""
    from ..printer import write_string
    if (type(x) is Pair or type(x) is list) and is_cyclic(x):
        return write_string(x)
    out: list = []
    layout(build(x), 0, out)
    return "".join(out)


@primitive("pretty-print", 1, 2)
def pretty_print(x, port=None):
    """Write `x` as `write` does (but `(quote x)` as `'x`, and likewise for
    quasiquote, unquote and unquote-splicing), broken over lines and
    indented when it is wider than 79 columns, then a newline."""
    p = text_output_port("pretty-print", port, 2)
    p.write(pretty_text(x) + "\n")
    return unspecified
