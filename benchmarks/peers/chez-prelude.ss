;; Prelude the benchmark runner puts in front of a program (with its R7RS
;; `import` line removed) to run it under Chez Scheme 9.5 (`scheme --script`),
;; which has no R7RS libraries. Supplies the R7RS names the programs use
;; that Chez lacks; `command-line` is Chez's own and already includes the
;; script name.
(define (current-jiffy)
  (let ((t (current-time 'time-monotonic)))
    (+ (* (time-second t) 1000000000) (time-nanosecond t))))
(define (jiffies-per-second) 1000000000)
