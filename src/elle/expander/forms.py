"""Special forms that expand straight into core nodes.

**Owns:** the meaning of `quote quasiquote lambda fn if set! begin let let*
letrec letrec* named-let let-values let*-values let-syntax letrec-syntax and
or when unless cond case do delay delay-force case-lambda assert
syntax-error`, and the expression-context errors of the definition forms.
Each handler is `handler(ex, form, scope) -> core.Node`, registered in
`BUILTINS` with `@special`. **Does not touch:** the expansion loop, bodies
and the toplevel (`expander.engine`); derived forms that are easier to
write as datum rewrites (`expander.rewrites`).

Derived forms here build core nodes directly: their temporaries are fresh
`core.Var`s, which no user identifier can name, so they are hygienic by
construction; runtime helpers are called as `GlobalRef`s.
"""

from __future__ import annotations

from ..core import (Call, Const, GlobalRef, GlobalSet, If, Lambda, Let, Letrec, LocalRef,
                    LocalSet, Seq, Var)
from ..datum import MString, Pair, Symbol, list_to_pairs, nil, make_pair
from ..errors import ElleSyntaxError
from ..values import ErrorObject, unspecified
from .syntax import (Macro, Scope, Special, base_symbol, is_identifier, list_cells,
                     parse_list, special, strip)


def _g(ex, name):
    return GlobalRef(Symbol(name), ex.loc)


def _call(ex, name, *args):
    return Call(_g(ex, name), list(args), ex.loc)


def _seq(ex, nodes):
    if not nodes:
        return Const(unspecified, ex.loc)
    return nodes[0] if len(nodes) == 1 else Seq(list(nodes), ex.loc)


def _exprs(ex, forms, scope):
    return _seq(ex, [ex.expand(f, scope) for f in forms])


# -- quote, lambda, if, set!, begin ------------------------------------------

@special("quote")
def expand_quote(ex, form, scope):
    items = parse_list(form, "quote", form, 2, 2, shape="(quote datum)")
    return Const(strip(items[1]), ex.loc)


def parse_formals(ex, formals, form, who):
    """(params, rest) identifiers of a lambda list `(a b)`, `(a . r)` or `r`."""
    cells, tail = list_cells(formals)
    params = [c.car for c in cells]
    rest = None
    if tail is not nil:
        if not is_identifier(tail):
            ex.error(f"{who}: bad parameter list", formals if type(formals) is Pair else form)
        rest = tail
    seen = set()
    for p in params + ([rest] if rest is not None else []):
        if not is_identifier(p):
            ex.error(f"{who}: parameter is not an identifier:", p)
        if p in seen:
            ex.error(f"{who}: duplicate parameter {base_symbol(p).name}", formals)
        seen.add(p)
    return params, rest


def bind_vars(scope, idents):
    vars = []
    for ident in idents:
        v = Var(base_symbol(ident))
        scope.bind(ident, v)
        vars.append(v)
    return vars


def make_lambda(ex, formals, body, scope, form, who="lambda", name=None):
    """A core Lambda for lambda list `formals` and body forms `body`."""
    params, rest = parse_formals(ex, formals, form, who)
    loc = ex.loc
    inner = Scope(scope)
    vars = bind_vars(inner, params)
    rest_var = bind_vars(inner, [rest])[0] if rest is not None else None
    node = ex.expand_body(body, inner, form, who)
    return Lambda(vars, rest_var, node, name, loc)


@special("lambda", "fn")
def expand_lambda(ex, form, scope):
    who = base_symbol(form.car).name
    items = parse_list(form, who, form, 3, shape=f"({who} params body ...)")
    return make_lambda(ex, items[1], items[2:], scope, form, who)


@special("if")
def expand_if(ex, form, scope):
    items = parse_list(form, "if", form, 3, 4, shape="(if test then [else])")
    loc = ex.loc
    test = ex.expand(items[1], scope)
    then = ex.expand(items[2], scope)
    else_ = ex.expand(items[3], scope) if len(items) == 4 else Const(unspecified, loc)
    return If(test, then, else_, loc)


