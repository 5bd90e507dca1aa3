(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; fsum: a float sum loop, sum of 1/(x*x + 1) for x = 0.0, 1.0, ...
(define (fsum n)
  (let loop ((i 0) (x 0.0) (acc 0.0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ x 1.0) (+ acc (/ 1.0 (+ (* x x) 1.0)))))))

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
  (let* ((n (bench-size 600000))
         (t0 (current-jiffy))
         (r (fsum n))
         (t1 (current-jiffy)))
    (bench-report (inexact->exact (floor (* r 1e9))) t0 t1)))

(main)
