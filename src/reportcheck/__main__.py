"""``python -m reportcheck``."""

from .cli import main

main()
