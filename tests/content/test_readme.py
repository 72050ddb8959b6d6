"""The README's example run is real: running its command today prints exactly what it shows."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def console_block() -> tuple[str, str, str]:
    block = re.search(r"```console\n\$ (.+?)\n(.*?)\$ echo \$\?\n(\d+)\n```", (ROOT / "README.md").read_text(), re.S)
    assert block, "README.md lost its console example"
    return block.group(1), block.group(2), block.group(3)


def test_readme_check_example_is_the_real_output():
    command, shown, shown_status = console_block()
    assert command.startswith(".venv/bin/iamkb check ")
    bin_dir = Path(__import__("sys").executable).parent
    argv = [str(bin_dir / "iamkb"), *command.split()[1:]]
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    assert result.stdout == shown
    assert str(result.returncode) == shown_status
