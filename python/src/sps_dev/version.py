"""The package's version: the same as the create-sps-plugin npm package that ships its wheel
(a test in the generator's suite holds the two equal)."""

VERSION = "0.2.0"
