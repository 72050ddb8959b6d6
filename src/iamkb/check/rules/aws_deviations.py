"""Values that AWS's own managed policies use although the IAM catalog says they cannot work.

AWS accepts every one of its 1,644 managed policies, yet some of them name retired services
(`evidently`, `iotevents`), actions the catalog no longer (or never) lists (`s3:ListObjects`,
`ssm:RemoveTagsToResource`), condition keys outside the catalog, or ARNs that fit no resource type
of their actions. Two causes, which the lint cannot tell apart:
- the catalog lags or lacks something (a retired service, an undocumented resource type);
- AWS's policy is itself wrong (a typo, a bucket ARN for object actions) and grants nothing there.

Either way the exact value is known to be accepted by AWS, so finding it in a user's policy is
reported as the SUGGESTION `USED_BY_AWS_MANAGED_POLICIES` instead of an ERROR or WARNING, with
the original finding's message. The table is exact (lowercase values, per finding code) and is
checked against the corpus by tests/lint/test_managed_corpus_lint.py, which prints the table to
paste when the corpus or the catalog changes.
"""

from __future__ import annotations

# finding code -> the exact subjects (lowercase) AWS managed policies use.
KNOWN: dict[str, frozenset[str]] = {
    "ACTION_MATCHES_NO_RESOURCE": frozenset(
        {
            "s3:listbucket on arn:aws:s3:::*/codedeploy/*",
            "s3:listbucketmultipartuploads on arn:aws:s3:::transform-vmware-target-*/*",
        }
    ),
    "CONDITION_KEY_NOT_SUPPORTED": frozenset(
        {
            "a4b:amazonid",
            "a4b:filters_devicetype",
            "aws-marketplace:productid",
            "iottwinmaker:linkedservices",
        }
    ),
    "MULTIVALUED_KEY_WITHOUT_SET_OPERATOR": frozenset({"events:detail-type"}),
    "POLICY_VARIABLE_OUTSIDE_ARN_RESOURCE": frozenset({"arn:*:kms:*:${aws:principalaccount}:key/*"}),
    "RESOURCE_MATCHES_NO_ACTION": frozenset(
        {
            "arn:aws:identitystore:::user/*",
            "arn:aws:logs:::log-group:launchwizard*",
            "arn:aws:s3:::amplify",
            "arn:aws:s3:::aws.portingassistant.dotnet.datastore",
            "arn:aws:sso:::instance/*",
        }
    ),
    "UNKNOWN_ACTION": frozenset(
        {
            "budgets:createbudget",
            "budgets:deletebudget",
            "budgets:describebudget",
            "budgets:describebudgets",
            "budgets:updatebudget",
            "cloud9:validateenvironmentname",
            "cloudhsm:createlunaclient",
            "cloudhsm:deletelunaclient",
            "cloudhsm:describehapg",
            "cloudhsm:describelunaclient",
            "cloudhsm:getconfig",
            "cloudhsm:modifyhapg",
            "cloudhsm:modifylunaclient",
            "memorydb:replicatemultiregionclusterdata",
            "organizations:createbuilderidownedaccount",
            "payments:accepttermsandconditionsforprogrambyaccountid",
            "payments:batchgetpaymentprofiles",
            "payments:createpaymentattempt",
            "payments:createpaymentprofile",
            "payments:get",
            "payments:getacceptedtermsandconditionsforprogrambyaccountid",
            "payments:getaccountbalance",
            "payments:getdefaultpaymentprofile",
            "payments:geteligiblecurrencies",
            "payments:getpaymentattempt",
            "payments:getpaymentpreferences",
            "payments:getpreferredcurrency",
            "payments:getrecommendedtermsandconditionsforprogram",
            "payments:listpaymentprofiles",
            "payments:searchfinancialrecords",
            "payments:setpreferredcurrency",
            "payments:updatepaymentprofile",
            "qapps:importdocumenttoqapp",
            "qapps:importdocumenttoqappsession",
            "route53-recovery-control-config:describeroutingcontrolbyname",
            "s3:listbuckets",
            "s3:listobjects",
            "s3:listobjectsv2",
            "securityagent:batchgetagentinstances",
            "securityagent:batchgetsecuritytestcontentmetadata",
            "securityagent:batchgettasks",
            "securityagent:createdocumentreview",
            "securityagent:deletedocumentreview",
            "securityagent:getcodereviewtask",
            "securityagent:getdocreviewtask",
            "securityagent:getdocumentreview",
            "securityagent:getdocumentreviewartifact",
            "securityagent:listagentinstances",
            "securityagent:listcontrols",
            "securityagent:listdocumentreviewcomments",
            "securityagent:listdocumentreviews",
            "securityagent:listtasks",
            "securityagent:startpentestexecution",
            "securityagent:stoppentestexecution",
            "servicecatalog:accountleveldescriberecord",
            "servicecatalog:accountlevellistrecordhistory",
            "servicecatalog:accountlevelscanprovisionedproducts",
            "servicecatalog:gettagoptionmigrationstatus",
            "ssm:removetagstoresource",
        }
    ),
    "UNKNOWN_CONDITION_KEY": frozenset(
        {
            "deepracer:multiuser",
            "deepracer:usertoken",
            "lakeformation:gluearn",
        }
    ),
    "UNKNOWN_SERVICE": frozenset(
        {
            "applicationwizard",
            "builderid",
            "catalog-admin",
            "catalog-user",
            "codestar",
            "crowd",
            "datazonecontrol",
            "deepcomposer",
            "deeplens",
            "deepracer",
            "ec2-reports",
            "elastic-inference",
            "evidently",
            "iot1click",
            "iotevents",
            "iotroborunner",
            "mobilehub",
            "sagemaker-groundtruth-synthetic",
            "sumerian",
            "zocalo",
        }
    ),
    "UNSUPPORTED_ACTION_FOR_CONDITION_KEY": frozenset(
        {
            "application-autoscaling:describescalabletargets with application-autoscaling:service-namespace",
            "application-autoscaling:describescalingpolicies with application-autoscaling:service-namespace",
            "aws-marketplace:acceptagreementapprovalrequest with aws-marketplace:agreementtype",
            "aws-marketplace:cancelagreement with aws-marketplace:partytype",
            "aws-marketplace:cancelagreementrequest with aws-marketplace:agreementtype",
            "aws-marketplace:describeagreement with aws-marketplace:productid",
            "aws-marketplace:getagreementapprovalrequest with aws-marketplace:agreementtype",
            "aws-marketplace:getagreementrequest with aws-marketplace:agreementtype",
            "aws-marketplace:listagreementapprovalrequests with aws-marketplace:agreementtype",
            "aws-marketplace:listagreementrequests with aws-marketplace:agreementtype",
            "aws-marketplace:listentitlementdetails with aws-marketplace:productid",
            "aws-marketplace:rejectagreementapprovalrequest with aws-marketplace:agreementtype",
            "aws-marketplace:searchagreements with aws-marketplace:productid",
            "aws-marketplace:subscribe with aws-marketplace:productid",
            "cloudformation:deletestack with cloudformation:resourcetypes",
            "cloudformation:executechangeset with cloudformation:resourcetypes",
            "codestar-connections:listconnections with codestar-connections:provideraction",
            "codestar-connections:passconnection with codestar-connections:provideraction",
            "deadline:searchworkers with deadline:farmmembershiplevels",
            "deadline:searchworkers with deadline:fleetmembershiplevels",
            "dms:cancelreplicationtaskassessmentrun with dms:task-tag/project",
            "ec2:describeinstances with ec2:resourcetag/eks",
            "ec2:describeinstances with ec2:resourcetag/eks:nodegroup-name",
            "ec2:describenetworkinterfaces with ec2:resourcetag/amazonmskconnectmanaged",
            "ec2:describesubnets with ec2:vpc",
            "ec2:describevpcendpoints with ec2:vpceservicename",
            "glue:batchgettableoptimizer with glue:lakeformationpermissions",
            "glue:getcolumnstatisticstaskrun with glue:lakeformationpermissions",
            "glue:getcolumnstatisticstaskruns with glue:lakeformationpermissions",
            "glue:gettableoptimizer with glue:lakeformationpermissions",
            "glue:listtableoptimizerruns with glue:lakeformationpermissions",
            "nimble:liststreamingsessionbackups with nimble:ownedby",
            "ram:getresourceshares with ram:resourcesharename",
            "redshift-data:cancelstatement with redshift-data:glue-catalog-arn",
            "redshift-data:describestatement with redshift-data:glue-catalog-arn",
            "redshift-data:getstagingbucketlocation with redshift-data:glue-catalog-arn",
            "redshift-data:getstatementresult with redshift-data:glue-catalog-arn",
            "redshift-serverless:getmanagedworkgroup with redshift-data:glue-catalog-arn",
        }
    ),
}


def is_known(code: str, subject: str) -> bool:
    return subject.lower() in KNOWN.get(code, ())
