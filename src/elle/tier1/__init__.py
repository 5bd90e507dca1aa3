"""Tier 1: hot procedures compiled from bytecode to Python functions.

`protocol` (how tier-1 frames are handed back to the VM), `codegen`
(bytecode -> Python source), `runtime` (the helpers generated code calls),
`unwind` (Python frames -> VM frames), `tiering` (policy, installation,
statistics). Nothing here imports llvmlite.
"""
