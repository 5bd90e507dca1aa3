; A Mandelbrot set drawn with complex arithmetic: z <- z^2 + c on inexact
; complex numbers, escape when |z| > 2. Exercises make-rectangular,
; magnitude, complex * and + in loops that tier 1 and tier 2 see hot; the
; JIT must fall back (complex values are a guard failure), never mis-compute.
(import (scheme base) (scheme write) (scheme complex))

(define max-iter 50)

(define (escape-time c)
  (let loop ((z 0) (i 0))
    (cond ((= i max-iter) i)
          ((> (magnitude z) 2.0) i)
          (else (loop (+ (* z z) c) (+ i 1))))))

(define (char-for n)
  (cond ((= n max-iter) #\#)
        ((> n 10) #\+)
        ((> n 4) #\.)
        (else #\space)))

(define (row y)
  (let loop ((x -2.0) (acc '()))
    (if (> x 0.5)
        (list->string (reverse acc))
        (loop (+ x 0.0625)
              (cons (char-for (escape-time (make-rectangular x y))) acc)))))

(define (draw)
  (let loop ((y 1.125))
    (when (>= y -1.125)
      (display (row y))
      (newline)
      (loop (- y 0.125)))))

(draw)

; Exact complex arithmetic agrees: the orbit of c = -1 (period 2) and of
; c = +i (pre-periodic), computed exactly.
(define (orbit c n)
  (let loop ((z 0) (k 0) (acc '()))
    (if (= k n) (reverse acc) (loop (+ (* z z) c) (+ k 1) (cons z acc)))))
(write (orbit -1 5)) (newline)
(write (orbit +i 6)) (newline)
(write (orbit 1/2+1/2i 3)) (newline)
; Counting points inside over a grid, with an inexact total.
(define (count-inside n)
  (let loop ((k 0) (inside 0))
    (if (= k n)
        inside
        (let ((c (make-polar (* 1.5 (/ k n)) (* 0.5 k))))
          (loop (+ k 1) (if (= (escape-time c) max-iter) (+ inside 1) inside))))))
(write (count-inside 200)) (newline)
(write (exp (* +i (acos -1)))) (newline)
; The same escape test on two flonums (the code tier 2 compiles natively)
; agrees with the complex one at every point of the picture.
(define (escape-time-re-im cr ci)
  (let loop ((zr 0.0) (zi 0.0) (i 0))
    (cond ((= i max-iter) i)
          ((> (+ (* zr zr) (* zi zi)) 4.0) i)
          (else (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2.0 zr zi) ci) (+ i 1))))))
(define (agree?)
  (let rows ((y 1.125) (ok #t))
    (if (< y -1.125)
        ok
        (let cols ((x -2.0) (ok ok))
          (if (> x 0.5)
              (rows (- y 0.125) ok)
              (cols (+ x 0.0625)
                    (and ok (= (escape-time (make-rectangular x y))
                               (escape-time-re-im x y)))))))))
(write (agree?)) (newline)
