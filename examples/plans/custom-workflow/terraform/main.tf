# iamkb job plan: least-privilege permissions for labeling job support-ticket-triage (us-east-1, account 111122223333), from examples/jobs/custom-workflow.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has

resource "aws_iam_role" "support_ticket_triage_execution" {
  name = "TicketLabelingRole"
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

resource "aws_iam_role_policy" "support_ticket_triage_execution" {
  name = "labeling-job-support-ticket-triage"
  role = aws_iam_role.support_ticket_triage_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets/triage/output/*"]
      },
      {
        "Sid" = "ExecReadManifest"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets/triage/input/tickets.manifest"]
      },
      {
        "Sid" = "ExecReadInputObjects"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets/*"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets/triage/templates/triage.liquid.html"]
      },
      {
        "Sid" = "ExecInvokePreAnnotation"
        "Effect" = "Allow"
        "Action" = ["lambda:InvokeFunction"]
        "Resource" = ["arn:aws:lambda:us-east-1:111122223333:function:ticket-triage-pre"]
      },
      {
        "Sid" = "ExecInvokePostAnnotation"
        "Effect" = "Allow"
        "Action" = ["lambda:InvokeFunction"]
        "Resource" = ["arn:aws:lambda:us-east-1:111122223333:function:ticket-triage-consolidate"]
      }
    ]
  })
}

resource "aws_iam_policy" "support_ticket_triage_caller" {
  name = "labeling-job-support-ticket-triage-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = ["arn:aws:sagemaker:us-east-1:111122223333:labeling-job/support-ticket-triage"]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/support-leads"
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
        "Resource" = ["arn:aws:iam::111122223333:role/TicketLabelingRole"]
        "Condition" = {
          "StringEquals" = {
            "iam:PassedToService" = "sagemaker.amazonaws.com"
          }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "support_ticket_triage_caller" {
  role = "SupportDataScientist"
  policy_arn = aws_iam_policy.support_ticket_triage_caller.arn
}

resource "aws_iam_policy" "support_ticket_triage_post_annotation_lambda" {
  name = "labeling-job-support-ticket-triage-post-annotation"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "LambdaRoleReadOutput"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-groundtruth-tickets/triage/output/*"]
      }
    ]
  })
}

resource "aws_iam_role_policy_attachment" "support_ticket_triage_post_annotation_lambda" {
  role = "TicketTriageFunctionRole"
  policy_arn = aws_iam_policy.support_ticket_triage_post_annotation_lambda.arn
}

# replaces the bucket's CORS configuration: merge rules it already has
resource "aws_s3_bucket_cors_configuration" "support_ticket_triage_acme_groundtruth_tickets" {
  bucket = "acme-groundtruth-tickets"
  cors_rule {
    allowed_headers = []
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
    expose_headers = ["Access-Control-Allow-Origin"]
  }
}
