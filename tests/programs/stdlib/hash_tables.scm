;; Elle extra: hash tables (SRFI-69 style), equal? keys by default.
(define (show x . xs)
  (write x)
  (for-each (lambda (y) (display " ") (write y)) xs)
  (newline))
(define (sorted-keys t) (sort (map (lambda (k) (if (symbol? k) (symbol->string k) k)) (hash-table-keys t)) string<?))

(define t (make-hash-table))
(show (hash-table? t) (hash-table? '()) (hash-table-count t))
(hash-table-set! t "apple" 1)
(hash-table-set! t (list 1 2) 'list-key)
(hash-table-set! t 'sym 3)
(show (hash-table-ref t "apple") (hash-table-ref t (list 1 2)) (hash-table-ref/default t 'sym 0))
(show (hash-table-ref/default t "pear" 'none) (hash-table-ref t "pear" (lambda () 'thunk-default)))
(show (hash-table-contains? t "apple") (hash-table-contains? t "APPLE") (hash-table-count t))
(hash-table-set! t "apple" 10)
(show (hash-table-ref t "apple") (hash-table-count t))
(hash-table-update! t "apple" (lambda (v) (* v 2)))
(hash-table-update!/default t "banana" (lambda (v) (+ v 1)) 0)
(hash-table-update!/default t "banana" (lambda (v) (+ v 1)) 0)
(show (hash-table-ref t "apple") (hash-table-ref t "banana"))
(hash-table-delete! t (list 1 2))
(hash-table-delete! t "no-such-key")
(show (hash-table-contains? t (list 1 2)) (hash-table-count t))
(show (sorted-keys t))
(show (sort (hash-table-values t) <))
(show (sort (map cdr (hash-table->alist t)) <))
(define total 0)
(hash-table-walk t (lambda (k v) (set! total (+ total v))))
(show total)
(show (guard (e ((error-object? e) 'missing-key-error)) (hash-table-ref t "durian")))

;; eqv? tables: keys are compared by identity for lists and strings
(define e (make-hash-table eqv?))
(define key (list 'k))
(hash-table-set! e key 'found)
(hash-table-set! e 1 'one)
(show (hash-table-ref/default e key #f) (hash-table-ref/default e (list 'k) #f)
      (hash-table-ref/default e 1 #f) (hash-table-ref/default e 1.0 #f))

;; counting words
(define counts (make-hash-table))
(for-each (lambda (w) (hash-table-update!/default counts w (lambda (n) (+ n 1)) 0))
          '("a" "b" "a" "c" "b" "a"))
(show (sort (hash-table->alist counts) (lambda (x y) (string<? (car x) (car y)))))
; expect: #t #f 0
; expect: 1 list-key 3
; expect: none thunk-default
; expect: #t #f 3
; expect: 10 3
; expect: 20 2
; expect: #f 3
; expect: ("apple" "banana" "sym")
; expect: (2 3 20)
; expect: (2 3 20)
; expect: 25
; expect: missing-key-error
; expect: found #f one #f
; expect: (("a" . 3) ("b" . 2) ("c" . 1))
