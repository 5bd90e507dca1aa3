;; Elle extras: string-split, string-join, string-contains, string-index.
(define (show x . xs)
  (write x)
  (for-each (lambda (y) (display " ") (write y)) xs)
  (newline))
(show (string-split "a,b,,c" #\,) (string-split "  hello   world ") (string-split "a::b::c" "::"))
(show (string-split "" #\,) (string-split "no-separator" #\,) (string-split "λ·μ" #\·))
(show (string-join '("a" "b" "c") ", ") (string-join '("x" "y")) (string-join '()) (string-join '("solo") "-"))
(show (string-join (string-split "2024-01-15" #\-) "/"))
(show (string-contains "hello world" "o w") (string-contains "abc" "z") (string-contains "abc" ""))
(show (string-index "hello" #\l) (string-index "hello" #\z) (string-index "日本語" #\語))
(show (guard (e ((error-object? e) 'type-error)) (string-join '("a" 1) ",")))
; expect: ("a" "b" "" "c") ("hello" "world") ("a" "b" "c")
; expect: ("") ("no-separator") ("λ" "μ")
; expect: "a, b, c" "x y" "" "solo"
; expect: "2024/01/15"
; expect: 4 #f 0
; expect: 2 #f 2
; expect: type-error
