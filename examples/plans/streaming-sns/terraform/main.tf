# iamkb job plan: least-privilege permissions for labeling job storefront-streaming-boxes (us-west-2, account 111122223333), from examples/jobs/streaming-sns.json.
# Every policy below is proven: iamkb check, simulation of every requirement and its neighbours (plan.json of --format json lists the proofs).
# note: caller-policy.json: attach it to whoever calls CreateLabelingJob (the simulations use the placeholder arn:aws:iam::111122223333:role/labeling-job-caller; give --caller ARN)
# note: cors-BUCKET.json replaces the bucket's CORS configuration: merge it with rules the bucket already has
# note: topic-policy-1.json: add its statements to the access policy of arn:aws:sns:us-west-2:111122223333:storefront-labeling-input

resource "aws_iam_role" "storefront_streaming_boxes_execution" {
  name = "StorefrontStreamingRole"
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

resource "aws_iam_role_policy" "storefront_streaming_boxes_execution" {
  name = "labeling-job-storefront-streaming-boxes"
  role = aws_iam_role.storefront_streaming_boxes_execution.id
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
        "Resource" = ["arn:aws:s3:::acme-storefront"]
      },
      {
        "Sid" = "ExecWriteOutput"
        "Effect" = "Allow"
        "Action" = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        "Resource" = ["arn:aws:s3:::acme-storefront/streaming/output/*"]
      },
      {
        "Sid" = "ExecReadLabelCategories"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-storefront/streaming/config/label-categories.json"]
      },
      {
        "Sid" = "ExecReadUiTemplate"
        "Effect" = "Allow"
        "Action" = ["s3:GetObject"]
        "Resource" = ["arn:aws:s3:::acme-storefront/streaming/config/bounding-box.liquid.html"]
      },
      {
        "Sid" = "ExecStreamSubscribe"
        "Effect" = "Allow"
        "Action" = ["sns:Subscribe"]
        "Resource" = ["arn:aws:sns:us-west-2:111122223333:storefront-labeling-input"]
        "Condition" = {
          "StringEquals" = {
            "sns:Protocol" = "sqs"
          }
        }
      },
      {
        "Sid" = "ExecStreamUnsubscribe"
        "Effect" = "Allow"
        "Action" = ["sns:Unsubscribe"]
        "Resource" = ["arn:aws:sns:us-west-2:111122223333:storefront-labeling-input"]
      },
      {
        "Sid" = "ExecStreamQueue"
        "Effect" = "Allow"
        "Action" = [
          "sqs:CreateQueue",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage",
          "sqs:SendMessage",
          "sqs:SetQueueAttributes"
        ]
        "Resource" = ["arn:aws:sqs:us-west-2:111122223333:GroundTruth-storefront-streaming-boxes"]
      },
      {
        "Sid" = "ExecPublishOutput"
        "Effect" = "Allow"
        "Action" = ["sns:Publish"]
        "Resource" = ["arn:aws:sns:us-west-2:111122223333:storefront-labeling-output"]
      }
    ]
  })
}

# attach this policy to its principal (no ARN was given)
resource "aws_iam_policy" "storefront_streaming_boxes_caller" {
  name = "labeling-job-storefront-streaming-boxes-caller"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid" = "CallerCreateLabelingJob"
        "Effect" = "Allow"
        "Action" = ["sagemaker:CreateLabelingJob"]
        "Resource" = [
          "arn:aws:sagemaker:us-west-2:111122223333:labeling-job/storefront-streaming-boxes"
        ]
        "Condition" = {
          "ArnEquals" = {
            "sagemaker:WorkteamArn" = "arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/storefront-reviewers"
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
        "Resource" = ["arn:aws:iam::111122223333:role/StorefrontStreamingRole"]
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
resource "aws_s3_bucket_cors_configuration" "storefront_streaming_boxes_acme_storefront" {
  bucket = "acme-storefront"
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
  storefront_streaming_boxes_topic_policy_statements = {
    "arn:aws:sns:us-west-2:111122223333:storefront-labeling-input" = [
      {
        "Sid" = "TopicPolicyS3Events"
        "Effect" = "Allow"
        "Principal" = {
          "Service" = "s3.amazonaws.com"
        }
        "Action" = ["sns:Publish"]
        "Resource" = ["arn:aws:sns:us-west-2:111122223333:storefront-labeling-input"]
        "Condition" = {
          "ArnLike" = {
            "aws:SourceArn" = "arn:aws:s3:::acme-storefront"
          }
          "StringEquals" = {
            "aws:SourceAccount" = "111122223333"
          }
        }
      }
    ]
  }
}
