package dev.deckhand.dns;

import dev.deckhand.chat.Reply;
import dev.deckhand.testing.InfraCommandTest;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.ElbXml;
import dev.deckhand.testing.Route53Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

class DnsCommandsTest extends InfraCommandTest {

    static final String LB_DNS = "shop-alb-1234567890.us-east-1.elb.amazonaws.com";

    @BeforeEach
    void start() {
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone")).willReturn(Route53Xml.zones(
                Route53Xml.zone("Z1EXAMPLE", "example.com", false), Route53Xml.zone("Z2SHOP", "shop.io", false))));
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1EXAMPLE/rrset")).willReturn(Route53Xml.records(
                Route53Xml.other("example.com", "NS", "ns-1.awsdns-00.com."),
                Route53Xml.a("old.example.com", "54.1.2.3"),
                Route53Xml.a("prod.example.com", "54.5.5.5"),
                Route53Xml.a("legacy.example.com", "198.51.100.7"),
                Route53Xml.alias("www.example.com", LB_DNS))));
        aws.server.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")).willReturn(Route53Xml.changed()));
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.1.2.3", "eipalloc-0aaa1111", "eipassoc-0aaa1111", "i-0abc12345678", "shop", "U2"),
                InfraXml.address("54.5.5.5", "eipalloc-0ddd4444", "eipassoc-0ddd4444", "i-0fed12345678", "prod", "UPROD")))));
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(9)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-1"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop")))));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo("web-2"))
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0def12345678", "web-2", "running", "3.3.3.3", "sg-0123456789abcdef0", "shop")))));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").atPriority(9)
                .willReturn(ElbXml.error(400, "LoadBalancerNotFound", "One or more load balancers not found")));
        aws.server.stubFor(queryAction("DescribeLoadBalancers").withFormParam("Names.member.1", equalTo("shop-alb"))
                .willReturn(ElbXml.ok("DescribeLoadBalancers", ElbXml.loadBalancers(ElbXml.loadBalancer("shop-alb",
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188", LB_DNS)))));
    }

    String changeBody() {
        return aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")))
                .get(0).getBodyAsString();
    }

    int changes() {
        return aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*"))).size();
    }

    @Test
    void point_atInstanceWithElasticIp_upsertsAnARecordToThatAddress() {
        Reply reply = run("U2", "dns point API.example.com web-1");

        assertThat(reply.body()).isEqualTo("Pointed api.example.com → the Elastic IP of web-1 (i-0abc12345678) "
                + "(A 54.1.2.3, TTL 300) in zone example.com.");
        assertThat(changeBody()).contains("<Action>UPSERT</Action>", "<Name>api.example.com.</Name>", "<Type>A</Type>",
                "<TTL>300</TTL>", "<Value>54.1.2.3</Value>");
    }

    @Test
    void point_overAProductionRecord_byDeployer_needsApproval_namesTheOwner_andWritesNothing() {
        Reply reply = run("U2", "dns point prod.example.com web-1");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.plainText()).contains("The DNS record prod.example.com A belongs to UPROD.");
        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains(
                "set DNS record prod.example.com A to 54.1.2.3 (now 54.5.5.5) (prod.example.com A: owner UPROD)");
        assertThat(changes()).isZero();
    }

    @Test
    void point_overARecordLeadingOutsideDeckhand_needsApproval_becauseItsOwnerCannotBeRead() {
        Reply reply = run("U2", "dns point legacy.example.com web-1");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.plainText()).contains("The owner of DNS record legacy.example.com A cannot be read (Route53 records "
                + "carry no owner tag, and 198.51.100.7 is not an instance or Elastic IP with a deckhand:owner tag in us-east-1).");
        assertThat(changes()).isZero();
    }

    @Test
    void point_overYourOwnRecord_runsAtOnce_andTheSameValuesAgainIsNothingToDo() {
        assertThat(run("U2", "dns point old.example.com web-1").body())
                .isEqualTo("old.example.com already points at the Elastic IP of web-1 (i-0abc12345678); nothing changed.");
        assertThat(changes()).isZero();

        Reply reply = run("U2", "dns point old.example.com web-2");

        assertThat(reply.body()).startsWith("Pointed old.example.com → the public address of web-2 (i-0def12345678)");
        assertThat(changeBody()).contains("<Action>UPSERT</Action>", "<Name>old.example.com.</Name>", "<Value>3.3.3.3</Value>");
    }

    @Test
    void point_sameValuesWithAnotherTtl_onSomeoneElsesRecord_takesNothing_andRunsAtOnce() {
        Reply reply = run("U2", "dns point prod.example.com 54.5.5.5 --ttl 60");

        assertThat(reply.body()).isEqualTo("Pointed prod.example.com → the Elastic IP 54.5.5.5 (A 54.5.5.5, TTL 60) in zone example.com.");
        assertThat(changeBody()).contains("<TTL>60</TTL>", "<Value>54.5.5.5</Value>");
    }

    @Test
    void point_dryRun_showsWhatItReplaces_andThatItWouldNeedApproval() {
        Reply reply = run("U2", "dns point prod.example.com web-1 --dry-run");

        assertThat(reply.plainText()).contains("set DNS record prod.example.com A to 54.1.2.3 (now 54.5.5.5)",
                "Without --dry-run this needs approval: The DNS record prod.example.com A belongs to UPROD.");
        assertThat(changes()).isZero();
    }

    @Test
    void point_approved_afterTheRecordChanged_writesNothing() {
        Reply held = run("U2", "dns point prod.example.com web-1");
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/Z1EXAMPLE/rrset")).willReturn(Route53Xml.records(
                Route53Xml.a("prod.example.com", "54.9.9.9"))));

        Reply answer = dev.deckhand.testing.TestDeckhand.approve(deckhand, chat, "UBOSS", CHANNEL, held);

        assertThat(answer.header()).isEqualTo("Not run: changed since it was approved");
        assertThat(changes()).isZero();
    }

    @Test
    void point_atInstanceWithoutElasticIp_warnsTheAddressWillChange() {
        Reply reply = run("U2", "dns point app.example.com web-2 --ttl 60");

        assertThat(changeBody()).contains("<TTL>60</TTL>", "<Value>3.3.3.3</Value>");
        assertThat(reply.context()).contains("That address changes when the instance stops and starts; "
                + "`eip allocate --for web-2` gives it a fixed one.");
    }

    @Test
    void point_atLoadBalancerWithTtl_isRefused_becauseAnAliasTakesItsTtlFromTheTarget() {
        Reply reply = run("U2", "dns point shop.example.com shop-alb --ttl 60");

        assertThat(reply.body()).isEqualTo("--ttl does not apply to shop-alb: a load balancer gets an alias record, and "
                + "alias records take their TTL from the target.\nLeave --ttl out, e.g. "
                + "`dns point shop.example.com shop-alb`.");
        assertThat(aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")))).isEmpty();
    }

    @Test
    void point_atLoadBalancer_writesAnAliasWithTheCanonicalZoneId() {
        Reply reply = run("U2", "dns point shop.example.com shop-alb");

        assertThat(reply.body()).isEqualTo("Pointed shop.example.com → the load balancer shop-alb (alias A to "
                + LB_DNS + ") in zone example.com.");
        String body = changeBody();
        assertThat(body).contains("<Action>UPSERT</Action>", "<Name>shop.example.com.</Name>",
                "<AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>" + LB_DNS
                        + "</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>");
        assertThat(body).doesNotContain("<TTL>", "Z1EXAMPLE</HostedZoneId>");
    }

    @Test
    void point_outsideYourZones_isRefusedWithTheList() {
        Reply reply = run("U2", "dns point api.other.org web-1");

        assertThat(reply.body()).isEqualTo("api.other.org is not inside any hosted zone you have. Your zones: example.com, "
                + "shop.io. Use a name inside one of them, e.g. api.example.com, or create a zone for the domain in Route 53 first.");
        assertThat(changes()).isZero();
    }

    @Test
    void point_withBadDomain_explainsTheRightForm() {
        assertThat(run("U2", "dns point api..example.com web-1").body()).isEqualTo("'api..example.com' is not a valid "
                + "domain name: it has an empty label (two dots in a row, or a dot at the start).\n"
                + "Use a name like api.example.com: labels of letters, digits and hyphens, separated by dots.");
        assertThat(run("U2", "dns point -api.example.com web-1").body()).startsWith("'-api.example.com' is not a valid domain name");
        assertThat(run("U2", "dns point api_1.example.com web-1").body()).startsWith("'api_1.example.com' is not a valid domain name");
        assertThat(run("U2", "dns point localhost web-1").body()).startsWith("'localhost' is not a fully qualified domain name.");
        assertThat(run("U2", "dns point " + "a".repeat(64) + ".example.com web-1").body()).contains("must be 1-63");
        assertThat(changes()).isZero();
    }

    @Test
    void point_atUnknownTarget_namesWhatItTried() {
        assertThat(run("U2", "dns point api.example.com ghost").body()).isEqualTo("No instance, Elastic IP or load balancer "
                + "'ghost' in us-east-1. Give an instance id or Name, an Elastic IP (54.12.34.56), or a load balancer name; "
                + "add --region if it lives elsewhere.");
        assertThat(run("U2", "dns point api.example.com 8.8.8.8").body())
                .startsWith("8.8.8.8 is not one of your Elastic IPs in us-east-1.");
    }

    @Test
    void delete_removesTheExactAliasRecord_asAdmin() {
        Reply reply = approved("console", "dns delete www.example.com");

        assertThat(reply.body()).isEqualTo("Deleted www.example.com A alias → dualstack." + LB_DNS + " from zone example.com.");
        assertThat(changeBody()).contains("<Action>DELETE</Action>", "<Name>www.example.com.</Name>",
                "<DNSName>dualstack." + LB_DNS + "</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth>");
    }

    @Test
    void delete_whenNoRecord_isANoOp_andADeployersDeleteWaitsForApproval() {
        assertThat(run("console", "dns delete nope.example.com").body())
                .isEqualTo("There is no A, AAAA or CNAME record for nope.example.com in zone example.com; nothing to delete.");
        assertThat(run("U2", "dns delete old.example.com").header()).isEqualTo("Needs approval");
        assertThat(changes()).isZero();
    }

    @Test
    void zones_andRecords_areListed() {
        assertThat(run("U2", "dns zones").body()).isEqualTo("*example.com* `Z1EXAMPLE` public, 3 records\n"
                + "*shop.io* `Z2SHOP` public, 3 records");
        assertThat(run("U2", "dns records example.com").body()).isEqualTo("`example.com NS 172800 ns-1.awsdns-00.com.`\n"
                + "`old.example.com A 300 54.1.2.3`\n`prod.example.com A 300 54.5.5.5`\n`legacy.example.com A 300 198.51.100.7`\n"
                + "`www.example.com A alias → dualstack." + LB_DNS + "`");
    }
}
