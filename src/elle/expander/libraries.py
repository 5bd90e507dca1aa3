"""Libraries and conditional expansion: `import`, `define-library`,
`include`, `cond-expand`.

**Owns:** the feature list `cond-expand` tests, which library names are
built in (`(scheme ...)`, `(srfi ...)`, `(elle ...)`: always available,
importing them does nothing), finding and loading a user library's file
(`NAME.sld` or `NAME.scm` next to the importing file or in the current
directory), and the `TOPLEVEL_FORMS` the engine dispatches to.
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
BUILTIN_LIBRARY_ROOTS = frozenset(["scheme", "srfi", "elle"])
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
    return key[0] in BUILTIN_LIBRARY_ROOTS or key in ex.libraries


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
        builtin = key[0] in BUILTIN_LIBRARY_ROOTS and key not in BUILTIN_EXPORTS
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


def find_library_file(ex, key) -> str | None:
    stem = os.path.join(*key)
    for ext in (".sld", ".scm"):
        path = resolve_path(ex, stem + ext)
        if path is not None:
            return path
    return None


def ensure_library(ex, key, form) -> None:
    """Load a user library's file the first time it is imported. The file
    is loaded at the program's toplevel (a file that is not a
    `define-library` defines its names there, and exports nothing)."""
    if library_available(ex, key):
        return
    check_interp(ex.interp, f"importing ({' '.join(key)}) from a file")
    path = find_library_file(ex, key)
    if path is None:
        ex.error(f"import: library ({' '.join(key)}) not found", form)
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
