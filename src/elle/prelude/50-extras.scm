;;; 50-extras.scm -- everyday tools that call procedures: trace, untrace,
;;; time, and SRFI 27's default-random-source.
;;;
;;; Owns: wrapping a global procedure for tracing (the wrapper prints the
;;; call, calls the original, prints its values and returns them), the
;;; table of wrappers and their originals, the depth of traced calls in
;;; progress, and the `time` form. Does not touch: the text printed
;;; (elle/primitives/tracing.py), random sources
;;; (elle/primitives/random_numbers.py).
;;;
;;; (trace f g) rebinds the globals f and g to wrappers with set!, so every
;;; call through the global name is traced, also a procedure's calls of
;;; itself and calls from code compiled before (tier 1 and tier 2 reread a
;;; global cell whenever it changes). (untrace f g) rebinds them to the
;;; originals. The procedures the wrapper calls are captured when this file
;;; is loaded, and it calls no prelude procedure (it winds with the VM's
;;; primitives), so tracing `apply`, `values` or `dynamic-wind` itself does
;;; not recurse.

(define default-random-source (%default-random-source))

(define %traced '())                    ; ((wrapper . original) ...)
(define %trace-depth 0)

(define %trace-wrap
  (let ((apply apply) (values values) (apply-values %apply-values)
        (wind-push! %wind-push!) (wind-pop! %wind-pop!) (assq assq) (cons cons)
        (show-call %trace-show-call) (show-result %trace-show-result) (+ +))
    (lambda (name proc)
      (%check-procedure 'trace proc 1)
      (if (assq proc %traced)
          proc                          ; already traced
          (let ((wrapper
                 (lambda args
                   (let ((depth %trace-depth))
                     (show-call depth name args)
                     ;; as dynamic-wind does, without calling anything a
                     ;; program may trace: the depth is restored when the
                     ;; call is left by an error or a continuation
                     (set! %trace-depth (+ depth 1))
                     (wind-push! (lambda () (set! %trace-depth (+ depth 1)))
                                 (lambda () (set! %trace-depth depth)))
                     (apply-values
                       (lambda results
                         (wind-pop!)
                         (set! %trace-depth depth)
                         (show-result depth results)
                         (apply values results))
                       (apply proc args))))))
            (set! %traced (cons (cons wrapper proc) %traced))
            (%trace-named wrapper name))))))

(define (%trace-original proc)
  (let ((entry (assq proc %traced)))
    (if entry (cdr entry) proc)))

(define-syntax trace
  (syntax-rules ()
    ((_ name ...)
     (begin (set! name (%trace-wrap 'name name)) ... (if #f #f)))))

(define-syntax untrace
  (syntax-rules ()
    ((_ name ...)
     (begin (set! name (%trace-original name)) ... (if #f #f)))))

(define %time-call
  (let ((apply apply) (values values) (call-with-values call-with-values)
        (start-clock %time-start) (report %time-report))
    (lambda (thunk)
      (let ((start (start-clock)))
        (call-with-values thunk
          (lambda results
            (report start)
            (apply values results)))))))

(define-syntax time
  (syntax-rules ()
    ((_ expr) (%time-call (lambda () expr)))
    ((_ . other) (syntax-error "time: expected one expression, as in (time expr)"))))
