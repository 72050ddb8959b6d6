"""The small execution-role policy several simulate tests evaluate: object access to two buckets
and PassRole to SageMaker only. `execution_policy("<input-bucket-name>", ...)` gives the placeholder
form that `--set` fills."""

ACCT = "111122223333"
ROLE = f"arn:aws:iam::{ACCT}:role/Exec"


def execution_policy(input_bucket: str = "input-bucket", output_bucket: str = "output-bucket") -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Objects",
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": [f"arn:aws:s3:::{input_bucket}/*", f"arn:aws:s3:::{output_bucket}/*"],
            },
            {
                "Sid": "PassRole",
                "Effect": "Allow",
                "Action": "iam:PassRole",
                "Resource": "*",
                "Condition": {"StringEquals": {"iam:PassedToService": "sagemaker.amazonaws.com"}},
            },
        ],
    }


EXECUTION = execution_policy()
