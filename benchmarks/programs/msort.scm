(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; msort: merge sort of a list of pseudo-random integers; prints a checksum.
(define (random-list n)
  (let loop ((i 0) (x 42) (acc (quote ())))
    (if (= i n)
        acc
        (let ((next (modulo (* x 16807) 2147483647)))
          (loop (+ i 1) next (cons next acc))))))

(define (rev-onto xs ys)
  (if (null? xs) ys (rev-onto (cdr xs) (cons (car xs) ys))))

(define (take-list xs k)
  (let loop ((xs xs) (k k) (acc (quote ())))
    (if (= k 0) (rev-onto acc (quote ())) (loop (cdr xs) (- k 1) (cons (car xs) acc)))))

(define (merge-lists a b)
  (let loop ((a a) (b b) (acc (quote ())))
    (cond ((null? a) (rev-onto acc b))
          ((null? b) (rev-onto acc a))
          ((< (car b) (car a)) (loop a (cdr b) (cons (car b) acc)))
          (else (loop (cdr a) b (cons (car a) acc))))))

(define (merge-sort xs n)
  (if (< n 2)
      xs
      (let ((half (quotient n 2)))
        (merge-lists (merge-sort (take-list xs half) half)
                     (merge-sort (list-tail xs half) (- n half))))))

(define (checksum xs)
  (let loop ((xs xs) (i 1) (prev -1) (acc 0))
    (cond ((null? xs) acc)
          ((< (car xs) prev) -1)
          (else (loop (cdr xs) (+ i 1) (car xs)
                      (modulo (+ acc (* i (car xs))) 1000000007))))))

(define (sort-benchmark n)
  (checksum (merge-sort (random-list n) n)))

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
  (let* ((n (bench-size 30000))
         (t0 (current-jiffy))
         (r (sort-benchmark n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
