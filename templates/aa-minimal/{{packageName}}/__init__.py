"""An Authentication and Authorization (AA) plugin for One Identity Safeguard for Privileged
Sessions (SPS)."""

from .plugin import Plugin

__all__ = ["Plugin"]
