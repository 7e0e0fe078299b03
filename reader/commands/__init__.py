"""CLI subcommands: one module each, registered by reader.cli. Display only; logic lives in the core."""
