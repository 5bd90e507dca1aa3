(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; fibfp: doubly recursive Fibonacci on floats (float arithmetic in calls).
(define (fibfp n)
  (if (< n 2.0)
      n
      (+ (fibfp (- n 1.0)) (fibfp (- n 2.0)))))

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
  (let* ((n (bench-size 27))
         (t0 (current-jiffy))
         (r (fibfp (exact->inexact n)))
         (t1 (current-jiffy)))
    (bench-report (inexact->exact r) t0 t1)))

(main)
