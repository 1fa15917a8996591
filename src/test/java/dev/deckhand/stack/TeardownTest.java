package dev.deckhand.stack;

import dev.deckhand.app.Deckhand;
import dev.deckhand.aws.dns.AwsDns;
import dev.deckhand.aws.stack.AwsStackGateway;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.PartlyApplied;
import dev.deckhand.command.Touched;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.CallOrder;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.ElbXml;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.Route53Xml;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.json;
import static dev.deckhand.testing.AwsStub.jsonTarget;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

class TeardownTest {

    static final String REGION_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    static final String LB_ARN = REGION_ARN + "loadbalancer/app/shop-alb/50dc6c495c0c9188";
    static final String OTHER_LB_ARN = REGION_ARN + "loadbalancer/app/other-alb/11116c495c0c9111";
    static final String TG_ARN = REGION_ARN + "targetgroup/shop-tg/73e2d6bc24d8a067";
    static final String LB_DNS = "shop-alb-1234567890.us-east-1.elb.amazonaws.com";
    static final String CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    static final String INSTANCE = "i-0abc12345678";
    static final String VALIDATION_NAME = "_a79865eb4cd1a6ab990a45779b4e0b96.shop.example.com";
    static final String VALIDATION_VALUE = "_424c7224e9b0146f9a8808af955727d0.acm-validations.aws";

