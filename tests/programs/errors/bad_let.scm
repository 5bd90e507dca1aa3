(let ((x)) x)
; expect-error: let
; expect-error: bad_let.scm:1:
