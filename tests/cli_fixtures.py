"""Running the command line in the tests' own process."""

from __future__ import annotations

import pytest

from reader.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`reader ARGV...` run here: its exit status, standard output and standard error."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err
