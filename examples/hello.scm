;; A first Elle program: closures, tail calls, exact arithmetic.
(import (scheme base) (scheme write))

(define (fact n)
  (let loop ((n n) (acc 1))
    (if (= n 0) acc (loop (- n 1) (* acc n)))))

(define (fib n)
  (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(display "Hello from Elle!") (newline)
(display "(fact 30) = ") (write (fact 30)) (newline)
(display "(fib 20)  = ") (write (fib 20)) (newline)
(display "squares: ") (write (map (lambda (x) (* x x)) '(1 2 3 4 5))) (newline)
