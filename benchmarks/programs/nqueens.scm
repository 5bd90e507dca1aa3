(import (scheme base) (scheme write) (scheme time) (scheme process-context))
;; nqueens: counts the solutions of the n-queens puzzle, with lists of rows.
(define (count-up n)
  (let loop ((i n) (acc (quote ())))
    (if (= i 0) acc (loop (- i 1) (cons i acc)))))

(define (safe? row dist placed)
  (or (null? placed)
      (and (not (= (car placed) (+ row dist)))
           (not (= (car placed) (- row dist)))
           (safe? row (+ dist 1) (cdr placed)))))

(define (try-rows rows skipped placed)
  (if (null? rows)
      (if (null? skipped) 1 0)
      (+ (if (safe? (car rows) 1 placed)
             (try-rows (append (cdr rows) skipped) (quote ()) (cons (car rows) placed))
             0)
         (try-rows (cdr rows) (cons (car rows) skipped) placed))))

(define (queens n)
  (try-rows (count-up n) (quote ()) (quote ())))

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
  (let* ((n (bench-size 10))
         (t0 (current-jiffy))
         (r (queens n))
         (t1 (current-jiffy)))
    (bench-report r t0 t1)))

(main)
