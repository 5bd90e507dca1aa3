"""Libraries and conditional expansion: `import`, `define-library`,
`include`, `cond-expand`.

**Owns:** the feature list `cond-expand` tests, which library names are
built in (`(scheme ...)`, `(srfi ...)`, `(elle ...)`: always available,
importing them does nothing), finding and loading a user library's file
(`NAME.sld` or `NAME.scm` next to the importing file or in the current
directory), and the `TOPLEVEL_FORMS` the engine dispatches to.
**Does not touch:** the global namespace itself: every library defines its
names in the interpreter's one toplevel (R7RS allows this reading when
libraries do not conflict); `(rename a b)` on export and `prefix`/`rename`
on import bind the new name to the old name's value.
"""

from __future__ import annotations

import os

from ..core import Const, GlobalDefine, GlobalRef, Seq
from ..datum import MString, Pair, Symbol
from ..errors import register_source
from ..values import unspecified
from .syntax import base_symbol, builtin_macro, is_identifier, parse_list, special

FEATURES = frozenset(["r7rs", "elle", "full-unicode", "ratios", "exact-closed"])
BUILTIN_LIBRARY_ROOTS = frozenset(["scheme", "srfi", "elle"])


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
    if type(name_datum) is not MString:
        ex.error(f"{who}: expected a file name string", form)
    path = resolve_path(ex, name_datum.s)
    if path is None:
        ex.error(f"{who}: cannot find file \"{name_datum.s}\"", form)
    from ..reader import read_all
    with open(path, encoding="utf-8") as f:
        text = f.read()
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

def parse_import_set(ex, spec):
    """(library key, [(old symbol, new symbol)]) of one import set, loading
    the library first if needed (so `prefix` knows its exports); `only` and
    `except` do not restrict the single namespace."""
    items = parse_list(spec, "import", spec, 1, shape="an import set")
    op = base_symbol(items[0]).name if is_identifier(items[0]) else None
    if op in ("only", "except", "prefix", "rename") and len(items) >= 2 and type(items[1]) is Pair:
        key, renames = parse_import_set(ex, items[1])
        if op == "prefix":
            if len(items) != 3 or not is_identifier(items[2]):
                ex.error("import: bad prefix clause", spec)
            prefix = base_symbol(items[2]).name
            exports = ex.libraries.get(key) or []
            return key, renames + [(e, Symbol(prefix + e.name)) for e in exports]
        if op == "rename":
            for r in items[2:]:
                pair = parse_list(r, "import", r, 2, 2, shape="(old new)")
                renames.append((base_symbol(pair[0]), base_symbol(pair[1])))
        return key, renames
    key = library_key(ex, spec, spec)
    ensure_library(ex, key, spec)
    return key, []


def find_library_file(ex, key) -> str | None:
    stem = os.path.join(*key)
    for ext in (".sld", ".scm"):
        path = resolve_path(ex, stem + ext)
        if path is not None:
            return path
    return None


def ensure_library(ex, key, form) -> None:
    """Load a user library's file the first time it is imported."""
    if library_available(ex, key):
        return
    path = find_library_file(ex, key)
    if path is None:
        ex.error(f"import: library ({' '.join(key)}) not found", form)
    ex.libraries.setdefault(key, [])  # a file without define-library still counts
    saved = ex.loc
    try:
        ex.interp.load(path)
    except OSError as e:
        ex.error(f"import: cannot load {path}: {e.strerror}", form)
    finally:
        ex.loc = saved


def alias_nodes(renames, loc):
    return [GlobalDefine(new, GlobalRef(old, loc), loc) for old, new in renames if old is not new]


def expand_import(ex, form):
    loc = ex.loc
    nodes = []
    for spec in parse_list(form.cdr, "import", form):
        _, renames = parse_import_set(ex, spec)
        for _, new in renames:
            ex.define_global(new)
        nodes.extend(alias_nodes(renames, loc))
    if not nodes:
        return Const(unspecified, loc)
    return nodes[0] if len(nodes) == 1 else Seq(nodes + [Const(unspecified, loc)], loc)


# -- define-library -----------------------------------------------------------------

def expand_define_library(ex, form):
    items = parse_list(form, "define-library", form, 2, shape="(define-library name declaration ...)")
    key = library_key(ex, items[1], form)
    exports, renames = [], []
    ex.libraries[key] = exports
    loc = ex.loc
    nodes = []
    pending = list(reversed(items[2:]))
    while pending:
        decl = pending.pop()
        parts = parse_list(decl, "define-library", decl, 1, shape="a library declaration")
        op = base_symbol(parts[0]).name if is_identifier(parts[0]) else None
        saved = ex.at(decl)
        if op == "export":
            for spec in parts[1:]:
                if is_identifier(spec):
                    exports.append(base_symbol(spec))
                    continue
                r = parse_list(spec, "export", spec, 3, 3, shape="(rename internal external)")
                renames.append((base_symbol(r[1]), base_symbol(r[2])))
                exports.append(base_symbol(r[2]))
        elif op == "import":
            nodes.append(expand_import(ex, decl))
        elif op == "begin":
            nodes.extend(ex.toplevel_form(f) for f in parts[1:])
        elif op in ("include", "include-ci"):
            for n in parts[1:]:
                nodes.extend(ex.toplevel_form(f) for f in read_file_forms(ex, n, decl, op))
        elif op == "include-library-declarations":
            for n in parts[1:]:
                pending.extend(reversed(read_file_forms(ex, n, decl, op)))
        elif op == "cond-expand":
            pending.extend(reversed(chosen_clause(ex, decl)))
        else:
            ex.error("define-library: unknown declaration", decl)
        ex.loc = saved
    for _, new in renames:
        ex.define_global(new)
    nodes.extend(alias_nodes(renames, loc))
    nodes.append(Const(unspecified, loc))
    return Seq(nodes, loc)


TOPLEVEL_FORMS = {"import": expand_import, "define-library": expand_define_library}


@special("import", "define-library")
def expand_toplevel_only(ex, form, scope):
    ex.error(f"{base_symbol(form.car).name}: only allowed at toplevel", form)
