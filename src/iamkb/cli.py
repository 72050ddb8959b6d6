"""iamkb: check, simulate, render and compare AWS IAM policies, offline.

Each command lives in its own module exposing `configure(parser)` and `run(args) -> int`.
Those modules keep heavy imports inside `run`, so `iamkb check` starts fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

from iamkb import __version__
from iamkb.core.errors import UsageError

COMMANDS = {
    "check": ("iamkb.check.cli", "check policies: JSON syntax, IAM grammar and lint findings"),
    "simulate": ("iamkb.simulate.cli", "evaluate requests against policies, offline"),
    "render": ("iamkb.render.cli", "fill a snippet's placeholders and check the result"),
    "grants": ("iamkb.grants.cli", "list what a policy allows, expanded against the IAM catalog"),
    "compare": ("iamkb.compare.cli", "show what policy A allows that policy B does not"),
    "job": ("iamkb.job.cli", "plan and verify the permissions of a SageMaker Ground Truth labeling job"),
}


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; we only make the message say where to look."""

    def error(self, message: str):  # argparse API
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\nhint: run '{self.prog} --help' for the options\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command is listed, but only `command`'s module is imported and configured: a cold
    `iamkb check` must not pay for the simulator's imports."""
    parser = _Parser(prog="iamkb", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"iamkb {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        subparser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.configure(subparser)
            subparser.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status; the collector's state is the caller's again afterwards.

    Beyond each command's own statuses: 2 usage error, 3 internal error (a bug: one line, no traceback),
    130 interrupted (Ctrl-C) and 141 when the reader of standard output went away (`iamkb grants p | head -1`):
    128 plus the signal number, the statuses a shell reports for a program that SIGINT or SIGPIPE ended.
    """
    # A command is one short process that allocates many small objects (parsed policies, the IAM
    # catalog) and frees them by reference counting; the cyclic collector only costs time here
    # (about a tenth of a cold `iamkb check snippets/`), so it is switched off for the run. Tests,
    # notebooks and the Python API call main() in their own process: they get the collector back.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    finally:
        if was_enabled:
            gc.enable()


def _run(argv: list[str]) -> int:
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    command = command if command in COMMANDS else None
    prog = f"iamkb {command}" if command else "iamkb"
    try:
        parser = build_parser(command)  # imports the command's module: inside the try, like the run itself
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help(sys.stderr)
            return 2
        status = args._run(args)
        # Output still in the buffer would otherwise meet a closed pipe at interpreter exit, outside this try.
        sys.stdout.flush()
        return status
    except UsageError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 141
    except Exception as exc:  # last resort: a bug must not greet the user with a traceback
        if os.environ.get("IAMKB_DEBUG"):
            raise
        print(
            f"{prog}: internal error: {type(exc).__name__}: {exc}\n"
            "hint: this is a bug in iamkb; rerun with IAMKB_DEBUG=1 for the traceback and report it",
            file=sys.stderr,
        )
        return 3


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail again on the closed pipe.

    Python's documented recipe for SIGPIPE: https://docs.python.org/3/library/signal.html#note-on-sigpipe
    """
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # not a real file (a test's capture): nothing is flushed to a pipe at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
