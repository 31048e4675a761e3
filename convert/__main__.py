"""``python -m convert`` runs the command-line tool."""

from .cli import main

main()
