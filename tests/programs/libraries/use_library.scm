;; A program split into a library file and an included file.
(import (scheme base) (scheme write) (geometry shapes))
(include "helpers.include")
(define r (make-rect 3 4))
(display (rect-area r)) (newline)
(display (perimeter r)) (newline)
(display (square-all '(1 2 3))) (newline)
; expect: 12
; expect: 14
; expect: (1 4 9)
