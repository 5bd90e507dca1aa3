(write (guard (e (#t (list 'caught e))) (raise 'boom))) (newline)
(write (guard (e ((string? e) 'string) ((symbol? e) 'symbol)) (raise 'oops))) (newline)
(write (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
  (error "bad thing" 1 2))) (newline)
(write (with-exception-handler
  (lambda (e) 10)
  (lambda () (+ 1 (raise-continuable 'c))))) (newline)
(write (guard (e (#t 'car-failed)) (car 5))) (newline)
(write (guard (e ((error-object? e) 'unbound)) (undefined-variable-xyz))) (newline)
(write (try (+ 1 (raise 'x)) (catch e (list 'try-caught e)))) (newline)
(define log '())
(write (guard (e (#t (list 'outer e)))
  (try (raise 'inner) (finally (set! log (cons 'finally-ran log)))))) (newline)
(write log) (newline)
(write (guard (e (#t (list 'reraised e)))
  (guard (e ((number? e) 'number)) (raise 'not-a-number)))) (newline)
; expect: (caught boom)
; expect: symbol
; expect: ("bad thing" (1 2))
; expect: 11
; expect: car-failed
; expect: unbound
; expect: (try-caught x)
; expect: (outer inner)
; expect: (finally-ran)
; expect: (reraised not-a-number)
