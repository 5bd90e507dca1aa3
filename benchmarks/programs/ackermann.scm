(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; ackermann: Ackermann's function A(3, n) (deep call-heavy recursion).
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

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
  (let* ((n (bench-size 8))
         (t0 (current-jiffy))
         (r (ack 3 n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
