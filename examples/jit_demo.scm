;; Run with:  elle --stats examples/jit_demo.scm  (tier 2 is on by default)
;; The hot numeric functions below are compiled to native code; --stats
;; shows what was compiled, how long it took, and any bail-outs.
(import (scheme base) (scheme write) (scheme time))

(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))

(define (mandel-count size max-iter)
  (let rows ((y 0) (count 0))
    (if (= y size)
        count
        (rows (+ y 1)
              (let cols ((x 0) (count count))
                (if (= x size)
                    count
                    (let ((cr (- (* 3.0 (/ (exact->inexact x) size)) 2.0))
                          (ci (- (* 2.0 (/ (exact->inexact y) size)) 1.0)))
                      (let iter ((zr 0.0) (zi 0.0) (i 0))
                        (cond ((= i max-iter) (cols (+ x 1) (+ count 1)))
                              ((> (+ (* zr zr) (* zi zi)) 4.0) (cols (+ x 1) count))
                              (else (iter (+ (- (* zr zr) (* zi zi)) cr)
                                          (+ (* 2.0 zr zi) ci)
                                          (+ i 1))))))))))))

;; Exact integers never wrap: this loop passes 2^63 and the JIT hands the
;; rest of it to the VM, which continues in bignums.
(define (fib-iter n)
  (let loop ((i 0) (a 0) (b 1))
    (if (= i n) a (loop (+ i 1) b (+ a b)))))

(define (timed label thunk)
  (let* ((t0 (current-jiffy)) (v (thunk)) (t1 (current-jiffy)))
    (display label) (write v)
    (display "   (") (display (round (/ (* 1000.0 (- t1 t0)) (jiffies-per-second))))
    (display " ms)") (newline)))

(timed "(fib 30) = " (lambda () (fib 30)))
(timed "points inside the Mandelbrot set: " (lambda () (mandel-count 200 100)))
(timed "(fib-iter 100) = " (lambda () (fib-iter 100)))
