"""``python -m reportcheck``."""

from .entry import main

main()
