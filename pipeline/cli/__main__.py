"""`python -m pipeline.cli`, as the `kehoach` script."""

from pipeline.cli import main

main()
