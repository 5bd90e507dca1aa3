"""The macro expander: surface Elle/R7RS syntax -> core AST (`elle.core`).

**Owns:** the package layout below; the public name is `Expander`.

    syntax.py        identifiers (Alias), scopes, binding kinds, datum helpers
    engine.py        Expander: resolution, expansion loop, bodies, toplevel
    forms.py         special forms that build core nodes directly
    rewrites.py      derived forms rewritten to datums (guard, try, records ...)
    syntax_rules.py  syntax-rules: pattern matching and hygienic templates
    libraries.py     import, define-library, include, cond-expand

**Does not touch:** reading text (`elle.reader`), compiling or running code.
"""

from .engine import Expander

__all__ = ["Expander"]
