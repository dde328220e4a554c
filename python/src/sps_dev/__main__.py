"""python -m sps_dev: the same command line as the sps-dev script."""

import sys

from sps_dev.cli import main

sys.exit(main())
