"""sps_dev: check, simulate and build an SPS plugin, on a developer's machine.

Standard library only (``check`` also needs PyYAML, to read the MANIFEST as SPS does), so it
works offline and on any Python an SPS release runs. Never shipped in the plugin ZIP.
"""

__version__ = "0.2.0"
