;; A form nested too deeply for the expander or the compiler is a
;; syntax-error, never an internal error, and the same in every tier: an
;; `eval` inside a running program (here from inside a recursion, which
;; tier 1 runs on Python frames) gets the room a toplevel form gets.
(define (nest n) (let lp ((i 0) (x 0)) (if (= i n) x (lp (+ i 1) (list '+ 1 x)))))
(define (try-eval n)
  (guard (e ((error-object? e) (list (error-object-message e))))
    (eval (nest n) (interaction-environment))))
(define (deep k n) (if (= k 0) (try-eval n) (car (list (deep (- k 1) n)))))
(write (deep 30 1000)) (newline)
(write (deep 30 40000)) (newline)
(write (deep 30 100000)) (newline)
(write (try-eval 100000)) (newline)
; expect: 1000
; expect: ("expression is nested too deeply to expand")
; expect: ("expression is nested too deeply to expand")
; expect: ("expression is nested too deeply to expand")
