"""Print the project's dependencies from pyproject.toml, one per line, for pip -r.

Installing the requirements directly (rather than `pip install -e .`) keeps the
project a plain Django site: nothing is built or installed from this checkout.
Usage: python .ci/deps.py [extra ...]
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
