;; Tail calls in every tail position run in constant space.
(define (even2? n) (if (= n 0) #t (odd2? (- n 1))))
(define (odd2? n) (if (= n 0) #f (even2? (- n 1))))
(display (even2? 1000001)) (newline)
(define (loop-cond n) (cond ((= n 0) 'done) (else (loop-cond (- n 1)))))
(display (loop-cond 1000000)) (newline)
(define (loop-and n) (and #t (if (= n 0) 'and-done (loop-and (- n 1)))))
(display (loop-and 1000000)) (newline)
(define (loop-when n) (when #t (if (= n 0) 'when-done (loop-when (- n 1)))))
(display (loop-when 1000000)) (newline)
(define (loop-apply n) (if (= n 0) 'apply-done (apply loop-apply (list (- n 1)))))
(display (loop-apply 300000)) (newline)
(define (loop-case n) (case (if (= n 0) 0 1) ((0) 'case-done) (else (loop-case (- n 1)))))
(display (loop-case 1000000)) (newline)
(display (let lp ((i 0) (acc 0)) (if (= i 1000000) acc (lp (+ i 1) (+ acc i))))) (newline)
(display (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 1000) s))) (newline)
; expect: #f
; expect: done
; expect: and-done
; expect: when-done
; expect: apply-done
; expect: case-done
; expect: 499999500000
; expect: 499500
