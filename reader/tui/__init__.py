"""The terminal app (Textual). Display and routing only: all logic comes from reader.library."""