@special("set!")
def expand_set(ex, form, scope):
    items = parse_list(form, "set!", form, 3, 3, shape="(set! name value)")
    name = items[1]
    if not is_identifier(name):
        ex.error("set!: expected a variable name, got", name)
    b = ex.resolve(name, scope)
    loc = ex.loc
    if isinstance(b, (Macro, Special)):
        ex.error(f"set!: cannot assign to syntax keyword {base_symbol(name).name}", form)
    value = ex.expand(items[2], scope)
    if type(b) is Var:
        return LocalSet(b, value, loc)
    return GlobalSet(b, value, loc)


@special("begin")
def expand_begin(ex, form, scope):
    return ex.expand_seq(parse_list(form.cdr, "begin", form), scope)


def _definition_context_error(ex, form, scope):
    name = base_symbol(form.car).name
    ex.error(f"{name}: definition in expression context", form)


special("define", "define-syntax", "define-macro")(_definition_context_error)


@special("syntax-rules")
def expand_syntax_rules(ex, form, scope):
    ex.error("syntax-rules: only valid as a macro transformer", form)


@special("syntax-error")
def expand_syntax_error(ex, form, scope):
    items = parse_list(form, "syntax-error", form, 2)
    msg = items[1].s if type(items[1]) is MString else str(strip(items[1]))
    raise ElleSyntaxError(ErrorObject("syntax-error", msg, [strip(x) for x in items[2:]]),
                          loc=ex.loc)


# -- let family ----------------------------------------------------------------

def parse_bindings(ex, bindings, form, who, need_init=True):
    """[(identifier, init datum)] of a let-style binding list."""
    out = []
    for b in parse_list(bindings, who, form, shape=f"({who} ((name value) ...) body ...)"):
        cells, tail = list_cells(b)
        ok = (tail is nil and len(cells) in ((2,) if need_init else (1, 2))
              and is_identifier(cells[0].car))
        if not ok:
            ex.error(f"{who}: malformed binding", b)
        out.append((cells[0].car, cells[1].car if len(cells) > 1 else None))
    return out


def _check_unique(ex, idents, form, who):
    seen = set()
    for i in idents:
        if i in seen:
            ex.error(f"{who}: duplicate variable {base_symbol(i).name}", at=form)
        seen.add(i)


@special("let")
def expand_let(ex, form, scope):
    items = parse_list(form, "let", form, 3, shape="(let ((name value) ...) body ...)")
    if is_identifier(items[1]):
        return expand_named_let(ex, form, items, scope)
    binds = parse_bindings(ex, items[1], form, "let")
    _check_unique(ex, [n for n, _ in binds], form, "let")
    loc = ex.loc
    inits = [ex.expand_named(init, scope, n) for n, init in binds]
    inner = Scope(scope)
    vars = bind_vars(inner, [n for n, _ in binds])
    body = ex.expand_body(items[2:], inner, form, "let")
    return Let(vars, inits, body, loc) if vars else body


def expand_named_let(ex, form, items, scope):
    if len(items) < 4:
        ex.error("let: bad syntax, expected (let name ((var init) ...) body ...)", form)
    name = items[1]
    binds = parse_bindings(ex, items[2], form, "let")
    _check_unique(ex, [n for n, _ in binds], form, "let")
    loc = ex.loc
    inits = [ex.expand(init, scope) for _, init in binds]
    loop_scope = Scope(scope)
    loop_var = bind_vars(loop_scope, [name])[0]
    lam_scope = Scope(loop_scope)
    vars = bind_vars(lam_scope, [n for n, _ in binds])
    body = ex.expand_body(items[3:], lam_scope, form, "let")
    lam = Lambda(vars, None, body, base_symbol(name).name, loc)
    return Letrec([loop_var], [lam], Call(LocalRef(loop_var, loc), inits, loc), loc)


@special("let*")
def expand_let_star(ex, form, scope):
    items = parse_list(form, "let*", form, 3, shape="(let* ((name value) ...) body ...)")
    binds = parse_bindings(ex, items[1], form, "let*")
    loc = ex.loc
    frames = []
    for n, init in binds:
        value = ex.expand_named(init, scope, n)
        scope = Scope(scope)
        frames.append((bind_vars(scope, [n])[0], value))
    node = ex.expand_body(items[2:], scope, form, "let*")
    for var, value in reversed(frames):
        node = Let([var], [value], node, loc)
    return node


@special("letrec", "letrec*")
def expand_letrec(ex, form, scope):
    who = base_symbol(form.car).name
    items = parse_list(form, who, form, 3, shape=f"({who} ((name value) ...) body ...)")
    binds = parse_bindings(ex, items[1], form, who)
    _check_unique(ex, [n for n, _ in binds], form, who)
    loc = ex.loc
    inner = Scope(scope)
    vars = bind_vars(inner, [n for n, _ in binds])
    inits = [ex.expand_named(init, inner, n) for n, init in binds]
    body = ex.expand_body(items[2:], inner, form, who)
    return Letrec(vars, inits, body, loc) if vars else body


@special("let-values", "let*-values")
def expand_let_values(ex, form, scope):
    """Each init's values are received by a lambda whose parameters are the
    formals' Vars themselves, so no temporaries are needed."""
    who = base_symbol(form.car).name
    sequential = who == "let*-values"
    items = parse_list(form, who, form, 3, shape=f"({who} ((formals expr) ...) body ...)")
    loc = ex.loc
    stages = []          # (params Vars, rest Var, init node)
    inner = Scope(scope)
    seen = set()
    for b in parse_list(items[1], who, form):
        pair = parse_list(b, who, b, 2, 2, shape="(formals expression)")
        params, rest = parse_formals(ex, pair[0], b, who)
        init = ex.expand(pair[1], inner if sequential else scope)
        if sequential:
            inner = Scope(inner)
        else:
            for p in params + ([rest] if rest is not None else []):
                if p in seen:
                    ex.error(f"{who}: duplicate variable {base_symbol(p).name}", b)
                seen.add(p)
        vars = bind_vars(inner, params)
        rest_var = bind_vars(inner, [rest])[0] if rest is not None else None
        stages.append((vars, rest_var, init))
    node = ex.expand_body(items[2:], inner, form, who)
    for vars, rest_var, init in reversed(stages):
        producer = Lambda([], None, init, None, loc)
        consumer = Lambda(vars, rest_var, node, None, loc)
        node = Call(GlobalRef(Symbol("call-with-values"), loc), [producer, consumer], loc)
    return node


@special("let-syntax", "letrec-syntax")
def expand_let_syntax(ex, form, scope):
    who = base_symbol(form.car).name
    items = parse_list(form, who, form, 3, shape=f"({who} ((name transformer) ...) body ...)")
    inner = Scope(scope)
    env = inner if who == "letrec-syntax" else scope
    for name, spec in parse_bindings(ex, items[1], form, who):
        inner.bind(name, ex.make_transformer(spec, env, base_symbol(name).name))
    return ex.expand_body(items[2:], inner, form, who)


# -- conditionals -------------------------------------------------------------

@special("and")
def expand_and(ex, form, scope):
    args = parse_list(form.cdr, "and", form)
    if not args:
        return Const(True, ex.loc)
    nodes = [ex.expand(a, scope) for a in args]
    node = nodes[-1]
    for n in reversed(nodes[:-1]):
        node = If(n, node, Const(False, ex.loc), ex.loc)
    return node


@special("or")
def expand_or(ex, form, scope):
    args = parse_list(form.cdr, "or", form)
    if not args:
        return Const(False, ex.loc)
    nodes = [ex.expand(a, scope) for a in args]
    node = nodes[-1]
    loc = ex.loc
    for n in reversed(nodes[:-1]):
        t = Var("t")
        node = Let([t], [n], If(LocalRef(t, loc), LocalRef(t, loc), node, loc), loc)
    return node


@special("when", "unless")
def expand_when(ex, form, scope):
    who = base_symbol(form.car).name
    items = parse_list(form, who, form, 3, shape=f"({who} test body ...)")
    loc = ex.loc
    test = ex.expand(items[1], scope)
    body = _exprs(ex, items[2:], scope)
    skip = Const(unspecified, loc)
    return If(test, body, skip, loc) if who == "when" else If(test, skip, body, loc)


def _arrow_clause(ex, clause_items, scope):
    return len(clause_items) == 3 and ex.is_keyword(clause_items[1], scope, "=>")


@special("cond")
def expand_cond(ex, form, scope):
    clauses = parse_list(form.cdr, "cond", form)
    loc = ex.loc
    parsed = []
    for i, c in enumerate(clauses):
        items = parse_list(c, "cond", c, 1, shape="a clause (test expression ...)")
        if ex.is_keyword(items[0], scope, "else"):
            if i != len(clauses) - 1:
                ex.error("cond: else clause must be last", c)
            if len(items) < 2:
                ex.error("cond: empty else clause", c)
        parsed.append((c, items))
    node = Const(unspecified, loc)
    for c, items in reversed(parsed):
        saved = ex.at(c)
        try:
            node = _cond_clause(ex, items, scope, node)
        finally:
            ex.loc = saved
    return node


def _cond_clause(ex, items, scope, rest):
    loc = ex.loc
    if ex.is_keyword(items[0], scope, "else"):
        return _exprs(ex, items[1:], scope)
    test = ex.expand(items[0], scope)
    if len(items) == 1:
        t = Var("t")
        return Let([t], [test], If(LocalRef(t, loc), LocalRef(t, loc), rest, loc), loc)
    if ex.is_keyword(items[1], scope, "=>"):
        if len(items) != 3:
            ex.error("cond: bad => clause, expected (test => receiver)", None)
        t = Var("t")
        receiver = ex.expand(items[2], scope)
        call = Call(receiver, [LocalRef(t, loc)], loc)
        return Let([t], [test], If(LocalRef(t, loc), call, rest, loc), loc)
    return If(test, _exprs(ex, items[1:], scope), rest, loc)


@special("case")
def expand_case(ex, form, scope):
    items = parse_list(form, "case", form, 2, shape="(case key clause ...)")
    loc = ex.loc
    key = ex.expand(items[1], scope)
    k = Var("key")
    clauses = items[2:]
    node = Const(unspecified, loc)
    for i in range(len(clauses) - 1, -1, -1):
        c = clauses[i]
        saved = ex.at(c)
        try:
            node = _case_clause(ex, c, i == len(clauses) - 1, k, scope, node)
        finally:
            ex.loc = saved
    return Let([k], [key], node, loc)


def _case_clause(ex, c, is_last, k, scope, rest):
    loc = ex.loc
    items = parse_list(c, "case", c, 2, shape="a clause ((datum ...) expression ...)")
    arrow = ex.is_keyword(items[1], scope, "=>")
    if arrow and len(items) != 3:
        ex.error("case: bad => clause, expected (datums => receiver)", c)
    if arrow:
        body = Call(ex.expand(items[2], scope), [LocalRef(k, loc)], loc)
    else:
        body = _exprs(ex, items[1:], scope)
    if ex.is_keyword(items[0], scope, "else"):
        if not is_last:
            ex.error("case: else clause must be last", c)
        return body
    data = [strip(d) for d in parse_list(items[0], "case", c, shape="((datum ...) expression ...)")]
    if len(data) == 1:
        test = _call(ex, "eqv?", LocalRef(k, loc), Const(data[0], loc))
    else:
        test = _call(ex, "memv", LocalRef(k, loc), Const(list_to_pairs(data), loc))
    return If(test, body, rest, loc)


# -- iteration -------------------------------------------------------------------

