"""mccheck: pre-flight checks for micro-credential submissions."""

__version__ = "0.1.0"
