;; format, pretty-print, trace and time as a program uses them, in every tier.
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (warm i) (if (> i 0) (begin (fib 10) (warm (- i 1)))))
(warm 50)
(format #t "fib(~a) = ~s, hex ~x~%" 20 (fib 20) (fib 20))
(display (format "~a|~s" "str" "str")) (newline)
(trace fib)
(fib 2)
(untrace fib)
(display (time (fib 15))) (newline)
(pretty-print '(define (f x) (let loop ((i 0) (acc '())) (if (= i x) (reverse acc) (loop (+ i 1) (cons (* i i) acc))))))
(random-seed! 7)
(define a (random 1000))
(random-seed! 7)
(display (= a (random 1000))) (newline)
; expect: fib(20) = 6765, hex 1a6d
; expect: str|"str"
; expect: (fib 2)
; expect:   (fib 1)
; expect:   => 1
; expect:   (fib 0)
; expect:   => 0
; expect: => 1
; expect: 610
; expect: (define (f x)
; expect:   (let loop ((i 0) (acc '()))
; expect:     (if (= i x) (reverse acc) (loop (+ i 1) (cons (* i i) acc)))))
; expect: #t
