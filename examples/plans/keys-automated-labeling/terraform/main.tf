# iamkb job plan: least-privilege permissions for labeling job product-photos-classification (us-east-1, account 111122223333), from examples/jobs/keys-automated-labeling.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: key-policy-N.json is a complete key policy (AWS's default account statement and the job's); to keep a key's other statements, add key-policy-N-statements.json to its policy instead
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has
# note: bucket-policy-acme-catalog-labels.json: the Deny your bucket policy needs so the job's requests pass; replace your own Deny of the same kind with it (keep your other statements)

resource "aws_iam_role" "product_photos_classification_execution" {
  name = "CatalogLabelingRole"
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

resource "aws_iam_role_policy" "product_photos_classification_execution" {
  name = "labeling-job-product-photos-classification"
  role = aws_iam_role.product_photos_classification_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-catalog-images", "arn:aws:s3:::acme-catalog-labels"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-labels/photos/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-images/photos/input/photos.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-images/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-images/photos/config/categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-images/photos/config/image-classification.liquid.html"]
      },
      {
        "Sid" = "ExecVolumeKeyGrant"
        "Effect" = "Allow"
        "Action" = ["kms:CreateGrant"]
        "Resource" = ["arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"]
        "Condition" = {
          "Bool" = {
            "kms:GrantIsForAWSResource" = "true"
          }
        }
      },
      {
        "Sid" = "ExecPassRoleSelf"
        "Effect" = "Allow"
        "Action" = ["iam:PassRole"]
        "Resource" = ["arn:aws:iam::111122223333:role/service-role/CatalogLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      }
    ]
  })
}

resource "aws_iam_policy" "product_photos_classification_caller" {
  name = "labeling-job-product-photos-classification-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = [
          "arn:aws:sagemaker:us-east-1:111122223333:labeling-job/product-photos-classification"
        ]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/catalog-team"
            "sagemaker:OutputKmsKeyArn" = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            "sagemaker:VolumeKmsKeyArn" = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
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
        "Resource" = ["arn:aws:iam::111122223333:role/service-role/CatalogLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "product_photos_classification_caller" {
  role = "CatalogMLEngineer"
  policy_arn = aws_iam_policy.product_photos_classification_caller.arn
}

# replaces the key's whole policy: AWS's default account statement is kept; add statements the key already has
resource "aws_kms_key_policy" "product_photos_classification_key_1" {
  key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "Enable IAM User Permissions"
        "Effect" = "Allow"
        "Principal" = {
          "AWS" = "arn:aws:iam::111122223333:root"
        }
        "Action" = "kms:*"
        "Resource" = "*"
      },
      {
        "Sid" = "KeyOutputUse"
        "Effect" = "Allow"
        "Principal" = {
          "AWS" = "arn:aws:iam::111122223333:role/service-role/CatalogLabelingRole"
        }
        "Action" = [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo"
        ]
        "Resource" = ["*"]
      }
    ]
  })
  depends_on = [aws_iam_role.product_photos_classification_execution]
}

# replaces the key's whole policy: AWS's default account statement is kept; add statements the key already has
resource "aws_kms_key_policy" "product_photos_classification_key_2" {
  key_id = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "Enable IAM User Permissions"
        "Effect" = "Allow"
        "Principal" = {
          "AWS" = "arn:aws:iam::111122223333:root"
        }
        "Action" = "kms:*"
        "Resource" = "*"
      },
      {
        "Sid" = "KeyVolumeUse"
        "Effect" = "Allow"
        "Principal" = {
          "AWS" = "arn:aws:iam::111122223333:role/service-role/CatalogLabelingRole"
        }
        "Action" = [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo"
        ]
        "Resource" = ["*"]
      }
    ]
  })
  depends_on = [aws_iam_role.product_photos_classification_execution]
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "product_photos_classification_acme_catalog_images" {
  bucket = "acme-catalog-images"
  cors_rule {
    allowed_headers = []
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
  }
}

# statements for policies that manage more than this job: concat() them into the Statement list of
# the bucket's aws_s3_bucket_policy or the topic's aws_sns_topic_policy
locals {
  product_photos_classification_bucket_policy_statements = {
    "acme-catalog-labels" = [
      {
        "Sid" = "BucketPolicySseKms"
        "Effect" = "Deny"
        "Principal" = "*"
        "Action" = ["s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-catalog-labels/photos/*"]
        "Condition" = {
          "StringNotEquals" = {
            "s3:x-amz-server-side-encryption" = "aws:kms"
          }
        }
      }
    ]
  }
}
