"""The ways `iamkb job plan` writes a plan: JSON documents, Terraform (HCL) and CloudFormation (YAML).

Each writer turns a proven `Plan` into files (name -> text); the CLI decides where they go. Every
policy is embedded exactly as the JSON plan has it, so the three outputs never disagree.
"""

from __future__ import annotations

import re

FORMATS = ("json", "terraform", "cloudformation")


def identifier(text: str) -> str:
    """A name usable as a Terraform label or CloudFormation logical ID part: letters, digits, underscores."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")
    return cleaned if cleaned and not cleaned[0].isdigit() else f"x_{cleaned}"


def pascal(text: str) -> str:
    """`acme-input.bucket` -> `AcmeInputBucket` (CloudFormation logical IDs are alphanumeric)."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)
