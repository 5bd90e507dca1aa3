;;; A portable R7RS-small conformance program.
;;;
;;; Written against the report alone (chapters 4 and 6): it runs unmodified in
;;; any R7RS-small system that provides the libraries imported below, and
;;; portable.out holds what the report says it must print.  Where the report
;;; leaves a result unspecified (the value of set!, argument evaluation order,
;;; how `write` abbreviates quote forms) the program avoids depending on it.

(import (scheme base) (scheme write) (scheme char) (scheme cxr)
        (scheme lazy) (scheme case-lambda) (scheme inexact)
        (scheme read) (scheme eval) (scheme process-context)
        (scheme time) (scheme file))

(define (show label . vals)
  (display label)
  (display ":")
  (for-each (lambda (v) (display " ") (write v)) vals)
  (newline))

(define (section name)
  (display "== ")
  (display name)
  (newline))

(define (values->list thunk)
  (call-with-values thunk list))

;;; ------------------------------------------------------------------
(section "4.2 binding forms")
(show "let" (let ((x 2) (y 3)) (* x y)))
(show "let scope" (let ((x 2) (y 3)) (let ((x 7) (z (+ x y))) (* z x))))
(show "let*" (let ((x 2) (y 3)) (let* ((x 7) (z (+ x y))) (* z x))))
(show "letrec"
      (letrec ((even? (lambda (n) (if (zero? n) #t (odd? (- n 1)))))
               (odd? (lambda (n) (if (zero? n) #f (even? (- n 1))))))
        (list (even? 88) (odd? 7) (even? 7))))
(show "letrec*"
      (letrec* ((p (lambda (x) (+ 1 (q (- x 1)))))
                (q (lambda (y) (if (zero? y) 0 (+ 1 (p (- y 1))))))
                (x (p 5))
                (y x))
        y))
(show "named let"
      (let loop ((numbers '(3 -2 1 6 -5)) (nonneg '()) (neg '()))
        (cond ((null? numbers) (list nonneg neg))
              ((>= (car numbers) 0)
               (loop (cdr numbers) (cons (car numbers) nonneg) neg))
              (else (loop (cdr numbers) nonneg (cons (car numbers) neg))))))
(show "let-values"
      (let-values (((root rem) (exact-integer-sqrt 32))
                   ((a . rest) (values 1 2 3))
                   (all (values 4 5)))
        (list root rem a rest all)))
(show "let*-values"
      (let ((a 'a) (b 'b) (x 'x) (y 'y))
        (let*-values (((a b) (values x y))
                      ((x y) (values a b)))
          (list a b x y))))
(define-values (dv1 dv2 . dv-rest) (values 10 20 30 40))
(show "define-values" dv1 dv2 dv-rest)
(define-values dv-all (values 1 2 3))
(show "define-values all" dv-all)
(show "do vector"
      (do ((vec (make-vector 5))
           (i 0 (+ i 1)))
          ((= i 5) vec)
        (vector-set! vec i i)))
(show "do sum"
      (let ((x '(1 3 5 7 9)))
        (do ((x x (cdr x))
             (sum 0 (+ sum (car x))))
            ((null? x) sum))))
(define (body-defines x)
  (define a (* x 2))
  (define (helper y) (+ a y))
  (define-values (p q) (values 1 2))
  (begin (define r 100))
  (helper (+ p q r)))
(show "internal defines" (body-defines 5))
(show "internal record"
      (let ()
        (define-record-type thing (make-thing v) thing? (v thing-v))
        (thing-v (make-thing 'inside))))

;;; ------------------------------------------------------------------
(section "4.2 conditionals and sequencing")
(show "cond =>" (cond ((assv 'b '((a 1) (b 2))) => cadr) (else #f)))
(show "cond else" (cond ((> 3 3) 'greater) ((< 3 3) 'less) (else 'equal)))
(show "cond test only" (cond ((memv 3 '(1 2 3 4))) (else 'no)))
(show "case" (case (* 2 3) ((2 3 5 7) 'prime) ((1 4 6 8 9) 'composite)))
(show "case else =>"
      (case (car '(c d))
        ((a e i o u) 'vowel)
        ((w y) 'semivowel)
        (else => (lambda (x) x))))
(show "case clause =>" (case 5 ((5) => (lambda (x) (* x 10))) (else 'no)))
(show "case chars" (case #\b ((#\a) 1) ((#\b) 2) (else 3)))
(show "and" (and (= 2 2) (> 2 1)) (and 1 2 'c '(f g)) (and) (and #f (car '())))
(show "or" (or (= 2 2) (> 2 1)) (or #f #f #f) (or (memq 'b '(a b c)) (/ 3 0)))
(show "when" (when (> 1 0) 'a 'b))
(show "unless" (unless (< 1 0) 'a 'b))
(show "begin" (let ((x 0)) (begin (set! x 5) (+ x 1))))
(show "cond-expand"
      (cond-expand ((and r7rs (not no-such-feature)) 'r7rs) (else 'other))
      (cond-expand ((library (scheme base)) 'has-base) (else 'no-base))
      (cond-expand ((or no-such-feature-1 no-such-feature-2) 'yes) (else 'else)))
(show "features" (if (memq 'r7rs (features)) #t #f))

;;; ------------------------------------------------------------------
(section "4.2.8 quasiquotation")
(show "qq" `(list ,(+ 1 2) 4))
(show "qq splice" `(a ,(+ 1 2) ,@(map abs '(4 -5 6)) b))
(show "qq dotted" `((foo ,(- 10 3)) ,@(cdr '(c)) . ,(car '(cons))))
(show "qq vector" `#(10 5 ,(square 2) ,@(map square '(4 3)) 8))
(show "qq nested"
      (equal? `(a `(b ,(c ,(+ 1 2))))
              '(a (quasiquote (b (unquote (c 3)))))))
(show "qq nested 2"
      (equal? (let ((name1 'x) (name2 'y)) `(a `(b ,,name1 ,',name2 d) e))
              '(a (quasiquote (b (unquote x) (unquote (quote y)) d)) e)))
(show "qq splice at end" `(1 ,@'() . 2))

;;; ------------------------------------------------------------------
(section "4.2.9 case-lambda")
(define range
  (case-lambda
    ((e) (range 0 e))
    ((b e) (do ((r '() (cons e r))
                (e (- e 1) (- e 1)))
               ((< e b) r)))))
(show "range" (range 3) (range 3 5))
(define plus
  (case-lambda
    (() 0)
    ((x) x)
    ((x y) (+ x y))
    ((x y . rest) (apply plus (+ x y) rest))))
(show "plus" (plus) (plus 1) (plus 1 2) (plus 1 2 3 4))

;;; ------------------------------------------------------------------
(section "4.3 macros")
(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1)
(define other 2)
(swap! tmp other)
(show "swap! tmp" tmp other)
(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(show "my-or hygiene" (let ((t 5)) (my-or #f t)))
(show "shadowed if" (let ((if list)) (my-or #f 'x)))
(define-syntax with-x
  (syntax-rules () ((_ body) (let ((x 'macro)) body))))
(show "introduced binding" (let ((x 'user)) (with-x x)))
(define-syntax my-cond
  (syntax-rules (else)
    ((_) 'none)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(show "literal else" (my-cond (#f 1) (else 2)))
(show "shadowed literal" (let ((else #f)) (my-cond (#f 1) (else 2))))
(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))
(show "recursive macro" (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c)))
(define-syntax nest
  (syntax-rules ()
    ((_ (name val ...) ...) '((name (val ...)) ...))))
(show "nested ellipsis" (nest (a 1 2) (b) (c 3)))
(define-syntax last-of
  (syntax-rules () ((_ x ... y) 'y)))
(define-syntax middle
  (syntax-rules () ((_ a b ... c) '(b ...))))
(show "tail patterns" (last-of 1 2 3) (middle 1 2 3 4) (middle 1 2))
(define-syntax dotted
  (syntax-rules () ((_ a . rest) 'rest)))
(show "dotted pattern" (dotted 1 2 3))
(define-syntax vsum
  (syntax-rules () ((_ #(a ...)) (+ a ...))))
(show "vector pattern" (vsum #(1 2 3)))
(define-syntax second-of
  (syntax-rules () ((_ _ b) b)))
(show "underscore" (second-of 1 2))
(define-syntax my-list
  (syntax-rules ::: ()
    ((_ x :::) (list x :::))))
(show "custom ellipsis" (my-list 1 2 3))
(define-syntax be-like-begin
  (syntax-rules ()
    ((be-like-begin name)
     (define-syntax name
       (syntax-rules ()
         ((name expr (... ...))
          (begin expr (... ...))))))))
(be-like-begin sequence)
(show "(... ...)" (sequence 1 2 3 4))
(show "let-syntax"
      (let ((x 'outer))
        (let-syntax ((m (syntax-rules () ((m) x))))
          (let ((x 'inner))
            (m)))))
(show "letrec-syntax"
      (letrec-syntax
          ((my-or (syntax-rules ()
                    ((my-or) #f)
                    ((my-or e) e)
                    ((my-or e1 e2 ...)
                     (let ((temp e1))
                       (if temp temp (my-or e2 ...)))))))
        (let ((x #f) (y 7) (temp 8) (let odd?) (if even?))
          (my-or x (let temp) (if y) y))))
(define-syntax define-getter
  (syntax-rules () ((_ name val) (define (name) val))))
(define-getter get-five 5)
(show "macro defines" (get-five))
(define-syntax while
  (syntax-rules ()
    ((_ cond body ...) (let lp () (when cond body ... (lp))))))
(show "while" (let ((i 0) (acc '())) (while (< i 4) (set! acc (cons i acc)) (set! i (+ i 1))) acc))

;;; ------------------------------------------------------------------
(section "5.5 records")
(define-record-type <pare>
  (kons x y)
  pare?
  (x kar set-kar!)
  (y kdr))
(show "pare?" (pare? (kons 1 2)) (pare? (cons 1 2)))
(show "kar kdr" (kar (kons 1 2)) (kdr (kons 1 2)))
(show "set-kar!" (let ((k (kons 1 2))) (set-kar! k 3) (kar k)))
(define-record-type node (make-node val) node? (val node-val) (next node-next set-node-next!))
(show "field not in constructor"
      (let ((n (make-node 1))) (set-node-next! n 'end) (list (node-val n) (node-next n))))
(show "records are disjoint"
      (let ((k (kons 1 2)))
        (list (procedure? k) (vector? k) (pair? k) (node? k))))

;;; ------------------------------------------------------------------
(section "6.1 equivalence")
(show "eqv?" (eqv? 'a 'a) (eqv? '() '()) (eqv? 100000000000000000000 100000000000000000000)
      (eqv? 1.0 1) (eqv? (cons 1 2) (cons 1 2)) (eqv? #f 'nil)
      (let ((p (lambda (x) x))) (eqv? p p)))
(show "eq?" (eq? 'a 'a) (eq? (list 'a) (list 'a)) (eq? '() '()) (eq? car car))
(show "equal?" (equal? 'a 'a) (equal? '(a) '(a)) (equal? '(a (b) c) '(a (b) c))
      (equal? "abc" "abc") (equal? 2 2) (equal? (make-vector 5 'a) (make-vector 5 'a))
      (equal? 2 2.0) (equal? #u8(1 2) (bytevector 1 2)))

;;; ------------------------------------------------------------------
(section "6.2 numbers")
(show "division" (/ 1 3) (/ 6 3) (/ 6 4) (/ -7 14) (/ 2) (/ 0.5 2))
(show "rationals" (+ 1/2 1/3) (* 2/3 3/2) (- 1/2 1/2) (+ 1/2 0.5))
(show "exactness" (exact? 1/2) (inexact? 0.5) (exact? 3.0) (exact-integer? 5)
      (exact-integer? 5.0) (exact-integer? 1/2))
(show "conversions" (inexact 1/4) (exact->inexact 1/3) (exact 2.5) (exact 2.0)
      (inexact->exact 0.125) (exact .1))
(show "predicates" (integer? 3.0) (integer? 8/4) (rational? 1/2) (rational? +inf.0)
      (real? 1.5) (complex? 1) (number? 'a) (integer? "3"))
(show "special floats" (nan? +nan.0) (infinite? -inf.0) (finite? 1e300) (finite? +nan.0)
      (/ 1.0 0) (- (/ 1.0 0)))
(show "signs" (zero? 0.0) (zero? 0) (positive? -1) (negative? -1/2) (odd? 7) (even? 0)
      (even? -4))
(show "bignums" (expt 2 100) (* 99999999999 99999999999) (- (expt 10 20) 1)
      (quotient (expt 10 30) (expt 10 28)))
(show "expt" (expt 2 -2) (expt 2.0 3) (expt 0 0) (expt 1/2 3) (expt 0.0 0.0))
(show "sqrt" (sqrt 9) (sqrt 16.0) (sqrt 2) (exact-integer? (sqrt 144)))
(show "exact-integer-sqrt" (values->list (lambda () (exact-integer-sqrt 4)))
      (values->list (lambda () (exact-integer-sqrt 5)))
      (values->list (lambda () (exact-integer-sqrt (expt 10 40)))))
(show "square" (square 42) (square 2.0) (square -1/2))
(show "comparisons" (= 1 1.0) (< 1/3 0.34) (= 1/2 0.5) (< 1 2 3) (< 1 3 2)
      (>= 3 3 2) (<= 1 1 2) (> 3 2 1) (= 1 1 2))
(show "min max" (max 3 4) (max 3.9 4) (min 1 2.0) (max 1/2 1/3) (min -1 -1/2))
(show "abs" (abs -7) (abs -7/2) (abs -2.5))
(show "floor/" (values->list (lambda () (floor/ 5 2)))
      (values->list (lambda () (floor/ -5 2)))
      (values->list (lambda () (floor/ 5 -2)))
      (values->list (lambda () (floor/ -5 -2))))
(show "truncate/" (values->list (lambda () (truncate/ 5 2)))
      (values->list (lambda () (truncate/ -5 2)))
      (values->list (lambda () (truncate/ 5 -2)))
      (values->list (lambda () (truncate/ -5 -2)))
      (values->list (lambda () (truncate/ -5.0 2))))
(show "quotients" (floor-quotient -7 2) (floor-remainder -7 2)
      (truncate-quotient -7 2) (truncate-remainder -7 2))
(show "modulo" (modulo 13 4) (remainder 13 4) (modulo -13 4) (remainder -13 4)
      (modulo 13 -4) (remainder 13 -4) (remainder -13 -4.0))
(show "gcd lcm" (gcd 32 -36) (gcd) (lcm 32 -36) (lcm 32.0 -36) (lcm))
(show "floor" (floor -4.3) (floor 3.5) (floor 7/2) (floor -7/2) (floor 5))
(show "ceiling" (ceiling -4.3) (ceiling 3.5) (ceiling 7/2))
(show "truncate" (truncate -4.3) (truncate 3.5) (truncate -7/2))
(show "round" (round -4.3) (round 3.5) (round 7/2) (round 7) (round 2.5) (round -2.5)
      (round 5/2) (round 0.5) (round -3/2))
(show "numerator" (numerator (/ 6 4)) (denominator (/ 6 4)) (denominator (inexact (/ 6 4)))
      (numerator 5) (denominator 5))
(show "rationalize" (rationalize (exact .3) 1/10) (rationalize .3 1/10))
(show "transcendental" (exp 0.0) (log 1.0) (sin 0.0) (cos 0.0) (atan 1 1)
      (< (abs (- (log 8 2) 3)) 1e-10) (exact (floor (* 4 (atan 1)))))
(show "inexact arithmetic" (+ 0.1 0.2) (* 1.5 2) (exact->inexact 123456789012) (- 0.5 1))
(show "number->string" (number->string 42) (number->string 10 2) (number->string -255 8)
      (string-downcase (number->string 255 16)) (number->string 1/3 2) (number->string 3.5))
(show "string->number" (string->number "100") (string->number "100" 16) (string->number "1e2")
      (string->number "#xff") (string->number "1/2") (string->number "abc")
      (string->number "#e1.5") (string->number "#i3/4") (string->number "-17")
      (string->number "+inf.0") (string->number "") (string->number "#b101")
      (string->number "101" 2))
(show "number syntax" #x-1A #b-101 #o17 #e1.2 #i1/8 1e3 #d10 -0.75 .5)

;;; ------------------------------------------------------------------
(section "6.3-6.5 booleans, lists, symbols")
(show "not" (not #t) (not 3) (not '(3)) (not #f) (not '()) (not 'nil))
(show "boolean" (boolean? #f) (boolean? 0) (boolean? '()) (boolean=? #t #t #t) (boolean=? #f #t))
(show "pairs" (pair? '(a . b)) (pair? '()) (pair? '#(a b)) (cons 'a '(b c)) (cons '(a b) 'c))
(show "set-car!" (let ((p (list 1 2))) (set-car! p 'x) (set-cdr! (cdr p) '(3)) p))
(show "cxr" (caar '((a) b)) (cdar '((a b) c)) (caddr '(1 2 3 4)) (cdddr '(1 2 3 4))
      (cadddr '(1 2 3 4)) (caadr '(1 (2 3))) (cddadr '(1 (2 3 4))))
(show "list?" (list? '(a b c)) (list? '()) (list? '(a . b))
      (let ((x (list 'a))) (set-cdr! x x) (list? x)))
(show "make-list" (make-list 2 3) (length (make-list 4)))
(show "length" (length '(a b c)) (length '(a (b) (c d e))) (length '()))
(show "append" (append '(x) '(y)) (append '(a) '(b c d)) (append '(a (b)) '((c)))
      (append '(a b) '(c . d)) (append '() 'a) (append))
(show "reverse" (reverse '(a (b c) d (e (f)))) (reverse '()))
(show "list-tail" (list-tail '(a b c d) 2) (list-ref '(a b c d) 2))
(show "list-set!" (let ((ls (list 'one 'two 'five!))) (list-set! ls 2 'three) ls))
(show "list-copy" (let* ((a (list 1 2 3)) (b (list-copy a))) (set-car! b 99) (list a b)))
(show "memq" (memq 'a '(a b c)) (memq 'b '(a b c)) (memq 'a '(b c d))
      (memq (list 'a) '(b (a) c)) (memv 101 '(100 101 102)))
(show "member" (member (list 'a) '(b (a) c)) (member "B" '("a" "b" "c") string-ci=?)
      (member 2.0 '(1 2 3) =))
(show "assq" (assq 'a '((a 1) (b 2) (c 3))) (assq 'd '((a 1) (b 2)))
      (assv 5 '((2 3) (5 7) (11 13))) (assoc (list 'a) '(((a)) ((b)) ((c))))
      (assoc 2.0 '((1 1) (2 4) (3 9)) =))
(show "symbols" (symbol? 'foo) (symbol? (car '(a b))) (symbol? "bar") (symbol? 'nil)
      (symbol? '()) (symbol=? 'a 'a 'a) (symbol=? 'a 'b))
(show "symbol strings" (symbol->string 'flying-fish) (string->symbol "mISSISSIppi")
      (eq? 'Hello (string->symbol "Hello")) (string->symbol "hello world")
      (symbol->string '|a\x41;b|) (string->symbol ""))

;;; ------------------------------------------------------------------
(section "6.6 characters")
(show "char names" #\a #\space #\newline #\tab #\x0 #\x7f #\alarm #\backspace
      #\escape #\null #\return #\x41 #\()
(show "char order" (char<? #\a #\b #\c) (char<? #\a #\c #\b) (char>=? #\b #\b #\a)
      (char-ci=? #\a #\A) (char-ci<? #\a #\B))
(show "char classes" (char-alphabetic? #\a) (char-alphabetic? #\3) (char-alphabetic? #\λ)
      (char-numeric? #\3) (char-numeric? #\x0663) (char-whitespace? #\tab)
      (char-whitespace? #\x3000) (char-upper-case? #\x00C4) (char-lower-case? #\x00E4)
      (char-upper-case? #\3))
(show "digit-value" (digit-value #\3) (digit-value #\x0664) (digit-value #\xAE6)
      (digit-value #\a))
(show "char case" (char-upcase #\a) (char-downcase #\A) (char-upcase #\x3bb)
      (char->integer (char-downcase #\x03A3)) (char->integer (char-foldcase #\x03A3))
      (char-upcase #\3))
(show "char codes" (char->integer #\A) (char->integer #\x3bb) (integer->char 97)
      (char->integer (integer->char 128512)))

;;; ------------------------------------------------------------------
(section "6.7 strings")
(show "constructors" (make-string 3 #\z) (string #\a #\b) (string) (string-copy "hello" 2)
      (string-copy "hello" 1 4) (substring "hello" 1 3) (string-append "a" "bc" ""))
(show "unicode length" (string-length "λx") (string-length "日本語")
      (string-length (string (integer->char 128512)))
      (char->integer (string-ref "aλ" 1)))
(show "escapes" "a\"b\\c" (string-length "\x41;bc") "\x41;bc" (string-length "tab\there")
      "line one \
       continued")
(show "mutation"
      (let ((s (make-string 3 #\a))) (string-set! s 1 #\b) s)
      (let ((s (make-string 5 #\-))) (string-copy! s 1 "abc") s)
      (let ((s (string-copy "abcde"))) (string-copy! s 1 s 0 3) s)
      (let ((s (string-copy "abcde"))) (string-copy! s 0 s 2) s)
      (let ((s (make-string 3 #\a))) (string-fill! s #\z 1) s))
(show "conversions" (string->list "abc") (string->list "abc" 1) (list->string '(#\a #\b))
      (string->vector "abc") (vector->string #(#\x #\y)) (string->vector "abcde" 1 3))
(show "string-map" (string-map char-upcase "abc")
      (string-map (lambda (c k) ((if (eqv? k #\u) char-upcase char-downcase) c))
                  "studlycaps xxx" "ululululul"))
(show "string-for-each"
      (let ((v '()))
        (string-for-each (lambda (c) (set! v (cons (char->integer c) v))) "abcde")
        v)
      (let ((acc '()))
        (string-for-each (lambda (a b) (set! acc (cons (string a b) acc))) "abc" "xy")
        acc))
(show "comparisons" (string=? "a" "a" "a") (string<? "abc" "abd") (string<? "ab" "abc")
      (string>? "b" "a") (string<=? "a" "a" "b") (string>=? "a" "b")
      (string-ci=? "HeLLo" "hello") (string-ci<? "apple" "BANANA"))
(show "case mapping" (string-upcase "hello") (string-downcase "HeLLo")
      (string-upcase "straße") (string-foldcase "Straße") (string-ci=? "Straße" "STRASSE")
      (string-downcase "ΧΑΟΣ"))

;;; ------------------------------------------------------------------
(section "6.8-6.9 vectors and bytevectors")
(show "vector" (vector 'a 'b 'c) (vector-ref '#(1 1 2 3 5 8 13 21) 5) (vector-length #())
      (vector? #(1)) (vector? '(1)))
(show "vector->list" (vector->list '#(dah dah didah)) (vector->list '#(dah dah didah) 1)
      (vector->list '#(dah dah didah) 1 2) (list->vector '(dididit dah)))
(show "vector-fill!" (let ((v (vector 1 2 3 4 5))) (vector-fill! v 'x 1 3) v)
      (let ((v (make-vector 2 'a))) (vector-fill! v 0) v))
(show "vector-copy" (vector-copy #(1 2 3)) (vector-copy #(1 2 3) 1) (vector-copy #(1 2 3) 1 2))
(show "vector-copy!"
      (let ((a (vector 1 2 3 4 5)) (b (vector 10 20 30 40 50))) (vector-copy! b 1 a 0 2) b)
      (let ((v (vector 1 2 3 4 5))) (vector-copy! v 1 v 0 3) v))
(show "vector-append" (vector-append #(a b c) #(d e f)) (vector-append))
(show "vector-map" (vector-map cadr '#((a b) (d e) (g h)))
      (vector-map + '#(1 2) '#(10 20 30)))
(show "vector-for-each"
      (let ((v (make-list 5)))
        (vector-for-each (lambda (i) (list-set! v i (* i i))) '#(0 1 2 3 4))
        v))
(show "bytevector" (bytevector 1 3 5 1 3 5) (bytevector) (make-bytevector 2 12)
      (bytevector-u8-ref #u8(1 1 2 3 5 8 13 21) 5) (bytevector-length #u8(1 2 3))
      (bytevector? #u8()) (bytevector? #(1)))
(show "bytevector-u8-set!" (let ((bv (bytevector 1 2 3 4))) (bytevector-u8-set! bv 1 3) bv))
(show "bytevector-copy" (bytevector-copy #u8(1 2 3 4 5) 2 4) (bytevector-copy #u8(1 2 3) 1)
      (let ((a (bytevector 1 2 3 4 5)) (b (bytevector 10 20 30 40 50)))
        (bytevector-copy! b 1 a 0 2)
        b)
      (bytevector-append #u8(0 1 2) #u8(3 4 5) #u8()))
(show "utf8" (string->utf8 "λ") (utf8->string #u8(65 206 187)) (string->utf8 "abcde" 1 3)
      (utf8->string #u8(65 66 67 68) 1 3))

;;; ------------------------------------------------------------------
(section "6.10 control")
(show "procedure?" (procedure? car) (procedure? 'car) (procedure? (lambda (x) (* x x)))
      (procedure? '(lambda (x) (* x x))) (call-with-current-continuation procedure?))
(show "apply" (apply + (list 3 4)) (apply + 1 2 '(3 4)) (apply list '()))
(define compose (lambda (f g) (lambda args (f (apply g args)))))
(show "compose" ((compose sqrt *) 12 75))
(show "map" (map cadr '((a b) (d e) (g h))) (map (lambda (n) (expt n n)) '(1 2 3 4 5))
      (map + '(1 2 3) '(10 20 30)) (map + '(1 2) '(1 2 3)) (map car '()))
(show "map order-independent"
      (let ((count 0))
        (let ((r (map (lambda (ignored) (set! count (+ count 1)) count) '(a b))))
          (or (equal? r '(1 2)) (equal? r '(2 1))))))
(show "for-each"
      (let ((v (make-vector 5)))
        (for-each (lambda (i) (vector-set! v i (* i i))) '(0 1 2 3 4))
        v)
      (let ((acc '()))
        (for-each (lambda (a b) (set! acc (cons (+ a b) acc))) '(1 2 3) '(10 20))
        acc))
(show "call/cc escape"
      (call-with-current-continuation
       (lambda (exit)
         (for-each (lambda (x) (if (negative? x) (exit x))) '(54 0 37 -3 245 19))
         #t)))
(define list-length
  (lambda (obj)
    (call-with-current-continuation
     (lambda (return)
       (letrec ((r (lambda (obj)
                     (cond ((null? obj) 0)
                           ((pair? obj) (+ (r (cdr obj)) 1))
                           (else (return #f))))))
         (r obj))))))
(show "list-length" (list-length '(1 2 3 4)) (list-length '(a b . c)))
(show "re-entry"
      (let ((k #f) (n 0))
        (let ((r (call/cc (lambda (c) (set! k c) 0))))
          (set! n (+ n 1))
          (if (< r 3) (k (+ r 1)) (list r n)))))
(define (make-generator lst)
  (define return #f)
  (define resume #f)
  (define (start)
    (for-each (lambda (x)
                (call/cc (lambda (k) (set! resume k) (return x))))
              lst)
    (set! resume (lambda (ignored) (return 'done)))
    (return 'done))
  (lambda ()
    (call/cc (lambda (r)
               (set! return r)
               (if resume (resume #f) (start))))))
(show "generator"
      (let* ((g (make-generator '(a b c)))
             (x1 (g)) (x2 (g)) (x3 (g)) (x4 (g)) (x5 (g)))
        (list x1 x2 x3 x4 x5)))
(show "values" (call-with-values (lambda () (values 4 5)) (lambda (a b) b))
      (call-with-values * -) (values->list values) (values->list (lambda () (values 1 2 3))))
(show "dynamic-wind"
      (let ((path '()) (c #f))
        (let ((add (lambda (s) (set! path (cons s path)))))
          (dynamic-wind
           (lambda () (add 'connect))
           (lambda () (add (call-with-current-continuation (lambda (c0) (set! c c0) 'talk1))))
           (lambda () (add 'disconnect)))
          (if (< (length path) 4)
              (c 'talk2)
              (reverse path)))))
(show "dynamic-wind escape"
      (let ((log '()))
        (call/cc
         (lambda (k)
           (dynamic-wind
            (lambda () (set! log (cons 'before log)))
            (lambda () (k 'escaped) (set! log (cons 'not-reached log)))
            (lambda () (set! log (cons 'after log))))))
        (reverse log)))
(show "nested dynamic-wind"
      (let ((log '()))
        (define (note x) (set! log (cons x log)))
        (call/cc
         (lambda (k)
           (dynamic-wind
            (lambda () (note 'in1))
            (lambda ()
              (dynamic-wind (lambda () (note 'in2))
                            (lambda () (k 'out))
                            (lambda () (note 'out2))))
            (lambda () (note 'out1)))))
        (reverse log)))

;;; ------------------------------------------------------------------
(section "6.11 exceptions")
(show "raise-continuable"
      (with-exception-handler
       (lambda (con)
         (cond ((string? con) (display con) (display " "))
               (else (display "a warning has been issued")))
         42)
       (lambda ()
         (+ (raise-continuable "should be a number") 23))))
(show "handler escape"
      (call/cc
       (lambda (k)
         (with-exception-handler
          (lambda (e) (k (list 'caught e)))
          (lambda () (raise 'boom))))))
(show "nested handlers"
      (with-exception-handler
       (lambda (e) (* e 2))
       (lambda ()
         (with-exception-handler
          (lambda (e) (+ (raise-continuable (+ e 1)) 100))
          (lambda () (raise-continuable 5))))))
(show "guard =>"
      (guard (condition ((assq 'a condition) => cdr) ((assq 'b condition)))
        (raise (list (cons 'a 42))))
      (guard (condition ((assq 'a condition) => cdr) ((assq 'b condition)))
        (raise (list (cons 'b 23)))))
(show "guard else" (guard (e ((symbol? e) (list 'sym e)) (else (list 'other e))) (raise 42)))
(show "guard re-raise"
      (guard (e ((string? e) (list 'outer e)))
        (guard (e ((number? e) 'inner))
          (raise "str"))))
(show "guard no raise" (guard (e (#t 'handled)) (+ 1 2)))
(show "error object"
      (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
        (error "Bad thing:" 1 'two "three")))
(show "error-object? of raise" (guard (e ((error-object? e) 'error) (else 'other)) (raise 5)))
(show "primitive errors"
      (guard (e ((error-object? e) 'caught)) (car '()))
      (guard (e ((error-object? e) 'caught)) (vector-ref (vector 1 2) 5))
      (guard (e ((error-object? e) 'caught)) (undefined-procedure-xyz 1)))
(show "read-error?" (guard (e ((read-error? e) 'read-error) (else 'other))
                      (read (open-input-string "(1 2"))))
(show "file-error?" (guard (e ((file-error? e) 'file-error) (else 'other))
                      (open-input-file "/nonexistent-dir-elle/no-such-file.txt")))
(show "secondary exception"
      (guard (e (#t 'secondary))
        (with-exception-handler
         (lambda (e) 'ignored)
         (lambda () (raise 'first)))))
(show "guard and dynamic-wind"
      (let ((log '()))
        (guard (e (#t (set! log (cons (list 'handled e) log))))
          (dynamic-wind
           (lambda () (set! log (cons 'in log)))
           (lambda () (raise 'oops))
           (lambda () (set! log (cons 'out log)))))
        (reverse log)))

;;; ------------------------------------------------------------------
(section "4.2.6 parameters")
(define radix
  (make-parameter
   10
   (lambda (x)
     (if (and (exact-integer? x) (<= 2 x 16))
         x
         (error "invalid radix")))))
(define (f n) (number->string n (radix)))
(show "parameter" (f 12) (parameterize ((radix 2)) (f 12)) (f 12))
(show "bad parameterize"
      (guard (e ((error-object? e) (error-object-message e)))
        (parameterize ((radix 0)) (f 12))))
(define doubled (make-parameter 5 (lambda (x) (* x 2))))
(show "converter" (doubled) (parameterize ((doubled 7)) (doubled)) (doubled))
(define pp (make-parameter 1))
(show "parameterize escape"
      (let* ((inside (call/cc (lambda (k) (parameterize ((pp 2)) (k (pp))))))
             (outside (pp)))
        (list inside outside)))

;;; ------------------------------------------------------------------
(section "4.2.5 promises")
(show "force" (force (delay (+ 1 2))) (let ((p (delay (+ 1 2)))) (list (force p) (force p))))
(define integers
  (letrec ((next (lambda (n) (delay (cons n (next (+ n 1)))))))
    (next 0)))
(define (head stream) (car (force stream)))
(define (tail stream) (cdr (force stream)))
(show "stream" (head (tail (tail integers))))
(define (stream-filter p? s)
  (delay-force
   (if (null? (force s))
       (delay '())
       (let ((h (car (force s)))
             (t (cdr (force s))))
         (if (p? h)
             (delay (cons h (stream-filter p? t)))
             (stream-filter p? t))))))
(show "delay-force" (head (tail (tail (stream-filter odd? integers)))))
(define count 0)
(define p
  (delay (begin (set! count (+ count 1))
                (if (> count x) count (force p)))))
(define x 5)
(show "reentrant force" (force p) (begin (set! x 10) (force p)))
(show "make-promise" (force (make-promise 7)) (promise? (make-promise 7)) (promise? (delay 1))
      (promise? 5) (force (make-promise (delay 3))))
(define (countdown n) (delay-force (if (= n 0) (delay 'done) (countdown (- n 1)))))
(show "iterative delay-force" (force (countdown 100000)))

;;; ------------------------------------------------------------------
(section "6.13 ports")
(show "output string"
      (let ((p (open-output-string)))
        (write 'abc p)
        (display " " p)
        (write "x" p)
        (write-char #\! p)
        (write-string "tail" p)
        (write-string "abcdef" p 2 4)
        (newline p)
        (get-output-string p)))
(show "read-char"
      (let* ((p (open-input-string "hello world"))
             (a (read-char p)) (b (peek-char p)) (c (read-char p)) (d (read-string 3 p))
             (e (read-string 100 p)) (f (read-char p)))
        (list a b c d e (eof-object? f))))
(show "read-line"
      (let* ((p (open-input-string "line1\nline2\n\nlast"))
             (a (read-line p)) (b (read-line p)) (c (read-line p)) (d (read-line p))
             (e (read-line p)))
        (list a b c d (eof-object? e))))
(show "read"
      (let ((p (open-input-string "(a . b) #(1 2) \"s\" 42 sym #\\x |a b| ; comment\n 1/2")))
        (let loop ((acc '()))
          (let ((x (read p)))
            (if (eof-object? x) (reverse acc) (loop (cons x acc)))))))
(show "read quote" (car (read (open-input-string "'x"))) (eof-object? (read (open-input-string "  "))))
(show "eof" (eof-object? (eof-object)) (eof-object? (read-char (open-input-string "")))
      (eof-object? #f))
(show "char-ready?" (char-ready? (open-input-string "x")))
(show "port predicates" (input-port? (open-input-string "")) (output-port? (current-output-port))
      (textual-port? (open-input-string "")) (binary-port? (open-input-bytevector #u8()))
      (port? (current-input-port)) (input-port? (current-output-port)))
(show "close-port"
      (let ((p (open-input-string "abc")))
        (let ((before (input-port-open? p)))
          (close-port p)
          (list before (input-port-open? p)))))
(show "call-with-port" (call-with-port (open-input-string "abc") read-char))
(show "bytevector ports"
      (let* ((p (open-input-bytevector #u8(1 2 3)))
             (a (read-u8 p)) (b (peek-u8 p)) (c (read-bytevector 5 p)) (d (read-u8 p)))
        (list a b c (eof-object? d)))
      (let ((p (open-output-bytevector)))
        (write-u8 65 p)
        (write-bytevector #u8(66 67 68) p 1)
        (get-output-bytevector p)))
(define (to-string writer obj)
  (let ((p (open-output-string))) (writer obj p) (get-output-string p)))
(show "write shared"
      (let ((x (list 1 2))) (to-string write-shared (list x x)))
      (let ((x (list 1 2))) (to-string write (list x x)))
      (let ((x (list 1 2))) (to-string write-simple (list x x)))
      (let ((x (list 1 2 3))) (set-cdr! (cddr x) x) (to-string write x)))
(show "display" (to-string display '("a" #\b 1.5 (c . "d"))) (to-string display #\x))

;;; ------------------------------------------------------------------
(section "6.12 eval")
(show "eval" (eval '(* 7 3) (environment '(scheme base)))
      ((eval '(lambda (x) (* x x)) (environment '(scheme base))) 5)
      (eval '(let-values (((a b) (values 1 2))) (+ a b)) (environment '(scheme base))))

;;; ------------------------------------------------------------------
(section "6.14 system interface")
(define tmp-file
  (string-append "/tmp/elle-r7rs-portable-" (number->string (current-jiffy)) ".txt"))
(with-output-to-file tmp-file
  (lambda () (display "first line") (newline) (write '(1 "two"))))
(show "file exists" (file-exists? tmp-file))
(show "call-with-input-file"
      (call-with-input-file tmp-file
        (lambda (p) (let* ((a (read-line p)) (b (read p))) (list a b)))))
(show "with-input-from-file" (with-input-from-file tmp-file read-line))
(call-with-output-file tmp-file (lambda (p) (write-string "over" p)))
(show "truncated" (let* ((p (open-input-file tmp-file)) (s (read-string 100 p)))
                    (close-input-port p)
                    s))
(let ((p (open-binary-output-file tmp-file)))
  (write-u8 7 p)
  (write-u8 8 p)
  (close-port p))
(show "binary file" (let* ((p (open-binary-input-file tmp-file))
                           (bv (read-bytevector 10 p)))
                      (close-port p)
                      bv))
(delete-file tmp-file)
(show "deleted" (file-exists? tmp-file))
(show "environment" (get-environment-variable "ELLE_SURELY_UNSET_VARIABLE_XYZ")
      (list? (get-environment-variables)) (list? (command-line)))
(show "time" (exact-integer? (current-jiffy)) (> (jiffies-per-second) 0)
      (real? (current-second)) (> (current-second) 1e9))

;;; ------------------------------------------------------------------
(section "tail calls")
(define (loop-cond n) (cond ((= n 0) 'cond) ((- n 1) => loop-cond)))
(define (loop-case n) (case (if (= n 0) 'stop 'go) ((stop) 'case) ((go) (loop-case (- n 1)))))
(define (loop-case=> n) (case n ((0) 'case=>) (else => (lambda (m) (loop-case=> (- m 1))))))
(define (loop-and n) (if (= n 0) 'and (and #t (loop-and (- n 1)))))
(define (loop-or n) (if (= n 0) 'or (or #f (loop-or (- n 1)))))
(define (loop-when n) (if (= n 0) 'when (when #t (loop-when (- n 1)))))
(define (loop-unless n) (if (= n 0) 'unless (unless #f (loop-unless (- n 1)))))
(define (loop-let n) (if (= n 0) 'let (let ((m (- n 1))) (let* () (letrec () (loop-let m))))))
(define (loop-apply n) (if (= n 0) 'apply (apply loop-apply (list (- n 1)))))
(define (loop-do n) (do ((i n (- i 1))) ((= i 0) 'do)))
(define (ping n) (if (= n 0) 'mutual (pong (- n 1))))
(define (pong n) (if (= n 0) 'mutual (ping (- n 1))))
(define loop-case-lambda
  (case-lambda ((n) (loop-case-lambda n 'case-lambda))
               ((n v) (if (= n 0) v (loop-case-lambda (- n 1) v)))))
(show "tail positions"
      (loop-cond 100000) (loop-case 100000) (loop-case=> 100000) (loop-and 100000)
      (loop-or 100000) (loop-when 100000) (loop-unless 100000) (loop-let 100000))
(show "tail calls" (loop-apply 100000) (loop-do 100000) (ping 100000)
      (loop-case-lambda 100000))

;;; ------------------------------------------------------------------
(section "exit")
;; exit runs the after thunks of outstanding dynamic-winds.
(display "exiting")
(newline)
(dynamic-wind
  (lambda () #f)
  (lambda () (exit 0))
  (lambda () (display "after thunk runs on exit") (newline)))
(display "not reached")
(newline)
