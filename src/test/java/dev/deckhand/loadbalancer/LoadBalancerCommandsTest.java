package dev.deckhand.loadbalancer;

import dev.deckhand.aws.cert.AwsCertificates;
import dev.deckhand.aws.dns.AwsDns;
import dev.deckhand.aws.loadbalancer.AwsLoadBalancerDirectory;
import dev.deckhand.aws.loadbalancer.AwsLoadBalancerGateway;
import dev.deckhand.aws.network.AwsInstanceDirectory;
import dev.deckhand.aws.network.AwsSecurityGroups;
import dev.deckhand.aws.stack.AwsStackGateway;
import dev.deckhand.cert.CertificateIssuer;
import dev.deckhand.chat.Reply;
import dev.deckhand.validate.UsageException;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.app.Deckhand;
import dev.deckhand.store.SqliteGrantStore;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.io.TempDir;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.CallOrder;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.ElbXml;
import dev.deckhand.testing.Handlers;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.Route53Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.json;
import static dev.deckhand.testing.AwsStub.jsonTarget;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBalancerCommandsTest {

    static final String ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    static final String LB_ARN = ARN + "loadbalancer/app/shop/50dc6c495c0c9188";
    static final String TG_ARN = ARN + "targetgroup/shop-tg/73e2d6bc24d8a067";
    static final String LB_DNS = "shop-1234567890.us-east-1.elb.amazonaws.com";
    static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

    AwsStub aws;
    MutableClock clock;
    LoadBalancerCommands commands;
    List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        AwsDns dns = new AwsDns(aws.clients);
        AwsCertificates certs = new AwsCertificates(aws.clients);
        AwsStackGateway remover = new AwsStackGateway(aws.clients, dns);
        AwsLoadBalancerGateway gateway = new AwsLoadBalancerGateway(aws.clients);
        CertificateIssuer issuer = new CertificateIssuer(certs, dns, clock, clock::advance, Duration.ofSeconds(30),
                Duration.ofMinutes(10));
        LoadBalancerCreator creator = new LoadBalancerCreator(gateway, new AwsSecurityGroups(aws.clients), issuer,
                dns, remover, clock, clock::advance, Duration.ofSeconds(5), Duration.ofMinutes(10));
        commands = new LoadBalancerCommands(gateway, creator, new AwsLoadBalancerDirectory(aws.clients),
                new AwsInstanceDirectory(aws.clients), new DnsZones(dns), remover, PriceTable.load(Path.of("config/prices.yml")),
                issuer, dns);

        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop")))));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("i-0abc12345678"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop")))));
        aws.server.stubFor(queryAction("DescribeSubnets").willReturn(ec2Xml("DescribeSubnets", "<subnetSet>"
                + subnet("subnet-0aaa2222", "us-east-1a", false) + subnet("subnet-0aaa1111", "us-east-1a", true)
                + subnet("subnet-0bbb2222", "us-east-1b", true) + "</subnetSet>")));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("Names.member.1", equalTo("shop"))
                .willReturn(ElbXml.error(400, "LoadBalancerNotFound", "One or more load balancers not found")));
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone")).willReturn(Route53Xml.zones(
                Route53Xml.zone("Z1EXAMPLE", "example.com", false))));
        aws.server.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")).willReturn(Route53Xml.changed()));
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1EXAMPLE/rrset")).willReturn(Route53Xml.records(
                Route53Xml.other("example.com", "NS", "ns-1.awsdns-00.com."))));
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":"
                + "[{\"CertificateArn\":\"" + CERT + "\",\"DomainName\":\"shop.example.com\",\"Status\":\"ISSUED\"}]}")));
        aws.server.stubFor(queryAction("CreateSecurityGroup").willReturn(ec2Xml("CreateSecurityGroup",
                "<return>true</return><groupId>sg-0alb00000001</groupId>")));
        aws.server.stubFor(queryAction("AuthorizeSecurityGroupIngress").willReturn(ec2Xml("AuthorizeSecurityGroupIngress",
                "<return>true</return>")));
        aws.server.stubFor(queryAction("CreateTargetGroup").willReturn(ElbXml.ok("CreateTargetGroup", "<TargetGroups><member>"
                + "<TargetGroupArn>" + TG_ARN + "</TargetGroupArn><TargetGroupName>shop-tg</TargetGroupName></member></TargetGroups>")));
        aws.server.stubFor(queryAction("RegisterTargets").willReturn(ElbXml.ok("RegisterTargets", "")));
        aws.server.stubFor(queryAction("CreateLoadBalancer").willReturn(ElbXml.ok("CreateLoadBalancer",
                ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS).replace("<Code>active</Code>", "<Code>provisioning</Code>")))));
        aws.server.stubFor(queryAction("CreateListener").willReturn(ElbXml.ok("CreateListener", "<Listeners><member><ListenerArn>"
                + ARN + "listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2</ListenerArn></member></Listeners>")));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("LoadBalancerArns.member.1", equalTo(LB_ARN))
                .inScenario("lb").whenScenarioStateIs(STARTED).willSetStateTo("active")
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS)
                        .replace("<Code>active</Code>", "<Code>provisioning</Code>")))));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("LoadBalancerArns.member.1", equalTo(LB_ARN))
                .inScenario("lb").whenScenarioStateIs("active")
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS)))));
        aws.server.stubFor(queryAction("DescribeTargetHealth").willReturn(ElbXml.ok("DescribeTargetHealth",
                "<TargetHealthDescriptions><member><Target><Id>i-0abc12345678</Id><Port>8080</Port></Target>"
                        + "<HealthCheckPort>8080</HealthCheckPort><TargetHealth><State>initial</State><Reason>"
                        + "Elb.RegistrationInProgress</Reason><Description>Target registration is in progress</Description>"
                        + "</TargetHealth></member></TargetHealthDescriptions>")));
        for (String action : List.of("DeleteListener", "DeleteLoadBalancer", "DeleteTargetGroup")) {
            aws.server.stubFor(queryAction(action).willReturn(ElbXml.ok(action, "")));
        }
        aws.server.stubFor(queryAction("DeleteSecurityGroup").willReturn(ec2Xml("DeleteSecurityGroup", "<return>true</return>")));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static String subnet(String id, String zone, boolean isDefault) {
        return "<item><subnetId>" + id + "</subnetId><state>available</state><vpcId>vpc-0abc1234</vpcId><cidrBlock>"
                + "172.31.0.0/20</cidrBlock><availableIpAddressCount>4091</availableIpAddressCount><availabilityZone>" + zone
                + "</availabilityZone><defaultForAz>" + isDefault + "</defaultForAz><mapPublicIpOnLaunch>" + isDefault
                + "</mapPublicIpOnLaunch></item>";
    }

    Reply run(String name, List<String> args, Map<String, String> flags) {
        return Handlers.call(Handlers.named(commands.commands(), name), "U2", args, flags, progress::add);
    }

    static String tagged(String arn, String stack, String owner) {
        return "<member><ResourceArn>" + arn + "</ResourceArn><Tags><member><Key>deckhand:stack</Key><Value>" + stack
                + "</Value></member><member><Key>deckhand:owner</Key><Value>" + owner + "</Value></member></Tags></member>";
    }

    String body(String action, int index) {
        return aws.requests(action).get(index).getBodyAsString();
    }

    @Test
    void create_withDomain_buildsAnHttpsAlbInTwoZones_withRedirectHealthCheckAndAlias() {
        Reply reply = run("elb create", List.of("shop"),
                Map.of("instance", "web-1", "port", "8080", "health", "/health", "domain", "shop.example.com"));

        assertThat(reply.header()).isEqualTo("Load balancer shop is up");
        assertThat(reply.fields()).extracting(Reply.Field::value).containsExactly(LB_DNS,
                "HTTPS:443 → target group; HTTP:80 → redirect to HTTPS:443",
                "i-0abc12345678 initial (Elb.RegistrationInProgress)", "about $16.43/month plus capacity units",
                "https://shop.example.com");
        assertThat(body("CreateLoadBalancer", 0)).contains("Name=shop", "Subnets.member.1=subnet-0aaa1111",
                "Subnets.member.2=subnet-0bbb2222", "SecurityGroups.member.1=sg-0alb00000001", "Scheme=internet-facing",
                "Type=application", "Tags.member.2.Key=deckhand%3Astack", "Tags.member.2.Value=shop")
                .doesNotContain("subnet-0aaa2222");
        assertThat(body("CreateTargetGroup", 0)).contains("Name=shop-tg", "Protocol=HTTP", "Port=8080",
                "VpcId=vpc-0abc1234", "HealthCheckPath=%2Fhealth", "Matcher.HttpCode=200-399", "TargetType=instance");
        assertThat(body("RegisterTargets", 0)).contains("Targets.member.1.Id=i-0abc12345678", "Targets.member.1.Port=8080");
        assertThat(body("CreateListener", 0)).contains("Protocol=HTTPS", "Port=443",
                "Certificates.member.1.CertificateArn=" + CERT.replace(":", "%3A").replace("/", "%2F"),
                "SslPolicy=ELBSecurityPolicy-TLS13-1-2-2021-06", "DefaultActions.member.1.Type=forward",
                "DefaultActions.member.1.TargetGroupArn=");
        assertThat(body("CreateListener", 1)).contains("Protocol=HTTP", "Port=80", "DefaultActions.member.1.Type=redirect",
                "DefaultActions.member.1.RedirectConfig.Protocol=HTTPS", "DefaultActions.member.1.RedirectConfig.Port=443",
                "DefaultActions.member.1.RedirectConfig.StatusCode=HTTP_301");
        // The ALB's group is open on 80 and 443; the instance's group lets the ALB reach 8080.
        assertThat(body("AuthorizeSecurityGroupIngress", 0)).contains("GroupId=sg-0alb00000001", "FromPort=80",
                "IpRanges.1.CidrIp=0.0.0.0%2F0");
        assertThat(body("AuthorizeSecurityGroupIngress", 1)).contains("GroupId=sg-0alb00000001", "FromPort=443");
        assertThat(body("AuthorizeSecurityGroupIngress", 2)).contains("GroupId=sg-0123456789abcdef0", "FromPort=8080",
                "IpPermissions.1.Groups.1.GroupId=sg-0alb00000001");
        String alias = aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")))
                .get(0).getBodyAsString();
        assertThat(alias).contains("<Action>UPSERT</Action>", "<Name>shop.example.com.</Name>",
                "<HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId>", "<DNSName>" + LB_DNS + "</DNSName>");
        assertThat(progress).contains("Waiting for shop to become active…", "Pointing shop.example.com at shop…");
        // The issued certificate is found with one ListCertificates and reused: nothing is requested.
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", matching("CertificateManager\\..*")))).extracting(r -> r.getHeader("X-Amz-Target"))
                .containsExactly("CertificateManager.ListCertificates");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:05Z"));
    }

    @Test
    void create_withDomainAndNoCertificateYet_requestsOneWithOneLookup_andWaitsForIt() {
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":[]}")));
        aws.server.stubFor(jsonTarget("CertificateManager.RequestCertificate").willReturn(json("{\"CertificateArn\":\"" + CERT + "\"}")));
        String record = ",\"DomainValidationOptions\":[{\"DomainName\":\"shop.example.com\",\"ValidationMethod\":\"DNS\","
                + "\"ResourceRecord\":{\"Name\":\"_a79865eb.shop.example.com.\",\"Type\":\"CNAME\",\"Value\":\"_424c7224.acm-validations.aws.\"}}]";
        aws.server.stubFor(jsonTarget("CertificateManager.DescribeCertificate").inScenario("acm").whenScenarioStateIs(STARTED)
                .willSetStateTo("issued").willReturn(json("{\"Certificate\":{\"CertificateArn\":\"" + CERT
                        + "\",\"DomainName\":\"shop.example.com\",\"Status\":\"PENDING_VALIDATION\"" + record + "}}")));
        aws.server.stubFor(jsonTarget("CertificateManager.DescribeCertificate").inScenario("acm").whenScenarioStateIs("issued")
                .willReturn(json("{\"Certificate\":{\"CertificateArn\":\"" + CERT
                        + "\",\"DomainName\":\"shop.example.com\",\"Status\":\"ISSUED\"" + record + "}}")));

        Reply reply = run("elb create", List.of("shop"), Map.of("instance", "web-1", "domain", "shop.example.com"));

        assertThat(reply.header()).isEqualTo("Load balancer shop is up");
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", matching("CertificateManager\\..*")))).extracting(r -> r.getHeader("X-Amz-Target"))
                .containsExactly("CertificateManager.ListCertificates", "CertificateManager.RequestCertificate",
                        "CertificateManager.DescribeCertificate", "CertificateManager.DescribeCertificate");
        assertThat(body("CreateListener", 0)).contains("Certificates.member.1.CertificateArn="
                + CERT.replace(":", "%3A").replace("/", "%2F"));
        assertThat(progress).containsSubsequence("Requesting a certificate for shop.example.com and writing its validation record…",
                "Waiting for ACM to issue the certificate (usually a few minutes)…", "Waiting for shop to become active…");
    }

    @Test
    void create_withoutDomain_forwardsPlainHttpAndWritesNoRecord() {
        Reply reply = run("elb create", List.of("shop"), Map.of("instance", "web-1"));

        assertThat(reply.fields()).extracting(Reply.Field::value).contains("HTTP:80 → target group");
        assertThat(aws.requests("CreateListener")).singleElement().satisfies(r -> assertThat(r.getBodyAsString())
                .contains("Protocol=HTTP", "Port=80", "DefaultActions.member.1.Type=forward").doesNotContain("Certificates"));
        assertThat(body("CreateTargetGroup", 0)).contains("HealthCheckPath=%2F&", "Port=8080");
        assertThat(aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/.*")))).isEmpty();
    }

    @Test
    void show_listsListenersAndTargetHealthWithReasons() {
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("Names.member.1", equalTo("shop"))
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS)))));
        aws.server.stubFor(queryAction("DescribeListeners").willReturn(ElbXml.ok("DescribeListeners", "<Listeners><member>"
                + "<ListenerArn>" + ARN + "listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2</ListenerArn><Port>443</Port>"
                + "<Protocol>HTTPS</Protocol><DefaultActions><member><Type>forward</Type><TargetGroupArn>" + TG_ARN
                + "</TargetGroupArn></member></DefaultActions></member><member><ListenerArn>" + ARN
                + "listener/app/shop/50dc6c495c0c9188/a1b2c3d4e5f60718</ListenerArn><Port>80</Port><Protocol>HTTP</Protocol>"
                + "<DefaultActions><member><Type>redirect</Type><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port>"
                + "<StatusCode>HTTP_301</StatusCode></RedirectConfig></member></DefaultActions></member></Listeners>")));
        aws.server.stubFor(queryAction("DescribeTargetGroups").willReturn(ElbXml.ok("DescribeTargetGroups",
                "<TargetGroups><member><TargetGroupArn>" + TG_ARN + "</TargetGroupArn><TargetGroupName>shop-tg</TargetGroupName>"
                        + "<Port>8080</Port><HealthCheckPath>/health</HealthCheckPath></member></TargetGroups>")));
        aws.server.stubFor(queryAction("DescribeTargetHealth").willReturn(ElbXml.ok("DescribeTargetHealth",
                "<TargetHealthDescriptions><member><Target><Id>i-0abc12345678</Id><Port>8080</Port></Target><TargetHealth>"
                        + "<State>unhealthy</State><Reason>Target.ResponseCodeMismatch</Reason><Description>Health checks "
                        + "failed with these codes: [502]</Description></TargetHealth></member></TargetHealthDescriptions>")));

        Reply reply = run("elb show", List.of("shop"), Map.of());

        assertThat(reply.body()).isEqualTo("HTTPS:443 → forward to shop-tg\nHTTP:80 → redirect to HTTPS:443 (301)\n"
                + "Target group *shop-tg* (port 8080, health check /health):\n"
                + "  • i-0abc12345678:8080 unhealthy — Target.ResponseCodeMismatch: Health checks failed with these codes: [502]");
    }

    @Test
    void create_whenAStepFails_removesWhatItMadeInTeardownOrder() {
        aws.server.stubFor(queryAction("CreateListener").willReturn(ElbXml.error(400, "CertificateNotFound",
                "Certificate not found")));

        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of("instance", "web-1", "domain", "shop.example.com")))
                .isInstanceOf(UserFacingException.class)
                .hasMessageEndingWith("What had been created was removed again.");
        assertThat(CallOrder.changes(aws)).containsSubsequence("CreateSecurityGroup", "CreateTargetGroup",
                "CreateLoadBalancer", "CreateListener 50dc6c495c0c9188", "DeleteLoadBalancer 50dc6c495c0c9188",
                "DeleteTargetGroup 73e2d6bc24d8a067", "DeleteSecurityGroup sg-0alb00000001");
    }

    @Test
    void create_inAOneZoneVpc_isRefusedBeforeAnythingIsMade() {
        aws.server.stubFor(queryAction("DescribeSubnets").willReturn(ec2Xml("DescribeSubnets", "<subnetSet>"
                + subnet("subnet-0aaa1111", "us-east-1a", true) + "</subnetSet>")));

        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of("instance", "web-1")))
                .hasMessage("A load balancer needs subnets in at least two Availability Zones, and vpc-0abc1234 has only "
                        + "us-east-1a. Add a subnet in another zone of the VPC, then try again.");
        assertThat(CallOrder.changes(aws)).isEmpty();
    }

    @Test
    void create_withBadInput_explainsTheRightForm() {
        assertThatThrownBy(() -> run("elb create", List.of("shop_web"), Map.of("instance", "web-1")))
                .isInstanceOf(UsageException.class).hasMessage("'shop_web' is not a valid load balancer name.");
        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of("instance", "web-1", "health", "health;reboot")))
                .hasMessage("'health;reboot' is not a health check path.");
        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of("instance", "web-1", "port", "0")))
                .hasMessage("'0' is not a port.");
        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of()))
                .hasMessage("Say which instance the load balancer sends traffic to.");
        assertThatThrownBy(() -> run("elb create", List.of("shop"), Map.of("instance", "web-1", "domain", "shop.other.org")))
                .hasMessageStartingWith("shop.other.org is not inside any hosted zone you have.");
        assertThat(CallOrder.changes(aws)).isEmpty();
    }

    @Test
    void delete_removesListenersThenTheLoadBalancerThenTargetGroups() {
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("Names.member.1", equalTo("shop"))
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS)))));
        aws.server.stubFor(queryAction("DescribeListeners").willReturn(ElbXml.ok("DescribeListeners", "<Listeners>"
                + "<member><ListenerArn>" + ARN + "listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2</ListenerArn>"
                + "<Port>443</Port><Protocol>HTTPS</Protocol></member><member><ListenerArn>" + ARN
                + "listener/app/shop/50dc6c495c0c9188/a1b2c3d4e5f60718</ListenerArn><Port>80</Port><Protocol>HTTP</Protocol>"
                + "</member></Listeners>")));
        aws.server.stubFor(queryAction("DescribeTargetGroups").willReturn(ElbXml.ok("DescribeTargetGroups",
                "<TargetGroups><member><TargetGroupArn>" + TG_ARN + "</TargetGroupArn><TargetGroupName>shop-tg</TargetGroupName>"
                        + "<Port>8080</Port><HealthCheckPath>/health</HealthCheckPath></member></TargetGroups>")));
        aws.server.stubFor(queryAction("DescribeTags").willReturn(ElbXml.ok("DescribeTags", "<TagDescriptions>"
                + tagged(LB_ARN, "shop", "U9") + tagged(TG_ARN, "shop", "U9") + "</TagDescriptions>")));
        aws.server.stubFor(queryAction("DescribeSecurityGroups").willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups())));

        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "elb delete"), "U2", List.of("shop"), Map.of());
        assertThat(plan.effects()).allSatisfy(e -> {
            assertThat(e).isInstanceOf(Effect.Delete.class);
            assertThat(e.target().owner()).isEqualTo(new Owner.User("U9"));
        });
        assertThat(plan.effects()).extracting(e -> e.target().id()).containsExactly(
                ARN + "listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2", ARN + "listener/app/shop/50dc6c495c0c9188/a1b2c3d4e5f60718",
                LB_ARN, TG_ARN);
        assertThat(plan.monthlyChange()).hasToString("-$16.43/month");

        Reply reply = run("elb delete", List.of("shop"), Map.of());

        assertThat(CallOrder.changes(aws)).containsExactly("DeleteListener f2f7dc8efc522ab2", "DeleteListener a1b2c3d4e5f60718",
                "DeleteLoadBalancer 50dc6c495c0c9188", "DeleteTargetGroup 73e2d6bc24d8a067");
        assertThat(reply.body()).isEqualTo("Deleted listener HTTPS:443, listener HTTP:80, load balancer shop, "
                + "target group shop-tg. That saves about $16.43/month.");
    }

    @Test
    void delete_removesTheLoadBalancersOwnGroup_andTheRuleItAddedToTheInstancesGroup_andLeavesAnotherGroup() {
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("Names.member.1", equalTo("shop"))
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop", LB_ARN, LB_DNS)
                        .replace("<member>sg-0a1b2c3d4e5f60001</member>", "<member>sg-0alb00000001</member><member>sg-0other000001</member>")))));
        aws.server.stubFor(queryAction("DescribeListeners").willReturn(ElbXml.ok("DescribeListeners", "<Listeners/>")));
        aws.server.stubFor(queryAction("DescribeTargetGroups").willReturn(ElbXml.ok("DescribeTargetGroups", "<TargetGroups/>")));
        aws.server.stubFor(queryAction("DescribeTags").willReturn(ElbXml.ok("DescribeTags", "<TagDescriptions>"
                + tagged(LB_ARN, "shop", "U2") + "</TagDescriptions>")));
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("group-id"))
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.group("sg-0alb00000001", "shop-alb", "shop"),
                        InfraXml.group("sg-0other000001", "office", "")))));
        // The instance's group lets the load balancer's group in on 8080: AWS refuses the delete until that rule goes.
        aws.server.stubFor(queryAction("DescribeSecurityGroups").withFormParam("Filter.1.Name", equalTo("ip-permission.group-id"))
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups(InfraXml.group("sg-0123456789abcdef0", "web", "shop",
                        "<item><ipProtocol>tcp</ipProtocol><fromPort>8080</fromPort><toPort>8080</toPort><groups><item>"
                                + "<userId>123456789012</userId><groupId>sg-0alb00000001</groupId></item></groups><ipRanges/>"
                                + "<ipv6Ranges/><prefixListIds/></item>")))));
        aws.server.stubFor(queryAction("RevokeSecurityGroupIngress").willReturn(ec2Xml("RevokeSecurityGroupIngress",
                "<return>true</return>")));
        aws.server.stubFor(queryAction("DeleteSecurityGroup").inScenario("rule").whenScenarioStateIs(STARTED)
                .willSetStateTo("revoked")
                .willReturn(ec2Error(400, "DependencyViolation", "resource sg-0alb00000001 has a dependent object")));
        aws.server.stubFor(queryAction("DeleteSecurityGroup").inScenario("rule").whenScenarioStateIs("revoked")
                .willReturn(ec2Xml("DeleteSecurityGroup", "<return>true</return>")));

        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "elb delete"), "U2", List.of("shop"), Map.of());
        assertThat(plan.effects()).extracting(e -> e.target().id()).containsExactly(LB_ARN, "sg-0alb00000001");
        assertThat(plan.notes()).contains("Security group office (sg-0other000001) stays: elb create did not make it.");

        Reply reply = run("elb delete", List.of("shop"), Map.of());

        assertThat(CallOrder.changes(aws)).containsExactly("DeleteLoadBalancer 50dc6c495c0c9188",
                "DeleteSecurityGroup sg-0alb00000001", "RevokeSecurityGroupIngress sg-0123456789abcdef0",
                "DeleteSecurityGroup sg-0alb00000001");
        assertThat(reply.body()).isEqualTo("Deleted load balancer shop, security group shop-alb. "
                + "That saves about $16.43/month.");
        assertThat(reply.plainText()).doesNotContain("stays");
    }

    /** web-1 (by name and by id) tagged as {@code owner}'s. */
    void webOwnedBy(String owner) {
        String web = InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop")
                .replace("<tagSet>", "<tagSet><item><key>deckhand:owner</key><value>" + owner + "</value></item>");
        for (String ref : List.of("web-1", "i-0abc12345678")) {
            aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo(ref))
                    .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(web))));
        }
    }

    /** The README's sequence: `ec2 launch web-1` tags stack web-1, `elb create shop --instance web-1`, then `teardown web-1`. */
    @Test
    void createPlan_forAnInstanceLaunchedByDeckhand_putsEverythingInTheInstancesStack_soItsTeardownFindsIt() {
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1")).atPriority(1)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "web-1")))));

        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "elb create"), "U2", List.of("shop"),
                Map.of("instance", "web-1"));

        assertThat(plan.effects()).filteredOn(e -> e instanceof Effect.Create)
                .extracting(e -> e.target().stack()).isNotEmpty().containsOnly("web-1");
    }

    @Test
    void createPlan_createsTheGroupTargetGroupLoadBalancerAndListener_withTheLoadBalancersCost_andRegistersTheInstance() {
        webOwnedBy("U9");

        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "elb create"), "U2", List.of("shop"),
                Map.of("instance", "web-1"));

        assertThat(plan.effects()).extracting(Effect::describe).containsExactly(
                "create security group shop-alb", "create target group shop-tg",
                "register web-1 (i-0abc12345678) port 8080 in target group shop-tg",
                "create load balancer shop", "create listener HTTP:80 of shop");
        assertThat(plan.monthlyChange()).hasToString("+$16.43/month");
        Effect.Register register = (Effect.Register) plan.effects().get(2);
        assertThat(register.touches()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("i-0abc12345678");
            assertThat(t.owner()).isEqualTo(new Owner.User("U9"));
        });
        assertThat(CallOrder.changes(aws)).isEmpty();
    }

    @Test
    void create_byADeployer_inFrontOfAnotherOwnersInstance_needsApproval_andTheCardNamesTheOwner(@TempDir Path temp) {
        webOwnedBy("U9");
        RecordingChatPort chat = new RecordingChatPort();
        try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of("DECKHAND_AWS_REGIONS", "us-east-1"))) {
            new SqliteGrantStore(deckhand.database(), clock).grant("U2", "deployer", "setup");

            Reply reply = TestDeckhand.run(deckhand, "U2", "C1", "elb create shop --instance web-1");

            assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
            assertThat(reply.plainText()).contains("belongs to U9");
            assertThat(chat.ofKind("post")).singleElement().satisfies(card ->
                    assertThat(card.reply().plainText()).contains("web-1 (i-0abc12345678): owner U9"));
            assertThat(CallOrder.changes(aws)).isEmpty();
        }
    }
}
