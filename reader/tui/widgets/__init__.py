"""Widgets of the terminal app. Every untrusted string goes through reader.tui.safe."""
