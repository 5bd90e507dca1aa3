"""The benchmark programs: what each one measures, its sizes, its expected results.

**Owns:** the list of programs in `benchmarks/programs/`, the three sizes each
is run at (`bench` for the real suite, `quick` for a fast look, `tiny` for the
test suite), the expected result line for each (program, size), and which
language versions exist. **Does not touch:** running anything (`systems.py`,
`measure.py`, `run.py`), reporting (`report.py`).

Every program is a stand-alone file per language, `programs/NAME.EXT`, that
takes its size as the first command-line argument (the `bench` size when
absent), times its own kernel and prints two lines:

    result: <integer>
    time-ms: <kernel milliseconds>

Results are integers in every language (floats are reported as `floor(x)` or
`floor(x * 1e9)`) so that one expected string is right for every system.
The expected values below were computed by the Python versions and agree
with the Scheme (Guile, Chez, Racket), C and Lua versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROGRAMS_DIR = Path(__file__).resolve().parent / "programs"

# The languages a program can come in, by file extension.
SCHEME, PYTHON, C, LUA = "scm", "py", "c", "lua"


@dataclass(frozen=True)
class Program:
    name: str
    group: str                 # what kind of work: "calls", "floats", ...
    summary: str
    sizes: dict                # "bench" / "quick" / "tiny" -> int
    expected: dict             # size (int) -> result string
    languages: tuple = field(default=(SCHEME, PYTHON))

    def path(self, language: str) -> Path:
        return PROGRAMS_DIR / f"{self.name}.{language}"

    def has(self, language: str) -> bool:
        return language in self.languages

    def size(self, mode: str) -> int:
        return self.sizes[mode]


def _program(name, group, summary, bench, quick, tiny, languages=(SCHEME, PYTHON)):
    sizes = {"bench": bench[0], "quick": quick[0], "tiny": tiny[0]}
    expected = {bench[0]: bench[1], quick[0]: quick[1], tiny[0]: tiny[1]}
    return Program(name, group, summary, sizes, expected, tuple(languages))


NUMERIC = (SCHEME, PYTHON, C, LUA)

PROGRAMS = [
    _program("fib", "calls", "doubly recursive Fibonacci on fixnums",
             (30, "832040"), (25, "75025"), (15, "610"), NUMERIC),
    _program("tak", "calls", "Takeuchi function tak(n, 2n/3, n/3)",
             (22, "8"), (18, "7"), (12, "5"), NUMERIC),
    _program("ackermann", "calls", "Ackermann A(3, n)",
             (8, "2045"), (6, "509"), (3, "61"), NUMERIC),
    _program("fsum", "floats", "float sum loop of 1/(x*x+1)",
             (600000, "2076672380"), (60000, "2076657380"), (2000, "2076173922"), NUMERIC),
    _program("fibfp", "floats", "doubly recursive Fibonacci on flonums",
             (27, "196418"), (21, "10946"), (12, "144"), NUMERIC),
    _program("mandelbrot", "floats", "escape-time count on an n x n grid, 50 iterations",
             (110, "4807"), (40, "633"), (10, "45"), NUMERIC),
    _program("sieve", "integer loops", "Eratosthenes' sieve over a vector, primes below n",
             (500000, "41538"), (50000, "5133"), (2000, "303"), NUMERIC),
    _program("nested", "integer loops", "triple nested loop counting (a*b+c) mod 7 = 0",
             (100, "143979"), (45, "13211"), (12, "253"), NUMERIC),
    _program("nqueens", "lists", "n-queens solutions, rows kept in lists",
             (10, "724"), (8, "92"), (6, "4"), (SCHEME, PYTHON, LUA)),
    _program("msort", "lists", "merge sort of a list of n pseudo-random integers",
             (30000, "316040164"), (3000, "948679309"), (200, "168856066")),
    _program("deriv", "lists", "symbolic differentiation of a polynomial, n times",
             (6000, "516000"), (600, "51600"), (20, "1720")),
    _program("mapfold", "closures", "map/filter/fold with composed closures over 1000 items, n rounds",
             (300, "247200000"), (30, "22695000"), (2, "1499000"), (SCHEME, PYTHON, LUA)),
    _program("strings", "strings", "build, reverse and scan n strings of 20 numbers",
             (1500, "541197014996"), (150, "217636001505"), (10, "159776000105"),
             (SCHEME, PYTHON, LUA)),
    _program("hostile", "hostile", "one call site fed fixnums, flonums and bignums",
             (300000, "187526646199956597437"), (30000, "171707084119956141979"),
             (1000, "172846748003952054577")),
]

BY_NAME = {p.name: p for p in PROGRAMS}

MODES = ("bench", "quick", "tiny")


def select(names=None) -> list:
    """The programs named (all when `names` is empty), in catalog order."""
    if not names:
        return list(PROGRAMS)
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise ValueError("unknown program(s): " + ", ".join(unknown)
                         + " (known: " + ", ".join(BY_NAME) + ")")
    return [p for p in PROGRAMS if p.name in names]
