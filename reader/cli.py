"""The command line: thin, scriptable, and how tests drive Reader.

Exit status: 0 success, 1 bad input or unknown id, 2 usage error.
Every user-facing failure is one line on stderr; a traceback only with READER_DEBUG=1.
The parser is `reader.cli_parser`; the handlers live in one `reader.cli_*` module per
topic (library, triage, export, keys, net, read, sync, app).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO, cast

from reader.cli_app import cmd_app, cmd_demo
from reader.cli_parser import build_parser
from reader.errors import ReaderError
from reader.text import clean_line

__all__ = ["build_parser", "main"]


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def _app_args(tokens: list[str]) -> argparse.Namespace | None:
    """`reader`, `reader --db X`, `reader --theme T`: the app's own options only,
    read without building the parser of every command (a noticeable part of the start).
    None for anything else, which the full parser reads (and explains)."""
    if any(t.startswith("-") and t not in ("--db", "--theme") for t in tokens):
        return None  # --help, --version, --db=X, a command's option...
    light = _QuietParser(prog="reader", add_help=False)
    light.add_argument("--db", default=argparse.SUPPRESS)
    light.add_argument("--theme")
    try:
        args, rest = light.parse_known_args(tokens)
    except ValueError:  # e.g. `--db` without a value: the full parser says why
        return None
    if rest:
        return None  # a command
    args.func = cmd_app
    return args


class _OutputFailed(Exception):
    """Standard output could not be written (closed, full, a broken pipe)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


class _GuardedStdout:
    """sys.stdout whose write errors become _OutputFailed, so that a full disk or a
    closed pipe behind standard output is told apart from any other OSError."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _OutputFailed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _OutputFailed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout(stream: TextIO) -> None:
    """Point the file descriptor behind `stream` at /dev/null, so the interpreter's
    last flush of what is still buffered cannot fail again at exit."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


def main(argv: Sequence[str] | None = None) -> int:
    tokens = list(sys.argv[1:] if argv is None else argv)
    args = _app_args(tokens) or build_parser().parse_args(tokens)
    real_stdout = sys.stdout
    if args.func not in (cmd_app, cmd_demo):  # the app owns the terminal its own way
        sys.stdout = cast(TextIO, _GuardedStdout(real_stdout))
    try:
        result: int = args.func(args)
        sys.stdout.flush()
        return result
    except _OutputFailed as exc:
        _silence_stdout(real_stdout)
        if isinstance(exc.error, BrokenPipeError):
            return 0  # `reader list | head -1`: the reader of the pipe has what it wanted
        print(f"reader: cannot write to standard output: {exc}", file=sys.stderr)
        return 1
    except ReaderError as exc:
        # Messages can quote file names and file content: no escape sequence reaches the terminal.
        print(f"reader: {clean_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout(real_stdout)
        return 0
    except Exception as exc:
        if os.environ.get("READER_DEBUG"):
            raise
        print(f"reader: internal error: {type(exc).__name__}: {clean_line(str(exc))} "
              "(set READER_DEBUG=1 for details)", file=sys.stderr)
        return 1
    finally:
        if sys.stdout is not real_stdout and isinstance(sys.stdout, _GuardedStdout):
            sys.stdout = real_stdout


if __name__ == "__main__":
    raise SystemExit(main())
