"""Under pytest: the wheel under test (SPS_DEV_SITE) goes first on sys.path before any test
module is imported, so that no installed copy of sps_dev can stand in for it, whatever order
a test module's imports are in (support.py does the same for plain unittest runs)."""

import support  # noqa: F401 - its import puts SPS_DEV_SITE first on sys.path
