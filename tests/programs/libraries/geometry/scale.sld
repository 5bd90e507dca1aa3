;; A library for use_two_libraries.scm with the same private names as
;; (geometry units) and an exported macro that uses a private procedure.
(define-library (geometry scale)
  (export scale describe (rename factor scale-factor) scaled)
  (import (scheme base) (only (geometry units) to-mm))
  (begin
    (define factor 3)
    (define (scale x) (to-mm (* x factor)))
    (define (describe) "scale")
    (define (checked-scale x)
      (if (number? x) (scale x) (error "scaled: not a number" x)))
    (define-syntax scaled
      (syntax-rules () ((_ x) (checked-scale x))))))
