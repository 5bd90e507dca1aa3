#lang racket/base
;; Prelude the benchmark runner puts in front of a program (with its R7RS
;; `import` line removed) to run it as a Racket module (`racket FILE`):
;; the `r7rs` language is not in the distribution's racket package, but the
;; programs use only names racket/base has, plus these three.
(define (current-jiffy)
  (inexact->exact (floor (* 1000.0 (current-inexact-milliseconds)))))
(define (jiffies-per-second) 1000000)
(define (command-line)
  (cons "program" (vector->list (current-command-line-arguments))))
