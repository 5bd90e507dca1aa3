"""One-line summaries of the standard procedures, and where each comes from.

**Owns:** `SUMMARIES` (name -> one line: for procedures whose Python
function or prelude definition carries no docstring or comment -- most of
them R7RS procedures whose meaning the report fixes -- and for those whose
docstring is a note on the implementation rather than a summary), `R7RS_LIBRARIES`
(each R7RS-small library's exports, names only) and `SRFI_NAMES` (the
SRFI an Elle extra follows). **Does not touch:** generating the index
(`elle.docs`), the procedures themselves. A line here wins over the
procedure's docstring.
"""

from __future__ import annotations


def _table(text: str) -> dict:
    out = {}
    for line in text.strip().splitlines():
        name, _, summary = line.strip().partition("  ")
        out[name] = summary.strip()
    return out


SUMMARIES = _table(r"""
bytevector?  Is it a bytevector?
bytevector  A new bytevector of the given bytes.
make-bytevector  A bytevector of k bytes, each `fill` (default 0).
bytevector-length  The number of bytes.
bytevector-u8-ref  The byte at index k.
bytevector-u8-set!  Store a byte at index k.
bytevector-copy  A new bytevector of bytes [start, end).
bytevector-append  A new bytevector of all the arguments' bytes.
utf8->string  Decode UTF-8 bytes [start, end) into a string.
string->utf8  Encode characters [start, end) of a string as UTF-8.
char?  Is it a character?
char->integer  The character's Unicode scalar value.
integer->char  The character with this Unicode scalar value.
char=?  Are the characters all equal?
char-ci=?  Equal after case folding?
char<?  Strictly increasing code points?
char-ci<?  Strictly increasing after case folding?
char>?  Strictly decreasing code points?
char-ci>?  Strictly decreasing after case folding?
char<=?  Non-decreasing code points?
char-ci<=?  Non-decreasing after case folding?
char>=?  Non-increasing code points?
char-ci>=?  Non-increasing after case folding?
char-alphabetic?  Is it a Unicode letter?
char-numeric?  Is it a Unicode decimal digit?
char-whitespace?  Is it Unicode white space?
char-upper-case?  Is it an upper-case letter?
char-lower-case?  Is it a lower-case letter?
digit-value  The value of a decimal digit character, else #f.
char-upcase  The upper-case form (simple case mapping).
char-downcase  The lower-case form (simple case mapping).
char-foldcase  The case-folded form.
number->string  The number as text, in radix 2, 8, 10 or 16.
string->number  The number the text denotes (optional radix), else #f.
make-rectangular  The complex number x + yi.
make-polar  The complex number with this magnitude and angle.
real-part  The real part.
imag-part  The imaginary part.
magnitude  The absolute value of a complex number.
angle  The argument (phase) of a complex number.
values  Return any number of values to the continuation.
call/cc  Call a procedure with the current continuation.
call-with-current-continuation  Call a procedure with the current continuation.
+  Sum.
*  Product.
-  Difference, or negation of one argument.
/  Quotient, or reciprocal of one argument; exact when the arguments are.
=  Are the numbers all equal?
<  Strictly increasing?
>  Strictly decreasing?
<=  Non-decreasing?
>=  Non-increasing?
floor/  Floor quotient and remainder, as two values.
floor-quotient  Quotient rounded toward negative infinity.
floor-remainder  Remainder with the sign of the divisor.
modulo  Remainder with the sign of the divisor (floor-remainder).
truncate/  Truncated quotient and remainder, as two values.
truncate-quotient  Quotient rounded toward zero.
truncate-remainder  Remainder with the sign of the dividend.
quotient  Quotient rounded toward zero.
remainder  Remainder with the sign of the dividend.
gcd  Greatest common divisor (0 with no arguments).
lcm  Least common multiple (1 with no arguments).
abs  Absolute value of a real number.
max  The largest argument (inexact if any argument is).
min  The smallest argument (inexact if any argument is).
floor  The largest integer not above x.
ceiling  The smallest integer not below x.
round  The nearest integer, ties to even.
truncate  The integer nearest x toward zero.
numerator  The numerator of a rational in lowest terms.
denominator  The denominator of a rational in lowest terms.
rationalize  The simplest rational within y of x.
exact  The exact number equal to x.
inexact  The inexact number nearest x.
inexact->exact  R5RS name of `exact`.
exact->inexact  R5RS name of `inexact`.
number?  Is it a number?
complex?  Is it a number (every number is complex)?
real?  Is it a real number?
rational?  Is it a rational number (finite reals are)?
integer?  Is it an integer (exact or inexact)?
exact-integer?  Is it an exact integer?
exact-rational?  Is it an exact integer or ratio?
exact?  Is the number exact?
inexact?  Is the number inexact?
nan?  Is it a NaN?
infinite?  Is it an infinity?
finite?  Is it neither infinite nor NaN?
zero?  Is it zero?
positive?  Is it greater than zero?
negative?  Is it less than zero?
odd?  Is the integer odd?
even?  Is the integer even?
exp  e to the power z.
log  Natural logarithm, or logarithm in base b.
sin  Sine.
cos  Cosine.
tan  Tangent.
asin  Arc sine.
acos  Arc cosine.
atan  Arc tangent; with two arguments, of y/x in the right quadrant.
sqrt  Square root (exact for exact squares; complex for negative numbers).
exact-integer-sqrt  s and r with s*s + r = k, as two values.
expt  z1 to the power z2.
square  z times z.
eq?  The same object (identical)?
eqv?  Operationally equivalent (numbers by exactness and value)?
equal?  Structurally equal (recursive on pairs, vectors, strings, bytevectors)?
error  Raise an error object with a message and irritants.
error-object?  Is it an error object?
error-object-message  The message of an error object.
error-object-irritants  The irritants of an error object, as a list.
error-object-kind  Elle: the kind of an error object, a symbol (type-error, ...).
read-error?  Was it raised by `read` (bad syntax)?
file-error?  Was it raised by opening or deleting a file?
open-input-string  A textual input port reading the string.
open-output-string  A textual output port collecting a string.
get-output-string  The text written so far to a string output port.
open-input-bytevector  A binary input port reading the bytevector.
open-output-bytevector  A binary output port collecting bytes.
get-output-bytevector  The bytes written so far to a bytevector output port.
open-input-file  A textual input port reading the named file.
open-binary-input-file  A binary input port reading the named file.
open-output-file  A textual output port writing the named file.
open-binary-output-file  A binary output port writing the named file.
close-port  Close a port.
close-input-port  Close an input port.
close-output-port  Close an output port (flushing it).
port?  Is it a port?
input-port?  Is it an input port?
output-port?  Is it an output port?
textual-port?  Is it a textual port?
binary-port?  Is it a binary port?
input-port-open?  Is the input port still open?
output-port-open?  Is the output port still open?
eof-object  The end-of-file object.
eof-object?  Is it the end-of-file object?
read-char  The next character (or eof).
peek-char  The next character without consuming it (or eof).
read-line  The next line without its newline (or eof).
read-string  Up to k characters as a string (or eof).
char-ready?  Is a character available without blocking?
read-u8  The next byte (or eof).
peek-u8  The next byte without consuming it (or eof).
u8-ready?  Is a byte available without blocking?
read-bytevector  Up to k bytes as a bytevector (or eof).
read-bytevector!  Read bytes into a bytevector's [start, end); the count (or eof).
write  Write a datum so that `read` reads it back (labels only for cycles).
write-shared  Write a datum with labels for all shared structure.
write-simple  Write a datum without labels.
display  Write a datum for people: strings and characters as their text.
newline  Write an end of line.
write-char  Write one character.
write-string  Write characters [start, end) of a string.
write-u8  Write one byte.
write-bytevector  Write bytes [start, end) of a bytevector.
flush-output-port  Send buffered output to its destination.
make-hash-table  A new hash table (equal? keys by default; an equivalence procedure may be given).
hash-table?  Is it a hash table?
hash-table-set!  Associate a key with a value.
hash-table-ref/default  The value of a key, or the default.
hash-table-delete!  Remove a key.
hash-table-contains?  Is the key present?
hash-table-exists?  SRFI 69 name of `hash-table-contains?`.
hash-table-count  The number of associations.
hash-table-size  The number of associations.
hash-table-keys  The keys, as a list.
hash-table-values  The values, as a list.
hash-table->alist  The associations, as a list of pairs.
hash-table-clear!  Remove every association.
hash-table-copy  A new table with the same associations.
cons  A new pair.
car  The first part of a pair.
cdr  The second part of a pair.
set-car!  Replace the car of a pair.
set-cdr!  Replace the cdr of a pair.
caar  (car (car x)); the other c[ad]+r compositions likewise.
cadr  (car (cdr x)): the second element.
cdar  (cdr (car x)).
cddr  (cdr (cdr x)).
list  A new list of the arguments.
pair?  Is it a pair?
null?  Is it the empty list?
length  The number of elements of a proper list.
make-list  A list of k elements, each `fill`.
reverse  A new list in reverse order.
list-tail  The list without its first k elements.
list-ref  The element at index k.
list-set!  Replace the element at index k.
memq  The first sublist whose car is eq? to x, else #f.
memv  The first sublist whose car is eqv? to x, else #f.
assq  The first pair whose car is eq? to the key, else #f.
assv  The first pair whose car is eqv? to the key, else #f.
iota  A list of count numbers: start, start+step, ... (SRFI 1).
first  The first element.
second  The second element.
third  The third element.
rest  The list without its first element (cdr).
last  The last element of a non-empty list.
take  The first k elements, as a new list.
drop  The list without its first k elements.
procedure?  Is it a procedure?
make-promise  A promise already forced to the value.
promise?  Is it a promise?
random-source?  Is it a random source?
random-source-state-set!  Restore a state from `random-source-state-ref`.
make-record-type  Elle: a new record type with the named fields (procedural records).
record-constructor  A constructor procedure for a record type.
record-predicate  A predicate for a record type.
record-accessor  An accessor for one field of a record type.
record-modifier  A modifier for one field of a record type.
record?  Is it a record instance?
record-type?  Is it a record type?
string?  Is it a string?
make-string  A string of k characters, each `fill` (default space).
string  A new string of the character arguments.
string-length  The number of characters.
string-ref  The character at index k.
string-set!  Replace the character at index k.
substring  A new string of characters [start, end).
string-append  A new string of all the arguments' characters.
string-copy  A new string of characters [start, end).
string-copy!  Copy characters into a string at an index.
string-fill!  Fill characters [start, end) with one character.
string->list  The characters [start, end) as a list.
list->string  A new string of the characters of a list.
string->vector  The characters [start, end) as a vector.
vector->string  A new string of the characters of a vector's [start, end).
string-upcase  Upper-case form (full Unicode case mapping).
string-downcase  Lower-case form (full Unicode case mapping).
string-foldcase  Case-folded form.
string=?  Are the strings all equal?
string-ci=?  Equal after case folding?
string<?  Lexicographically increasing?
string-ci<?  Increasing after case folding?
string>?  Lexicographically decreasing?
string-ci>?  Decreasing after case folding?
string<=?  Lexicographically non-decreasing?
string-ci<=?  Non-decreasing after case folding?
string>=?  Lexicographically non-increasing?
string-ci>=?  Non-increasing after case folding?
string-null?  Is it the empty string?
string-reverse  A new string with the characters reversed.
string-join  Join a list of strings with a separator (default a space).
string-contains  The index of the first occurrence of a substring, else #f.
string-index  The index of the first character satisfying a predicate (or equal to a character), else #f.
string-trim  Without leading and trailing white space.
string-trim-left  Without leading white space.
string-trim-right  Without trailing white space.
string-prefix?  Does the second string start with the first?
string-suffix?  Does the second string end with the first?
symbol?  Is it a symbol?
symbol=?  Are the symbols all the same?
string->symbol  The symbol with this name.
boolean?  Is it #t or #f?
boolean=?  Are the booleans all the same?
not  #t for #f, else #f.
command-line  The program name and its arguments, as a list of strings.
get-environment-variable  The value of an environment variable, else #f.
get-environment-variables  Every environment variable, as an alist of strings.
file-exists?  Does the named file exist?
delete-file  Delete the named file.
exit  Run outstanding dynamic-wind after-thunks, flush output and exit (#t or none: status 0).
emergency-exit  Exit at once, without running after-thunks.
features  The feature identifiers `cond-expand` tests.
current-second  Seconds since the POSIX epoch, as a flonum.
current-jiffy  Microseconds of a monotonic clock, an exact integer.
jiffies-per-second  Jiffies in a second (1000000).
vector?  Is it a vector?
vector  A new vector of the arguments.
make-vector  A vector of k elements, each `fill`.
vector-length  The number of elements.
vector-ref  The element at index k.
vector-set!  Replace the element at index k.
vector->list  The elements [start, end) as a list.
list->vector  A new vector of a list's elements.
vector-fill!  Fill elements [start, end) with one value.
vector-copy  A new vector of elements [start, end).
vector-append  A new vector of all the arguments' elements.
raise  Raise an object as an exception (non-continuable).
eval  Evaluate a datum in an environment.
environment  An environment of the named libraries' bindings (every built-in name).
interaction-environment  The environment of the running program's globals.
scheme-report-environment  R5RS: the built-in environment (any version accepted).
null-environment  R5RS: the built-in environment (any version accepted).
load  Read and run a file's forms in an environment.
jit-stats  Elle: the tier statistics as an association list.
jit-compile  Elle: compile a procedure with tier 2 now; #t if it compiled.
call-with-values  Call the producer; pass its values to the consumer.
dynamic-wind  Call `before`, the thunk, then `after`, also when control leaves or re-enters.
with-exception-handler  Call the thunk with a handler installed for `raise`.
raise-continuable  Raise an object; the handler's value is returned to the raiser.
map  Apply a procedure to the elements of lists, collecting the results (stops at the shortest).
for-each  Apply a procedure to the elements of lists, for its effects.
member  The first sublist whose car is equal? to x (or satisfies a given equivalence), else #f.
assoc  The first pair whose car is equal? to the key (or a given equivalence), else #f.
filter  The elements satisfying a predicate (SRFI 1).
remove  The elements not satisfying a predicate (SRFI 1).
partition  The elements satisfying and not satisfying a predicate, as two values (SRFI 1).
fold-left  R6RS fold: (f acc elem ...), left to right.
delete  The elements not equal? to x (SRFI 1).
delete-duplicates  The list without later duplicates, order kept (SRFI 1).
take-while  The longest prefix whose elements satisfy a predicate (SRFI 1).
drop-while  The list after that prefix (SRFI 1).
any  The first true result of a predicate over lists, else #f (SRFI 1).
every  #t (or the last result) if a predicate holds for all elements (SRFI 1).
count  The number of elements satisfying a predicate (SRFI 1).
filter-map  The true results of a procedure over lists (SRFI 1).
append-map  Map, then append the resulting lists (SRFI 1).
list-index  The index of the first element satisfying a predicate, else #f (SRFI 1).
find-tail  The first sublist whose car satisfies a predicate, else #f (SRFI 1).
find  The first element satisfying a predicate, else #f (SRFI 1).
sort  A stable merge sort of a list or vector (either argument order).
list-sort  A stably sorted copy of a list (SRFI 132; either argument order).
vector-sort  A stably sorted copy of a vector (SRFI 132; either argument order).
vector-sort!  Sort a vector in place, stably.
string-map  A new string of a procedure's results over strings' characters.
string-for-each  Apply a procedure to strings' characters, for its effects.
vector-map  A new vector of a procedure's results over vectors' elements.
vector-for-each  Apply a procedure to vectors' elements, for its effects.
force  The value of a promise (forcing it once).
make-parameter  A parameter object with an initial value and optional converter.
hash-table-ref  The value of a key; else call `fail` (or raise an error).
hash-table-update!  Replace a key's value with (proc value); `fail` supplies a missing one.
hash-table-update!/default  Replace a key's value with (proc value), `default` when missing.
hash-table-walk  Call a procedure on each key and value.
hash-table-fold  Fold a procedure over keys and values.
call-with-port  Call a procedure with a port; close the port when it returns.
call-with-input-file  Call a procedure with an input port on the named file.
call-with-output-file  Call a procedure with an output port on the named file.
with-input-from-file  Call a thunk with the current input port reading the named file.
with-output-to-file  Call a thunk with the current output port writing the named file.
call-with-output-string  Call a procedure with a string port; return the text written.
with-output-to-string  Call a thunk with output to a string; return the text.
default-random-source  The random source `random`, `random-integer` and `random-real` draw from (SRFI 27).
current-input-port  Parameter: the default port for input procedures.
current-output-port  Parameter: the default port for output procedures.
current-error-port  Parameter: the port for error messages (and `time`'s report).
trace  (trace name ...) prints each call of the global procedures and their values.
untrace  (untrace name ...) restores the procedures `trace` wrapped.
time  (time expr) evaluates expr, reports real and CPU time to the error port, returns its values.
alist->hash-table  A new hash table of an alist's associations (the first of a repeated key wins).
append  The lists joined; the last argument is shared, not copied.
list-copy  A new list with the same elements (the spine is copied).
bytevector-copy!  Copy bytes [start, end) of one bytevector into another at an index.
vector-copy!  Copy elements [start, end) of one vector into another at an index.
symbol->string  The symbol's name, as a fresh string.
last-pair  The last pair of a non-empty list (SRFI 1).
append-reverse  (append (reverse rev-head) tail), without the intermediate list (SRFI 1).
""")

R7RS_LIBRARIES = {
    "base": """
        * + - / < <= = > >= abs and append apply assoc assq assv begin binary-port?
        boolean=? boolean? bytevector bytevector-append bytevector-copy bytevector-copy!
        bytevector-length bytevector-u8-ref bytevector-u8-set! bytevector? caar cadr
        call-with-current-continuation call-with-port call-with-values call/cc car case
        cdar cddr cdr ceiling char->integer char-ready? char<=? char<? char=? char>=? char>?
        char? close-input-port close-output-port close-port complex? cond cond-expand cons
        current-error-port current-input-port current-output-port define define-record-type
        define-syntax define-values denominator do dynamic-wind else eof-object eof-object?
        eq? equal? eqv? error error-object-irritants error-object-message error-object?
        even? exact exact-integer-sqrt exact-integer? exact? expt features file-error?
        floor floor-quotient floor-remainder floor/ flush-output-port for-each gcd
        get-output-bytevector get-output-string guard if import include include-ci inexact
        inexact? input-port-open? input-port? integer->char integer? lambda lcm length let
        let* let*-values let-syntax let-values letrec letrec* letrec-syntax list list->string
        list->vector list-copy list-ref list-set! list-tail list? make-bytevector make-list
        make-parameter make-string make-vector map max member memq memv min modulo
        negative? newline not null? number->string number? numerator odd?
        open-input-bytevector open-input-string open-output-bytevector open-output-string
        or output-port-open? output-port? pair? parameterize peek-char peek-u8 positive?
        procedure? quasiquote quote quotient raise raise-continuable rational? rationalize
        read-bytevector read-bytevector! read-char read-error? read-line read-string read-u8
        real? remainder reverse round set! set-car! set-cdr! square string string->list
        string->number string->symbol string->utf8 string->vector string-append string-copy
        string-copy! string-fill! string-for-each string-length string-map string-ref
        string-set! string<=? string<? string=? string>=? string>? string? substring
        symbol->string symbol=? symbol? syntax-error syntax-rules textual-port? truncate
        truncate-quotient truncate-remainder truncate/ u8-ready? unless unquote
        unquote-splicing utf8->string values vector vector->list vector->string
        vector-append vector-copy vector-copy! vector-fill! vector-for-each vector-length
        vector-map vector-ref vector-set! vector? when with-exception-handler
        write-bytevector write-char write-string write-u8 zero?""",
    "case-lambda": "case-lambda",
    "char": """
        char-alphabetic? char-ci<=? char-ci<? char-ci=? char-ci>=? char-ci>? char-downcase
        char-foldcase char-lower-case? char-numeric? char-upcase char-upper-case?
        char-whitespace? digit-value string-ci<=? string-ci<? string-ci=? string-ci>=?
        string-ci>? string-downcase string-foldcase string-upcase""",
    "complex": "angle imag-part magnitude make-polar make-rectangular real-part",
    "cxr": """
        caaar caadr cadar caddr cdaar cdadr cddar cdddr caaaar caaadr caadar caaddr
        cadaar cadadr caddar cadddr cdaaar cdaadr cdadar cdaddr cddaar cddadr cdddar cddddr""",
    "eval": "environment eval",
    "file": """
        call-with-input-file call-with-output-file delete-file file-exists?
        open-binary-input-file open-binary-output-file open-input-file open-output-file
        with-input-from-file with-output-to-file""",
    "inexact": "acos asin atan cos exp finite? infinite? log nan? sin sqrt tan",
    "lazy": "delay delay-force force make-promise promise?",
    "load": "load",
    "process-context": """
        command-line emergency-exit exit get-environment-variable get-environment-variables""",
    "read": "read",
    "repl": "interaction-environment",
    "time": "current-jiffy current-second jiffies-per-second",
    "write": "display write write-shared write-simple",
}
R7RS_LIBRARIES = {lib: tuple(names.split()) for lib, names in R7RS_LIBRARIES.items()}

