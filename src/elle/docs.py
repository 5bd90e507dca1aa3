"""The generated procedure index, docs/procedures.md.

**Owns:** collecting every name a program starts with -- the primitives'
declarations (`@primitive`: name, arity, docstring, module), the
interpreter's own procedures (`eval`, `load`, `jit-stats`, ...), the
prelude's definitions (arity read from the `lambda`/`case-lambda` forms of
`src/elle/prelude/*.scm`, the description from the `;;` comment above the
definition) and the syntactic keywords -- and writing them as Markdown, plus
the list of R7RS-small names Elle lacks. **Does not touch:** the
procedures themselves. Descriptions: the line in
`elle.procedure_summaries.SUMMARIES`, else the docstring's first paragraph,
else the prelude comment.

    python -m elle.docs            # rewrite docs/procedures.md
    python -m elle.docs --check    # exit 1 if docs/procedures.md is stale

tests/test_docs.py runs the check, so CI fails when a primitive or prelude
definition changes without the index being regenerated.
"""

from __future__ import annotations

import os
import sys

from .datum import Pair, Symbol
from .procedure_summaries import R7RS_LIBRARIES, SUMMARIES, origin

# The checkout's docs/ (src/elle/docs.py -> ../../docs); an installed copy
# (site-packages) has none beside it, so then the current directory's.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if not os.path.isdir(os.path.join(ROOT, "docs")):
    ROOT = os.getcwd()
INDEX_PATH = os.path.join(ROOT, "docs", "procedures.md")
PRELUDE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prelude")


# -- arities -------------------------------------------------------------------------

def arity_text(lo: int, hi) -> str:
    """`2`, `1-3`, `0+` (hi None: any number more)."""
    if hi is None:
        return f"{lo}+"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def formals_arity(formals):
    n = 0
    while type(formals) is Pair:
        n += 1
        formals = formals.cdr
    return (n, None) if type(formals) is Symbol else (n, n)


def expr_arity(e):
    """(min, max) of the procedure `e` evaluates to, if its shape says; else None."""
    if type(e) is not Pair or type(e.car) is not Symbol:
        return None
    head = e.car.name
    if head in ("lambda", "fn") and type(e.cdr) is Pair:
        return formals_arity(e.cdr.car)
    if head == "case-lambda":
        arities = [formals_arity(c.car) for c in e.cdr if type(c) is Pair]
        if not arities:
            return None
        his = [hi for _, hi in arities]
        return min(lo for lo, _ in arities), None if None in his else max(his)
    if head in ("let", "let*", "letrec", "letrec*") and type(e.cdr) is Pair \
            and type(e.cdr.car) is not Symbol:
        body = list(e.cdr.cdr)
        return expr_arity(body[-1]) if body else None
    return None


# -- the prelude -----------------------------------------------------------------------

def prelude_definitions() -> dict:
    """name -> (file, arity or None, comment, is_syntax) for each toplevel
    definition in the prelude."""
    from .reader import read_all
    out = {}
    for fname in sorted(os.listdir(PRELUDE_DIR)):
        if not fname.endswith(".scm"):
            continue
        with open(os.path.join(PRELUDE_DIR, fname), encoding="utf-8") as f:
            text = f.read()
        lines = text.splitlines()
        for form in read_all(text, fname):
            if type(form) is not Pair or type(form.car) is not Symbol or type(form.cdr) is not Pair:
                continue
            kind, target = form.car.name, form.cdr.car
            if kind == "define" and type(target) is Pair:
                name, arity = target.car, formals_arity(target.cdr)
            elif kind == "define" and type(target) is Symbol:
                rhs = form.cdr.cdr.car if type(form.cdr.cdr) is Pair else None
                name, arity = target, expr_arity(rhs)
            elif kind == "define-syntax" and type(target) is Symbol:
                name, arity = target, None
            else:
                continue
            line = form.loc.line if getattr(form, "loc", None) else 0
            out[name.name] = (fname, arity, comment_above(lines, line), kind == "define-syntax")
    return out


def comment_above(lines, line: int) -> str:
    """The `;;` comment lines just above line `line` (1-based), joined; not
    `;;;` file headers."""
    got = []
    i = line - 2
    while i >= 0 and lines[i].lstrip().startswith(";;") and not lines[i].lstrip().startswith(";;;"):
        got.append(lines[i].lstrip().lstrip(";").strip())
        i -= 1
    return " ".join(reversed(got))


# -- collecting -----------------------------------------------------------------------------

def first_paragraph(doc: str | None) -> str:
    if not doc:
        return ""
    para = []
    for line in doc.strip().splitlines():
        if not line.strip():
            break
        para.append(line.strip())
    return " ".join(para)


def short_title(line: str) -> str:
    """A docstring's or file header's first line up to its first `:` or `(`."""
    for stop in (":", " (", " --"):
        line = line.split(stop)[0]
    return line.strip().rstrip(".")


def section_of_module(module: str) -> str:
    """The heading for a primitive module, from its docstring's first line."""
    import importlib
    mod = importlib.import_module(module)
    title = short_title((mod.__doc__ or module).strip().splitlines()[0])
    short = module.rsplit(".", 1)[-1]
    return f"{title} (`primitives/{short}.py`)"


def section_of_prelude(fname: str) -> str:
    """The heading for a prelude file, from its header line
    `;;; NAME -- what it holds`."""
    header = []
    with open(os.path.join(PRELUDE_DIR, fname), encoding="utf-8") as f:
        for line in f:
            text = line.strip().lstrip(";").strip()
            if not line.startswith(";;;") or not text:
                break
            header.append(text)
    first = " ".join(header)
    what = first.split("--", 1)[1] if "--" in first else first
    what = what.split(".")[0].split(":")[0].strip()
    return f"In Elle: {what} (`prelude/{fname}`)"


