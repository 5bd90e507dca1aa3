;; A second library for use_two_libraries.scm: its private `factor` and
;; `describe` must not clash with the ones in (geometry scale).
(define-library (geometry units)
  (export to-mm describe)
  (import (scheme base))
  (begin
    (define factor 10)
    (define (to-mm cm) (* cm factor))
    (define (describe) "units")))
