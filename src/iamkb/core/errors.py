"""Errors that end a command with a message and exit 2 instead of a traceback."""


class UsageError(Exception):
    """The user asked for something we cannot do (bad flag value, missing file, unknown snippet id).

    The message is shown as is, so it must name the file or argument and say what to do instead.
    """
