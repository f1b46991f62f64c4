"""smartplan: compile Indonesian Smart City masterplans from YAML."""

__version__ = "0.1.0"
