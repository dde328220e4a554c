"""sps_dev: check, simulate and build an SPS plugin, on a developer's machine.

Standard library only (``check`` also needs PyYAML, to read the MANIFEST as SPS does), so it
works offline and on any Python an SPS release runs. Never shipped in the plugin ZIP.

The folder has no ``__init__.py`` on purpose: setuptools' ``find_packages``, which the
vendor's pluginv uses to fill a plugin's ZIP, finds only folders that have one, so the tool
never lands in a ZIP however the plugin is built; ``python -m sps_dev`` runs it all the same.
"""

VERSION = "0.2.0"