def collect():
    """(sections, syntax): sections maps a heading to rows (name, arity,
    origin, description); syntax is the rows of the syntactic keywords."""
    from .api import Interpreter
    from .environment import UNBOUND
    from .expander.syntax import BUILTINS
    from .primitives import PRIMITIVES
    from .values import Parameter, Primitive, Procedure
    interp = Interpreter(jit=False)
    prelude = prelude_definitions()
    sections: dict = {}

    def add(section, name, arity, description):
        sections.setdefault(section, []).append(
            (name, arity, origin(name), SUMMARIES.get(name) or description or ""))

    for sym, cell in interp.globals.cells.items():
        name, value = sym.name, cell.value
        if value is UNBOUND or name.startswith("%"):
            continue
        prim = PRIMITIVES.get(name)
        if name in prelude:
            fname, arity, comment, _ = prelude[name]
            if arity is None and isinstance(value, Procedure) and hasattr(value, "code"):
                arity = (value.code.nparams, None if value.code.rest else value.code.nparams)
            add(section_of_prelude(fname), name,
                arity_text(*arity) if arity else "", comment)
        elif isinstance(value, Parameter):
            add("Parameters", name, "0", "")
        elif isinstance(value, Primitive):
            doc = first_paragraph(value.fn.__doc__)
            arity = arity_text(value.min_args, value.max_args)
            if prim is value:
                add(section_of_module(value.fn.__module__), name, arity, doc)
            else:
                add("The interpreter's procedures (`evaluation.py`, `jit/primitives.py`)",
                    name, arity, doc)
        else:
            add("Variables", name, "", "")
    syntax = []
    for sym in BUILTINS:
        syntax.append((sym.name, "", origin(sym.name), SUMMARIES.get(sym.name, "")))
    for name, (fname, _, comment, is_syntax) in prelude.items():
        if is_syntax:
            syntax.append((name, "", origin(name), comment or SUMMARIES.get(name, "")))
    return sections, sorted(syntax), interp


def missing_r7rs(interp) -> list:
    """R7RS-small names that are neither bound nor syntax in a fresh interpreter."""
    from .environment import UNBOUND
    from .expander.syntax import BUILTINS
    bound = {s.name for s, c in interp.globals.cells.items() if c.value is not UNBOUND}
    bound |= {s.name for s in BUILTINS}
    bound |= {s.name for s in interp.expander.program_scope.table}
    aux = {"else", "=>", "unquote", "unquote-splicing", "_", "..."}   # auxiliary syntax
    out = []
    for lib, names in R7RS_LIBRARIES.items():
        out += [(lib, n) for n in names if n not in bound and n not in aux]
    return out


# -- writing ---------------------------------------------------------------------------------

def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    sections, syntax, interp = collect()
    total = sum(len(rows) for rows in sections.values())
    out = ["# Procedure index", "",
           "<!-- Generated by `python -m elle.docs` from the primitive declarations",
           "     (src/elle/primitives/), the interpreter's procedures and the prelude",
           "     (src/elle/prelude/). Do not edit: tests/test_docs.py fails when it is stale. -->",
           "",
           f"{total} procedures and variables and {len(syntax)} syntactic keywords, every",
           "name a program starts with. *Arity* is the number of arguments (`1-2`: one or",
           "two, `2+`: two or more); *from* is where the name is specified: an R7RS-small",
           "library, a SRFI, or Elle itself. All of them are always visible: `(import",
           "(scheme base))` and the other built-in libraries bind nothing new",
           "(see [the language reference](reference.md#libraries)).",
           ""]
    out += ["## Contents", ""]
    headings = ["Syntax"] + sorted(sections, key=section_order)
    for h in headings:
        out.append(f"- [{h.split(' (')[0]}](#{anchor(h)})")
    out += ["- [R7RS-small names not provided](#r7rs-small-names-not-provided)", ""]
    out += ["## Syntax", "", "| keyword | from | description |", "|---|---|---|"]
    for name, _, org, desc in syntax:
        out.append(f"| `{cell(name)}` | {org} | {cell(desc)} |")
    out.append("")
    for h in headings[1:]:
        out += [f"## {h}", "", "| name | arity | from | description |", "|---|---|---|---|"]
        for name, arity, org, desc in sorted(sections[h]):
            out.append(f"| `{cell(name)}` | {arity} | {org} | {cell(desc)} |")
        out.append("")
    missing = missing_r7rs(interp)
    out += ["## R7RS-small names not provided", ""]
    if missing:
        out += [f"- `{n}` (scheme {lib})" for lib, n in missing]
    else:
        out.append("None: every name exported by the R7RS-small libraries is bound.")
    out.append("")
    return "\n".join(out)


def section_order(heading: str):
    """Primitive modules by title, then the parameters and variables, the
    interpreter's procedures, and the prelude files in load order."""
    prelude = heading.startswith("In Elle")
    return (prelude, heading.startswith("The interpreter"),
            heading in ("Parameters", "Variables"),
            heading.rsplit("`prelude/", 1)[-1] if prelude else heading)


def anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    keep = []
    for ch in heading.lower():
        if ch.isalnum() or ch in "-_":
            keep.append(ch)
        elif ch == " ":
            keep.append("-")
    return "".join(keep)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        try:
            with open(INDEX_PATH, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print(f"{INDEX_PATH} is stale: run `python -m elle.docs`", file=sys.stderr)
            return 1
        return 0
    with open(INDEX_PATH, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {INDEX_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
