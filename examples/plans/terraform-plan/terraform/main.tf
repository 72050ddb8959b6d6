# iamkb job plan: least-privilege permissions for labeling job shelf-photos-classification (eu-central-1, account 111122223333), from examples/jobs/terraform-plan.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the placeholder arn:aws:iam::111122223333:role/labeling-job-caller; give --caller ARN)
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has

resource "aws_iam_role" "shelf_photos_classification_execution" {
  name = "ShelfLabelingRole"
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

resource "aws_iam_role_policy" "shelf_photos_classification_execution" {
  name = "labeling-job-shelf-photos-classification"
  role = aws_iam_role.shelf_photos_classification_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-shelf-photos", "arn:aws:s3:::acme-shelf-labels"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-shelf-labels/classification/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-shelf-photos/input/photos.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-shelf-photos/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-shelf-photos/config/label-categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-shelf-photos/config/image-classification.liquid.html"]
      }
    ]
  })
}

# attach this policy to its principal (no ARN was given)
resource "aws_iam_policy" "shelf_photos_classification_caller" {
  name = "labeling-job-shelf-photos-classification-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = [
          "arn:aws:sagemaker:eu-central-1:111122223333:labeling-job/shelf-photos-classification"
        ]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:eu-central-1:111122223333:workteam/private-crowd/store-auditors"
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
        "Resource" = ["arn:aws:iam::111122223333:role/ShelfLabelingRole"]
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
        "Resource" = [
          "arn:aws:sagemaker:eu-central-1:111122223333:labeling-job/shelf-photos-classification"
        ]
      }
    ]
  })
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "shelf_photos_classification_acme_shelf_photos" {
  bucket = "acme-shelf-photos"
  cors_rule {
    allowed_headers = []
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
  }
}
