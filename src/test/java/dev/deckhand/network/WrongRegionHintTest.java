package dev.deckhand.network;

import dev.deckhand.chat.Reply;
import dev.deckhand.testing.InfraCommandTest;
import dev.deckhand.testing.InfraXml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.inRegion;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that names an instance or a group says which other watched region holds it, as
 * {@code ec2 show} does: web-1 lives in eu-west-1, the channel's region is us-east-1.
 */
class WrongRegionHintTest extends InfraCommandTest {

    static final String HINT = "web-1 is not in us-east-1; it is in eu-west-1. Use --region eu-west-1 or `region eu-west-1`.";

    @BeforeEach
    void webOneLivesInIreland() {
        aws.server.stubFor(queryAction("DescribeSecurityGroups").atPriority(9)
                .willReturn(ec2Xml("DescribeSecurityGroups", InfraXml.groups())));
        aws.server.stubFor(queryAction("DescribeAddresses").atPriority(9)
                .willReturn(ec2Xml("DescribeAddresses", "<addressesSet/>")));
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(9)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        aws.server.stubFor(inRegion(queryAction("DescribeInstances"), "eu-west-1")
                .withFormParam("Filter.1.Value.1", equalTo("web-1")).atPriority(5)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations(
                        InfraXml.instance("i-0abc12345678", "web-1", "running", "54.1.2.3", "sg-0123456789abcdef0", "shop")))));
    }

    @Test
    void sgShow_ofAnInstanceInAnotherWatchedRegion_saysWhereItIs() {
        assertThat(run("U2", "sg show web-1").body()).isEqualTo(HINT);
    }

    @Test
    void sgOpen_ofAnInstanceInAnotherWatchedRegion_saysWhereItIs() {
        assertThat(run("U2", "sg open web-1 443").body()).isEqualTo(HINT);
    }

    @Test
    void eipAllocateFor_anInstanceInAnotherWatchedRegion_saysWhereItIs() {
        assertThat(run("U2", "eip allocate --for web-1").body()).isEqualTo(HINT);
        assertThat(aws.requests("AllocateAddress")).isEmpty();
    }

    @Test
    void deploy_toAnInstanceInAnotherWatchedRegion_saysWhereItIs() {
        assertThat(run("U2", "deploy web-1 --artifact https://example.com/app.jar").body()).isEqualTo(HINT);
    }

    @Test
    void elbCreate_forAnInstanceInAnotherWatchedRegion_saysWhereItIs() {
        assertThat(run("U2", "elb create shop --instance web-1").body()).isEqualTo(HINT);
    }

    @Test
    void aMissInEveryWatchedRegion_keepsThePlainMessage() {
        assertThat(run("U2", "deploy web-9 --artifact https://example.com/app.jar").body()).isEqualTo("No instance 'web-9' "
                + "in us-east-1. Give its id (i-0abc123...) or its Name tag, or add --region if it lives elsewhere.");
    }
}
