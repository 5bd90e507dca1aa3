"""`python -m elle` runs the `elle` command."""

from .cli.main import main

main()
