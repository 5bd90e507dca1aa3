;;; 10-lists.scm -- list procedures that call procedures.
;;;
;;; Owns: map, for-each, the 3-argument forms of member and assoc, the
;;; SRFI-1 subset that takes a procedure (filter remove reduce fold
;;; fold-left fold-right delete delete-duplicates take-while drop-while
;;; any every count append-map filter-map partition list-index find
;;; find-tail) and sorting (sort list-sort vector-sort vector-sort!).
;;; Does not touch: the procedures without procedure arguments, which are
;;; Python primitives (elle/primitives/lists.py).
;;;
;;; Every loop is iterative: results are built by consing onto an
;;; accumulator and reversing at the end, never by mutating a result that
;;; is already visible, so re-entering a loop through a continuation
;;; captured inside `map`'s procedure does not disturb earlier results.
;;; Lists are checked with %check-list before a one-list loop starts, so an
;;; improper or circular argument is a type error instead of a hang.
;;; Primitives used inside loops are captured in local bindings, so a
;;; program that defines its own `reverse` does not break `map`.

(define map
  (let ((reverse reverse) (apply apply))
    (case-lambda
      ((f lst)
       (%check-list 'map lst 2)
       (let loop ((l lst) (acc '()))
         (if (pair? l)
             (loop (cdr l) (cons (f (car l)) acc))
             (reverse acc))))
      ((f lst . more)
       (let loop ((ls (cons lst more)) (acc '()))
         (let ((cars (%cars 'map ls)))
           (if cars
               (loop (%cdrs ls) (cons (apply f cars) acc))
               (reverse acc))))))))

(define for-each
  (let ((apply apply))
    (case-lambda
      ((f lst)
       (%check-list 'for-each lst 2)
       (let loop ((l lst))
         (if (pair? l)
             (begin (f (car l)) (loop (cdr l)))
             (if #f #f))))
      ((f lst . more)
       (let loop ((ls (cons lst more)))
         (let ((cars (%cars 'for-each ls)))
           (if cars
               (begin (apply f cars) (loop (%cdrs ls)))
               (if #f #f))))))))

(define member
  (case-lambda
    ((x lst) (%member x lst))
    ((x lst same?)
     (%check-list 'member lst 2)
     (let loop ((l lst))
       (cond ((null? l) #f)
             ((same? x (car l)) l)
             (else (loop (cdr l))))))))

(define assoc
  (case-lambda
    ((x alist) (%assoc x alist))
    ((x alist same?)
     (%check-list 'assoc alist 2)
     (let loop ((l alist))
       (cond ((null? l) #f)
             ((same? x (car (car l))) (car l))
             (else (loop (cdr l))))))))

(define filter
  (let ((reverse reverse))
    (lambda (keep? lst)
      (%check-list 'filter lst 2)
      (let loop ((l lst) (acc '()))
        (cond ((null? l) (reverse acc))
              ((keep? (car l)) (loop (cdr l) (cons (car l) acc)))
              (else (loop (cdr l) acc)))))))

(define remove
  (let ((reverse reverse))
    (lambda (drop? lst)
      (%check-list 'remove lst 2)
      (let loop ((l lst) (acc '()))
        (cond ((null? l) (reverse acc))
              ((drop? (car l)) (loop (cdr l) acc))
              (else (loop (cdr l) (cons (car l) acc))))))))

(define partition
  (let ((reverse reverse))
    (lambda (in? lst)
      (%check-list 'partition lst 2)
      (let loop ((l lst) (ins '()) (outs '()))
        (cond ((null? l) (values (reverse ins) (reverse outs)))
              ((in? (car l)) (loop (cdr l) (cons (car l) ins) outs))
              (else (loop (cdr l) ins (cons (car l) outs))))))))

;; SRFI-1 fold: (kons elem ... acc), left to right.
(define fold
  (let ((apply apply) (append append))
    (case-lambda
      ((kons knil lst)
       (%check-list 'fold lst 3)
       (let loop ((l lst) (acc knil))
         (if (pair? l) (loop (cdr l) (kons (car l) acc)) acc)))
      ((kons knil lst . more)
       (let loop ((ls (cons lst more)) (acc knil))
         (let ((cars (%cars 'fold ls)))
           (if cars
               (loop (%cdrs ls) (apply kons (append cars (list acc))))
               acc)))))))

;; R6RS fold-left: (f acc elem ...), left to right.
(define fold-left
  (let ((apply apply))
    (case-lambda
      ((f init lst)
       (%check-list 'fold-left lst 3)
       (let loop ((l lst) (acc init))
         (if (pair? l) (loop (cdr l) (f acc (car l))) acc)))
      ((f init lst . more)
       (let loop ((ls (cons lst more)) (acc init))
         (let ((cars (%cars 'fold-left ls)))
           (if cars
               (loop (%cdrs ls) (apply f acc cars))
               acc)))))))

;; fold-right: (f elem ... acc), right to left; iterative over reversed lists.
(define fold-right
  (let ((apply apply) (reverse reverse) (append append))
    (case-lambda
      ((f init lst)
       (%check-list 'fold-right lst 3)
       (let loop ((l (reverse lst)) (acc init))
         (if (pair? l) (loop (cdr l) (f (car l) acc)) acc)))
      ((f init lst . more)
       (let collect ((ls (cons lst more)) (rows '()))
         (let ((cars (%cars 'fold-right ls)))
           (if cars
               (collect (%cdrs ls) (cons cars rows))
               (let loop ((rows rows) (acc init))
                 (if (pair? rows)
                     (loop (cdr rows)
                           (apply f (append (car rows) (list acc))))
                     acc)))))))))

;; SRFI-1 reduce: (f elem acc); ridentity only for the empty list.
(define (reduce f ridentity lst)
  (%check-list 'reduce lst 3)
  (if (null? lst)
      ridentity
      (let loop ((l (cdr lst)) (acc (car lst)))
        (if (pair? l) (loop (cdr l) (f (car l) acc)) acc))))

(define delete
  (let ((reverse reverse) (equal? equal?))
    (case-lambda
      ((x lst) (delete x lst equal?))
      ((x lst same?)
       (%check-list 'delete lst 2)
       (let loop ((l lst) (acc '()))
         (cond ((null? l) (reverse acc))
               ((same? x (car l)) (loop (cdr l) acc))
               (else (loop (cdr l) (cons (car l) acc)))))))))

(define delete-duplicates
  (let ((reverse reverse) (equal? equal?))
    (case-lambda
      ((lst) (delete-duplicates lst equal?))
      ((lst same?)
       (%check-list 'delete-duplicates lst 1)
       (let loop ((l lst) (seen '()))
         (cond ((null? l) (reverse seen))
               ((let scan ((s seen))
                  (cond ((null? s) #f)
                        ((same? (car s) (car l)) #t)
                        (else (scan (cdr s)))))
                (loop (cdr l) seen))
               (else (loop (cdr l) (cons (car l) seen)))))))))

(define take-while
  (let ((reverse reverse))
    (lambda (ok? lst)
      (%check-list 'take-while lst 2)
      (let loop ((l lst) (acc '()))
        (if (and (pair? l) (ok? (car l)))
            (loop (cdr l) (cons (car l) acc))
            (reverse acc))))))

(define (drop-while skip? lst)
  (%check-list 'drop-while lst 2)
  (let loop ((l lst))
    (if (and (pair? l) (skip? (car l)))
        (loop (cdr l))
        l)))

(define any
  (let ((apply apply))
    (case-lambda
      ((pred lst)
       (%check-list 'any lst 2)
       (let loop ((l lst))
         (cond ((null? l) #f)
               ((null? (cdr l)) (pred (car l)))
               ((pred (car l)))
               (else (loop (cdr l))))))
      ((pred lst . more)
       (let loop ((ls (cons lst more)))
         (let ((cars (%cars 'any ls)))
           (cond ((not cars) #f)
                 ((apply pred cars))
                 (else (loop (%cdrs ls))))))))))

(define every
  (let ((apply apply))
    (case-lambda
      ((pred lst)
       (%check-list 'every lst 2)
       (let loop ((l lst))
         (cond ((null? l) #t)
               ((null? (cdr l)) (pred (car l)))
               ((pred (car l)) (loop (cdr l)))
               (else #f))))
      ((pred lst . more)
       (let loop ((ls (cons lst more)) (last #t))
         (let ((cars (%cars 'every ls)))
           (if cars
               (let ((r (apply pred cars)))
                 (if r (loop (%cdrs ls) r) #f))
               last)))))))

(define count
  (let ((apply apply))
    (case-lambda
      ((pred lst)
       (%check-list 'count lst 2)
       (let loop ((l lst) (n 0))
         (cond ((null? l) n)
               ((pred (car l)) (loop (cdr l) (+ n 1)))
               (else (loop (cdr l) n)))))
      ((pred lst . more)
       (let loop ((ls (cons lst more)) (n 0))
         (let ((cars (%cars 'count ls)))
           (cond ((not cars) n)
                 ((apply pred cars) (loop (%cdrs ls) (+ n 1)))
                 (else (loop (%cdrs ls) n)))))))))

(define filter-map
  (let ((reverse reverse) (apply apply))
    (case-lambda
      ((f lst)
       (%check-list 'filter-map lst 2)
       (let loop ((l lst) (acc '()))
         (if (pair? l)
             (let ((r (f (car l))))
               (loop (cdr l) (if r (cons r acc) acc)))
             (reverse acc))))
      ((f lst . more)
       (let loop ((ls (cons lst more)) (acc '()))
         (let ((cars (%cars 'filter-map ls)))
           (if cars
               (let ((r (apply f cars)))
                 (loop (%cdrs ls) (if r (cons r acc) acc)))
               (reverse acc))))))))

(define append-map
  (let ((map map) (apply apply) (append append))
    (lambda (f lst . more)
      (apply append (apply map f lst more)))))

(define list-index
  (let ((apply apply))
    (case-lambda
      ((pred lst)
       (%check-list 'list-index lst 2)
       (let loop ((l lst) (i 0))
         (cond ((null? l) #f)
               ((pred (car l)) i)
               (else (loop (cdr l) (+ i 1))))))
      ((pred lst . more)
       (let loop ((ls (cons lst more)) (i 0))
         (let ((cars (%cars 'list-index ls)))
           (cond ((not cars) #f)
                 ((apply pred cars) i)
                 (else (loop (%cdrs ls) (+ i 1))))))))))

(define (find-tail pred lst)
  (%check-list 'find-tail lst 2)
  (let loop ((l lst))
    (cond ((null? l) #f)
          ((pred (car l)) l)
          (else (loop (cdr l))))))

(define (find pred lst)
  (%check-list 'find lst 2)
  (let loop ((l lst))
    (cond ((null? l) #f)
          ((pred (car l)) (car l))
          (else (loop (cdr l))))))

;;; Sorting: a stable merge sort. The split recursion is only log2(n) deep;
;;; merging is a loop. (sort seq less?) is the classic order; list-sort and
;;; vector-sort take SRFI-132's (less? seq). All four accept either order.

(define %merge-lists
  (let ((append-reverse append-reverse))
    (lambda (a b less?)
      (let loop ((a a) (b b) (acc '()))
        (cond ((null? a) (append-reverse acc b))
              ((null? b) (append-reverse acc a))
              ((less? (car b) (car a)) (loop a (cdr b) (cons (car b) acc)))
              (else (loop (cdr a) b (cons (car a) acc))))))))

(define (%sort-list lst less?)
  ;; A plain Python primitive such as < is sorted by Python's (stable)
  ;; sort in one step; any other procedure goes through the merge sort.
  (or (%sort-by-primitive lst less?)
      (%merge-sort lst less?)))

(define %merge-sort
  (let ((length length) (list-tail list-tail) (quotient quotient))
    (lambda (lst less?)
      (let sort ((l lst) (n (length lst)))
        (cond ((= n 0) '())
              ((= n 1) (list (car l)))
              (else
               (let ((half (quotient n 2)))
                 (%merge-lists (sort l half)
                               (sort (list-tail l half) (- n half))
                               less?))))))))

(define (%sort-arguments who a b)
  ;; -> (values sequence less?) whichever order they came in
  (cond ((procedure? b) (values a b))
        ((procedure? a) (values b a))
        (else (%check-procedure who b 2))))

(define %sort-any
  (let ((vector->list vector->list) (list->vector list->vector))
    (lambda (who a b)
      (call-with-values
        (lambda () (%sort-arguments who a b))
        (lambda (seq less?)
          (cond ((vector? seq) (list->vector (%sort-list (vector->list seq) less?)))
                (else (%check-list who seq 1)
                      (%sort-list seq less?))))))))

(define (sort a b) (%sort-any 'sort a b))
(define (list-sort a b) (%sort-any 'list-sort a b))

(define (vector-sort a b)
  (call-with-values
    (lambda () (%sort-arguments 'vector-sort a b))
    (lambda (seq less?)
      (%check-vector 'vector-sort seq 2)
      (%sort-any 'vector-sort seq less?))))

(define vector-sort!
  (let ((vector-set! vector-set!))
    (lambda (a b)
      (call-with-values
        (lambda () (%sort-arguments 'vector-sort! a b))
        (lambda (vec less?)
          (%check-vector 'vector-sort! vec 1)
          (let loop ((l (%sort-list (vector->list vec) less?)) (i 0))
            (when (pair? l)
              (vector-set! vec i (car l))
              (loop (cdr l) (+ i 1)))))))))
