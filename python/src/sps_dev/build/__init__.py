"""Internal: see sps_dev.testing and the command line for what is public."""
