(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; nested: a triple nested integer loop counting (a*b + c) mod 7 == 0.
(define (nested n)
  (let ((count 0))
    (do ((a 0 (+ a 1))) ((= a n))
      (do ((b 0 (+ b 1))) ((= b n))
        (do ((c 0 (+ c 1))) ((= c n))
          (when (= (modulo (+ (* a b) c) 7) 0)
            (set! count (+ count 1))))))
    count))

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
  (let* ((n (bench-size 100))
         (t0 (current-jiffy))
         (r (nested n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
