(write (+ 1 2)) (newline)
(write (/ 1 3)) (newline)
(write (* 1.5 2)) (newline)
(write (expt 2 100)) (newline)
(write (exact->inexact 1/4)) (newline)
(write (- 7)) (newline)
(write (let loop ((i 0) (acc 1)) (if (= i 64) acc (loop (+ i 1) (* acc 2))))) (newline)
; expect: 3
; expect: 1/3
; expect: 3.0
; expect: 1267650600228229401496703205376
; expect: 0.25
; expect: -7
; expect: 18446744073709551616
