"""Derived forms written as datum rewrites (builtin macros).

**Owns:** `guard`, Elle's `try`/`catch`/`finally`, `parameterize`,
`define-values` and `define-record-type`. Each transformer returns a new
datum built with a `Builder`, which the engine expands again; the keywords
and runtime procedures it inserts are Aliases into the builtin scope, so
they mean the standard `lambda`, `cond`, `dynamic-wind`, ... even where the
user has bound those names, and its temporaries capture nothing.
**Does not touch:** core nodes (`expander.forms` builds those), the
expansion loop (`expander.engine`).
"""

from __future__ import annotations

from ..datum import Pair, nil
from .syntax import base_symbol, builtin_macro, is_identifier, list_cells, parse_list


@builtin_macro("guard")
def expand_guard(ex, form, scope):
    """R7RS 4.2.7, after the reference expansion in R7RS 7.3: the clauses
    run in the dynamic environment of the guard (via guard-k); if none
    matches, the condition is re-raised with `raise-continuable` in the
    dynamic environment of the original raise (via handler-k)."""
    items = parse_list(form, "guard", form, 3, shape="(guard (var clause ...) body ...)")
    spec = parse_list(items[1], "guard", items[1], 1, shape="(var clause ...)")
    var, clauses = spec[0], spec[1:]
    if not is_identifier(var):
        ex.error("guard: expected a variable", items[1])
    b = ex.builder()
    lam, call_cc = b.id("lambda"), b.id("call/cc")
    guard_k, handler_k, condition, args = (b.temp("guard-k"), b.temp("handler-k"),
                                           b.temp("condition"), b.temp("args"))
    has_else = bool(clauses) and type(clauses[-1]) is Pair and \
        ex.is_keyword(clauses[-1].car, scope, "else")
    if not has_else:
        reraise = b.L(handler_k, b.L(lam, nil, b.L(b.id("raise-continuable"), condition)))
        clauses = clauses + [b.L(b.id("else"), reraise)]
    # `else` from the builder is an alias of the unbound `else`: the cond
    # handler recognises it by its binding, like the user's own `else`.
    handler = b.L(lam, b.L(condition),
                  b.L(b.L(call_cc, b.L(lam, b.L(handler_k),
                      b.L(guard_k, b.L(lam, nil,
                          b.L(b.id("let"), b.L(b.L(var, condition)),
                              b.L(b.id("cond"), *clauses))))))))
    thunk = b.L(lam, nil,
                b.L(b.id("call-with-values"), b.L(lam, nil, *items[2:]),
                    b.L(lam, args,
                        b.L(guard_k, b.L(lam, nil, b.L(b.id("apply"), b.id("values"), args))))))
    return b.L(b.L(call_cc, b.L(lam, b.L(guard_k),
                                b.L(b.id("with-exception-handler"), handler, thunk))))


def _is_clause(ex, x, scope, name):
    return type(x) is Pair and ex.is_keyword(x.car, scope, name)


@builtin_macro("try")
def expand_try(ex, form, scope):
    """(try body ... [(catch var handler ...)] [(finally cleanup ...)]):
    catch is a guard whose one clause accepts every raised object; finally
    is the after-thunk of a dynamic-wind around the rest, so it runs on
    normal return, on a propagating raise and on a continuation escape."""
    items = parse_list(form, "try", form, 2, shape="(try body ... (catch e handler ...) (finally cleanup ...))")
    body = items[1:]
    cleanup = catch = None
    if body and _is_clause(ex, body[-1], scope, "finally"):
        cleanup = parse_list(body[-1], "try", body[-1])[1:]
        body = body[:-1]
    if body and _is_clause(ex, body[-1], scope, "catch"):
        catch = parse_list(body[-1], "try", body[-1], 2, shape="(catch var handler ...)")
        if not is_identifier(catch[1]):
            ex.error("try: catch expects a variable", body[-1])
        body = body[:-1]
    for x in body:
        if _is_clause(ex, x, scope, "catch") or _is_clause(ex, x, scope, "finally"):
            ex.error("try: catch and finally must come last, catch before finally", x)
    if not body:
        ex.error("try: no body expression", form)
    b = ex.builder()
    lam, let = b.id("lambda"), b.id("let")
    unspec = b.L(b.id("if"), False, False)
    node = b.L(let, nil, *body)
    if catch is not None:
        handler = b.L(let, nil, *catch[2:]) if catch[2:] else unspec
        node = b.L(b.id("guard"), b.L(catch[1], b.L(True, handler)), *body)
    if cleanup is not None:
        after = b.L(lam, nil, *cleanup) if cleanup else b.L(lam, nil, unspec)
        node = b.L(b.id("dynamic-wind"), b.L(lam, nil, unspec), b.L(lam, nil, node), after)
    return node


@builtin_macro("parameterize")
def expand_parameterize(ex, form, scope):
    """R7RS 4.2.6 by swapping: each parameter's converted value is swapped
    in before the body and swapped back out after it (and again on every
    re-entry and exit through continuations)."""
    items = parse_list(form, "parameterize", form, 3,
                       shape="(parameterize ((param value) ...) body ...)")
    binds = []
    for bnd in parse_list(items[1], "parameterize", form):
        pair = parse_list(bnd, "parameterize", bnd, 2, 2, shape="(param value)")
        binds.append(pair)
    b = ex.builder()
    lam, let = b.id("lambda"), b.id("let")
    if not binds:
        return b.L(let, nil, *items[2:])
    params = [b.temp("param") for _ in binds]
    vals = [b.temp("value") for _ in binds]
    swaps = []
    for p, v in zip(params, vals):
        t = b.temp("old")
        swaps.append(b.L(let, b.L(b.L(t, b.L(b.id("%parameter-value"), p))),
                         b.L(b.id("%parameter-set!"), p, v),
                         b.L(b.id("set!"), v, t)))
    swap = b.temp("swap")
    return b.L(let, b.L(*[b.L(p, pv[0]) for p, pv in zip(params, binds)]),
               b.L(let, b.L(*[b.L(v, b.L(b.id("%parameter-convert"), p, pv[1]))
                              for p, v, pv in zip(params, vals, binds)]),
                   b.L(let, b.L(b.L(swap, b.L(lam, nil, *swaps))),
                       b.L(b.id("dynamic-wind"), swap, b.L(lam, nil, *items[2:]), swap))))


@builtin_macro("define-values")
def expand_define_values(ex, form, scope):
    """Define every name (unspecified), then assign them all from the values
    of the expression: a `begin` that splices into a body or the toplevel."""
    items = parse_list(form, "define-values", form, 3, 3, shape="(define-values formals expression)")
    cells, tail = list_cells(items[1])
    names = [c.car for c in cells] + ([tail] if tail is not nil else [])
    for n in names:
        if not is_identifier(n):
            ex.error("define-values: expected identifiers", items[1])
    b = ex.builder()
    unspec = b.L(b.id("if"), False, False)
    temps = [b.temp(base_symbol(n).name) for n in names]
    formals = b.L(*temps[:len(cells)], tail=temps[-1] if tail is not nil else nil)
    sets = [b.L(b.id("set!"), n, t) for n, t in zip(names, temps)] or [unspec]
    defines = [b.L(b.id("define"), n, unspec) for n in names]
    receiver = b.L(b.id("lambda"), formals, *sets, unspec)
    return b.L(b.id("begin"), *defines,
               b.L(b.id("call-with-values"), b.L(b.id("lambda"), nil, items[2]), receiver))


@builtin_macro("define-record-type")
def expand_define_record_type(ex, form, scope):
    """R7RS 5.5 in terms of the record procedures `make-record-type`,
    `record-constructor`, `record-predicate`, `record-accessor` and
    `record-modifier`. The constructor may be `#f` (none) or a bare name
    (taking every field in order)."""
    items = parse_list(form, "define-record-type", form, 3,
                       shape="(define-record-type name (constructor field ...) predicate field-spec ...)")
    type_name, ctor, pred = items[1], items[2], items[3] if len(items) > 3 else False
    if not is_identifier(type_name):
        ex.error("define-record-type: expected a type name", form)
    fields = []          # (field identifier, accessor, modifier)
    for spec in items[4:]:
        if is_identifier(spec):
            fields.append((spec, None, None))
            continue
        parts = parse_list(spec, "define-record-type", spec, 1, 3, shape="(field accessor [modifier])")
        if not all(is_identifier(p) for p in parts):
            ex.error("define-record-type: malformed field spec", spec)
        fields.append((parts[0], *(parts[1:] + [None, None])[:2]))
    field_syms = [base_symbol(f[0]) for f in fields]
    if len(set(field_syms)) != len(field_syms):
        ex.error("define-record-type: duplicate field name", form)
    b = ex.builder()
    define, quote = b.id("define"), b.quote
    out = [b.L(define, type_name, b.L(b.id("make-record-type"), quote(base_symbol(type_name)),
                                      quote(b.L(*field_syms))))]
    if ctor is not False:
        if is_identifier(ctor):
            ctor_name, ctor_fields = ctor, field_syms
        else:
            parts = parse_list(ctor, "define-record-type", ctor, 1, shape="(constructor field ...)")
            if not all(is_identifier(p) for p in parts):
                ex.error("define-record-type: malformed constructor spec", ctor)
            ctor_name, ctor_fields = parts[0], [base_symbol(p) for p in parts[1:]]
            for f in ctor_fields:
                if f not in field_syms:
                    ex.error(f"define-record-type: constructor argument {f.name} is not a field", ctor)
        out.append(b.L(define, ctor_name, b.L(b.id("record-constructor"), type_name,
                                              quote(b.L(*ctor_fields)))))
    if pred is not False:
        if not is_identifier(pred):
            ex.error("define-record-type: expected a predicate name", form)
        out.append(b.L(define, pred, b.L(b.id("record-predicate"), type_name)))
    for f, accessor, modifier in fields:
        fq = quote(base_symbol(f))
        if accessor is not None:
            out.append(b.L(define, accessor, b.L(b.id("record-accessor"), type_name, fq)))
        if modifier is not None:
            out.append(b.L(define, modifier, b.L(b.id("record-modifier"), type_name, fq)))
    return b.L(b.id("begin"), *out)
