;; A library used by use_library.scm (not a golden program itself: .sld).
(define-library (geometry shapes)
  (export make-rect rect-area (rename rect-perimeter perimeter))
  (import (scheme base))
  (begin
    (define-record-type rect (make-rect w h) rect? (w rect-w) (h rect-h))
    (define (rect-area r) (* (rect-w r) (rect-h r)))
    (define (rect-perimeter r) (* 2 (+ (rect-w r) (rect-h r))))))
