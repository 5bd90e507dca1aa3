"""Libraries and conditional expansion: `import`, `define-library`,
`include`, `cond-expand`.

**Owns:** the feature list `cond-expand` tests, which library names are
built in (`BUILTIN_LIBRARIES`: the R7RS-small libraries, the SRFIs Elle
provides and `(elle core)`; always available, importing them binds
nothing), finding and loading a user library's file, and the
`TOPLEVEL_FORMS` the engine dispatches to.
Library files: `(import (foo bar))` loads `foo/bar.sld` (else
`foo/bar.scm`) from the first directory of the search path that has it:
the importing file's directory, the roots of the libraries loaded so far
(so a library in an `-I` directory finds its siblings), the configured
library path (`-I DIR` options, then `ELLE_PATH`, then the program's
directory; `Config.library_path`), then the current directory. A library
found nowhere is a syntax error listing every directory searched.
Namespaces: a `define-library` body is expanded in a toplevel scope of its
own; its definitions are globals named `name@(lib name)` that nothing else
can spell, so two libraries may use the same private names. An import
binds names in the importer's scope (the program's, or another
library's) to the library's bindings -- variables by name, macros by
value -- after `only`, `except`, `prefix` and `rename`; no value is
copied. The names of the built-in libraries (`(scheme base)` ...) are
always visible and importing them binds nothing.
"""

from __future__ import annotations

import os

from ..core import Const, Seq
from ..datum import MString, Pair, Symbol
from ..errors import register_source
from ..sandbox import check_interp
from ..values import unspecified
from .syntax import Scope, base_symbol, builtin_macro, is_identifier, parse_list, special, strip

FEATURES = frozenset(["r7rs", "elle", "full-unicode", "ratios", "exact-closed"])
# The built-in libraries: R7RS-small's, the SRFIs whose procedures Elle has
# (1 lists, 6 string ports, 9 records, 23 error, 27 random, 28 format,
# 34 exceptions, 39 parameters, 69 hash tables, 95 and 132 sorting: some
# in part; docs/reference.md says which), and Elle's own.
R7RS_LIBRARIES = ("base", "case-lambda", "char", "complex", "cxr", "eval", "file",
                  "inexact", "lazy", "load", "process-context", "read", "repl",
                  "time", "write", "r5rs")
BUILTIN_SRFIS = (1, 6, 9, 23, 27, 28, 34, 39, 69, 95, 132)
BUILTIN_LIBRARIES = frozenset(
    [("scheme", n) for n in R7RS_LIBRARIES]
    + [("srfi", str(n)) for n in BUILTIN_SRFIS]
    + [("elle", "core")])
# Built-in libraries whose export list is known, so that `only`, `except`,
# `prefix` and `rename` of them bind names (R7RS appendix A). The others
# bind nothing: their names are always visible.
BUILTIN_EXPORTS = {
    ("scheme", "complex"): ("angle", "imag-part", "magnitude", "make-polar",
                            "make-rectangular", "real-part"),
}


def library_key(ex, name, form):
    """A library name `(foo bar 1)` as the tuple ('foo', 'bar', '1')."""
    parts = parse_list(name, "import", form, 1, shape="a library name (identifier ...)")
    key = []
    for p in parts:
        if is_identifier(p):
            key.append(base_symbol(p).name)
        elif type(p) is int and p >= 0:
            key.append(str(p))
        else:
            ex.error("bad library name", name)
    return tuple(key)


def library_available(ex, key) -> bool:
    return key in BUILTIN_LIBRARIES or key in ex.libraries


# -- cond-expand ----------------------------------------------------------------

def feature_holds(ex, req) -> bool:
    """R7RS 4.2.1 feature requirements: identifiers, `library`, and/or/not."""
    if is_identifier(req):
        return base_symbol(req).name in FEATURES or base_symbol(req).name == "else"
    items = parse_list(req, "cond-expand", req, 1, shape="a feature requirement")
    op = base_symbol(items[0]).name if is_identifier(items[0]) else None
    if op == "and":
        return all(feature_holds(ex, r) for r in items[1:])
    if op == "or":
        return any(feature_holds(ex, r) for r in items[1:])
    if op == "not" and len(items) == 2:
        return not feature_holds(ex, items[1])
    if op == "library" and len(items) == 2:
        return library_available(ex, library_key(ex, items[1], req))
    ex.error("cond-expand: bad feature requirement", req)


def chosen_clause(ex, form):
    """The body of the first cond-expand clause whose requirement holds."""
    for clause in parse_list(form.cdr, "cond-expand", form):
        items = parse_list(clause, "cond-expand", clause, 1, shape="(requirement body ...)")
        if feature_holds(ex, items[0]):
            return items[1:]
    return []


@builtin_macro("cond-expand")
def expand_cond_expand(ex, form, scope):
    b = ex.builder()
    return b.L(b.id("begin"), *chosen_clause(ex, form))


# -- include ---------------------------------------------------------------------

