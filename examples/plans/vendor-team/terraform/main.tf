# iamkb job plan: least-privilege permissions for labeling job street-scenes-segmentation (us-east-2, account 111122223333), from examples/jobs/vendor-team.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the placeholder arn:aws:iam::111122223333:role/labeling-job-caller; give --caller ARN)
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has

resource "aws_iam_role" "street_scenes_segmentation_execution" {
  name = "StreetScenesLabelingRole"
  path = "/"
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

resource "aws_iam_role_policy" "street_scenes_segmentation_execution" {
  name = "labeling-job-street-scenes-segmentation"
  role = aws_iam_role.street_scenes_segmentation_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-street-scenes"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-street-scenes/batch-07/output/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-street-scenes/batch-07/input/images.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-street-scenes/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-street-scenes/batch-07/config/label-categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = [
          "arn:aws:s3:::acme-street-scenes/batch-07/config/semantic-segmentation.liquid.html"
        ]
      }
    ]
  })
}

# attach this policy to its principal (no ARN was given)
resource "aws_iam_policy" "street_scenes_segmentation_caller" {
  name = "labeling-job-street-scenes-segmentation-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = [
          "arn:aws:sagemaker:us-east-2:111122223333:labeling-job/street-scenes-segmentation"
        ]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-east-2:111122223333:workteam/vendor-crowd/acme-labeling-vendor"
          }
          "StringEquals" = {
            "sagemaker:WorkteamType" = "vendor-crowd"
          }
        }
      },
      {
        "Sid" = "CallerPassRole"
        "Effect" = "Allow"
        "Action" = ["iam:PassRole"]
        "Resource" = ["arn:aws:iam::111122223333:role/StreetScenesLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      }
    ]
  })
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "street_scenes_segmentation_acme_street_scenes" {
  bucket = "acme-street-scenes"
  cors_rule {
    allowed_headers = []
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
  }
}
