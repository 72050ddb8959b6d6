"""pages/commands.py: the command reference (commands.md.j2), from each command's own parser."""

from __future__ import annotations

import os
import re

from pages import commands

from iamkb.cli import COMMANDS

from .conftest import front_matter


def test_every_command_and_subcommand_in_help_order():
    names = [c.name for c in commands.commands()]
    top = [name for name in names if name.count(" ") == 1]
    assert top == [f"iamkb {name}" for name in COMMANDS]
    assert names[names.index("iamkb job") + 1 :][:3] == ["iamkb job requirements", "iamkb job plan", "iamkb job verify"]


def test_each_parser_is_the_configured_one():
    """`build_parser()` alone configures no command (its subparsers know only --help): the page must not use it."""
    for command in commands.commands():
        options = command.options()
        assert "--help" in options
        if command.name in ("iamkb check", "iamkb render", "iamkb job plan"):
            assert len(options) > 3, f"{command.name} shows only {options}"


def test_each_section_holds_its_help_with_every_option():
    markdown = commands.markdown()
    meta, _ = front_matter(markdown)
    assert meta == {"diataxis": "reference"}
    for command in commands.commands():
        level = "#" * (command.depth + 1)
        heading = f"\n{level} {command.name} {{ #{command.anchor} }}\n"
        assert heading in markdown, heading
        block = markdown.split(heading, 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
        assert block.startswith(f"usage: {command.name} ")
        for option in command.options():
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", block), (command.name, option)


def test_the_page_is_the_same_whatever_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    wide = commands.markdown()
    assert os.environ["COLUMNS"] == "200"  # restored
    monkeypatch.setenv("COLUMNS", "40")
    assert commands.markdown() == wide


def test_exit_codes_table():
    markdown = commands.markdown()
    for number, _ in commands.EXIT_CODES:
        assert f"| `{number}` |" in markdown
