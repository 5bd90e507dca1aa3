;; Importing a library that is neither built in nor in a file on the
;; library path is an error naming where it looked.
(import (scheme base) (scheme write))
(display "before")
(newline)
(import (srfi 9999))
(display "never")
; expect: before
; expect-error: import: library (srfi 9999) not found
; expect-error: (srfi X) for X in 1, 6, 9
; expect-error: no srfi/9999.sld or srfi/9999.scm is in
; expect-error: add directories with -I DIR or ELLE_PATH
