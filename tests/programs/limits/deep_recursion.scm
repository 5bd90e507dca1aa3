;; Non-tail recursion a million deep uses heap frames, not the Python stack.
(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1)))))
(write (count 1000000)) (newline)
(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(write (length (build 1000000))) (newline)
; expect: 1000000
; expect: 1000000
