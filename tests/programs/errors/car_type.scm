(display "before")
(newline)
(define (g x) (car x))
(g 5)
(display "never")
; expect: before
; expect-error: car
; expect-error: car_type.scm:3:
