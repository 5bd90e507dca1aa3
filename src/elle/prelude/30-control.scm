;;; 30-control.scm -- promises and parameter objects: the parts that call
;;; procedures.
;;;
;;; Owns: force (R7RS 7.3 reference implementation, iterative so a long
;;; delay-force chain runs in constant space) and make-parameter (applies
;;; the converter to the initial value). Does not touch: the promise and
;;; parameter representations (elle/primitives/procedures.py), the syntax
;;; delay, delay-force, parameterize (elle/expander.py).

(define (force promise)
  (if (promise? promise)
      (let loop ()
        (if (%promise-done? promise)
            (%promise-value promise)
            (let ((next ((%promise-value promise))))
              ;; The thunk may have forced this promise itself (reentrancy):
              ;; then its answer stands and `next` is discarded.
              (unless (%promise-done? promise)
                (%promise-update! next promise))
              (loop))))
      promise))

(define make-parameter
  (case-lambda
    ((value) (%make-parameter value #f))
    ((value converter)
     (%check-procedure 'make-parameter converter 2)
     (%make-parameter (converter value) converter))))
