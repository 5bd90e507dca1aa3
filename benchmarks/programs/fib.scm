(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; fib: doubly recursive Fibonacci on small integers (call-heavy recursion).
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

;; --- benchmark harness (the same in every program) ---
(define (bench-size default)
  (let ((args (command-line)))
    (if (and (pair? args) (pair? (cdr args)))
        (string->number (cadr args))
        default)))

(define (bench-report result t0 t1)
  (display "result: ")
  (display result)
  (newline)
  (display "time-ms: ")
  (display (/ (* 1000.0 (- t1 t0)) (jiffies-per-second)))
  (newline))

(define (main)
  (let* ((n (bench-size 30))
         (t0 (current-jiffy))
         (r (fib n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
