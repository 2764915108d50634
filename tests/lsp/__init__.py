"""End-to-end tests of ``rclint server`` and unit tests of its parts."""
