;; A toplevel definition a macro introduces never overwrites a user's global,
;; and each use of the macro gets its own variable.
(import (scheme base) (scheme write))
(define tmp 'user)
(define-syntax def-with-temp
  (syntax-rules ()
    ((_ name v) (begin (define tmp v) (define (name) tmp)))))
(def-with-temp get-a 'a)
(def-with-temp get-b 'b)
(write (list (get-a) (get-b) tmp))
(newline)
;; introduced definitions may refer to each other in either order
(define-syntax def-parity
  (syntax-rules ()
    ((_ even-name)
     (begin
       (define (even-name n) (if (= n 0) #t (odd (- n 1))))
       (define (odd n) (if (= n 0) #f (even-name (- n 1))))
       (define (even n) 'not-this-one)))))
(define (odd n) 'user-odd)
(def-parity my-even?)
(write (list (my-even? 10) (my-even? 7) (odd 3)))
(newline)
;; a name that comes from the macro's input is an ordinary global
(define-syntax def-const
  (syntax-rules () ((_ name v) (define name v))))
(def-const answer 42)
(set! answer (+ answer 1))
(write answer)
(newline)
; expect: (a b user)
; expect: (#t #f user-odd)
; expect: 43
