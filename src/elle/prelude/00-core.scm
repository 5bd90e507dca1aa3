;;; Core control procedures built on the VM's control primitives.
;;; Owns: call-with-values, dynamic-wind, with-exception-handler, raise,
;;; raise-continuable. The dynamic state (handler stack, winders) lives in
;;; the VM; continuations save and restore it.

(define (call-with-values producer consumer)
  (%apply-values consumer (producer)))

(define (dynamic-wind before thunk after)
  (before)
  (%wind-push! before after)
  (%apply-values
   (lambda results
     (%wind-pop!)
     (after)
     (apply values results))
   (thunk)))

(define (with-exception-handler handler thunk)
  (if (not (procedure? handler))
      (error "with-exception-handler: expected a procedure" handler))
  (let ((saved (%handlers)))
    (%set-handlers! (cons handler saved))
    (%apply-values
     (lambda results
       (%set-handlers! saved)
       (apply values results))
     (thunk))))

(define (raise-continuable obj)
  (let ((hs (%handlers)))
    (if (null? hs)
        (%raise-uncaught obj #t)
        (begin
          (%set-handlers! (cdr hs))
          (%apply-values
           (lambda results
             (%set-handlers! hs)
             (apply values results))
           ((car hs) obj))))))

(define (raise obj)
  (let ((hs (%handlers)))
    (if (null? hs)
        (%raise-uncaught obj #f)
        (begin
          (%set-handlers! (cdr hs))
          ((car hs) obj)
          (if (null? (cdr hs))
              (%raise-uncaught obj #f)
              (error "exception handler returned from a non-continuable raise of" obj))))))
