"""The command reference (commands.md.j2): `iamkb --help` and every command's own `--help`, with its options.

`iamkb.cli.build_parser()` lists the commands but configures none (so `iamkb check` does not import the
simulator); `build_parser(name)` configures the one command, the parser `iamkb NAME --help` prints. So the
page builds one parser per command, and walks subcommands (`iamkb job plan`) the same way, so every
option the command line accepts is on the page with the words `--help` gives it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from iamkb.cli import COMMANDS, build_parser
from pages import render

TEMPLATE = "commands.md.j2"
URI = "reference/cli.md"
HELP_WIDTH = "88"  # argparse wraps help to the terminal; a fixed width keeps the page the same everywhere

EXIT_CODES = [
    ("0", "Done; nothing at ERROR level."),
    (
        "1",
        "At least one ERROR finding, a claim the command checks turned out false, a plan that failed its proof,"
        " or a permission `iamkb job verify` found missing.",
    ),
    ("2", "Usage error or unreadable input: a bad option, a missing file, a file that is not JSON."),
    ("3", "Internal error: a bug in iamkb. The message says so; rerun with `IAMKB_DEBUG=1` for the traceback."),
    ("130", "Interrupted with Ctrl-C."),
    ("141", "The reader of the output went away (as in `iamkb grants policy.json | head -1`): 128 + SIGPIPE."),
]


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]  # ("job", "plan") for `iamkb job plan`
    parser: argparse.ArgumentParser

    @property
    def name(self) -> str:
        return " ".join(("iamkb", *self.words))

    @property
    def anchor(self) -> str:
        return "-".join(("iamkb", *self.words))

    @property
    def depth(self) -> int:
        """1 for a command, 2 for a subcommand: the heading level below the page's sections."""
        return len(self.words)

    def options(self) -> list[str]:
        """Every option string (`-o`, `--output`) the command accepts."""
        return [option for action in self.parser._actions for option in action.option_strings]


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """A parser's subcommands by name; argparse has no public way to list them, its subparsers action holds them."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def _walk(words: tuple[str, ...], parser: argparse.ArgumentParser) -> Iterator[Command]:
    yield Command(words, parser)
    for name, sub in subparsers(parser).items():
        yield from _walk((*words, name), sub)


def commands() -> list[Command]:
    """Every command and subcommand, each from the parser that configures it, in the order `--help` lists them."""
    return [command for name in COMMANDS for command in _walk((name,), subparsers(build_parser(name))[name])]


@contextmanager
def help_width():
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def context() -> dict:
    with help_width():
        return {
            "title": "The iamkb command",
            "overview": build_parser().format_help().rstrip(),
            "exit_codes": EXIT_CODES,
            "commands": [(command, command.parser.format_help().rstrip()) for command in commands()],
        }


def markdown() -> str:
    return render(TEMPLATE, **context())
