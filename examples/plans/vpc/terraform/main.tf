# iamkb job plan: least-privilege permissions for labeling job claims-documents-vpc (eu-west-1, account 111122223333), from examples/jobs/vpc.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has
# note: bucket-policy-acme-claims-private.json: the Deny your bucket policy needs so the job's requests pass; replace your own Deny of the same kind with it (keep your other statements)

resource "aws_iam_role" "claims_documents_vpc_execution" {
  name = "ClaimsLabelingRole"
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

resource "aws_iam_role_policy" "claims_documents_vpc_execution" {
  name = "labeling-job-claims-documents-vpc"
  role = aws_iam_role.claims_documents_vpc_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-claims-private"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/documents/output/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/documents/input/documents.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/documents/config/categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = [
          "arn:aws:s3:::acme-claims-private/documents/config/text-classification.liquid.html"
        ]
      },
      {
        "Sid" = "ExecPassRoleSelf"
        "Effect" = "Allow"
        "Action" = ["iam:PassRole"]
        "Resource" = ["arn:aws:iam::111122223333:role/ClaimsLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      },
      {
        "Sid" = "ExecVpcNetwork"
        "Effect" = "Allow"
        "Action" = [
          "ec2:CreateNetworkInterface",
          "ec2:CreateNetworkInterfacePermission",
          "ec2:DeleteNetworkInterface",
          "ec2:DeleteNetworkInterfacePermission",
          "ec2:DescribeDhcpOptions",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcs"
        ]
        "Resource" = ["*"]
      }
    ]
  })
}

resource "aws_iam_policy" "claims_documents_vpc_caller" {
  name = "labeling-job-claims-documents-vpc-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = ["arn:aws:sagemaker:eu-west-1:111122223333:labeling-job/claims-documents-vpc"]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/claims-handlers"
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
        "Resource" = ["arn:aws:iam::111122223333:role/ClaimsLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "claims_documents_vpc_caller" {
  role = "ClaimsAnalyticsLead"
  policy_arn = aws_iam_policy.claims_documents_vpc_caller.arn
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "claims_documents_vpc_acme_claims_private" {
  bucket = "acme-claims-private"
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
  claims_documents_vpc_bucket_policy_statements = {
    "acme-claims-private" = [
      {
        "Sid" = "BucketPolicyVpceInput"
        "Effect" = "Deny"
        "Principal" = "*"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/*"]
        "Condition" = {
          "StringNotEquals" = {
            "aws:SourceVpce" = ["vpce-0788e7ed8628e595d", "vpce-0a1b2c3d4e5f60718"]
          }
        }
      },
      {
        "Sid" = "BucketPolicyVpceOutput"
        "Effect" = "Deny"
        "Principal" = "*"
        "Action" = ["s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-claims-private/documents/output/*"]
        "Condition" = {
          "StringNotEquals" = {
            "aws:SourceVpce" = ["vpce-0788e7ed8628e595d", "vpce-0a1b2c3d4e5f60718"]
          }
        }
      }
    ]
  }
}
