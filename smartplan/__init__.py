"""smartplan: compile Indonesian Smart City masterplans from YAML."""

__version__ = "0.1.0"
VERSION_LINE = f"smartplan {__version__}"  # what `smartplan --version` prints (__main__.py, cli.py)
