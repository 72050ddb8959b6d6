"""iamkb: the offline IAM toolkit behind the Ground Truth permissions knowledge base.

Kept import-free on purpose: `iamkb check` runs as a cold process in benchmarks and in
users' pre-commit hooks, so each command imports only what it needs.

The Python API is imported from each command's package (the site's "Python API" reference page,
docs/reference/python-api.md, has every function with examples that the tests run):

    from iamkb.check import check_document, check_paths
    from iamkb.simulate import Policies, Request, evaluate
    from iamkb.render import render
    from iamkb.grants import grants
    from iamkb.compare import compare

Nothing is re-exported here, not even lazily: `render`, `grants` and `compare` share their names with
their packages, and importing `iamkb.render` sets the attribute `iamkb.render` to the package.
"""

__version__ = "0.1.0"
