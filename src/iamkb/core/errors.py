"""Errors that end a command with a message and exit 2 instead of a traceback, and OS errors in plain words."""

from __future__ import annotations

import errno


class UsageError(Exception):
    """The user asked for something we cannot do (bad flag value, missing file, unknown snippet id).

    The message is shown as is, so it must name the file or argument and say what to do instead.
    """


class OutputError(UsageError):
    """Standard output or an `-o` file could not be written (a full disk, a file-size limit, a closed device).

    Exit 2 like bad input: nothing is wrong with iamkb, and the message says what the system refused.
    """


# errno -> what happened, in the words a user would use, where the system's own text is cryptic ("No space
# left on device"); any other error keeps the system's text, which is plain already ("Permission denied").
_PLAIN_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than the system allows (a file-size limit, such as ulimit -f)",
    errno.EROFS: "the file system is read-only",
    errno.EIO: "an input/output error (the disk or device failed)",
    errno.ENXIO: "the device is not available",
    errno.ENOMEM: "not enough memory",
    errno.ETXTBSY: "the file is busy",
}


def os_error_text(exc: OSError) -> str:
    """What the system refused, without Python's `[Errno 28]` decoration: `the disk is full`."""
    if exc.errno in _PLAIN_WORDS:
        return _PLAIN_WORDS[exc.errno]
    return exc.strerror or "the system refused the operation"
