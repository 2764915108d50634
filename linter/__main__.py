"""``python -m linter``: the ``rclint`` command."""

from linter.cli import main

raise SystemExit(main())
