package dev.deckhand.aws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The AWS actions Deckhand calls, in one list: the source of {@code deckhand.jar iam-policy [--read-only]},
 * the least-privilege permissions policy for the role in each member account (or for the hub's own account).
 * A test holds it to the code: every action named at a call site ({@code AwsErrors.call("ec2:RunInstances", ..)})
 * is here, and nothing else is, and every request the wire tests make is allowed by it.
 */
public final class IamPolicy {

    /** Action to whether it only reads (the {@code --read-only} subset: list, show, cost watch). */
    static final Map<String, Boolean> ACTIONS = actions(
            "ec2:DescribeAddresses ec2:DescribeImages ec2:DescribeInstances ec2:DescribeKeyPairs ec2:DescribeRegions "
                    + "ec2:DescribeSecurityGroups ec2:DescribeSubnets ec2:DescribeVolumes "
                    + "elasticloadbalancing:DescribeInstanceHealth elasticloadbalancing:DescribeListeners "
                    + "elasticloadbalancing:DescribeLoadBalancers elasticloadbalancing:DescribeTags "
                    + "elasticloadbalancing:DescribeTargetGroups elasticloadbalancing:DescribeTargetHealth "
                    + "route53:ListHostedZones route53:ListResourceRecordSets "
                    + "acm:DescribeCertificate acm:ListCertificates acm:ListTagsForCertificate "
                    + "ssm:GetParameter ssm:GetCommandInvocation "
                    + "ec2:DescribeInstanceTypes ec2:DescribeNatGateways ec2:DescribeSnapshots "
                    + "cloudwatch:GetMetricData cloudwatch:GetMetricStatistics pricing:GetProducts "
                    + "rds:DescribeDBInstances rds:DescribeEvents",
            // RunInstances and CreateSecurityGroup tag what they create (TagSpecifications), which IAM checks as ec2:CreateTags;
            // DeleteDBInstance with a final snapshot is checked as rds:CreateDBSnapshot too.
            "ec2:AllocateAddress ec2:AssociateAddress ec2:AuthorizeSecurityGroupIngress ec2:CreateSecurityGroup ec2:CreateTags "
                    + "ec2:DeleteSecurityGroup ec2:DeleteVolume ec2:DisassociateAddress ec2:RebootInstances ec2:ReleaseAddress "
                    + "ec2:RevokeSecurityGroupIngress ec2:RunInstances ec2:StartInstances ec2:StopInstances ec2:TerminateInstances "
                    + "elasticloadbalancing:CreateListener elasticloadbalancing:CreateLoadBalancer "
                    + "elasticloadbalancing:CreateTargetGroup elasticloadbalancing:DeleteListener "
                    + "elasticloadbalancing:DeleteLoadBalancer elasticloadbalancing:DeleteTargetGroup "
                    + "elasticloadbalancing:RegisterTargets elasticloadbalancing:AddTags "
                    + "route53:ChangeResourceRecordSets acm:DeleteCertificate acm:RequestCertificate acm:AddTagsToCertificate "
                    + "ssm:SendCommand ec2:DeleteTags ec2:DeleteNatGateway ec2:DeleteSnapshot "
                    + "rds:StopDBInstance rds:DeleteDBInstance rds:CreateDBSnapshot");

    private IamPolicy() {
    }

    private static Map<String, Boolean> actions(String reads, String writes) {
        Map<String, Boolean> all = new TreeMap<>();
        for (String a : reads.split(" ")) {
            all.put(a, true);
        }
        for (String a : writes.split(" ")) {
            all.put(a, false);
        }
        return all;
    }

    /** The actions, sorted; only the reading ones when {@code readOnly}. */
    public static List<String> actions(boolean readOnly) {
        return ACTIONS.entrySet().stream().filter(e -> !readOnly || e.getValue()).map(Map.Entry::getKey).toList();
    }

    /** An IAM policy document allowing {@link #actions(boolean)} on every resource. */
    public static String json(boolean readOnly) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "%s",
                      "Effect": "Allow",
                      "Action": [
                %s
                      ],
                      "Resource": "*"
                    }
                  ]
                }""".formatted(readOnly ? "DeckhandReadOnly" : "Deckhand",
                actions(readOnly).stream().map(a -> "        \"" + a + "\"").collect(Collectors.joining(",\n")));
    }
}