def resolve_path(ex, filename: str) -> str | None:
    """`filename` relative to the including file's directory, else the
    current directory; None if it exists in neither."""
    candidates = [filename]
    here = getattr(ex.loc, "file", None)
    if here and not os.path.isabs(filename) and os.path.exists(here):
        candidates.insert(0, os.path.join(os.path.dirname(here), filename))
    for c in candidates:
        if os.path.isfile(c):
            return c
    return None


def read_file_forms(ex, name_datum, form, who):
    check_interp(ex.interp, who)
    if type(name_datum) is not MString:
        ex.error(f"{who}: expected a file name string", form)
    path = resolve_path(ex, name_datum.s)
    if path is None:
        ex.error(f"{who}: cannot find file \"{name_datum.s}\"", form)
    from ..reader import read_all
    from ..sourcefile import read_source
    text = read_source(path, who)
    register_source(path, text)
    return read_all(text, path)


@builtin_macro("include", "include-ci")
def expand_include(ex, form, scope):
    who = base_symbol(form.car).name
    names = parse_list(form.cdr, who, form)
    if not names:
        ex.error(f"{who}: expected file names", form)
    forms = []
    for n in names:
        forms.extend(read_file_forms(ex, n, form, who))
    b = ex.builder()
    return b.L(b.id("begin"), *forms)


# -- import ----------------------------------------------------------------------

def private_name(key, name: Symbol) -> Symbol:
    """The global variable behind library `key`'s definition of `name`."""
    return Symbol(f"{name.name}@({' '.join(key)})")


def parse_import_set(ex, spec):
    """(library key, {name in the importer: binding}) for one import set,
    loading the library first if needed. A binding is what the library's own scope
    maps the exported name to: its private global (a Symbol), a macro, or
    a builtin. Built-in libraries bind nothing (their names are always
    visible), so `only`, `except`, `prefix` and `rename` of them are no-ops,
    except for those in `BUILTIN_EXPORTS`, which bind their exports to the
    globals of the same name."""
    items = parse_list(spec, "import", spec, 1, shape="an import set")
    op = base_symbol(items[0]).name if is_identifier(items[0]) else None
    if op in ("only", "except", "prefix", "rename") and len(items) >= 2 and type(items[1]) is Pair:
        key, inner = parse_import_set(ex, items[1])
        if op == "prefix":
            if len(items) != 3 or not is_identifier(items[2]):
                ex.error("import: bad prefix clause", spec)
            prefix = base_symbol(items[2]).name
            return key, {Symbol(prefix + k.name): v for k, v in inner.items()}
        names = []
        for x in items[2:]:
            if op == "rename":
                pair = parse_list(x, "import", x, 2, 2, shape="(old new)")
                if not all(is_identifier(p) for p in pair):
                    ex.error("import: bad rename clause", x)
                names.append((base_symbol(pair[0]), base_symbol(pair[1])))
            elif is_identifier(x):
                names.append((base_symbol(x), None))
            else:
                ex.error(f"import: bad {op} clause", x)
        builtin = key in BUILTIN_LIBRARIES and key not in BUILTIN_EXPORTS
        for old, _ in names:
            if old not in inner and not builtin:
                ex.error(f"import: {old.name} is not exported by {import_set_name(items[1])}", spec)
        if op == "only":
            return key, {old: inner[old] for old, _ in names if old in inner}
        if op == "except":
            drop = {old for old, _ in names}
            return key, {k: v for k, v in inner.items() if k not in drop}
        renamed = dict(inner)
        for old, new in names:
            if old in renamed:
                renamed[new] = renamed.pop(old)
        return key, renamed
    key = library_key(ex, spec, spec)
    if key in BUILTIN_EXPORTS:
        return key, {Symbol(n): Symbol(n) for n in BUILTIN_EXPORTS[key]}
    ensure_library(ex, key, spec)
    return key, dict(ex.libraries.get(key, {}))


def import_set_name(spec) -> str:
    from ..printer import write_string
    return write_string(strip(spec))


def library_search_dirs(ex) -> list:
    """The directories searched for library files, in order, without repeats."""
    dirs = []
    here = getattr(ex.loc, "file", None)
    if here and os.path.isfile(here):
        dirs.append(os.path.dirname(os.path.abspath(here)))
    dirs.extend(ex.library_roots)
    dirs.extend(getattr(ex.interp.config, "library_path", ()) or ())
    dirs.append(os.getcwd())
    seen = set()
    return [d for d in dirs if not (d in seen or seen.add(d))]


def find_library_file(ex, key) -> str | None:
    stem = os.path.join(*key)
    for d in library_search_dirs(ex):
        for ext in (".sld", ".scm"):
            path = os.path.join(d, stem + ext)
            if os.path.isfile(path):
                return path
    return None


def not_found_message(ex, key) -> str:
    """What `import` says of a library it cannot find: which built-in
    libraries there are under that name's first part, and every directory
    searched for its file."""
    name = f"({' '.join(key)})"
    builtin = sorted(" ".join(k[1:]) for k in BUILTIN_LIBRARIES if k[0] == key[0])
    if key[0] == "srfi":
        builtin.sort(key=lambda n: int(n) if n.isdigit() else 0)
    if builtin:
        where = f"it is not built in (built in: ({key[0]} X) for X in {', '.join(builtin)})"
    else:
        where = "it is not built in"
    stem = os.path.join(*key)
    dirs = library_search_dirs(ex)
    return (f"import: library {name} not found: {where}, and no {stem}.sld or "
            f"{stem}.scm is in {', '.join(dirs)} "
            "(add directories with -I DIR or ELLE_PATH)")


def ensure_library(ex, key, form) -> None:
    """Load a user library's file the first time it is imported. The file
    is loaded at the program's toplevel (a file that is not a
    `define-library` defines its names there, and exports nothing)."""
    if library_available(ex, key):
        return
    check_interp(ex.interp, f"importing ({' '.join(key)}) from a file")
    path = find_library_file(ex, key)
    if path is None:
        ex.error(not_found_message(ex, key), form)
    root = os.path.abspath(path)
    for _ in key:
        root = os.path.dirname(root)
    if root not in ex.library_roots:
        ex.library_roots.append(root)
    ex.libraries.setdefault(key, {})
    saved, saved_top = ex.loc, ex.toplevel
    ex.toplevel = ex.program_scope
    try:
        ex.interp.load(path)
    except OSError as e:
        ex.error(f"import: cannot load {path}: {e.strerror}", form)
    finally:
        ex.loc, ex.toplevel = saved, saved_top


def expand_import(ex, form):
    """Bind each imported name in the current toplevel scope (the program's
    or a library's) to the exporting library's binding: the same variable,
    not a copy, so later `set!`s in the library are seen."""
    table = ex.toplevel.table
    for spec in parse_list(form.cdr, "import", form):
        for name, binding in parse_import_set(ex, spec)[1].items():
            table[name] = binding
    return Const(unspecified, ex.loc)


# -- define-library -----------------------------------------------------------------

def expand_define_library(ex, form):
    """Expand the library's body in a fresh toplevel scope of its own: its
    definitions become globals `name@(lib name)` that only the scope (and
    importers of its exports) can name; unbound names fall back to builtins
    and program globals."""
    items = parse_list(form, "define-library", form, 2, shape="(define-library name declaration ...)")
    key = library_key(ex, items[1], form)
    exports = ex.libraries[key] = {}
    specs = []          # (internal, external, form)
    body = []           # the forms of its begin and include declarations, in order
    loc = ex.loc
    nodes = []
    pending = list(reversed(items[2:]))
    saved_top = ex.toplevel
    scope = ex.toplevel = Scope(None, "toplevel", library=key)
    try:
        while pending:
            decl = pending.pop()
            parts = parse_list(decl, "define-library", decl, 1, shape="a library declaration")
            op = base_symbol(parts[0]).name if is_identifier(parts[0]) else None
            saved = ex.at(decl)
            if op == "export":
                for spec in parts[1:]:
                    if is_identifier(spec):
                        specs.append((base_symbol(spec), base_symbol(spec), spec))
                        continue
                    r = parse_list(spec, "export", spec, 3, 3, shape="(rename internal external)")
                    specs.append((base_symbol(r[1]), base_symbol(r[2]), spec))
            elif op == "import":
                nodes.append(expand_import(ex, decl))
            elif op == "begin":
                body.extend(parts[1:])
            elif op in ("include", "include-ci"):
                for n in parts[1:]:
                    body.extend(read_file_forms(ex, n, decl, op))
            elif op == "include-library-declarations":
                for n in parts[1:]:
                    pending.extend(reversed(read_file_forms(ex, n, decl, op)))
            elif op == "cond-expand":
                pending.extend(reversed(chosen_clause(ex, decl)))
            else:
                ex.error("define-library: unknown declaration", decl)
            ex.loc = saved
        nodes.extend(expand_library_body(ex, body))
        for internal, external, _ in specs:
            exports[external] = ex.resolve(internal, scope)
    finally:
        ex.toplevel = saved_top
    nodes.append(Const(unspecified, loc))
    return Seq(nodes, loc)


def expand_library_body(ex, forms) -> list:
    """The library's body forms expanded in order, after a first pass that
    binds every name they define (also through `begin` and macro uses) in
    the library scope, so that a procedure may refer to one defined after
    it, as at the program's toplevel. Macro definitions take effect in the
    first pass, where later forms may use them."""
    from .engine import DEFINE
    exposed = []
    for f, b in ex.body_forms(forms, ex.toplevel, base_symbol):
        if b is DEFINE:
            ex.global_name(ex.parse_define(f)[0])
        exposed.append(f)
    return [ex.toplevel_form(f) for f in exposed]


TOPLEVEL_FORMS = {"import": expand_import, "define-library": expand_define_library}


@special("import", "define-library")
def expand_toplevel_only(ex, form, scope):
    ex.error(f"{base_symbol(form.car).name}: only allowed at toplevel", form)
