(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; mapfold: closures and higher-order map/filter/fold pipelines over a list.
(define (my-map f xs)
  (if (null? xs) (quote ()) (cons (f (car xs)) (my-map f (cdr xs)))))

(define (my-filter keep? xs)
  (cond ((null? xs) (quote ()))
        ((keep? (car xs)) (cons (car xs) (my-filter keep? (cdr xs))))
        (else (my-filter keep? (cdr xs)))))

(define (my-fold f acc xs)
  (if (null? xs) acc (my-fold f (f acc (car xs)) (cdr xs))))

(define (make-adder k) (lambda (x) (+ x k)))

(define (compose f g) (lambda (x) (f (g x))))

(define (range-list n)
  (let loop ((i (- n 1)) (acc (quote ())))
    (if (< i 0) acc (loop (- i 1) (cons i acc)))))

(define (mapfold rounds)
  (let ((xs (range-list 1000)))
    (let loop ((r 0) (total 0))
      (if (= r rounds)
          total
          (let* ((f (compose (make-adder r) (lambda (x) (* x 3))))
                 (ys (my-filter even? (my-map f xs)))
                 (s (my-fold (lambda (acc y) (+ acc y)) 0 ys)))
            (loop (+ r 1) (modulo (+ total s) 1000000007)))))))

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
  (let* ((n (bench-size 300))
         (t0 (current-jiffy))
         (r (mapfold n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
