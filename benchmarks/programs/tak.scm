(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; tak: the Takeuchi function (call-heavy recursion with three arguments).
(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

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
  (let* ((n (bench-size 22))
         (t0 (current-jiffy))
         (r (tak n (quotient (* n 2) 3) (quotient n 3)))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
