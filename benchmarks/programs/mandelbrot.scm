(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; mandelbrot: escape-time count on an n-by-n grid (float loops).
(define max-iter 50)

(define (point-inside cr ci)
  (let loop ((i 0) (zr 0.0) (zi 0.0))
    (cond ((= i max-iter) 1)
          ((> (+ (* zr zr) (* zi zi)) 4.0) 0)
          (else (loop (+ i 1)
                      (+ (- (* zr zr) (* zi zi)) cr)
                      (+ (* 2.0 zr zi) ci))))))

(define (mandelbrot n)
  (let ((fn (exact->inexact n)))
    (let rows ((y 0) (count 0))
      (if (= y n)
          count
          (let ((ci (- (/ (* 2.0 (exact->inexact y)) fn) 1.0)))
            (let cols ((x 0) (count count))
              (if (= x n)
                  (rows (+ y 1) count)
                  (let ((cr (- (/ (* 2.0 (exact->inexact x)) fn) 1.5)))
                    (cols (+ x 1) (+ count (point-inside cr ci)))))))))))

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
  (let* ((n (bench-size 110))
         (t0 (current-jiffy))
         (r (mandelbrot n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
