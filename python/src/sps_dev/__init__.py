"""sps_dev: check, simulate, build and verify an SPS plugin, on a developer's machine.

The public surface is the command line (``sps-dev`` or ``python -m sps_dev``) and
``sps_dev.testing``, what a plugin's own tests import. Every other module is internal and
may change in any release.

Standard library only (``check`` also reads PyYAML when it is installed, to read the MANIFEST
as SPS does), so it installs from its wheel alone on any Python 3.8-3.13, offline.
"""

from sps_dev.version import VERSION

__version__ = VERSION
