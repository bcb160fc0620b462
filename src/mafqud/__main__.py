"""`python -m mafqud` runs the command line, like the `mafqud` script."""

from mafqud.cli import main

main()
