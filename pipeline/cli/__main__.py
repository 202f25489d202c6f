"""`python -m kehoach.pipeline.cli`, as the `kehoach` script."""

from kehoach.pipeline.cli import main

main()