SRFI_NAMES = {
    1: """first second third last take drop iota filter remove partition fold fold-right
          reduce delete delete-duplicates take-while drop-while any every count filter-map
          append-map list-index find-tail find last-pair append-reverse""",
    27: """random-integer random-real default-random-source make-random-source
           random-source? random-source-randomize! random-source-pseudo-randomize!
           random-source-state-ref random-source-state-set! random-source-make-integers
           random-source-make-reals""",
    28: "format",
    69: """make-hash-table hash-table? hash-table-set! hash-table-ref hash-table-ref/default
           hash-table-delete! hash-table-exists? hash-table-update! hash-table-update!/default
           hash-table-size hash-table-keys hash-table-values hash-table-walk hash-table-fold
           hash-table->alist hash-table-copy alist->hash-table""",
    132: "list-sort vector-sort vector-sort!",
}
SRFI_NAMES = {n: tuple(names.split()) for n, names in SRFI_NAMES.items()}


def origin(name: str) -> str:
    """Where `name` is specified: "(scheme base)", "SRFI 1", or "Elle"."""
    for lib, names in R7RS_LIBRARIES.items():
        if name in names:
            return f"(scheme {lib})"
    for n, names in SRFI_NAMES.items():
        if name in names:
            return f"SRFI {n}"
    return "Elle"


