(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; hostile: one call site sees small ints, floats and bignums (hostile to a type-specialising JIT).
(define (combine a b) (+ (* a 3) b))

(define big-limit (expt 2 256))
(define big-shrink (expt 2 100))

(define (hostile n)
  (let loop ((i 0) (iacc 0) (facc 0.0) (big 1))
    (if (= i n)
        (+ (* iacc 1000000000000) (* (inexact->exact (floor facc)) 1000000) (modulo big 1000003))
        (let ((k (modulo i 3)))
          (cond ((= k 0)
                 (loop (+ i 1) (modulo (combine iacc i) 1000000007) facc big))
                ((= k 1)
                 (loop (+ i 1) iacc (combine (* facc 0.25) (exact->inexact i)) big))
                (else
                 (let ((b (combine big i)))
                   (loop (+ i 1) iacc facc
                         (if (> b big-limit) (quotient b big-shrink) b)))))))))

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
  (let* ((n (bench-size 300000))
         (t0 (current-jiffy))
         (r (hostile n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
