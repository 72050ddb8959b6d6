"""`python -m iamkb` is the same as the `iamkb` command."""

import sys

from iamkb.cli import main

sys.exit(main())
