;; Elle extra: the common SRFI-1 list operations.
(define (show x . xs)
  (write x)
  (for-each (lambda (y) (display " ") (write y)) xs)
  (newline))
(show (iota 5) (iota 5 1) (iota 5 0 2) (iota 0))
(show (first '(1 2 3)) (rest '(1 2 3)) (last '(1 2 3)) (take '(a b c d) 2) (drop '(a b c d) 2))
(show (filter odd? '(1 2 3 4 5)) (remove odd? '(1 2 3 4 5)) (filter odd? '()))
(show (fold cons '() '(1 2 3)) (fold + 0 '(1 2 3)) (fold-right cons '() '(1 2 3))
      (fold-right - 0 '(1 2 3)) (fold-left - 0 '(1 2 3)))
(show (fold (lambda (a b acc) (+ acc (* a b))) 0 '(1 2 3) '(4 5 6)))
(show (reduce + 0 '(1 2 3 4)) (reduce max 0 '()) (reduce - 0 '(1 2 3 4)))
(show (delete 3 '(1 3 2 3)) (delete-duplicates '(a b a c b))
      (delete-duplicates '((a . 3) (b . 7) (a . 9) (c . 1))
                         (lambda (x y) (eq? (car x) (car y)))))
(show (any odd? '(2 4 5)) (any odd? '(2 4)) (any (lambda (x) (and (> x 2) (* x 10))) '(1 2 3 4))
      (any < '(5 1) '(2 2)))
(show (every odd? '()) (every odd? '(1 2)) (every (lambda (x) (and (odd? x) x)) '(1 3 5)))
(show (count even? '(1 2 4)) (count < '(1 5 2) '(2 3 4)))
(show (append-map (lambda (x) (list x (- x))) '(1 3 8))
      (filter-map (lambda (x) (and (number? x) (* x x))) '(a 1 b 3 c 7)))
(call-with-values (lambda () (partition symbol? '(one 2 3 four five 6))) show)
(show (list-index even? '(3 1 4 1 5 9)) (list-index even? '(1 3)) (find even? '(3 1 4 1 5 9))
      (find even? '(1 3)))
(show (guard (e ((error-object? e) 'error)) (take '(1 2) 5)))
; expect: (0 1 2 3 4) (1 2 3 4 5) (0 2 4 6 8) ()
; expect: 1 (2 3) 3 (a b) (c d)
; expect: (1 3 5) (2 4) ()
; expect: (3 2 1) 6 (1 2 3) 2 -6
; expect: 32
; expect: 10 0 2
; expect: (1 2) (a b c) ((a . 3) (b . 7) (c . 1))
; expect: #t #f 30 #t
; expect: #t #f 5
; expect: 2 2
; expect: (1 -1 3 -3 8 -8) (1 9 49)
; expect: (one four five) (2 3 6)
; expect: 2 #f 4 #f
; expect: error
