package dev.deckhand.testing;

import static dev.deckhand.testing.AwsStub.CLASSIC_ELB_VERSION;
import static dev.deckhand.testing.AwsStub.ELBV2_VERSION;
import static dev.deckhand.testing.AwsStub.classicElbAction;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.elbXml;
import static dev.deckhand.testing.AwsStub.elbv2Action;
import static dev.deckhand.testing.AwsStub.inRegion;
import static dev.deckhand.testing.AwsStub.queryAction;

/**
 * AWS answers for cost-watch tests, shaped like the API references' examples: one region with every
 * kind of leak (and the in-use resources that must not be reported), others with little or nothing.
 */
public final class LeakFixtures {

    public static final String ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/idle-alb/50dc6c495c0c9188";
    public static final String BUSY_ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/busy-alb/60dc6c495c0c9188";
    static final String TG_IDLE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/idle-tg/73e2d6bc24d8a067";
    static final String TG_BUSY = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/busy-tg/83e2d6bc24d8a067";

    private LeakFixtures() {
    }

    /** Every region empty, us-east-1 with one of each leak, eu-west-1 with one free volume (all at priority 1). */
    public static void twoRegions(AwsStub aws) {
        emptyEverywhere(aws);
        usEast1(aws, 1);
        euWest1(aws, 1);
    }

    /** Every action answered empty in every region (lowest priority: region stubs win). */
    public static void emptyEverywhere(AwsStub aws) {
        emptyEverywhere(aws.server);
    }