SUMMARIES.update(_table(r"""
and  (and e ...): the first false value, else the last value (#t with none).
assert  Elle: (assert e) raises an `assertion` error showing e when e is false.
begin  (begin e ...): evaluate in order; the last value. At toplevel, splices definitions.
case  (case key ((datum ...) e ...) ... (else e ...)): dispatch on eqv?; `=>` clauses allowed.
case-lambda  (case-lambda (formals body ...) ...): a procedure choosing a clause by argument count.
cond  (cond (test e ...) ... (else e ...)): the first clause whose test is true; `=>` clauses allowed.
cond-expand  (cond-expand (requirement body ...) ...): keep the first clause whose feature requirement holds.
define  (define name e) or (define (name . formals) body ...): a variable or procedure.
define-library  (define-library (name ...) declaration ...): a library with its own namespace (R7RS 5.6).
define-macro  Elle: (define-macro (name . args) body ...): a non-hygienic macro computing its expansion.
define-record-type  (define-record-type name (ctor field ...) pred (field accessor [modifier]) ...).
define-syntax  (define-syntax name transformer): a macro, usually (syntax-rules ...).
define-values  (define-values formals e): define several variables from e's values.
delay  (delay e): a promise to evaluate e once, when forced.
delay-force  (delay-force e): a promise whose forcing forces the promise e returns (iterative).
do  (do ((var init step) ...) (test result ...) body ...): a loop.
fn  Elle: another name for `lambda`.
guard  (guard (var clause ...) body ...): catch raised objects with cond-like clauses.
if  (if test then [else]).
import  (import import-set ...): bind a library's exports (only, except, prefix, rename).
include  (include "file" ...): splice the forms of files, relative to the including file.
include-ci  Like `include`, reading the files case-folded.
lambda  (lambda formals body ...): a procedure; formals (a b), (a . rest) or rest.
let  (let ((var e) ...) body ...), or named let (let loop ((var e) ...) body ...).
let*  Like `let`, each binding seeing the ones before it.
let*-values  Like `let-values`, each binding seeing the ones before it.
let-syntax  (let-syntax ((name transformer) ...) body ...): local macros.
let-values  (let-values ((formals e) ...) body ...): bind multiple values.
letrec  (letrec ((var e) ...) body ...): mutually recursive bindings.
letrec*  Like `letrec`, the initialisers evaluated left to right.
letrec-syntax  Like `let-syntax`, the macros seeing each other.
or  (or e ...): the first true value, else #f.
parameterize  (parameterize ((param value) ...) body ...): rebind parameter objects dynamically.
quasiquote  `template: a quotation with ,unquote and ,@unquote-splicing holes.
quote  'datum: the datum itself, unevaluated.
set!  (set! var e): assign a variable.
syntax-error  (syntax-error "message" form ...): an expansion-time error (in syntax-rules templates).
syntax-rules  (syntax-rules (literal ...) (pattern template) ...): a hygienic pattern macro.
try  Elle: (try body ... (catch e handler ...) (finally cleanup ...)).
unless  (unless test body ...): the body when test is false.
when  (when test body ...): the body when test is true.
"""))


def _cxr_summary(name: str) -> str:
    """`cadr` -> "(car (cdr x))"."""
    text = "x"
    for letter in reversed(name[1:-1]):
        text = f"(c{letter}r {text})"
    return text + "."


for _name in R7RS_LIBRARIES["cxr"]:
    SUMMARIES.setdefault(_name, _cxr_summary(_name))
