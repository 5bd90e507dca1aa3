(define (f x)
  (+ x undefined-thing))
(f 1)
; expect-error: unbound variable: undefined-thing
; expect-error: unbound.scm:2:
