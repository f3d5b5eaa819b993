"""Run coach as ``python -m coach``."""

from coach.launch import main

main()
