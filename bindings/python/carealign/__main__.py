"""``python -m carealign COMMAND [ARGS]``: see :mod:`carealign.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
