"""One build step on top of pyproject.toml: the top-level seeds/ folder (the one source of the
bundled corpus) is copied into the package as reader/seeds, so a wheel, `pip install .` or pipx
install carries it. A source checkout or an editable install reads seeds/ where it is.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SEEDS = Path(__file__).resolve().parent / "seeds"


class BuildWithSeeds(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # reader.config finds seeds/ beside the package
        target = Path(self.build_lib) / "reader" / "seeds"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(SEEDS, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithSeeds})
