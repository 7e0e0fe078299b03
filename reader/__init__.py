"""reader: read news in the terminal and compare how outlets tell the same story."""

__version__ = "0.1.0"
