"""`python -m mafqud` runs the command line, like the `mafqud` script."""

from mafqud.cli import main

if __name__ == "__main__":  # not when a worker process re-imports this module
    main()
