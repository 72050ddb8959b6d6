"""Reads the published guide's code fences, in order, so tests can compare them with our files."""

from pathlib import Path


def fences(guide: Path) -> list[str]:
    """The text between each opening and closing ``` line, each ending with a newline."""
    if not guide.is_file():
        raise FileNotFoundError(f"the published guide is missing at {guide}; the catalog's guide.file points there")
    blocks, current = [], None
    for line in guide.read_text(encoding="utf-8").split("\n"):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("".join(part + "\n" for part in current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks
