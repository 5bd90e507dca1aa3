;;; 20-strings-vectors.scm -- string and vector procedures that call procedures.
;;;
;;; Owns: string-map, string-for-each, vector-map, vector-for-each (all
;;; n-ary, stopping at the shortest argument) and the predicate form of
;;; string-index (the character form is the Python primitive, wrapped here).
;;; Does not touch: everything without a procedure argument, which is a
;;; Python primitive (elle/primitives/strings.py, vectors.py).
;;;
;;; Results are accumulated in a list and converted at the end, so a
;;; continuation captured inside the mapped procedure and re-entered later
;;; does not disturb a result that is already visible. Primitives used inside
;;; the loops are captured in local bindings, so a program that redefines
;;; `string-ref` or `reverse` does not break these procedures.
;;; Helpers: %check-procedure and %check-vector come from primitives/lists.py;
;;; %check-string, %strings-min-length, %string-refs and %list->string from
;;; primitives/strings.py; %vectors-min-length and %vector-refs from
;;; primitives/vectors.py.

(define string-map
  (let ((string-length string-length) (string-ref string-ref)
        (reverse reverse) (apply apply))
    (case-lambda
      ((f s)
       (%check-procedure 'string-map f 1)
       (%check-string 'string-map s 2)
       (let ((n (string-length s)))
         (let loop ((i 0) (acc '()))
           (if (< i n)
               (loop (+ i 1) (cons (f (string-ref s i)) acc))
               (%list->string 'string-map (reverse acc))))))
      ((f s . more)
       (%check-procedure 'string-map f 1)
       (let* ((strings (cons s more))
              (n (%strings-min-length 'string-map strings)))
         (let loop ((i 0) (acc '()))
           (if (< i n)
               (loop (+ i 1) (cons (apply f (%string-refs strings i)) acc))
               (%list->string 'string-map (reverse acc)))))))))

(define string-for-each
  (let ((string-length string-length) (string-ref string-ref) (apply apply))
    (case-lambda
      ((f s)
       (%check-procedure 'string-for-each f 1)
       (%check-string 'string-for-each s 2)
       (let ((n (string-length s)))
         (let loop ((i 0))
           (when (< i n)
             (f (string-ref s i))
             (loop (+ i 1))))))
      ((f s . more)
       (%check-procedure 'string-for-each f 1)
       (let* ((strings (cons s more))
              (n (%strings-min-length 'string-for-each strings)))
         (let loop ((i 0))
           (when (< i n)
             (apply f (%string-refs strings i))
             (loop (+ i 1)))))))))

(define vector-map
  (let ((vector-length vector-length) (vector-ref vector-ref)
        (list->vector list->vector) (reverse reverse) (apply apply))
    (case-lambda
      ((f v)
       (%check-procedure 'vector-map f 1)
       (%check-vector 'vector-map v 2)
       (let ((n (vector-length v)))
         (let loop ((i 0) (acc '()))
           (if (< i n)
               (loop (+ i 1) (cons (f (vector-ref v i)) acc))
               (list->vector (reverse acc))))))
      ((f v . more)
       (%check-procedure 'vector-map f 1)
       (let* ((vectors (cons v more))
              (n (%vectors-min-length 'vector-map vectors)))
         (let loop ((i 0) (acc '()))
           (if (< i n)
               (loop (+ i 1) (cons (apply f (%vector-refs vectors i)) acc))
               (list->vector (reverse acc)))))))))

(define vector-for-each
  (let ((vector-length vector-length) (vector-ref vector-ref) (apply apply))
    (case-lambda
      ((f v)
       (%check-procedure 'vector-for-each f 1)
       (%check-vector 'vector-for-each v 2)
       (let ((n (vector-length v)))
         (let loop ((i 0))
           (when (< i n)
             (f (vector-ref v i))
             (loop (+ i 1))))))
      ((f v . more)
       (%check-procedure 'vector-for-each f 1)
       (let* ((vectors (cons v more))
              (n (%vectors-min-length 'vector-for-each vectors)))
         (let loop ((i 0))
           (when (< i n)
             (apply f (%vector-refs vectors i))
             (loop (+ i 1)))))))))

;; (string-index s char) or (string-index s pred): the index of the first
;; matching character, or #f.
(define string-index
  (let ((char-index string-index) (string-length string-length)
        (string-ref string-ref))
    (lambda (s pred)
      (if (char? pred)
          (char-index s pred)
          (let ((n (string-length (%check-string 'string-index s 1))))
            (%check-procedure 'string-index pred 2)
            (let loop ((i 0))
              (cond ((= i n) #f)
                    ((pred (string-ref s i)) i)
                    (else (loop (+ i 1))))))))))
