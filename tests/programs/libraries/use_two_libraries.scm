;; Two libraries with the same private names; prefix, rename and only;
;; an exported macro that expands into a call of a library-private procedure.
(import (scheme base) (scheme write)
        (prefix (geometry units) u:)
        (rename (geometry scale) (describe scale-describe)))
(define factor 'program)
(define (checked-scale x) 'program-version)
(display (list (u:to-mm 2) (scale 2) scale-factor factor)) (newline)
(display (list (u:describe) (scale-describe))) (newline)
(display (scaled 1)) (newline)
(display (guard (e (#t (error-object-message e))) (scaled 'x))) (newline)
(display (guard (e (#t 'unbound)) to-mm)) (newline)
; expect: (20 60 3 program)
; expect: (units scale)
; expect: 30
; expect: scaled: not a number
; expect: unbound
