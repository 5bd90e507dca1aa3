"""`python -m elle` runs the `elle` command."""

from .cli.start import main

main()
