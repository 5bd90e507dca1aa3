"""`syntax-rules` (R7RS 4.3.2): pattern matching and hygienic templates.

**Owns:** `SyntaxRules`, the macro a `syntax-rules` spec denotes: parsing
and checking its rules when it is defined (pattern variables, ellipsis
depths), matching a use against the patterns, and instantiating the
template. Supports literals (matched with free-identifier=?), `_`, an
ellipsis after any element with tail patterns after it (`(a ... b c)`),
nested ellipses, dotted and vector patterns, a custom ellipsis
identifier, and the `(... ...)` / `(... template)` escape.
**Does not touch:** what the expansion means (the engine expands it again).

Hygiene: every template identifier that is not a pattern variable becomes
an `Alias` of itself in the macro's definition scope, one Alias per
identifier per expansion (see `expander.syntax`).
"""

from __future__ import annotations

from ..datum import Pair, Symbol, nil, make_pair
from .syntax import Alias, Macro, base_symbol, is_identifier, list_cells, parse_list

ELLIPSIS = Symbol("...")
UNDERSCORE = Symbol("_")


class SyntaxRules(Macro):
    """A syntax-rules transformer closed over `env`, its definition scope."""

    def __init__(self, ex, spec, env, name: str):
        self.name = name
        self.env = env
        items = parse_list(spec, "syntax-rules", spec, 2,
                           shape="(syntax-rules (literal ...) (pattern template) ...)")
        rest = items[1:]
        self.ellipsis = ELLIPSIS
        if is_identifier(rest[0]):
            self.ellipsis = rest[0]
            rest = rest[1:]
            if not rest:
                ex.error("syntax-rules: missing literals list", spec)
        lits = parse_list(rest[0], "syntax-rules", spec, shape="a list of literal identifiers")
        if not all(is_identifier(x) for x in lits):
            ex.error("syntax-rules: literals must be identifiers", rest[0])
        self.literals = set(lits)
        self.rules = []
        for rule in rest[1:]:
            pt = parse_list(rule, "syntax-rules", rule, 2, 2, shape="a rule (pattern template)")
            pattern, template = pt
            if type(pattern) is not Pair:
                ex.error("syntax-rules: a pattern must be a list (_ ...)", rule)
            depths = {}
            self.collect_vars(ex, pattern.cdr, 0, depths, rule)
            self.check_template(ex, template, depths, 0, rule, True)
            self.rules.append((pattern, template, depths))

    # -- identifiers of the pattern language -----------------------------------

    def is_ellipsis(self, x) -> bool:
        if not is_identifier(x) or x in self.literals:
            return False
        if self.ellipsis is ELLIPSIS:
            return base_symbol(x) is ELLIPSIS
        return x is self.ellipsis or base_symbol(x) is base_symbol(self.ellipsis)

    def is_underscore(self, x) -> bool:
        return base_symbol(x) is UNDERSCORE and x not in self.literals

    def is_pattern_var(self, x) -> bool:
        return not (x in self.literals or self.is_underscore(x) or self.is_ellipsis(x))

    # -- checking a rule at definition time ------------------------------------

    def elements(self, p):
        """(elements, tail) of a list or vector pattern/template."""
        if type(p) is list:
            return list(p), nil
        cells, tail = list_cells(p)
        return [c.car for c in cells], tail

    def collect_vars(self, ex, p, depth, out, rule):
        if is_identifier(p):
            if self.is_pattern_var(p):
                if p in out:
                    ex.error(f"syntax-rules: duplicate pattern variable {base_symbol(p).name}", rule)
                out[p] = depth
            elif self.is_ellipsis(p):
                ex.error("syntax-rules: misplaced ellipsis in pattern", rule)
            return
        if type(p) is not Pair and type(p) is not list:
            return
        elems, tail = self.elements(p)
        seen_ellipsis = False
        i = 0
        while i < len(elems):
            if i + 1 < len(elems) and self.is_ellipsis(elems[i + 1]):
                if seen_ellipsis:
                    ex.error("syntax-rules: two ellipses in one list pattern", rule)
                seen_ellipsis = True
                self.collect_vars(ex, elems[i], depth + 1, out, rule)
                i += 2
            else:
                self.collect_vars(ex, elems[i], depth, out, rule)
                i += 1
        self.collect_vars(ex, tail, depth, out, rule)

    def check_template(self, ex, t, depths, depth, rule, ell):
        """Every pattern variable is used under at least as many ellipses as
        it was bound under, and every ellipsis follows a template that has a
        pattern variable to iterate."""
        if is_identifier(t):
            d = depths.get(t)
            if d is not None and d > depth:
                ex.error(f"syntax-rules: pattern variable {base_symbol(t).name} "
                         f"used with {depth} ellipses, bound with {d}", rule)
            return
        if type(t) is not Pair and type(t) is not list:
            return
        elems, tail = self.elements(t)
        if ell and type(t) is Pair and elems and self.is_ellipsis(elems[0]):
            if len(elems) != 2 or tail is not nil:
                ex.error("syntax-rules: bad ellipsis escape, expected (... template)", rule)
            self.check_template(ex, elems[1], depths, depth, rule, False)
            return
        i = 0
        while i < len(elems):
            n = 0
            while ell and i + 1 + n < len(elems) and self.is_ellipsis(elems[i + 1 + n]):
                n += 1
            if ell and self.is_ellipsis(elems[i]):
                ex.error("syntax-rules: ellipsis without a template before it", rule)
            if n and not any(depths.get(v, 0) > depth for v in self.template_vars(elems[i], depths)):
                ex.error("syntax-rules: no pattern variable to iterate before ellipsis", rule)
            self.check_template(ex, elems[i], depths, depth + n, rule, ell)
            i += 1 + n
        self.check_template(ex, tail, depths, depth, rule, ell)

    def template_vars(self, t, depths):
        out = []
        stack = [t]
        while stack:
            x = stack.pop()
            if is_identifier(x):
                if x in depths:
                    out.append(x)
            elif type(x) is Pair:
                stack.append(x.car)
                stack.append(x.cdr)
            elif type(x) is list:
                stack.extend(x)
        return out

    # -- matching ----------------------------------------------------------------

    def transform(self, ex, form, scope):
        for pattern, template, depths in self.rules:
            b = {}
            if self.match(ex, pattern.cdr, form.cdr, b, scope):
                return Instantiation(self, b, depths, ex.loc).build(template, True)
        ex.error("no matching syntax rule for", form)

    def match(self, ex, p, f, b, scope) -> bool:
        if is_identifier(p):
            if p in self.literals:
                return is_identifier(f) and ex.same_binding(f, scope, p, self.env)
            if not self.is_underscore(p):
                b[p] = f
            return True
        if type(p) is Pair:
            cells, tail = list_cells(f)
            return self.match_seq(ex, p, [c.car for c in cells], cells, tail, b, scope)
        if type(p) is list:
            return type(f) is list and self.match_seq(ex, p, list(f), None, nil, b, scope)
        if p is nil:
            return f is nil
        return type(p) is type(f) and p == f

    def match_seq(self, ex, p, f_items, f_cells, f_tail, b, scope) -> bool:
        """Match list/vector pattern `p` against the elements `f_items`
        (with spine cells `f_cells`, ending in `f_tail`)."""
        p_items, p_tail = self.elements(p)
        e = next((i for i in range(1, len(p_items)) if self.is_ellipsis(p_items[i])), None)
        if e is None:
            n = len(p_items)
            if len(f_items) < n:
                return False
            if not all(self.match(ex, p_items[i], f_items[i], b, scope) for i in range(n)):
                return False
            if p_tail is nil:
                return len(f_items) == n and f_tail is nil
            rest = f_cells[n] if f_cells is not None and n < len(f_cells) else f_tail
            return self.match(ex, p_tail, rest, b, scope)
        before, elem, after = p_items[:e - 1], p_items[e - 1], p_items[e + 1:]
        if len(f_items) < len(before) + len(after):
            return False
        if p_tail is nil and f_tail is not nil:
            return False
        k = len(f_items) - len(after)
        if not all(self.match(ex, pb, fb, b, scope) for pb, fb in zip(before, f_items)):
            return False
        matches = []
        for item in f_items[len(before):k]:
            m = {}
            if not self.match(ex, elem, item, m, scope):
                return False
            matches.append(m)
        elem_vars = {}
        self.collect_vars(ex, elem, 0, elem_vars, None)
        for v in elem_vars:
            b[v] = [m[v] for m in matches]
        if not all(self.match(ex, pa, fa, b, scope) for pa, fa in zip(after, f_items[k:])):
            return False
        return p_tail is nil or self.match(ex, p_tail, f_tail, b, scope)


