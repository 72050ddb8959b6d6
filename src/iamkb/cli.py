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
from iamkb.core.errors import OutputError, UsageError
from iamkb.core.output import clip, guarded_streams

COMMANDS = {
    "check": ("iamkb.check.cli", "check policies: JSON syntax, IAM grammar and lint findings"),
    "simulate": ("iamkb.simulate.cli", "evaluate requests against policies, offline"),
    "render": ("iamkb.render.cli", "fill a snippet's placeholders and check the result"),
    "grants": ("iamkb.grants.cli", "list what a policy allows, expanded against the IAM catalog"),
    "compare": ("iamkb.compare.cli", "show what policy A allows that policy B does not"),
    "job": ("iamkb.job.cli", "plan and verify the permissions of a SageMaker Ground Truth labeling job"),
}


class _ArgumentError(UsageError):
    """A command line argparse refuses; reported like any usage error (as JSON with `--format json`)."""

    def __init__(self, message: str, prog: str, usage: str):
        super().__init__(message)
        self.prog, self.usage = prog, usage


class _Parser(argparse.ArgumentParser):
    """argparse's usage errors, raised instead of printed, so the dispatcher reports every error one way;
    the message says where to look."""

    def error(self, message: str):  # argparse API
        raise _ArgumentError(
            f"{message}\nhint: run '{self.prog} --help' for the options", self.prog, self.format_usage()
        )


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
    A write that fails (a full disk, a file-size limit) is 2 like bad input, said in plain words. For the whole
    run, standard output and error escape control characters (`iamkb.core.output.guarded_streams`), so nothing
    a policy or a file name holds can drive the terminal. With `--format json` an error is one JSON object on
    standard error, so a script reading JSON never has to parse text.
    """
    # A command is one short process that allocates many small objects (parsed policies, the IAM
    # catalog) and frees them by reference counting; the cyclic collector only costs time here
    # (about a tenth of a cold `iamkb check snippets/`), so it is switched off for the run. Tests,
    # notebooks and the Python API call main() in their own process: they get the collector back.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with guarded_streams():
            return _run(sys.argv[1:] if argv is None else argv)
    finally:
        if was_enabled:
            gc.enable()


def _run(argv: list[str]) -> int:
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    command = command if command in COMMANDS else None
    prog = f"iamkb {command}" if command else "iamkb"
    as_json = _json_requested(argv)

    def fail(message: str, status: int, label: str = "error") -> int:
        _say(f"{prog}: {label}", message, status, as_json)
        return status

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
    except _ArgumentError as exc:
        if not as_json:
            _write_stderr(exc.usage)
        prog = exc.prog
        raise SystemExit(fail(str(exc), 2)) from None  # argparse's way, which callers of main() expect
    except OutputError as exc:
        _settle_stdout()
        return fail(str(exc), 2)
    except UsageError as exc:
        return fail(str(exc), 2)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 141
    except MemoryError:
        _settle_stdout()
        return fail(
            "there is not enough memory to finish\n"
            "hint: the input is probably far larger than a policy, or the machine is short of memory",
            2,
        )
    except Exception as exc:  # last resort: a bug must not greet the user with a traceback
        if os.environ.get("IAMKB_DEBUG"):
            raise
        return fail(
            f"{type(exc).__name__}: {exc}\n"
            "hint: this is a bug in iamkb; rerun with IAMKB_DEBUG=1 for the traceback and report it",
            3,
            "internal error",
        )


def _json_requested(argv: list[str]) -> bool:
    """`--format json` (or sarif) anywhere on the command line: errors are then JSON too."""
    for index, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--format=") else None
        if arg == "--format" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in ("json", "sarif"):
            return True
    return False


def _say(where: str, message: str, status: int, as_json: bool) -> None:
    """The last word of a run, on standard error: `iamkb check: error: ...` and its hint lines, each line's
    long values cut short; with `--format json`, one JSON object a script can read instead:
    `{"command": "iamkb check", "status": 2, "error": "...", "hint": "..."}` (`"internal_error"` for a bug)."""
    lines = [clip(line) for line in message.split("\n")]
    if not as_json:
        _write_stderr(f"{where}: " + "\n".join(lines) + "\n")
        return
    from iamkb.core.output import json_text

    command, label = where.rsplit(": ", 1)
    text = [line for line in lines if not line.startswith("hint: ")]
    hints = [line[len("hint: ") :] for line in lines if line.startswith("hint: ")]
    record = {"command": command, "status": status, label.replace(" ", "_"): "\n".join(text)}
    record["hint"] = "\n".join(hints) or None
    _write_stderr(json_text(record, indent=None))


def _write_stderr(text: str) -> None:
    """If even standard error cannot be written, the exit status still tells."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except Exception:  # OutputError from the guarded stream, or an OSError from an unguarded one
        pass


def _settle_stdout() -> None:
    """Flush what standard output still holds; if that fails too (a full disk), discard it, so the flush at
    interpreter exit, outside any try, does not fail again with a traceback."""
    try:
        sys.stdout.flush()
    except Exception:  # OutputError from the guarded stream, or the OSError under it
        _discard_stdout()


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
