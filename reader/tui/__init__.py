"""The terminal app (Textual). Display and routing only: all logic comes from reader.library."""

DEFAULT_TEXT_WIDTH = 100  # columns of article text on a wide terminal (config: text_width)
