(define x 5)
(x 1)
; expect-error: not a procedure
