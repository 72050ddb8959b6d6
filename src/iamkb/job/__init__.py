"""`iamkb job`: from one SageMaker Ground Truth labeling job to exactly the permissions it needs.

`read_job`/`read_jobs` (inputs) read what AWS's tools write; `requirements` fills the requirements
table for a job; the shapes they share live in `model`.
"""

from __future__ import annotations

from iamkb.job.inputs import read_job, read_jobs
from iamkb.job.requirements import features, requirements

__all__ = ["features", "read_job", "read_jobs", "requirements"]
