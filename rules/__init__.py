"""The built-in rules of rclint, one module per rule."""
