package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.validate.UsageException;
import dev.deckhand.costwatch.LeakCleaner;
import dev.deckhand.costwatch.LeakKind;

import java.util.regex.Pattern;

/**
 * Removes a leaking resource with one SDK call: TerminateInstances, ReleaseAddress, DeleteVolume, or
 * DeleteLoadBalancer (ELBv2 by ARN, Classic by name). The id is checked against its kind first, so a
 * mistyped command changes nothing. Which resources may be removed at all (findings of the latest
 * scan, in their region) is decided before this runs, by the {@code leaks cleanup} plan.
 */
public final class AwsLeakCleaner implements LeakCleaner {

    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-z]{4,17}");
    private static final Pattern ALLOCATION = Pattern.compile("eipalloc-[0-9a-z]{4,17}");
    private static final Pattern VOLUME = Pattern.compile("vol-[0-9a-z]{4,17}");
    private static final Pattern LB_ARN = Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app|net)/.+");
    private static final Pattern CLASSIC_NAME = Pattern.compile("[A-Za-z0-9-]{1,32}");

    private final AwsClients aws;

    public AwsLeakCleaner(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public void checkId(String noun, String id) {
        switch (noun) {
            case "instance" -> check(INSTANCE, id, noun, "an instance id", "i-0abc1234def567890");
            case "eip" -> check(ALLOCATION, id, noun, "an Elastic IP allocation id", "eipalloc-0abc1234def567890");
            case "volume" -> check(VOLUME, id, noun, "a volume id", "vol-0abc1234def567890");
            case "lb" -> check(LB_ARN, id, noun, "an ALB/NLB ARN",
                    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188");
            case "clb" -> check(CLASSIC_NAME, id, noun, "a Classic load balancer name", "web-classic");
            case "nat", "snapshot", "rds" -> MoreLeakCleaner.checkId(noun, id);
            default -> throw new UsageException("'" + noun + "' is not something `leaks cleanup` removes.",
                    "Use one of " + LeakKind.nouns() + ", e.g. leaks cleanup eip eipalloc-0abc1234");
        }
    }

    @Override
    public String cleanUp(String noun, String id, String region) {
        checkId(noun, id);
        switch (noun) {
            case "instance" -> {
                AwsErrors.call("ec2:TerminateInstances", region, () -> aws.ec2(region).terminateInstances(r -> r.instanceIds(id)));
                return "Terminating instance " + id;
            }
            case "eip" -> {
                AwsErrors.call("ec2:ReleaseAddress", region, () -> aws.ec2(region).releaseAddress(r -> r.allocationId(id)));
                return "Released Elastic IP " + id;
            }
            case "volume" -> {
                AwsErrors.call("ec2:DeleteVolume", region, () -> aws.ec2(region).deleteVolume(r -> r.volumeId(id)));
                return "Deleted volume " + id;
            }
            case "nat", "snapshot", "rds" -> {
                return new MoreLeakCleaner(aws).cleanUp(noun, id, region);
            }
            case "lb" -> {
                AwsErrors.call("elasticloadbalancing:DeleteLoadBalancer", region,
                        () -> aws.elbv2(region).deleteLoadBalancer(r -> r.loadBalancerArn(id)));
                return "Deleted load balancer " + id.substring(id.indexOf("loadbalancer/") + "loadbalancer/".length());
            }
            default -> {
                AwsErrors.call("elasticloadbalancing:DeleteLoadBalancer", region,
                        () -> aws.classicElb(region).deleteLoadBalancer(r -> r.loadBalancerName(id)));
                return "Deleted Classic load balancer " + id;
            }
        }
    }

    private static void check(Pattern pattern, String id, String noun, String what, String example) {
        if (!pattern.matcher(id).matches()) {
            throw new UsageException("'" + id + "' is not " + what + ".", "For example: leaks cleanup " + noun + " " + example);
        }
    }
}
