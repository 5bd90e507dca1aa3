;;; 40-hashtables-io.scm -- hash-table and port procedures that call
;;; procedures.
;;;
;;; Owns: hash-table-ref (with failure and success procedures),
;;; hash-table-update!, hash-table-update!/default, hash-table-walk,
;;; hash-table-fold, call-with-port, call-with-input-file,
;;; call-with-output-file, with-input-from-file, with-output-to-file, and
;;; Elle's call-with-output-string and with-output-to-string.
;;; Does not touch: the tables and ports themselves
;;; (elle/primitives/hashtables.py, elle/primitives/io.py).
;;;
;;; with-input-from-file and friends rebind the current-port parameters the
;;; way parameterize does: dynamic-wind swaps the parameter's value in on
;;; entry and out on exit (remembering the inner value, so re-entering
;;; through a continuation restores it).

(define %hash-table-missing (list 'missing))

(define hash-table-ref
  (case-lambda
    ((table key)
     (let ((v (hash-table-ref/default table key %hash-table-missing)))
       (if (eq? v %hash-table-missing)
           (%hash-table-missing-key table key)
           v)))
    ((table key fail)
     (let ((v (hash-table-ref/default table key %hash-table-missing)))
       (if (eq? v %hash-table-missing)
           (fail)
           v)))
    ((table key fail succeed)
     (let ((v (hash-table-ref/default table key %hash-table-missing)))
       (if (eq? v %hash-table-missing)
           (fail)
           (succeed v))))))

(define hash-table-update!
  (case-lambda
    ((table key proc)
     (hash-table-set! table key (proc (hash-table-ref table key))))
    ((table key proc fail)
     (hash-table-set! table key (proc (hash-table-ref table key fail))))))

(define (hash-table-update!/default table key proc default)
  (hash-table-set! table key (proc (hash-table-ref/default table key default))))

(define (hash-table-walk table proc)
  (let loop ((entries (hash-table->alist table)))
    (when (pair? entries)
      (proc (car (car entries)) (cdr (car entries)))
      (loop (cdr entries)))))

(define (hash-table-fold table kons knil)
  (let loop ((entries (hash-table->alist table)) (acc knil))
    (if (pair? entries)
        (loop (cdr entries) (kons (car (car entries)) (cdr (car entries)) acc))
        acc)))

(define (call-with-port port proc)
  (call-with-values
    (lambda () (proc port))
    (lambda results
      (close-port port)
      (apply values results))))

(define (call-with-input-file filename proc)
  (call-with-port (open-input-file filename) proc))

(define (call-with-output-file filename proc)
  (call-with-port (open-output-file filename) proc))

(define (%with-current-port param port thunk)
  (let ((outer #f))
    (dynamic-wind
      (lambda ()
        (set! outer (%parameter-value param))
        (%parameter-set! param port))
      thunk
      (lambda ()
        (set! port (%parameter-value param))
        (%parameter-set! param outer)))))

(define (with-input-from-file filename thunk)
  (call-with-port (open-input-file filename)
    (lambda (port) (%with-current-port current-input-port port thunk))))

(define (with-output-to-file filename thunk)
  (call-with-port (open-output-file filename)
    (lambda (port) (%with-current-port current-output-port port thunk))))

(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))

(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (%with-current-port current-output-port port thunk)
    (get-output-string port)))
