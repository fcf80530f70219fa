"""`python -m qbank`: the command line."""

from qbank.commands.cli import main

main()
