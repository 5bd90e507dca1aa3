(define (f x)
  (+ x 1)
; expect-error: syntax_unbalanced.scm:1:1
