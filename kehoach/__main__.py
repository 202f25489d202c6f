"""`python -m kehoach`, as the `kehoach` command."""

from kehoach.pipeline.cli import main

main()
