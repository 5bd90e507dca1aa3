(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; deriv: symbolic differentiation of a small polynomial, repeated n times.
(define (deriv a)
  (cond ((not (pair? a)) (if (eq? a (quote x)) 1 0))
        ((eq? (car a) (quote +)) (cons (quote +) (map deriv (cdr a))))
        ((eq? (car a) (quote -)) (cons (quote -) (map deriv (cdr a))))
        ((eq? (car a) (quote *))
         (list (quote *) a
               (cons (quote +) (map (lambda (b) (list (quote /) (deriv b) b)) (cdr a)))))
        ((eq? (car a) (quote /))
         (list (quote -)
               (list (quote /) (deriv (cadr a)) (caddr a))
               (list (quote /) (cadr a)
                     (list (quote *) (caddr a) (caddr a) (deriv (caddr a))))))
        (else 0)))

(define (count-pairs a)
  (if (pair? a)
      (+ 1 (count-pairs (car a)) (count-pairs (cdr a)))
      0))

(define expression
  (quote (+ (* 3 x x) (* a x x) (* b x) 5 (/ x (+ x 1)))))

(define (deriv-benchmark n)
  (let loop ((i 0) (total 0))
    (if (= i n)
        total
        (loop (+ i 1) (+ total (count-pairs (deriv expression)))))))

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
  (let* ((n (bench-size 6000))
         (t0 (current-jiffy))
         (r (deriv-benchmark n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
