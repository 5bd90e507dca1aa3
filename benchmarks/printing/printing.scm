(import (scheme base) (scheme write) (scheme process-context))
;; printing: a display/write-heavy program (what the printer and ports cost).
;; Run with its size as the first argument (default 200000); every kind of
;; line is printed SIZE/4 times, so SIZE is the number of lines per section
;; summed over the four sections. Output goes to standard output.

(define (size default)
  (let ((args (command-line)))
    (if (and (pair? args) (pair? (cdr args)))
        (string->number (cadr args))
        default)))

(define n (quotient (size 200000) 4))

;; 1. integers and short strings with display
(do ((i 0 (+ i 1))) ((= i n))
  (display i)
  (newline))

(do ((i 0 (+ i 1))) ((= i n))
  (display "line ")
  (display i)
  (display " of the output")
  (newline))

;; 2. flat lists with display (numbers, strings, symbols, characters)
(do ((i 0 (+ i 1))) ((= i n))
  (display (list i (* i 3) "text" 'symbol #\c (- i)))
  (newline))

;; 3. nested data with write: strings needing escapes, chars, vectors
(do ((i 0 (+ i 1))) ((= i n))
  (write (list "say \"hi\"" (list 'a i (vector i "x\\y" #\space))
               (cons 'key "tab\there") '(1 (2 (3 (4))))))
  (newline))