@special("do")
def expand_do(ex, form, scope):
    """(do ((var init step)...) (test expr...) command...) as a named-let loop."""
    items = parse_list(form, "do", form, 3, shape="(do ((var init [step]) ...) (test expr ...) command ...)")
    loc = ex.loc
    specs = []
    for b in parse_list(items[1], "do", form):
        cells, tail = list_cells(b)
        if tail is not nil or len(cells) not in (2, 3) or not is_identifier(cells[0].car):
            ex.error("do: malformed variable clause", b)
        specs.append([c.car for c in cells])
    _check_unique(ex, [s[0] for s in specs], form, "do")
    exit_clause = parse_list(items[2], "do", items[2], 1, shape="(test expression ...)")
    inits = [ex.expand(s[1], scope) for s in specs]
    loop_var = Var("do-loop")
    inner = Scope(scope)
    vars = bind_vars(inner, [s[0] for s in specs])
    test = ex.expand(exit_clause[0], inner)
    result = _exprs(ex, exit_clause[1:], inner)
    steps = [ex.expand(s[2], inner) if len(s) == 3 else LocalRef(v, loc)
             for s, v in zip(specs, vars)]
    commands = [ex.expand(c, inner) for c in items[3:]]
    again = Call(LocalRef(loop_var, loc), steps, loc)
    body = If(test, result, _seq(ex, commands + [again]), loc)
    lam = Lambda(vars, None, body, "do-loop", loc)
    return Letrec([loop_var], [lam], Call(LocalRef(loop_var, loc), inits, loc), loc)


# -- promises, case-lambda, assert ---------------------------------------------

@special("delay-force", "delay")
def expand_delay(ex, form, scope):
    """R7RS 7.3: (delay e) is (delay-force (make-promise e)), where this
    make-promise always wraps (`%make-eager-promise`); delay-force makes a
    lazy promise holding a thunk."""
    who = base_symbol(form.car).name
    items = parse_list(form, who, form, 2, 2, shape=f"({who} expression)")
    loc = ex.loc
    body = ex.expand(items[1], scope)
    if who == "delay":
        body = _call(ex, "%make-eager-promise", body)
    return _call(ex, "%make-lazy-promise", Lambda([], None, body, None, loc))


@special("case-lambda")
def expand_case_lambda(ex, form, scope):
    """`(let ((c1 clause1) ...) (lambda args dispatch))`: the clauses are
    closures made once, with the case-lambda, and the dispatcher applies
    the first whose parameters accept the argument count. The dispatcher
    lambda lists them (`Lambda.cases`), so the VM and tier 1 call the
    matching clause directly, without the argument list and `apply`
    (`bytecode.CodeObject.cases`); they behave exactly like the dispatch,
    which is what runs when no clause accepts the arguments (its error)."""
    clauses = parse_list(form.cdr, "case-lambda", form)
    loc = ex.loc
    args, n = Var("args"), Var("n")
    node = _call(ex, "error", Const(MString("case-lambda: no clause accepts the arguments"), loc),
                 LocalRef(args, loc))
    lams = []
    for c in clauses:
        items = parse_list(c, "case-lambda", c, 2, shape="a clause (params body ...)")
        saved = ex.at(c)
        try:
            lams.append((Var("clause"), make_lambda(ex, items[0], items[1:], scope, c, "case-lambda")))
        finally:
            ex.loc = saved
    for var, lam in reversed(lams):
        count = Const(len(lam.params), loc)
        test = _call(ex, ">=" if lam.rest else "=", LocalRef(n, loc), count)
        node = If(test, _call(ex, "apply", LocalRef(var, loc), LocalRef(args, loc)), node, loc)
    body = Let([n], [_call(ex, "length", LocalRef(args, loc))], node, loc)
    dispatch = Lambda([], args, body, None, loc)
    dispatch.cases = [(lam, var) for var, lam in lams]
    if not lams:
        return dispatch
    return Let([var for var, _ in lams], [lam for _, lam in lams], dispatch, loc)


