(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(define t 5)
(write (my-or #f t)) (newline)
(define-syntax swap!
  (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1) (define y 2)
(swap! tmp y)
(write (list tmp y)) (newline)
(write (let ((if list)) (my-or #f 7))) (newline)
(define-syntax while
  (syntax-rules ()
    ((_ c body ...) (let lp () (when c body ... (lp))))))
(define i 0)
(while (< i 3) (set! i (+ i 1)))
(write i) (newline)
(define-macro (unless2 c . body) `(if ,c #f (begin ,@body)))
(write (unless2 #f 'ran)) (newline)
; expect: 5
; expect: (2 1)
; expect: 7
; expect: 3
; expect: ran
