"""Reader: a terminal reading companion for research papers."""

__version__ = "0.1.0"
