;; An error that leaves the program's run still leaves every dynamic extent
;; entered in it: the after thunks run (R7RS dynamic-wind), so the message
;; comes after "out" and a parameterize is undone.
;; expect: in
;; expect: out
;; expect-error: type-error
;; exit: 1
(define p (make-parameter 1))
(dynamic-wind
  (lambda () (display "in") (newline))
  (lambda () (parameterize ((p 2)) (car 1)))
  (lambda () (display "out") (newline)))
