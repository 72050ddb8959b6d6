# iamkb job plan: least-privilege permissions for labeling job vehicles-bounding-box (us-east-1, account 111122223333), from examples/jobs/bounding-box-private.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the placeholder arn:aws:iam::111122223333:role/labeling-job-caller; give --caller ARN)
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has

resource "aws_iam_role" "vehicles_bounding_box_execution" {
  name = "GroundTruthExecutionRole"
  path = "/service-role/"
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "TrustSagemaker"
        "Effect" = "Allow"
        "Principal" = {
          "Service" = "sagemaker.amazonaws.com"
        }
        "Action" = ["sts:AssumeRole"]
      }
    ]
  })
}

resource "aws_iam_role_policy" "vehicles_bounding_box_execution" {
  name = "labeling-job-vehicles-bounding-box"
  role = aws_iam_role.vehicles_bounding_box_execution.id
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "ExecLogsMetrics"
        "Effect" = "Allow"
        "Action" = [
          "cloudwatch:PutMetricData",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:DescribeLogStreams",
          "logs:PutLogEvents"
        ]
        "Resource" = ["*"]
      },
      {
        "Sid" = "ExecListBuckets"
        "Effect" = "Allow"
        "Action" = ["s3:GetBucketLocation", "s3:ListBucket"]
        "Resource" = ["arn:aws:s3:::acme-data"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-data/vehicles/output/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-data/vehicles/input/dataset.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-data/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-data/vehicles/config/label-categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-data/vehicles/config/bounding-box.liquid.html"]
      }
    ]
  })
}

# attach this policy to its principal (no ARN was given)
resource "aws_iam_policy" "vehicles_bounding_box_caller" {
  name = "labeling-job-vehicles-bounding-box-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = ["arn:aws:sagemaker:us-east-1:111122223333:labeling-job/vehicles-bounding-box"]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/acme-annotators"
          }
          "StringEquals" = {
            "sagemaker:WorkteamType" = "private-crowd"
          }
        }
      },
      {
        "Sid" = "CallerPassRole"
        "Effect" = "Allow"
        "Action" = ["iam:PassRole"]
        "Resource" = ["arn:aws:iam::111122223333:role/service-role/GroundTruthExecutionRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      },
      {
        "Sid" = "CallerAddTags"
        "Effect" = "Allow"
        "Action" = ["sagemaker:AddTags"]
        "Resource" = ["arn:aws:sagemaker:us-east-1:111122223333:labeling-job/vehicles-bounding-box"]
      }
    ]
  })
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "vehicles_bounding_box_acme_data" {
  bucket = "acme-data"
  cors_rule {
    allowed_headers = []
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
  }
}
