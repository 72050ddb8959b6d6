# iamkb job plan: least-privilege permissions for labeling job lidar-cuboids (us-east-1, account 111122223333), from examples/jobs/point-cloud-long-task.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the placeholder arn:aws:iam::111122223333:role/labeling-job-caller; give --caller ARN)
# note: set the execution role's MaxSessionDuration to 28800 seconds or more (at most 43200)
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has

resource "aws_iam_role" "lidar_cuboids_execution" {
  name = "LidarLabelingRole"
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
  max_session_duration = 28800
}

resource "aws_iam_role_policy" "lidar_cuboids_execution" {
  name = "labeling-job-lidar-cuboids"
  role = aws_iam_role.lidar_cuboids_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-lidar-frames", "arn:aws:s3:::acme-lidar-labels"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-lidar-labels/drive-0042/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-lidar-frames/drive-0042/input/frames.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-lidar-frames/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-lidar-frames/drive-0042/config/label-categories.json"]
      }
    ]
  })
}

# attach this policy to its principal (no ARN was given)
resource "aws_iam_policy" "lidar_cuboids_caller" {
  name = "labeling-job-lidar-cuboids-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = ["arn:aws:sagemaker:us-east-1:111122223333:labeling-job/lidar-cuboids"]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/lidar-specialists"
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
        "Resource" = ["arn:aws:iam::111122223333:role/LidarLabelingRole"]
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
resource "aws_s3_bucket_cors_configuration" "lidar_cuboids_acme_lidar_frames" {
  bucket = "acme-lidar-frames"
  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
    max_age_seconds = 3000
  }
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "lidar_cuboids_acme_lidar_labels" {
  bucket = "acme-lidar-labels"
  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
    max_age_seconds = 3000
  }
}