    @TempDir
    Path temp;
    AwsStub aws;
    MutableClock clock;
    Teardown teardown;
    List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        teardown = new Teardown(new AwsStackGateway(aws.clients, new AwsDns(aws.clients)),
                new StackCosts(PriceTable.load(Path.of("config/prices.yml"))), clock, clock::advance,
                Duration.ofSeconds(5), Duration.ofSeconds(60));
        stubWholeStack();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** A stack "shop": an instance with an Elastic IP, an ALB with two listeners, a target group, a certificate,
     * two security groups, a detached volume, and two DNS records leading to it. */
    void stubWholeStack() {
        String tagFilter = "tag:deckhand:stack";
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Name", equalTo(tagFilter))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "running", "54.1.2.3", "sg-0web00000001", "shop")))));
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.1.2.3", "eipalloc-0aaa1111", "eipassoc-0aaa1111", INSTANCE, "shop")))));
        aws.server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Xml("DescribeVolumes", "<volumeSet>"
                + volume("vol-0root0001", 8, "in-use", INSTANCE) + volume("vol-0data0001", 20, "available", "")
                + "</volumeSet>")));
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(
                InfraXml.group("sg-0web00000001", "web", "shop"), InfraXml.group("sg-0alb00000001", "shop-alb-sg", "shop")))));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").willReturn(ElbXml.ok("DescribeLoadBalancers",
                ElbXml.loadBalancers(ElbXml.loadBalancer("shop-alb", LB_ARN, LB_DNS),
                        ElbXml.loadBalancer("other-alb", OTHER_LB_ARN, "other.elb.amazonaws.com")))));
        aws.server.stubFor(queryAction("DescribeTags").willReturn(ElbXml.ok("DescribeTags", "<TagDescriptions>"
                + tagged(LB_ARN, "shop") + tagged(OTHER_LB_ARN, "blog") + tagged(TG_ARN, "shop") + "</TagDescriptions>")));
        aws.server.stubFor(queryAction("DescribeListeners").willReturn(ElbXml.ok("DescribeListeners", "<Listeners>"
                + listener("f2f7dc8efc522ab2", 443, "HTTPS") + listener("a1b2c3d4e5f60718", 80, "HTTP") + "</Listeners>")));
        aws.server.stubFor(queryAction("DescribeTargetGroups").willReturn(ElbXml.ok("DescribeTargetGroups",
                "<TargetGroups><member><TargetGroupArn>" + TG_ARN + "</TargetGroupArn><TargetGroupName>shop-tg"
                        + "</TargetGroupName><Protocol>HTTP</Protocol><Port>8080</Port><VpcId>vpc-0abc1234</VpcId>"
                        + "</member></TargetGroups>")));
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":"
                + "[{\"CertificateArn\":\"" + CERT_ARN + "\",\"DomainName\":\"shop.example.com\"}]}")));
        aws.server.stubFor(jsonTarget("CertificateManager.ListTagsForCertificate").willReturn(json(
                "{\"Tags\":[{\"Key\":\"deckhand:stack\",\"Value\":\"shop\"},{\"Key\":\"Name\",\"Value\":\"shop.example.com\"}]}")));
        aws.server.stubFor(jsonTarget("CertificateManager.DescribeCertificate").willReturn(json("{\"Certificate\":{"
                + "\"CertificateArn\":\"" + CERT_ARN + "\",\"DomainName\":\"shop.example.com\",\"Status\":\"ISSUED\","
                + "\"DomainValidationOptions\":[{\"DomainName\":\"shop.example.com\",\"ValidationMethod\":\"DNS\","
                + "\"ResourceRecord\":{\"Name\":\"" + VALIDATION_NAME + ".\",\"Type\":\"CNAME\",\"Value\":\""
                + VALIDATION_VALUE + ".\"}}]}}")));
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone")).willReturn(Route53Xml.zones(
                Route53Xml.zone("Z1EXAMPLE", "example.com", false))));
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1EXAMPLE/rrset")).willReturn(Route53Xml.records(
                Route53Xml.other("example.com", "NS", "ns-1.awsdns-00.com."),
                Route53Xml.a("api.example.com", "54.1.2.3"),
                Route53Xml.alias("shop.example.com", LB_DNS),
                Route53Xml.a("blog.example.com", "9.9.9.9"))));
        // Changes.
        aws.server.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")).willReturn(Route53Xml.changed()));
        for (String action : List.of("DeleteListener", "DeleteLoadBalancer", "DeleteTargetGroup")) {
            aws.server.stubFor(queryAction(action).willReturn(ElbXml.ok(action, "")));
        }
        aws.server.stubFor(jsonTarget("CertificateManager.DeleteCertificate").willReturn(json("{}")));
        aws.server.stubFor(queryAction("TerminateInstances").willReturn(ec2Xml("TerminateInstances",
                "<instancesSet><item><instanceId>" + INSTANCE + "</instanceId><currentState><code>32</code><name>shutting-down"
                        + "</name></currentState><previousState><code>16</code><name>running</name></previousState></item></instancesSet>")));
        // Polling by id: shutting-down once, then terminated.
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("InstanceId.1", equalTo(INSTANCE))
                .inScenario("terminate").whenScenarioStateIs(STARTED).willSetStateTo("terminated")
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "shutting-down", "", "sg-0web00000001", "shop")))));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("InstanceId.1", equalTo(INSTANCE))
                .inScenario("terminate").whenScenarioStateIs("terminated")
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "terminated", "", "sg-0web00000001", "shop")))));
        aws.server.stubFor(queryAction("DisassociateAddress").willReturn(ec2Xml("DisassociateAddress", "<return>true</return>")));
        aws.server.stubFor(queryAction("ReleaseAddress").willReturn(ec2Xml("ReleaseAddress", "<return>true</return>")));
        aws.server.stubFor(queryAction("DeleteSecurityGroup").willReturn(ec2Xml("DeleteSecurityGroup", "<return>true</return>")));
        // The ALB's network interfaces linger a moment: its group is "in use" once.
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0alb00000001"))
                .inScenario("eni").whenScenarioStateIs(STARTED).willSetStateTo("gone")
                .willReturn(ec2Error(400, "DependencyViolation", "resource sg-0alb00000001 has a dependent object")));
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0alb00000001"))
                .inScenario("eni").whenScenarioStateIs("gone")
                .willReturn(ec2Xml("DeleteSecurityGroup", "<return>true</return>")));
        aws.server.stubFor(queryAction("DeleteVolume").willReturn(ec2Xml("DeleteVolume", "<return>true</return>")));
    }

    static String volume(String id, int gb, String state, String instance) {
        return "<item><volumeId>" + id + "</volumeId><size>" + gb + "</size><availabilityZone>us-east-1a</availabilityZone>"
                + "<status>" + state + "</status><createTime>2026-11-01T00:00:00.000Z</createTime><attachmentSet>"
                + (instance.isEmpty() ? "" : "<item><volumeId>" + id + "</volumeId><instanceId>" + instance + "</instanceId>"
                + "<device>/dev/xvda</device><status>attached</status><deleteOnTermination>true</deleteOnTermination></item>")
                + "</attachmentSet><volumeType>gp3</volumeType>" + InfraXml.tags(Map.of("deckhand:stack", "shop")) + "</item>";
    }

    static String tagged(String arn, String stack) {
        return "<member><ResourceArn>" + arn + "</ResourceArn><Tags><member><Key>deckhand:stack</Key><Value>" + stack
                + "</Value></member></Tags></member>";
    }

    static String listener(String id, int port, String protocol) {
        return "<member><ListenerArn>" + REGION_ARN + "listener/app/shop-alb/50dc6c495c0c9188/" + id + "</ListenerArn>"
                + "<LoadBalancerArn>" + LB_ARN + "</LoadBalancerArn><Port>" + port + "</Port><Protocol>" + protocol
                + "</Protocol></member>";
    }

    CommandContext context() {
        CommandSpec spec = new TeardownCommands(teardown).commands().get(0);
        return new CommandContext(new CommandRequest("console", "C1", "teardown shop", CommandRequest.Origin.CONSOLE), spec,
                new Arguments(List.of("shop"), Map.of()), "us-east-1", progress::add, new Touched());
    }

    /** What the router does once the plan is allowed: plan, answer an empty plan at once, else apply it. */
    Reply run() {
        try {
            return runOrPartly();
        } catch (PartlyApplied partly) {
            return partly.reply();
        }
    }

    /** As {@link #run()}, but a part-way stop comes out as the {@link PartlyApplied} the router sees. */
    Reply runOrPartly() {
        CommandContext context = context();
        Plan plan = context.spec().change().plan(context);
        if (plan.isEmpty()) {
            return Reply.ephemeral(String.join("\n", plan.notes()));
        }
        return context.spec().change().apply(context, plan);
    }

    Plan plan() {
        CommandContext context = context();
        return context.spec().change().plan(context);
    }

    static List<String> described(Plan plan) {
        return plan.effects().stream().map(Effect::describe).toList();
    }

    @Test
    void teardown_removesEverythingInDependencyOrder_andSaysTheSaving() {
        Reply reply = run();

        assertThat(CallOrder.changes(aws)).containsExactly(
                "POST /2013-04-01/hostedzone/Z1EXAMPLE/rrset/",
                "POST /2013-04-01/hostedzone/Z1EXAMPLE/rrset/",
                "DeleteListener f2f7dc8efc522ab2",
                "DeleteListener a1b2c3d4e5f60718",
                "DeleteLoadBalancer 50dc6c495c0c9188",
                "DeleteTargetGroup 73e2d6bc24d8a067",
                "DeleteCertificate",
                "TerminateInstances " + INSTANCE,
                "DisassociateAddress eipassoc-0aaa1111",
                "ReleaseAddress eipalloc-0aaa1111",
                "DeleteSecurityGroup sg-0web00000001",
                "DeleteSecurityGroup sg-0alb00000001",
                "DeleteSecurityGroup sg-0alb00000001",
                "DeleteVolume vol-0data0001");
        // The load balancer of another stack is left alone, and so is the record pointing elsewhere.
        assertThat(CallOrder.calls(aws)).noneMatch(c -> c.contains("11116c495c0c9111"));
        assertThat(aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathMatching("/2013-04-01/.*"))).stream().map(r -> r.getBodyAsString()))
                .noneMatch(b -> b.contains("blog.example.com"));
        assertThat(reply.header()).isEqualTo("Tore down shop in us-east-1");
        assertThat(reply.body()).isEqualTo("Removed 12 resources, saving about $29.91/month:\n"
                + "1. DNS record api.example.com A 300 54.1.2.3\n"
                + "2. DNS record shop.example.com A alias → dualstack." + LB_DNS + "\n"
                + "3. listener HTTPS:443 of shop-alb\n"
                + "4. listener HTTP:80 of shop-alb\n"
                + "5. load balancer shop-alb\n"
                + "6. target group shop-tg\n"
                + "7. certificate shop.example.com (requested by Deckhand)\n"
                + "8. instance web-1 (" + INSTANCE + ", t3.micro, running)\n"
                + "9. Elastic IP 54.1.2.3 (eipalloc-0aaa1111)\n"
                + "10. security group web (sg-0web00000001)\n"
                + "11. security group shop-alb-sg (sg-0alb00000001)\n"
                // t3.micro 7.59 + 8 GB root 0.64 + EIP 3.65 + ALB 16.43 + 20 GB 1.60
                + "12. volume vol-0data0001 (20 GB gp3, detached)");
        assertThat(progress).contains("Removing instance web-1 (" + INSTANCE + ", t3.micro, running)…",
                "Waiting for 1 instance(s) to terminate…");
        // One poll saw shutting-down (a 5 s pause); the lingering group was retried at once, since the round
        // had removed the other group.
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:05Z"));
    }

    @Test
    void teardown_failingHalfWay_reportsWhatIsLeft_andARerunFinishes() {
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0web00000001"))
                .willReturn(ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));

        PartlyApplied partly = org.assertj.core.api.Assertions.catchThrowableOfType(this::runOrPartly, PartlyApplied.class);
        Reply first = partly.reply();

        assertThat(partly.summary()).isEqualTo("removed 9 of 12; 3 still there (sg-0web00000001, sg-0alb00000001, "
                + "vol-0data0001) after a failure while removing security group web (sg-0web00000001). "
                + "Run `teardown shop` again to finish; what is already gone is skipped.");
        assertThat(first.header()).isEqualTo("Teardown of shop stopped");
        assertThat(first.body()).isEqualTo("Failed while removing security group web (sg-0web00000001): AWS refused "
                + "ec2:DeleteSecurityGroup in us-east-1: Deckhand's credentials lack permission. Add the IAM action "
                + "`ec2:DeleteSecurityGroup` to the role or user Deckhand runs as.\n"
                + "Removed: DNS record api.example.com A 300 54.1.2.3; DNS record shop.example.com A alias → dualstack."
                + LB_DNS + "; listener HTTPS:443 of shop-alb; listener HTTP:80 of shop-alb; load balancer shop-alb; "
                + "target group shop-tg; certificate shop.example.com (requested by Deckhand); instance web-1 ("
                + INSTANCE + ", t3.micro, running); Elastic IP 54.1.2.3 (eipalloc-0aaa1111) (saves $28.31/month).\n"
                + "Still there:\n"
                + "1. security group web (sg-0web00000001)\n"
                + "2. security group shop-alb-sg (sg-0alb00000001)\n"
                + "3. volume vol-0data0001 (20 GB gp3, detached)\n"
                + "Run `teardown shop` again to finish; what is already gone is skipped.");
        assertThat(CallOrder.changes(aws)).last().isEqualTo("DeleteSecurityGroup sg-0web00000001");

        // AWS now holds only what was left; the permission was fixed.
        aws.server.resetRequests();
        leaveOnlyGroupsAndVolume();
        Reply second = run();

        assertThat(CallOrder.changes(aws)).containsExactly("DeleteSecurityGroup sg-0web00000001",
                "DeleteSecurityGroup sg-0alb00000001", "DeleteSecurityGroup sg-0alb00000001", "DeleteVolume vol-0data0001");
        assertThat(second.body()).isEqualTo("Removed 3 resources, saving about $1.60/month:\n"
                + "1. security group web (sg-0web00000001)\n"
                + "2. security group shop-alb-sg (sg-0alb00000001)\n3. volume vol-0data0001 (20 GB gp3, detached)");

        // A third run finds nothing and changes nothing.
        aws.server.resetRequests();
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups())));
        aws.server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Xml("DescribeVolumes", "<volumeSet/>")));
        assertThat(run().body()).isEqualTo("Nothing left in stack shop.\n"
                + "Nothing is tagged deckhand:stack=shop in us-east-1; another region? Add --region.");
        assertThat(CallOrder.changes(aws)).isEmpty();
    }

    void leaveOnlyGroupsAndVolume() {
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0web00000001"))
                .willReturn(ec2Xml("DeleteSecurityGroup", "<return>true</return>")));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Name", equalTo("tag:deckhand:stack"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses())));
        aws.server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Xml("DescribeVolumes", "<volumeSet>"
                + volume("vol-0data0001", 20, "available", "") + "</volumeSet>")));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").willReturn(ElbXml.ok("DescribeLoadBalancers",
                ElbXml.loadBalancers(ElbXml.loadBalancer("other-alb", OTHER_LB_ARN, "other.elb.amazonaws.com")))));
        aws.server.stubFor(queryAction("DescribeTargetGroups").willReturn(ElbXml.ok("DescribeTargetGroups", "<TargetGroups/>")));
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":[]}")));
    }

    @Test
    void teardown_whenAnInstanceNeverTerminates_stopsAtTheTimeoutAndKeepsItInTheList() {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("InstanceId.1", equalTo(INSTANCE))
                .inScenario("terminate").whenScenarioStateIs("terminated")
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "shutting-down", "", "sg-0web00000001", "shop")))));

        Reply reply = run();

        assertThat(reply.body()).startsWith("Failed while waiting for instances to terminate: " + INSTANCE
                + " did not reach 'terminated' within 1 minute.");
        assertThat(reply.body()).contains("Still there:\n1. instance web-1 (" + INSTANCE + ", t3.micro, running)\n"
                + "2. Elastic IP 54.1.2.3");
        assertThat(CallOrder.changes(aws)).doesNotContain("ReleaseAddress eipalloc-0aaa1111");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:01:00Z"));
    }

    @Test
    void teardown_whenAGroupStaysInUse_retriesUntilTheTimeoutThenSaysWhatIsLeft() {
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0alb00000001"))
                .inScenario("eni").whenScenarioStateIs("gone")
                .willReturn(ec2Error(400, "DependencyViolation", "resource sg-0alb00000001 has a dependent object")));

        Reply reply = run();

        assertThat(reply.body()).startsWith("Failed while removing security group shop-alb-sg (sg-0alb00000001): AWS still "
                + "sees security group shop-alb-sg (sg-0alb00000001) in use after 1 minute.");
        assertThat(reply.body()).contains("Still there:\n1. security group shop-alb-sg (sg-0alb00000001)\n"
                + "2. volume vol-0data0001 (20 GB gp3, detached)\n");
        assertThat(CallOrder.changes(aws)).doesNotContain("DeleteVolume vol-0data0001");
    }

    @Test
    void teardown_revokesRulesOfOtherGroupsThatNameTheGroup_thenDeletesIt() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("ip-permission.group-id"))
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.group("sg-0default0001", "default", "",
                        "<item><ipProtocol>tcp</ipProtocol><fromPort>8080</fromPort><toPort>8080</toPort><groups><item>"
                                + "<userId>123456789012</userId><groupId>sg-0alb00000001</groupId></item></groups><ipRanges/>"
                                + "<ipv6Ranges/><prefixListIds/></item>")))));
        aws.server.stubFor(queryAction("RevokeSecurityGroupIngress").willReturn(ec2Xml("RevokeSecurityGroupIngress",
                "<return>true</return>")));

        run();

        assertThat(CallOrder.changes(aws)).containsSubsequence("DeleteSecurityGroup sg-0alb00000001",
                "RevokeSecurityGroupIngress sg-0default0001", "DeleteSecurityGroup sg-0alb00000001", "DeleteVolume vol-0data0001");
        assertThat(aws.requests("RevokeSecurityGroupIngress").get(0).getBodyAsString())
                .contains("IpPermissions.1.FromPort=8080", "IpPermissions.1.Groups.1.GroupId=sg-0alb00000001");
    }

    @Test
    void teardown_removesTheAcmValidationRecordOfTheStacksCertificate_andLeavesOtherCnames() {
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1EXAMPLE/rrset")).willReturn(Route53Xml.records(
                Route53Xml.other("example.com", "NS", "ns-1.awsdns-00.com."),
                Route53Xml.other(VALIDATION_NAME + ".", "CNAME", VALIDATION_VALUE + "."),
                Route53Xml.other("_b11111111111111111111111111111111.blog.example.com.", "CNAME", "_c2.acm-validations.aws."))));

        Plan plan = plan();

        assertThat(plan.effects()).filteredOn(e -> e.target().kind() == dev.deckhand.plan.Kind.DNS_RECORD)
                .extracting(e -> e.target().id()).containsExactly("Z1EXAMPLE|" + VALIDATION_NAME + ".|CNAME");

        run();

        assertThat(aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?"))).stream().map(r -> r.getBodyAsString()))
                .singleElement().satisfies(b -> assertThat(b).contains("<Action>DELETE</Action>", VALIDATION_NAME)
                        .doesNotContain("blog.example.com"));
    }

    @Test
    void plan_listsAVolumeTheInstanceWillLeaveBehind() {
        aws.server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Xml("DescribeVolumes", "<volumeSet>"
                + volume("vol-0root0001", 8, "in-use", INSTANCE)
                + volume("vol-0keep0001", 50, "in-use", INSTANCE).replace("<deleteOnTermination>true", "<deleteOnTermination>false")
                + "</volumeSet>")));

        Plan plan = plan();

        assertThat(described(plan)).last().isEqualTo("delete volume vol-0keep0001 (50 GB gp3, kept when its instance terminates)");
        // t3.micro 7.59 + 8 GB root 0.64 + EIP 3.65 + ALB 16.43 + 50 GB kept 4.00, each volume counted once
        assertThat(plan.monthlyChange()).hasToString("-$32.31/month");
    }

    @Test
    void plan_namesEachResourceById_inDependencyOrder_withOwnerStackAndFingerprint_andChangesNothing() {
        Plan plan = plan();

        assertThat(described(plan)).containsExactly(
                "delete DNS record api.example.com A 300 54.1.2.3",
                "delete DNS record shop.example.com A alias → dualstack." + LB_DNS,
                "delete listener HTTPS:443 of shop-alb",
                "delete listener HTTP:80 of shop-alb",
                "delete load balancer shop-alb",
                "delete target group shop-tg",
                "delete certificate shop.example.com (requested by Deckhand)",
                "delete instance web-1 (" + INSTANCE + ", t3.micro, running)",
                "delete Elastic IP 54.1.2.3 (eipalloc-0aaa1111)",
                "delete security group web (sg-0web00000001)",
                "delete security group shop-alb-sg (sg-0alb00000001)",
                "delete volume vol-0data0001 (20 GB gp3, detached)");
        assertThat(plan.effects()).allSatisfy(e -> {
            assertThat(e).isInstanceOf(Effect.Delete.class);
            assertThat(e.target().stack()).isEqualTo("shop");
            assertThat(e.target().fingerprint()).isNotEmpty();
        });
        Target instance = plan.effects().get(7).target();
        assertThat(instance.id()).isEqualTo(INSTANCE);
        assertThat(instance.fingerprint()).contains("running");
        assertThat(plan.effects().get(8).target().fingerprint()).isEqualTo("associated with " + INSTANCE + " (eipassoc-0aaa1111)");
        assertThat(plan.effects().get(0).target().region()).isEqualTo(Target.GLOBAL);
        assertThat(plan.effects().get(0).target().fingerprint()).isEqualTo("ttl 300 54.1.2.3");
        assertThat(plan.monthlyChange()).hasToString("-$29.91/month");
        assertThat(CallOrder.changes(aws)).isEmpty();
    }

    @Test
    void plan_ofAnInstanceTypeMissingFromThePriceTable_hasAnUnknownSaving_neverZero() {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Name", equalTo("tag:deckhand:stack"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "running", "54.1.2.3", "sg-0web00000001", "shop")
                                .replace("t3.micro", "p4d.24xlarge")))));

        Plan plan = plan();

        assertThat(plan.effects().get(7).monthlyChange()).isInstanceOf(Cost.Unknown.class)
                .hasToString("unknown (price for p4d.24xlarge in us-east-1 unknown)");
    }

    @Test
    void teardown_throughTheRouter_needsApproval_andValidatesTheStackName() {
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of())) {
            SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
            grants.grant("U2", "deployer", "setup");
            grants.grant("UBOSS", "admin", "setup");

            assertThat(TestDeckhand.run(deckhand, "U2", "C1", "teardown shop").header()).isEqualTo("Needs approval");
            assertThat(TestDeckhand.run(deckhand, "U3", "C1", "teardown shop").header()).isEqualTo("Not allowed");
            int cards = chat.ofKind("post").size();
            Reply refused = TestDeckhand.run(deckhand, "console", "C1", "teardown Shop!");
            assertThat(refused.header()).isEqualTo("Not understood");
            assertThat(refused.body()).startsWith("'Shop!' is not a valid stack name.");
            assertThat(chat.ofKind("post")).hasSize(cards);
            assertThat(TestDeckhand.run(deckhand, "console", "C1", "approvals").header())
                    .isEqualTo("Waiting for approval (1)");
            Reply dryRun = TestDeckhand.run(deckhand, "console", "C1", "teardown shop --dry-run");
            assertThat(dryRun.header()).isEqualTo("Plan: teardown shop --dry-run (dry run)");
            assertThat(dryRun.body()).contains("• delete instance web-1 (" + INSTANCE + ", t3.micro, running)");
            assertThat(dryRun.fields()).contains(new Reply.Field("Cost change", "-$29.91/month"));
            assertThat(CallOrder.changes(aws)).isEmpty();
        }
    }

    /** Approves as {@code approver} the request a "Needs approval" reply names; returns what was posted in the card's thread. */
    static List<Reply> approve(Deckhand deckhand, RecordingChatPort chat, String approver, Reply needsApproval) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(needsApproval.body());
        assertThat(id.find()).as(needsApproval.plainText()).isTrue();
        int before = chat.ofKind("thread").size();
        TestDeckhand.run(deckhand, approver, "C1", "approve " + id.group(1));
        List<RecordingChatPort.Sent> thread = chat.ofKind("thread");
        return thread.subList(before, thread.size()).stream().map(RecordingChatPort.Sent::reply).toList();
    }

    /** A watched region list, so the approved command's --region needs no DescribeRegions. */
    static final Map<String, String> WATCHED = Map.of("DECKHAND_AWS_REGIONS", "us-east-1");

    void terminateAtOnce() {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("InstanceId.1", equalTo(INSTANCE))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance(INSTANCE, "web-1", "terminated", "", "sg-0web00000001", "shop")))));
    }

    @Test
    void teardown_approved_removesExactlyThePlannedIds_andShowsItsStepsInTheCardsThread_andTheCardsSummaryIsWholeWithTheSaving() {
        terminateAtOnce();
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, WATCHED)) {
            SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
            grants.grant("U2", "deployer", "setup");
            grants.grant("UBOSS", "admin", "setup");
            Reply asked = TestDeckhand.run(deckhand, "U2", "C1", "teardown shop");
            assertThat(asked.header()).isEqualTo("Needs approval");
            assertThat(CallOrder.changes(aws)).isEmpty();

            List<Reply> thread = approve(deckhand, chat, "UBOSS", asked);

            assertThat(thread).extracting(Reply::body).contains("Removing instance web-1 (" + INSTANCE + ", t3.micro, running)…",
                    "Waiting for 1 instance(s) to terminate…");
            assertThat(thread.get(thread.size() - 1).header()).isEqualTo("Tore down shop in us-east-1");
            assertThat(CallOrder.changes(aws)).contains("TerminateInstances " + INSTANCE, "DeleteVolume vol-0data0001");
            // The closed card's summary is whole and says the saving (it used to end at "Removed 12 resource(s):").
            assertThat(chat.ofKind("update").get(chat.ofKind("update").size() - 1).reply().body()).endsWith(
                    "Done: Tore down shop in us-east-1: Removed 12 resources, saving about $29.91/month (listed in the thread)");
        }
    }

    @Test
    void teardown_approved_thatStopsPartWay_isPartialOnTheCard_inTheRequest_andInTheAudit_withWhatIsLeft() {
        terminateAtOnce();
        aws.server.stubFor(queryAction("DeleteSecurityGroup").withFormParam("GroupId", equalTo("sg-0web00000001"))
                .willReturn(ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, WATCHED)) {
            SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
            grants.grant("U2", "deployer", "setup");
            grants.grant("UBOSS", "admin", "setup");
            Reply asked = TestDeckhand.run(deckhand, "U2", "C1", "teardown shop");
            String id = asked.body().replaceAll("(?s).*\\(request ([a-z0-9]{8})\\).*", "$1");

            List<Reply> thread = approve(deckhand, chat, "UBOSS", asked);

            assertThat(thread.get(thread.size() - 1).header()).isEqualTo("Teardown of shop stopped");
            var request = deckhand.approvals().store().find(id).orElseThrow();
            assertThat(request.state()).isEqualTo(dev.deckhand.approval.ApprovalState.PARTIAL);
            String left = "removed 9 of 12; 3 still there (sg-0web00000001, sg-0alb00000001, vol-0data0001) after a "
                    + "failure while removing security group web (sg-0web00000001). Run `teardown shop` again to finish; "
                    + "what is already gone is skipped.";
            Reply card = chat.ofKind("update").get(chat.ofKind("update").size() - 1).reply();
            assertThat(card.header()).isEqualTo("Approved: partly done");
            assertThat(card.body()).endsWith("Partly done: " + left);
            var row = deckhand.auditLog().latest(10).stream()
                    .filter(e -> e.command().equals("teardown shop --region us-east-1")
                            && e.outcome() != dev.deckhand.store.AuditEntry.Outcome.REQUESTED).findFirst().orElseThrow();
            assertThat(row.outcome()).isEqualTo(dev.deckhand.store.AuditEntry.Outcome.PARTIAL);
            assertThat(row.detail()).isEqualTo("approved request " + id + ": " + left);
        }
    }

    @Test
    void teardown_approved_thenANewResourceTaggedWithTheStackAppears_runsNothing_andSaysWhatChanged() {
        terminateAtOnce();
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, WATCHED)) {
            SqliteGrantStore grants = new SqliteGrantStore(deckhand.database(), clock);
            grants.grant("U2", "deployer", "setup");
            grants.grant("UBOSS", "admin", "setup");
            Reply asked = TestDeckhand.run(deckhand, "U2", "C1", "teardown shop");
            assertThat(asked.header()).isEqualTo("Needs approval");
            // Before the approval, someone makes another group tagged with the stack (not on the card).
            aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(
                    InfraXml.group("sg-0web00000001", "web", "shop"), InfraXml.group("sg-0alb00000001", "shop-alb-sg", "shop"),
                    InfraXml.group("sg-0new00000001", "payments-db", "shop")))));

            List<Reply> thread = approve(deckhand, chat, "UBOSS", asked);

            Reply outcome = thread.get(thread.size() - 1);
            assertThat(outcome.header()).isEqualTo("Not run: changed since it was approved");
            assertThat(outcome.plainText()).contains("sg-0new00000001");
            assertThat(CallOrder.changes(aws)).isEmpty();
        }
    }

    @Test
    void teardown_ofAnEmptyStack_answersAtOnce_andMakesNoApprovalRequest() {
        aws.server.resetRequests();
        leaveOnlyGroupsAndVolume();
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups())));
        aws.server.stubFor(queryAction("DescribeVolumes").willReturn(ec2Xml("DescribeVolumes", "<volumeSet/>")));
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, WATCHED)) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            Reply reply = TestDeckhand.run(deckhand, "U2", "C1", "teardown shop");

            assertThat(reply.body()).startsWith("Nothing left in stack shop.");
            assertThat(chat.ofKind("post")).isEmpty();
            assertThat(TestDeckhand.run(deckhand, "console", "C1", "approvals").header()).isNotEqualTo("Waiting for approval (1)");
            assertThat(CallOrder.changes(aws)).isEmpty();
        }
    }
}
