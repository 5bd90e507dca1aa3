"""The expander proper: datums in, core AST out.

**Owns:** `Expander` -- identifier resolution through the scope chain,
the expansion loop (special forms, macro uses, calls, constants), bodies
with internal definitions (letrec* semantics), the toplevel (definitions,
macro definitions, `begin` splicing) and the toplevel macro table.
**Does not touch:** what each special form means (`expander.forms`,
`expander.rewrites`, `expander.libraries`), pattern matching
(`expander.syntax_rules`), compiling or running code (it asks
`interp.eval_core` / `interp.vm.apply` only to run `define-macro`
transformers).

Resolution: an identifier is looked up in the local scopes from the
innermost out; an Alias not bound there is looked up again as its `name` in
the scope its macro was defined in (see `expander.syntax`). At a root scope
the answer is a toplevel macro, a builtin keyword, or else the global
variable of that name (a plain `Symbol`). A toplevel `define` of a name hides
a builtin keyword from then on by binding the name to itself (a global).

A toplevel `define` of an identifier a macro introduced (an Alias) defines a
fresh global instead (`tmp.17`), bound to that Alias in the toplevel table:
it never overwrites a user's global of the same name, and two uses of one
macro get two variables (as in Chez Scheme and Racket). Such Aliases are
bound before a `begin`'s forms are expanded, so introduced definitions may
refer to each other in any order.
"""

from __future__ import annotations

from .. import core
from ..core import Call, Const, GlobalDefine, GlobalRef, Lambda, Letrec, LocalRef, Seq, Var
from ..datum import Pair, Symbol, nil
from ..errors import name_loc, syntax_error
from ..values import Procedure, unspecified
from .syntax import (BUILTINS, Alias, Builder, Macro, Scope, Special, base_symbol,
                     is_identifier, list_cells, parse_list, strip)
from . import forms, rewrites, libraries  # noqa: F401  (they fill BUILTINS)
from .syntax_rules import SyntaxRules

_S = Symbol
# A macro use expanding into another use at the same place, this many times
# in a row, is a macro that expands into itself for ever, `(m) => (m)`:
# an error, not a hang. (Continuation-passing syntax-rules macros take one
# step per element they walk; nothing real comes near this.)
MAX_EXPANSIONS_IN_PLACE = 100_000
DEFINE = BUILTINS[_S("define")]
BEGIN = BUILTINS[_S("begin")]
DEFINE_SYNTAX = BUILTINS[_S("define-syntax")]
DEFINE_MACRO = BUILTINS[_S("define-macro")]
SYNTAX_RULES = BUILTINS[_S("syntax-rules")]


class DefineMacro(Macro):
    """A non-hygienic `define-macro` transformer: an Elle procedure called
    on the (alias-stripped) argument datums of each use."""

    __slots__ = ("name", "proc", "interp")

    def __init__(self, name: str, proc, interp):
        self.name = name
        self.proc = proc
        self.interp = interp

    def transform(self, expander, form, scope):
        cells, _ = list_cells(form.cdr)
        args = [strip(c.car) for c in cells]
        return self.interp.vm.apply(self.proc, args)


class Expander:
    """Expands toplevel datums of one interpreter into core trees."""

    def __init__(self, interp):
        self.interp = interp
        self.builtin_scope = Scope(None, "builtin")
        self.toplevel = Scope(None, "toplevel")   # Symbol -> Macro | Symbol
        self.program_scope = self.toplevel         # self.toplevel while no library is expanded
        self.libraries = {}                         # library name tuple -> {export: binding}
        self.library_roots = []                     # where loaded library files' names start
        self.loc = None                             # nearest located form being expanded

    # -- resolution ---------------------------------------------------------

    def resolve(self, ident, scope: Scope):
        """The binding of `ident` seen from `scope`: a core.Var, a Special,
        a Macro, or the Symbol of a global variable."""
        while True:
            s = scope
            while s.kind == "local":
                b = s.table.get(ident)
                if b is not None:
                    return b
                s = s.parent
            if type(ident) is Alias:
                if s.kind == "toplevel":
                    b = s.table.get(ident)      # an introduced toplevel definition
                    if b is not None:
                        return b
                ident, scope = ident.name, ident.env
                continue
            if s.kind == "toplevel":
                b = s.table.get(ident)
                if b is not None:
                    return b
            return BUILTINS.get(ident, ident)

    def same_binding(self, a, a_scope, b, b_scope) -> bool:
        """free-identifier=?: both identifiers mean the same thing."""
        return self.resolve(a, a_scope) is self.resolve(b, b_scope)

    def is_keyword(self, x, scope, name: str) -> bool:
        """`x` means what the builtin identifier `name` means (e.g. `else`,
        `=>`, `unquote`, `quasiquote`), as R7RS auxiliary syntax is matched:
        a local binding of the name hides the keyword."""
        sym = _S(name)
        return is_identifier(x) and self.resolve(x, scope) is BUILTINS.get(sym, sym)

    def head_binding(self, x, scope):
        """The binding of the head identifier of form `x`, or None."""
        if type(x) is Pair and is_identifier(x.car):
            return self.resolve(x.car, scope)
        return None

    # -- errors and locations ------------------------------------------------

    def error(self, message: str, form=None, at=None):
        """Raise a syntax error at `form` (or the nearest enclosing located
        form); `form` is the part that is wrong and is shown after the
        message (cut to the error print width). With `at`, the error is at
        that form's location and nothing is shown: for a message that says
        all, about a form that may be long (a whole definition)."""
        loc = getattr(form, "loc", None) or getattr(at, "loc", None) or self.loc
        syntax_error(message, None if form is None else strip(form), loc=loc)

    def at(self, form):
        """Enter `form`: returns the previous location, to pass to `leave`."""
        saved = self.loc
        if type(form) is Pair and form.loc is not None:
            self.loc = form.loc
        return saved

    def builder(self) -> Builder:
        return Builder(self, self.loc)

    # -- expressions --------------------------------------------------------

    def expand(self, x, scope: Scope) -> core.Node:
        """Expand one expression `x` in `scope` into a core node."""
        t = type(x)
        if t is Symbol or t is Alias:
            return self.expand_identifier(x, scope)
        if t is Pair:
            saved = self.at(x)
            try:
                return self.expand_pair(x, scope)
            finally:
                self.loc = saved
        if x is nil:
            self.error("missing procedure expression in ()", x)
        return Const(strip(x) if t is list else x, self.loc)

    def expand_identifier(self, x, scope) -> core.Node:
        b = self.resolve(x, scope)
        if type(b) is Var:
            return LocalRef(b, self.loc)
        if type(b) is Symbol:
            return GlobalRef(b, self.loc)
        self.error(f"{base_symbol(x).name}: invalid use of syntax keyword", x)

    def expand_pair(self, x, scope) -> core.Node:
        use, steps = x, 0
        while type(x) is Pair:
            b = self.head_binding(x, scope)
            if type(b) is Special:
                return b.handler(self, x, scope)
            if not isinstance(b, Macro):
                return self.expand_call(x, scope)
            steps += 1
            x = self.transform_use(b, x, scope, use, steps)
            if type(x) is Pair and x.loc is not None:
                self.loc = x.loc
        return self.expand(x, scope)

    def expand_call(self, x, scope) -> core.Node:
        items = parse_list(x, "call", x, shape="a proper list (procedure argument ...)")
        loc = self.loc
        fn = self.expand(items[0], scope)
        if type(fn) is GlobalRef and type(items[0]) is Symbol:
            # The callee's own location (the list's first cell has the '('),
            # so an unbound-variable caret sits under the name.
            fn.loc = name_loc(x.loc, items[0].name, True) or loc
        args = []
        cell = x.cdr
        for a in items[1:]:          # a loop, not a comprehension: one Python frame less per nesting level
            node = self.expand(a, scope)
            if type(node) is GlobalRef and type(a) is Symbol and cell.loc is not None:
                node.loc = name_loc(cell.loc, a.name, False) or node.loc
            args.append(node)
            cell = cell.cdr
        return Call(fn, args, loc)

    def expand_seq(self, forms, scope) -> core.Node:
        """`begin` in expression context: each form an expression."""
        if not forms:
            return Const(unspecified, self.loc)
        nodes = [self.expand(f, scope) for f in forms]
        return nodes[0] if len(nodes) == 1 else Seq(nodes, self.loc)

    def expand_named(self, x, scope, name) -> core.Node:
        """Expand `x`; a lambda it produces is named `name` for backtraces."""
        node = self.expand(x, scope)
        if name is None:
            return node
        if type(node) is Lambda and node.name is None:
            node.name = base_symbol(name).name
        else:
            dispatch = forms.case_lambda_dispatcher(node)
            if dispatch is not None and dispatch.name is None:
                dispatch.name = base_symbol(name).name
                for clause, _ in dispatch.cases:        # each clause's frames carry the name
                    clause.name = clause.name or dispatch.name
        return node

    # -- bodies ---------------------------------------------------------------

    def expand_body(self, forms, scope: Scope, form, who: str = "body") -> core.Node:
        """A body: definitions (also spliced from `begin` and from macro uses)
        then expressions, as one letrec* (R7RS 5.3.2). An expression that
        comes before a later definition is evaluated in order as a dummy
        binding, which is the letrec* reading of mixed bodies."""
        if not forms:
            self.error(f"{who}: empty body", at=form)
        body_scope = Scope(scope)
        items = []     # (Var | None, datum or None, located form)
        for f, b in self.body_forms(forms, body_scope):
            if b is DEFINE:
                name, rhs = self.parse_define(f)
                if name in body_scope.table:
                    self.error(f"define: duplicate definition of {base_symbol(name).name}", at=f)
                var = Var(base_symbol(name))
                body_scope.bind(name, var)
                items.append((var, rhs, f))
            else:
                items.append((None, f, f))
        return self.build_body(items, body_scope, form, who)

    def body_forms(self, forms, scope: Scope, macro_key=lambda name: name):
        """Yield (form, head binding) for each form of a body in order, with
        `begin`s spliced and macro uses at the head expanded. Macro
        definitions are not yielded: each is bound in `scope` (under
        `macro_key(name)`) at once, so the forms after it may use it. While
        the consumer looks at a form, `self.loc` is that form's location."""
        pending = list(reversed(forms))
        while pending:
            f = pending.pop()
            saved = self.at(f)
            try:
                f, b = self.expose_head(f, scope)
                if b is BEGIN:
                    pending.extend(reversed(parse_list(f.cdr, "begin", f)))
                elif b is DEFINE_SYNTAX:
                    name, macro = self.parse_define_syntax(f, scope)
                    scope.bind(macro_key(name), macro)
                elif b is DEFINE_MACRO:
                    name, macro = self.parse_define_macro(f)
                    scope.bind(macro_key(name), macro)
                else:
                    yield f, b
            finally:
                self.loc = saved

    def build_body(self, items, body_scope, form, who) -> core.Node:
        last_def = max((i for i, it in enumerate(items) if it[0] is not None), default=-1)
        exprs = items[last_def + 1:]
        if not exprs:
            self.error(f"{who}: no expression after the definitions", at=form)
        loc = self.loc
        vars, inits = [], []
        for var, datum, f in items[:last_def + 1]:
            saved = self.at(f)
            try:
                if var is None:
                    vars.append(Var("_"))
                    inits.append(self.expand(datum, body_scope))
                else:
                    vars.append(var)
                    inits.append(Const(unspecified, self.loc) if datum is None
                                 else self.expand_named(datum, body_scope, var.name))
            finally:
                self.loc = saved
        nodes = [self.expand(d, body_scope) for _, d, _ in exprs]
        body = nodes[0] if len(nodes) == 1 else Seq(nodes, loc)
        return Letrec(vars, inits, body, loc) if vars else body

    def transform_use(self, b, x, scope, use, steps: int):
        """Macro `b`'s expansion of its use `x`, the `steps`-th use expanded
        in a row at the place of `use`: past MAX_EXPANSIONS_IN_PLACE, an
        error at `use` (a macro expanding into itself would never end)."""
        if steps > MAX_EXPANSIONS_IN_PLACE:
            self.error(f"{base_symbol(x.car).name}: macro expansion does not end "
                       f"({MAX_EXPANSIONS_IN_PLACE:,} macro uses in a row, each expanding "
                       "into the next)", use)
        return b.transform(self, x, scope)

    def expose_head(self, f, scope):
        """Expand macro uses at the head of body form `f` until its head is
        not a macro; returns (form, head binding)."""
        use, steps = f, 0
        while True:
            b = self.head_binding(f, scope)
            if not isinstance(b, Macro):
                return f, b
            steps += 1
            f = self.transform_use(b, f, scope, use, steps)
            if type(f) is Pair and f.loc is not None:
                self.loc = f.loc

    # -- definitions ----------------------------------------------------------

    def parse_define(self, f):
        """(name, value datum or None) of a `define` form, curried and
        procedure shorthands rewritten to lambdas."""
        items = parse_list(f, "define", f, 2, shape="(define name value) or (define (name . params) body ...)")
        target, body = items[1], items[2:]
        if type(target) is Pair:
            b = self.builder()
            rhs = None
            while type(target) is Pair:
                if not body:
                    head = target.car
                    named = f" {base_symbol(head).name}" if is_identifier(head) else ""
                    self.error(f"define: procedure{named} has no body", at=f)
                rhs = b.L(b.id("lambda"), target.cdr, *body)
                body = [rhs]
                target = target.car
            if not is_identifier(target):
                self.error("define: expected a name, got", target)
            return target, rhs
        if not is_identifier(target):
            self.error("define: expected a name, got", target)
        if len(body) > 1:
            self.error("define: unexpected expression after the value:", body[1])
        return target, (body[0] if body else None)

    def parse_define_syntax(self, f, scope):
        items = parse_list(f, "define-syntax", f, 3, 3, shape="(define-syntax name transformer)")
        name = items[1]
        if not is_identifier(name):
            self.error("define-syntax: expected a name", f)
        return name, self.make_transformer(items[2], scope, base_symbol(name).name)

    def make_transformer(self, spec, env: Scope, name: str):
        """The macro a transformer spec denotes: `(syntax-rules ...)` closed
        over `env`, or another keyword (which makes an alias of it)."""
        if is_identifier(spec):
            b = self.resolve(spec, env)
            if isinstance(b, (Macro, Special)):
                return b
        elif self.head_binding(spec, env) is SYNTAX_RULES:
            saved = self.at(spec)
            try:
                return SyntaxRules(self, spec, env, name)
            finally:
                self.loc = saved
        self.error("define-syntax: expected a (syntax-rules ...) transformer", spec)

    def parse_define_macro(self, f):
        """`(define-macro (name . params) body ...)` or `(define-macro name
        transformer-expression)`: the transformer is evaluated now, at toplevel."""
        items = parse_list(f, "define-macro", f, 3,
                           shape="(define-macro (name . params) body ...)")
        target = items[1]
        if type(target) is Pair:
            name = target.car
            b = self.builder()
            expr = b.L(b.id("lambda"), target.cdr, *items[2:])
        else:
            name = target
            if len(items) != 3:
                self.error("define-macro: expected (define-macro name transformer)", f)
            expr = items[2]
        if not is_identifier(name):
            self.error("define-macro: expected a name", f)
        proc = self.interp.eval_core(self.expand_named(expr, self.toplevel, name))
        if not isinstance(proc, Procedure) and not callable(proc):
            self.error("define-macro: transformer is not a procedure", f)
        return name, DefineMacro(base_symbol(name).name, proc, self.interp)

    # -- toplevel -------------------------------------------------------------

    def expand_toplevel(self, datum, loc=None) -> core.Node:
        """Expand one toplevel form (definitions allowed, `begin` spliced).
        `loc`, if given, is where the form begins: an atom has no location
        of its own, and a toplevel variable reference needs one for its
        unbound-variable error."""
        saved = self.loc
        if loc is not None:
            self.loc = loc
        try:
            return self.toplevel_form(datum)
        except RecursionError:
            self.error("expression is nested too deeply to expand", None)
        finally:
            self.loc = saved

    def toplevel_form(self, x) -> core.Node:
        top = self.toplevel
        self.at(x)
        use, steps = x, 0
        while True:
            b = self.head_binding(x, top)
            if not isinstance(b, Macro):
                break
            steps += 1
            x = self.transform_use(b, x, top, use, steps)
            self.at(x)
        if b is DEFINE:
            name, rhs = self.parse_define(x)
            sym = self.global_name(name)
            loc = self.loc
            value = (Const(unspecified, loc) if rhs is None
                     else self.expand_named(rhs, top, name if type(name) is Symbol else sym))
            return GlobalDefine(sym, value, loc)
        if b is BEGIN:
            forms = parse_list(x.cdr, "begin", x)
            if not forms:
                return Const(unspecified, self.loc)
            loc = self.loc
            for f in forms:
                self.bind_introduced_definition(f)
            nodes = []
            for f in forms:
                nodes.append(self.toplevel_form(f))
                self.loc = loc
            return nodes[0] if len(nodes) == 1 else Seq(nodes, loc)
        if b is DEFINE_SYNTAX:
            name, macro = self.parse_define_syntax(x, top)
            top.bind(base_symbol(name), macro)
            return Const(unspecified, self.loc)
        if b is DEFINE_MACRO:
            name, macro = self.parse_define_macro(x)
            top.bind(base_symbol(name), macro)
            return Const(unspecified, self.loc)
        if type(b) is Special and b.name in libraries.TOPLEVEL_FORMS:
            return libraries.TOPLEVEL_FORMS[b.name](self, x)
        return self.expand(x, top)

    def global_name(self, name) -> Symbol:
        """The global variable a toplevel `define` of identifier `name` defines
        (in a library body, the library's own variable `name@(lib name)`)."""
        table = self.toplevel.table
        if type(name) is Symbol:
            if self.toplevel.library is not None:
                sym = table[name] = libraries.private_name(self.toplevel.library, name)
                return sym
            self.define_global(name)
            return name
        sym = table.get(name)
        if type(sym) is not Symbol:
            sym = table[name] = Symbol(f"{base_symbol(name).name}.{name.mark}")
        return sym

    def bind_introduced_definition(self, form) -> None:
        """Bind the Alias a `(define alias ...)` form in a toplevel `begin`
        defines, so forms before it in the `begin` already see it."""
        if type(form) is Pair and self.head_binding(form, self.toplevel) is DEFINE:
            target = form.cdr.car if type(form.cdr) is Pair else None
            while type(target) is Pair:
                target = target.car
            if type(target) is Alias:
                self.global_name(target)

    def define_global(self, sym: Symbol) -> None:
        """A toplevel variable definition hides a macro or keyword of that name."""
        table = self.toplevel.table
        if sym in table or sym in BUILTINS:
            table[sym] = sym