def case_lambda_dispatcher(node):
    """The dispatcher lambda of an expanded case-lambda `node`, or None."""
    if type(node) is Let and type(node.body) is Lambda and node.body.cases is not None:
        return node.body
    return None


@special("assert")
def expand_assert(ex, form, scope):
    items = parse_list(form, "assert", form, 2, 2, shape="(assert expression)")
    loc = ex.loc
    test = ex.expand(items[1], scope)
    fail = _call(ex, "%assert-failed", Const(strip(items[1]), loc))
    return If(test, Const(unspecified, loc), fail, loc)


# -- quasiquote -----------------------------------------------------------------

@special("quasiquote")
def expand_quasiquote(ex, form, scope):
    items = parse_list(form, "quasiquote", form, 2, 2, shape="(quasiquote template)")
    return Quasi(ex, scope).walk(items[1], 1)


class Quasi:
    """R7RS 4.2.8 quasiquote, with nesting levels. Parts without unquotes
    become constants; lists are built with cons/append, vectors via
    list->vector."""

    def __init__(self, ex, scope):
        self.ex = ex
        self.scope = scope

    def tag(self, x):
        """'unquote', 'unquote-splicing', 'quasiquote' when `x` is such a
        two-element form, else None."""
        ex = self.ex
        if type(x) is Pair and type(x.cdr) is Pair and x.cdr.cdr is nil:
            for name in ("unquote", "unquote-splicing", "quasiquote"):
                if ex.is_keyword(x.car, self.scope, name):
                    return name
        elif type(x) is Pair:
            for name in ("unquote", "unquote-splicing"):
                if ex.is_keyword(x.car, self.scope, name):
                    ex.error(f"{name}: expects exactly one expression", x)
        return None

    def const(self, x):
        return Const(strip(x), self.ex.loc)

    def walk(self, x, depth):
        ex = self.ex
        if type(x) is list:
            inner = self.walk_list(x, nil, depth)
            if type(inner) is Const:
                return self.const(x)
            return _call(ex, "list->vector", inner)
        if type(x) is not Pair:
            return self.const(x)
        tag = self.tag(x)
        if tag == "unquote":
            if depth == 1:
                return ex.expand(x.cdr.car, self.scope)
            return self.rebuild(x, self.walk(x.cdr.car, depth - 1))
        if tag == "quasiquote":
            return self.rebuild(x, self.walk(x.cdr.car, depth + 1))
        if tag == "unquote-splicing":
            ex.error("unquote-splicing: not inside a list", x)
        cells, tail = list_cells(x)
        return self.walk_list([c.car for c in cells], tail, depth, cells)

    def rebuild(self, x, inner):
        """(tag inner) with `inner` a node for the template's argument."""
        head = Const(strip(x.car), self.ex.loc)
        if type(inner) is Const:
            return self.const(x)
        return _call(self.ex, "list", head, inner)

    def walk_list(self, items, tail, depth, cells=None):
        """Build the list of `items` ending in `tail`, right to left. An
        unquote form in the tail (`(a . ,b)`) is seen as the cells
        `unquote b`: stop the spine there so the tail is walked as a form."""
        ex = self.ex
        if cells is not None:
            for i, c in enumerate(cells):
                if i > 0 and self.tag(c) in ("unquote", "unquote-splicing"):
                    items, tail = items[:i], c
                    break
        acc = self.walk(tail, depth) if tail is not nil else Const(nil, ex.loc)
        for item in reversed(items):
            if self.tag(item) == "unquote-splicing":
                if depth == 1:
                    spliced = ex.expand(item.cdr.car, self.scope)
                    acc = spliced if (type(acc) is Const and acc.value is nil) \
                        else _call(ex, "append", spliced, acc)
                    continue
                elem = self.rebuild(item, self.walk(item.cdr.car, depth - 1))
            else:
                elem = self.walk(item, depth)
            if type(elem) is Const and type(acc) is Const:
                acc = Const(make_pair(elem.value, acc.value), ex.loc)
            else:
                acc = _call(ex, "cons", elem, acc)
        return acc
