;; call/cc in tail position with a receiver it cannot call: the error is
;; at the call/cc, with f in the backtrace, in every tier (tier 1 once
;; reported it at f's caller, without f).
(define (f x) (call/cc x))
(define (g x) (apply call/cc (list x)))
(write (list (f (lambda (k) 1)) (g (lambda (k) (k 2))))) (newline)
(display (guard (e (#t (error-object-message e))) (g car))) (newline)
(f 5)
; expect: (1 2)
; expect: car: expected a pair, got #<continuation>
; expect-error: type-error: not a procedure: 5
; expect-error: callcc_receiver.scm:4:15
; expect-error: | (define (f x) (call/cc x))
; expect-error: backtrace (most recent call first):
; expect-error: f  /
