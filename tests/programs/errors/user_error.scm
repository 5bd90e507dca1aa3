(error "something went wrong:" 42 'foo)
; expect-error: something went wrong: 42 foo
