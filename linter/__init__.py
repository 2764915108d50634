"""rclint: a policy-as-code linter for Elasticsearch remote-cluster security."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
