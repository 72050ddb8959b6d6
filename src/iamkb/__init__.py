"""iamkb: the offline IAM toolkit behind the Ground Truth permissions knowledge base.

Kept import-free on purpose: `iamkb check` runs as a cold process in benchmarks and in
users' pre-commit hooks, so each command imports only what it needs.
"""

__version__ = "0.1.0"
