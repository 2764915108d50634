"""The errors rclint raises to its user; each ends the run with exit code 2.

Findings are never exceptions: these are for input the run cannot go on
without (a bad configuration, two clusters with one name, a bad flag).
"""

from __future__ import annotations


class RclintError(Exception):
    """Base of every error shown to the user as ``rclint: error: <message>``."""


class ConfigurationError(RclintError):
    """The configuration or the workspace layout cannot be used."""


class UsageError(RclintError):
    """The command line asks for something that does not exist."""
