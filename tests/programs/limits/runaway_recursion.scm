(define (forever n) (+ 1 (forever n)))
(forever 1)
; args:
; expect-error: recursion
