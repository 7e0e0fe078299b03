from reader.console import entry

entry()
