(define (two a b) a)
(two 1 2 3)
; expect-error: expected 2 arguments, got 3