class Instantiation:
    """One expansion of a template: pattern bindings, their remaining
    ellipsis depths, and the renames of inserted identifiers."""

    def __init__(self, rules: SyntaxRules, bindings, depths, loc):
        self.rules = rules
        self.bindings = bindings
        self.depths = dict(depths)
        self.renames = {}
        self.loc = loc

    def rename(self, ident):
        a = self.renames.get(ident)
        if a is None:
            a = self.renames[ident] = Alias(ident, self.rules.env)
        return a

    def build(self, t, ell):
        if is_identifier(t):
            if t in self.bindings:
                return self.bindings[t]
            return self.rename(t)
        if type(t) is Pair:
            r = self.rules
            if ell and r.is_ellipsis(t.car):
                return self.build(t.cdr.car, False)
            cells, tail = list_cells(t)
            out = self.build_elements([c.car for c in cells], ell)
            result = self.build(tail, ell) if tail is not nil else nil
            for x in reversed(out):
                result = make_pair(x, result, self.loc)
            return result
        if type(t) is list:
            return self.build_elements(t, ell)
        return t

    def build_elements(self, elems, ell):
        r = self.rules
        out = []
        i = 0
        while i < len(elems):
            n = 0
            while ell and i + 1 + n < len(elems) and r.is_ellipsis(elems[i + 1 + n]):
                n += 1
            if n:
                out.extend(self.iterate(elems[i], n))
            else:
                out.append(self.build(elems[i], ell))
            i += 1 + n
        return out

    def iterate(self, t, n):
        """The instances of `t` followed by `n` ellipses, flattened."""
        vars = [v for v in dict.fromkeys(self.rules.template_vars(t, self.depths))
                if self.depths[v] > 0]
        lengths = {len(self.bindings[v]) for v in vars}
        if len(lengths) > 1:
            from ..errors import syntax_error
            syntax_error("syntax-rules: pattern variables under one ellipsis matched "
                         "different numbers of elements", None, loc=self.loc)
        count = lengths.pop() if lengths else 0
        saved = {v: self.bindings[v] for v in vars}
        out = []
        for v in vars:
            self.depths[v] -= 1
        try:
            for i in range(count):
                for v in vars:
                    self.bindings[v] = saved[v][i]
                if n > 1:
                    out.extend(self.iterate(t, n - 1))
                else:
                    out.append(self.build(t, True))
        finally:
            for v in vars:
                self.depths[v] += 1
                self.bindings[v] = saved[v]
        return out
