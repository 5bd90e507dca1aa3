;; Elle extras: assert, try/catch/finally, fn, define-macro.
(define (show x . xs)
  (write x)
  (for-each (lambda (y) (display " ") (write y)) xs)
  (newline))
(assert (= (+ 1 1) 2))
(show (guard (e ((error-object? e) (error-object-message e))) (assert (= 1 2))))
(show (try (raise 'boom) (catch e (list 'caught e))))
(show (try 42 (catch e 'not-run)))
(show (try (error "bad thing" 1 2)
           (catch e (list (error-object-message e) (error-object-irritants e)))
           (finally (display "cleanup "))))
(show (try (+ 1 2) (catch e 'no) (finally (display "always "))))
(show (guard (e (#t (list 'outer e)))
        (try (raise 'escapes) (finally (display "finally-on-propagate ")))))
(show (try (try (raise 1) (catch e (raise (+ e 1)))) (catch e (list 'rethrown e))))
(show (try (car '()) (catch e (error-object? e))))
(define log '())
(define (note x) (set! log (cons x log)))
(try (note 'body) (catch e (note 'catch)) (finally (note 'finally)))
(show (reverse log))
(show ((fn (x) (* x 2)) 21) (map (fn (x) (+ x 1)) '(1 2 3)))
(define-macro (my-unless c . body) `(if ,c #f (begin ,@body)))
(show (my-unless #f 'ran) (my-unless #t 'ran))
(define-macro (swap-args f a b) (list f b a))
(show (swap-args - 1 10))
; expect: "assertion failed: (= 1 2)"
; expect: (caught boom)
; expect: 42
; expect: cleanup ("bad thing" (1 2))
; expect: always 3
; expect: finally-on-propagate (outer escapes)
; expect: (rethrown 2)
; expect: #t
; expect: (body finally)
; expect: 42 (2 3 4)
; expect: ran #f
; expect: 9
