"""``python -m linter``: the ``rclint`` command."""

from linter.cli import run

run()
