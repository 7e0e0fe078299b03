"""Analyses over clean article text: sentences, quotations and speakers, stories, comparison.

Pure Python: nothing here imports textual or rich. Import the submodules you need
(`reader.analysis.sentences`, `reader.analysis.quotes`, ...); this package imports none of them
eagerly, so worker processes load only what they use.
"""