    /** As {@link #emptyEverywhere(AwsStub)}, on a WireMock server of a rig's own. */
    public static void emptyEverywhere(com.github.tomakehurst.wiremock.WireMockServer server) {
        server.stubFor(queryAction("DescribeInstances").atPriority(10).willReturn(ec2Xml("DescribeInstances", "<reservationSet/>")));
        server.stubFor(queryAction("DescribeAddresses").atPriority(10).willReturn(ec2Xml("DescribeAddresses", "<addressesSet/>")));
        server.stubFor(queryAction("DescribeVolumes").atPriority(10).willReturn(ec2Xml("DescribeVolumes", "<volumeSet/>")));
        server.stubFor(elbv2Action("DescribeLoadBalancers").atPriority(10)
                .willReturn(elbXml(ELBV2_VERSION, "DescribeLoadBalancers", "<LoadBalancers/>")));
        server.stubFor(elbv2Action("DescribeTargetGroups").atPriority(10)
                .willReturn(elbXml(ELBV2_VERSION, "DescribeTargetGroups", "<TargetGroups/>")));
        server.stubFor(classicElbAction("DescribeLoadBalancers").atPriority(10)
                .willReturn(elbXml(CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions/>")));
        MoreLeakXml.emptyEverywhere(server);
    }

    /**
     * us-east-1 with one of each leak: running web-1 ($11.88), stopped i-0stop1 with two gp2 volumes
     * ($2.00), expired i-0exp1 ($15.18), idle eipalloc-0idle1 and eipalloc-0onstop ($3.65 each), vol-0free1
     * ($8.00), idle-alb ($16.43), old-clb ($18.25): $79.04. Also in use and not leaks: eipalloc-0used on
     * web-1, busy-alb with a healthy target, ok-clb with an InService instance.
     */
    public static void usEast1(AwsStub aws, int priority) {
        allKinds(aws, "us-east-1", priority);
    }

    /** The us-east-1 set of leaks answered in {@code region}, or in every region when it is null (benchmarks). */
    public static void allKinds(AwsStub aws, String r, int priority) {
        aws.server.stubFor(inRegionOrAll(queryAction("DescribeInstances"), r).atPriority(priority).willReturn(ec2Xml("DescribeInstances",
                "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
                        + instance("i-0run1", "running", 16, "t3.micro", "2026-11-15T12:00:00.000Z", "3.3.3.3", "",
                        tags("Name", "web-1", "deckhand:owner", "U0ALICE"))
                        + instance("i-0stop1", "stopped", 80, "t3.medium", "2026-11-01T12:00:00.000Z", null,
                        "User initiated (2026-11-20 12:00:00 GMT)", tags("deckhand:owner", "U0BOB"))
                        + instance("i-0exp1", "running", 16, "t3.small", "2026-11-10T12:00:00.000Z", null, "",
                        tags("Name", "demo", "deckhand:owner", "U0ALICE", "deckhand:expires", "2026-11-22"))
                        + "</instancesSet></item></reservationSet>")));
        aws.server.stubFor(inRegionOrAll(queryAction("DescribeAddresses"), r).atPriority(priority).willReturn(ec2Xml("DescribeAddresses",
                "<addressesSet>"
                        + "<item><publicIp>54.1.1.1</publicIp><allocationId>eipalloc-0idle1</allocationId><domain>vpc</domain>"
                        + tags("Name", "old-ip", "deckhand:owner", "U0ALICE") + "</item>"
                        + "<item><publicIp>54.1.1.2</publicIp><allocationId>eipalloc-0onstop</allocationId><domain>vpc</domain>"
                        + "<instanceId>i-0stop1</instanceId><associationId>eipassoc-2</associationId><tagSet/></item>"
                        + "<item><publicIp>3.3.3.3</publicIp><allocationId>eipalloc-0used</allocationId><domain>vpc</domain>"
                        + "<instanceId>i-0run1</instanceId><associationId>eipassoc-3</associationId><tagSet/></item>"
                        + "</addressesSet>")));
        aws.server.stubFor(inRegionOrAll(queryAction("DescribeVolumes"), r).atPriority(priority).willReturn(ec2Xml("DescribeVolumes",
                "<volumeSet>"
                        + volume("vol-0root1", 8, "gp3", "in-use", "i-0run1", "2026-11-15T12:00:00.000Z", "<tagSet/>")
                        + volume("vol-0stopa", 8, "gp2", "in-use", "i-0stop1", "2026-11-01T12:00:00.000Z", "<tagSet/>")
                        + volume("vol-0stopb", 12, "gp2", "in-use", "i-0stop1", "2026-11-01T12:00:00.000Z", "<tagSet/>")
                        + volume("vol-0free1", 100, "gp3", "available", null, "2026-10-26T12:00:00.000Z",
                        tags("deckhand:owner", "U0BOB"))
                        + "</volumeSet>")));
        aws.server.stubFor(inRegionOrAll(elbv2Action("DescribeLoadBalancers"), r).atPriority(priority)
                .willReturn(elbXml(ELBV2_VERSION, "DescribeLoadBalancers", "<LoadBalancers>"
                        + alb(ALB_ARN, "idle-alb", "2026-11-04T12:00:00Z") + alb(BUSY_ALB_ARN, "busy-alb", "2026-11-04T12:00:00Z")
                        + "</LoadBalancers>")));
        aws.server.stubFor(inRegionOrAll(elbv2Action("DescribeTargetGroups"), r).atPriority(priority)
                .willReturn(elbXml(ELBV2_VERSION, "DescribeTargetGroups", "<TargetGroups>"
                        + targetGroup(TG_IDLE, "idle-tg", ALB_ARN) + targetGroup(TG_BUSY, "busy-tg", BUSY_ALB_ARN)
                        + "</TargetGroups>")));
        aws.server.stubFor(inRegionOrAll(elbv2Action("DescribeTargetHealth"), r).atPriority(priority)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("idle-tg"))
                .willReturn(elbXml(ELBV2_VERSION, "DescribeTargetHealth", targetHealth("unhealthy"))));
        aws.server.stubFor(inRegionOrAll(elbv2Action("DescribeTargetHealth"), r).atPriority(priority)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("busy-tg"))
                .willReturn(elbXml(ELBV2_VERSION, "DescribeTargetHealth", targetHealth("healthy"))));
        aws.server.stubFor(inRegionOrAll(elbv2Action("DescribeTags"), r).atPriority(priority)
                .willReturn(elbXml(ELBV2_VERSION, "DescribeTags", "<TagDescriptions><member><ResourceArn>" + ALB_ARN
                        + "</ResourceArn><Tags><member><Key>deckhand:owner</Key><Value>U0ALICE</Value></member></Tags>"
                        + "</member></TagDescriptions>")));
        aws.server.stubFor(inRegionOrAll(classicElbAction("DescribeLoadBalancers"), r).atPriority(priority)
                .willReturn(elbXml(CLASSIC_ELB_VERSION, "DescribeLoadBalancers", "<LoadBalancerDescriptions>"
                        + classic("old-clb", "2026-09-26T12:00:00Z", "") + classic("ok-clb", "2026-09-26T12:00:00Z", "i-0run1")
                        + "</LoadBalancerDescriptions>")));
        aws.server.stubFor(inRegionOrAll(classicElbAction("DescribeInstanceHealth"), r).atPriority(priority)
                .willReturn(elbXml(CLASSIC_ELB_VERSION, "DescribeInstanceHealth", "<InstanceStates><member><InstanceId>i-0run1"
                        + "</InstanceId><State>InService</State><ReasonCode>N/A</ReasonCode><Description>N/A</Description>"
                        + "</member></InstanceStates>")));
        aws.server.stubFor(inRegionOrAll(classicElbAction("DescribeTags"), r).atPriority(priority)
                .willReturn(elbXml(CLASSIC_ELB_VERSION, "DescribeTags", "<TagDescriptions><member><LoadBalancerName>old-clb"
                        + "</LoadBalancerName><Tags/></member></TagDescriptions>")));
        // CloudWatch: web-1 (the one running instance measured; i-0exp1 is past its expiry) idle over the window,
        // idle-alb (the one balancer without a healthy target) without requests.
        aws.server.stubFor(inRegionOrAll(CloudWatchXml.instanceMetrics(), r).atPriority(priority)
                .willReturn(CloudWatchXml.values(java.util.Map.of("cpu0", 0.4, "in0", 1_000_000.0, "out0", 1_000_000.0))));
        aws.server.stubFor(inRegionOrAll(CloudWatchXml.loadBalancerMetrics(), r).atPriority(priority)
                .willReturn(CloudWatchXml.values(java.util.Map.of())));
    }

    /** eu-west-1: one unattached 50 GB gp2 volume, vol-0eu1 ($5.00), nothing else. */
    public static void euWest1(AwsStub aws, int priority) {
        aws.server.stubFor(inRegionOrAll(queryAction("DescribeVolumes"), "eu-west-1").atPriority(priority).willReturn(ec2Xml("DescribeVolumes",
                "<volumeSet>" + volume("vol-0eu1", 50, "gp2", "available", null, "2026-11-23T12:00:00.000Z", "<tagSet/>")
                        + "</volumeSet>")));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder inRegionOrAll(
            com.github.tomakehurst.wiremock.client.MappingBuilder stub, String region) {
        return region == null ? stub : inRegion(stub, region);
    }

    /** One DescribeInstances item (for tests outside this package). */
    public static String instanceXml(String id, String state, int code, String type, String launched, String publicIp,
                                     String reason, String tags) {
        return instance(id, state, code, type, launched, publicIp, reason, tags);
    }

    /** A tagSet from key, value pairs. */
    public static String tagsXml(String... kv) {
        return tags(kv);
    }

    /** One DescribeLoadBalancers member of an ALB. */
    public static String albXml(String arn, String name, String created) {
        return alb(arn, name, created);
    }

    static String instance(String id, String state, int code, String type, String launched, String publicIp, String reason,
                           String tags) {
        return "<item><instanceId>" + id + "</instanceId><imageId>ami-0abc</imageId><instanceState><code>" + code
                + "</code><name>" + state + "</name></instanceState><reason>" + reason + "</reason><instanceType>" + type
                + "</instanceType><launchTime>" + launched + "</launchTime>"
                + (publicIp == null ? "" : "<ipAddress>" + publicIp + "</ipAddress>") + tags + "</item>";
    }

    static String volume(String id, int size, String type, String status, String instanceId, String created, String tags) {
        return "<item><volumeId>" + id + "</volumeId><size>" + size + "</size><availabilityZone>us-east-1a</availabilityZone>"
                + "<status>" + status + "</status><createTime>" + created + "</createTime>"
                + (instanceId == null ? "<attachmentSet/>" : "<attachmentSet><item><volumeId>" + id + "</volumeId><instanceId>"
                + instanceId + "</instanceId><device>/dev/xvda</device><status>attached</status></item></attachmentSet>")
                + "<volumeType>" + type + "</volumeType>" + tags + "</item>";
    }

    static String alb(String arn, String name, String created) {
        return "<member><LoadBalancerArn>" + arn + "</LoadBalancerArn><LoadBalancerName>" + name + "</LoadBalancerName>"
                + "<Scheme>internet-facing</Scheme><Type>application</Type><CreatedTime>" + created
                + "</CreatedTime><State><Code>active</Code></State></member>";
    }

    static String targetGroup(String arn, String name, String lbArn) {
        return "<member><TargetGroupArn>" + arn + "</TargetGroupArn><TargetGroupName>" + name + "</TargetGroupName>"
                + "<Protocol>HTTP</Protocol><Port>80</Port><LoadBalancerArns><member>" + lbArn
                + "</member></LoadBalancerArns></member>";
    }

    static String targetHealth(String state) {
        return "<TargetHealthDescriptions><member><Target><Id>i-0run1</Id><Port>80</Port></Target><TargetHealth><State>"
                + state + "</State></TargetHealth></member></TargetHealthDescriptions>";
    }

    static String classic(String name, String created, String instanceId) {
        return "<member><LoadBalancerName>" + name + "</LoadBalancerName><CreatedTime>" + created + "</CreatedTime>"
                + (instanceId.isEmpty() ? "<Instances/>" : "<Instances><member><InstanceId>" + instanceId
                + "</InstanceId></member></Instances>") + "</member>";
    }

    static String tags(String... kv) {
        StringBuilder b = new StringBuilder("<tagSet>");
        for (int i = 0; i < kv.length; i += 2) {
            b.append("<item><key>").append(kv[i]).append("</key><value>").append(kv[i + 1]).append("</value></item>");
        }
        return b.append("</tagSet>").toString();
    }

}
