"""The command reference (reference/cli/) shows every command's and subcommand's own help: every option.

The how-to guides send readers there for "the exact options", so each option string of each parser the
command line really uses (`iamkb.cli.build_parser(NAME)`, and the subparsers of `iamkb job`) must be on
the page, in the section of its command, with the usage line `iamkb COMMAND --help` prints.
"""

from __future__ import annotations

import argparse
import re

import pytest

from iamkb.cli import COMMANDS, build_parser


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices) if found else {}


def walk(words: tuple[str, ...], parser: argparse.ArgumentParser):
    yield words, parser
    for name, sub in subparsers(parser).items():
        yield from walk((*words, name), sub)


# (("check",), parser), ..., (("job",), parser), (("job", "plan"), parser), ...: each parser as `iamkb` builds it
# to run that command.
PARSERS = [found for name in COMMANDS for found in walk((name,), subparsers(build_parser(name))[name])]


def test_the_command_line_has_commands_with_options_and_job_subcommands():
    """What the page test below relies on: there are commands, they have options, `job` has subcommands."""
    names = [" ".join(words) for words, _ in PARSERS]
    assert {"check", "render", "job requirements", "job plan", "job verify"} <= set(names)
    check = dict(PARSERS)[("check",)]
    assert "--kind" in [o for action in check._actions for o in action.option_strings]


@pytest.fixture(scope="module")
def sections(browser, base_url) -> dict[str, str]:
    """Heading id -> the text of the code block under that heading, read from the page in the browser."""
    page = browser.new_page(base_url=base_url)
    page.goto("reference/cli/")
    found = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('article h2[id], article h3[id]')].map(h => {
            let node = h.nextElementSibling;
            while (node && !/^H[1-6]$/.test(node.tagName) && !node.querySelector('pre')) node = node.nextElementSibling;
            const block = node && !/^H[1-6]$/.test(node.tagName) ? node.querySelector('pre').textContent : '';
            return [h.id, block];
        }))"""
    )
    page.close()
    return found


@pytest.mark.parametrize(("words", "parser"), PARSERS, ids=[" ".join(words) for words, _ in PARSERS])
def test_every_option_of_every_command_is_on_the_page(sections, words, parser):
    anchor = "-".join(("iamkb", *words))
    assert anchor in sections, f"no section #{anchor} for iamkb {' '.join(words)}"
    text = sections[anchor]
    assert text.startswith(f"usage: iamkb {' '.join(words)} ")
    options = [option for action in parser._actions for option in action.option_strings]
    assert options, "every command has at least --help"
    missing = [o for o in options if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", text)]
    assert not missing, f"iamkb {' '.join(words)}: options not on the page: {missing}"
    for name in subparsers(parser):
        assert name in text, f"subcommand {name} is not listed in iamkb {' '.join(words)}'s help"
