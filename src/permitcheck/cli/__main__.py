"""``python -m permitcheck.cli``: the ``permitcheck`` command."""

from __future__ import annotations

import sys

from permitcheck.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
