package dev.deckhand.network;

import dev.deckhand.chat.Reply;
import dev.deckhand.testing.InfraCommandTest;
import dev.deckhand.testing.InfraXml;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.deckhand.testing.AwsStub.ec2Error;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

class ElasticIpCommandsTest extends InfraCommandTest {

    @BeforeEach
    void start() {
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.1.2.3", "eipalloc-0aaa1111", "eipassoc-0aaa1111", "i-0abc12345678", "shop", "U2"),
                InfraXml.address("54.9.9.9", "eipalloc-0bbb2222", "", "", "")))));
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(9)
                .willReturn(ec2Xml("DescribeInstances", InfraXml.reservations())));
        instance("i-0abc12345678", "web-1", "U2");
        instance("i-0def12345678", "web-2", "U2");
        // No address was allocated by this plan before (what a retried allocation asks first).
        aws.server.stubFor(queryAction("DescribeAddresses").withFormParam("Filter.1.Name", equalTo("tag:deckhand:plan"))
                .atPriority(1).willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses())));
        aws.server.stubFor(queryAction("AllocateAddress").willReturn(ec2Xml("AllocateAddress",
                "<publicIp>54.7.7.7</publicIp><domain>vpc</domain><allocationId>eipalloc-0ccc3333</allocationId>")));
        aws.server.stubFor(queryAction("AssociateAddress").willReturn(ec2Xml("AssociateAddress",
                "<return>true</return><associationId>eipassoc-0ccc3333</associationId>")));
        aws.server.stubFor(queryAction("ReleaseAddress").willReturn(ec2Xml("ReleaseAddress", "<return>true</return>")));
        aws.server.stubFor(queryAction("DisassociateAddress").willReturn(ec2Xml("DisassociateAddress", "<return>true</return>")));
    }

    /** An instance findable by its id and by its Name tag, owned by {@code owner}. */
    private void instance(String id, String name, String owner) {
        String answer = InfraXml.reservations(InfraXml.instance(id, name, "running", "3.3.3.3", "sg-0123456789abcdef0",
                owner.equals("UPROD") ? "prod" : "shop", owner));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo(name))
                .willReturn(ec2Xml("DescribeInstances", answer)));
        aws.server.stubFor(queryAction("DescribeInstances").withFormParam("Filter.1.Value.1", equalTo(id))
                .willReturn(ec2Xml("DescribeInstances", answer)));
    }

    @Test
    void list_showsAttachedAndIdleWithMonthlyCost() {
        Reply reply = run("U2", "eip list");

        assertThat(reply.body()).isEqualTo(
                "`54.1.2.3` eipalloc-0aaa1111 → i-0abc12345678 — shop-eip [stack shop]  $3.65/month\n"
                        + "`54.9.9.9` eipalloc-0bbb2222 *idle*  $3.65/month");
        assertThat(reply.fields()).extracting(Reply.Field::value).containsExactly("$7.30/month", "1 ($3.65/month for nothing)");
    }

    @Test
    void allocate_forInstance_tagsTheAddressAndAttachesIt() {
        Reply reply = run("U2", "eip allocate --for web-2");

        assertThat(reply.body()).isEqualTo("Allocated 54.7.7.7 (eipalloc-0ccc3333) and attached it to web-2 (i-0def12345678). "
                + "It costs $3.65/month.");
        assertThat(aws.requests("AllocateAddress").get(0).getBodyAsString()).contains("Domain=vpc",
                "TagSpecification.1.ResourceType=elastic-ip", "TagSpecification.1.Tag.1.Key=Name",
                "TagSpecification.1.Tag.1.Value=web-2-eip", "TagSpecification.1.Tag.2.Key=deckhand%3Astack",
                "TagSpecification.1.Tag.2.Value=shop", "TagSpecification.1.Tag.3.Key=deckhand%3Aowner",
                "TagSpecification.1.Tag.3.Value=U2", "TagSpecification.1.Tag.4.Key=deckhand%3Aplan");
        assertThat(aws.requests("AssociateAddress").get(0).getBodyAsString())
                .contains("AllocationId=eipalloc-0ccc3333", "InstanceId=i-0def12345678", "AllowReassociation=false");
    }

    @Test
    void allocate_appliedAgainUnderTheSamePlan_findsTheAddressItAllocated_andAllocatesNothing() {
        aws.server.stubFor(queryAction("DescribeAddresses").withFormParam("Filter.1.Name", equalTo("tag:deckhand:plan"))
                .atPriority(1).willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                        InfraXml.address("54.7.7.7", "eipalloc-0ccc3333", "", "", "shop", "U2")))));

        Reply reply = run("U2", "eip allocate --stack shop");

        assertThat(reply.body()).isEqualTo("Allocated 54.7.7.7 (eipalloc-0ccc3333) in us-east-1 for stack shop. "
                + "It costs $3.65/month while you keep it.");
        assertThat(aws.requests("AllocateAddress")).isEmpty();
        assertThat(aws.requests("DescribeAddresses").get(0).getBodyAsString()).contains("Filter.1.Value.1=");
    }

    @Test
    void allocate_whenAttachFails_releasesTheNewAddressAgain() {
        aws.server.stubFor(queryAction("AssociateAddress").willReturn(ec2Error(400, "InvalidInstanceID", "bad state")));

        Reply reply = run("U2", "eip allocate --for web-2");

        assertThat(reply.body()).endsWith("The new address was released again; nothing is left over.");
        assertThat(aws.requests("ReleaseAddress").get(0).getBodyAsString()).contains("AllocationId=eipalloc-0ccc3333");
    }

    @Test
    void allocate_withoutStackOrInstance_asksForAStack() {
        assertThat(run("U2", "eip allocate").body()).startsWith("Say which stack the address belongs to");
        assertThat(run("U2", "eip allocate --stack Bad_Name").body()).startsWith("'Bad_Name' is not a valid stack name.");
        assertThat(aws.requests("AllocateAddress")).isEmpty();
    }

    @Test
    void release_ofAttachedAddress_isRefused() {
        Reply reply = run("console", "eip release 54.1.2.3");

        assertThat(reply.header()).isEqualTo("Could not eip release");
        assertThat(reply.body()).isEqualTo("54.1.2.3 is still attached to i-0abc12345678. Run `eip disassociate 54.1.2.3` "
                + "first, or `teardown <stack>` to remove the whole stack.");
        assertNoRequestWasMade();
        assertThat(aws.requests("ReleaseAddress")).isEmpty();
    }

    @Test
    void release_ofIdleAddress_byAdmin_releasesAndSaysTheSaving() {
        Reply reply = approved("console", "eip release eipalloc-0bbb2222");

        assertThat(reply.body()).isEqualTo("Released 54.9.9.9 (eipalloc-0bbb2222). That saves $3.65/month.");
        assertThat(aws.requests("ReleaseAddress").get(0).getBodyAsString()).contains("AllocationId=eipalloc-0bbb2222");
    }

    @Test
    void release_byDeployer_waitsForApproval_thenReleasesOnce() {
        Reply held = run("U2", "eip release 54.9.9.9");
        assertThat(held.header()).isEqualTo("Needs approval");
        assertThat(aws.requests("ReleaseAddress")).isEmpty();

        assertThat(TestDeckhand.approve(deckhand, chat, "console", "C1", held).body())
                .isEqualTo("Released 54.9.9.9 (eipalloc-0bbb2222). That saves $3.65/month.");
        assertThat(aws.requests("ReleaseAddress")).hasSize(1);
    }

    @Test
    void release_ofUnknownAddress_isANoOp_andBadInputIsExplained() {
        assertThat(run("console", "eip release 54.0.0.1").body())
                .isEqualTo("No Elastic IP 54.0.0.1 in us-east-1 (already released?); nothing to do.");
        assertThat(aws.requests("ReleaseAddress")).isEmpty();
    }

    @Test
    void release_ofAName_isAUsageErrorAtOnce_andNoRequestIsMade() {
        Reply reply = run("U2", "eip release web");

        assertThat(reply.header()).isEqualTo("Not understood");
        assertThat(reply.body()).isEqualTo("'web' is not an Elastic IP.\n"
                + "Give the address, e.g. 54.12.34.56, or its allocation id, e.g. eipalloc-0abc12345678.");
        assertThat(reply.fields()).containsExactly(new Reply.Field("Usage", "`eip release <ip|eipalloc-id> [--dry-run]`"),
                new Reply.Field("Example", "`eip release 54.12.34.56`"));
        assertNoRequestWasMade();
        assertThat(aws.requests("ReleaseAddress")).isEmpty();
    }

    private void assertNoRequestWasMade() {
        assertThat(chat.ofKind("post")).isEmpty();
        assertThat(run("console", "approvals").body()).isEqualTo("No approval requests are waiting.");
    }

    @Test
    void list_whenAwsThrottlesOrDropsTheConnection_saysWhatToDo() {
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        assertThat(run("U2", "eip list").body()).isEqualTo("AWS is throttling ec2:DescribeAddresses in us-east-1 "
                + "(RequestLimitExceeded) even after retries. Wait a minute and try again.");

        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(run("U2", "eip list").body()).startsWith("Could not reach AWS for ec2:DescribeAddresses in us-east-1 (")
                .endsWith("), even after retries. Check the network or the endpoint, then try again.");
    }

    @Test
    void disassociate_detachesByAssociationId() {
        Reply reply = run("U2", "eip disassociate 54.1.2.3");

        assertThat(reply.body()).isEqualTo("Detached 54.1.2.3 from web-1 (i-0abc12345678).");
        assertThat(aws.requests("DisassociateAddress").get(0).getBodyAsString()).contains("AssociationId=eipassoc-0aaa1111");
    }

    @Test
    void disassociate_dryRun_changesNothing_andUsageLinesSayWhatIsRequiredAndOffered() {
        Reply reply = run("U2", "eip disassociate 54.1.2.3 --dry-run");

        assertThat(reply.header()).isEqualTo("Plan: eip disassociate 54.1.2.3 --dry-run (dry run)");
        assertThat(aws.requests("DisassociateAddress")).isEmpty();
        var usages = deckhand.registry().all().stream().filter(c -> c.name().startsWith("eip "))
                .map(dev.deckhand.command.CommandSpec::usage).toList();
        assertThat(usages).contains("eip allocate (--for <instance> | --stack <s>) [--dry-run]",
                "eip associate <ip|eipalloc-id> <instance> [--dry-run]", "eip disassociate <ip|eipalloc-id> [--dry-run]");
    }

    @Test
    void disassociate_thenAssociate_ofAProductionAddress_byDeployer_needsApprovalAtEachStep_andTheCardNamesTheOwner() {
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.5.5.5", "eipalloc-0ddd4444", "eipassoc-0ddd4444", "i-0fed12345678", "prod", "UPROD")))));
        instance("i-0fed12345678", "prod-1", "UPROD");

        Reply detach = run("U2", "eip disassociate 54.5.5.5");

        assertThat(detach.header()).isEqualTo("Needs approval");
        assertThat(detach.plainText()).contains("The Elastic IP 54.5.5.5 belongs to UPROD.",
                "The instance prod-1 (i-0fed12345678) belongs to UPROD.");
        assertThat(chat.ofKind("post").get(0).reply().plainText())
                .contains("move Elastic IP 54.5.5.5 from prod-1 (i-0fed12345678) to nothing (detached, still billed)",
                        "54.5.5.5: owner UPROD", "prod-1 (i-0fed12345678): owner UPROD");
        assertThat(aws.requests("DisassociateAddress")).isEmpty();

        // Had it been detached anyway: taking the idle address to the deployer's own instance is held just the same.
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.5.5.5", "eipalloc-0ddd4444", "", "", "prod", "UPROD")))));

        Reply attach = run("U2", "eip associate 54.5.5.5 web-2");

        assertThat(attach.header()).isEqualTo("Needs approval");
        assertThat(attach.plainText()).contains("The Elastic IP 54.5.5.5 belongs to UPROD.")
                .doesNotContain("web-2 (i-0def12345678) belongs");
        assertThat(chat.ofKind("post").get(1).reply().plainText())
                .contains("move Elastic IP 54.5.5.5 to web-2 (i-0def12345678) (54.5.5.5: owner UPROD)");
        assertThat(aws.requests("AssociateAddress")).isEmpty();
    }

    @Test
    void associate_ofAnAddressWithNoOwner_needsApproval_andOfYourOwn_runsAtOnce() {
        Reply held = run("U2", "eip associate 54.9.9.9 web-2");
        assertThat(held.header()).isEqualTo("Needs approval");
        assertThat(held.plainText()).contains("The Elastic IP 54.9.9.9 has no owner (no deckhand:owner tag).");
        assertThat(aws.requests("AssociateAddress")).isEmpty();

        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.9.9.9", "eipalloc-0bbb2222", "", "", "shop", "U2")))));
        assertThat(run("U2", "eip associate 54.9.9.9 web-2").body()).isEqualTo("Attached 54.9.9.9 to web-2 (i-0def12345678).");
        assertThat(aws.requests("AssociateAddress").get(0).getBodyAsString())
                .contains("AllocationId=eipalloc-0bbb2222", "InstanceId=i-0def12345678");
    }

    @Test
    void associate_toAnInstanceHoldingSomeoneElsesAddress_takesThatOneToo_soItNeedsApproval() {
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.5.5.5", "eipalloc-0ddd4444", "eipassoc-0ddd4444", "i-0def12345678", "prod", "UPROD"),
                InfraXml.address("54.9.9.9", "eipalloc-0bbb2222", "", "", "shop", "U2")))));

        Reply reply = run("U2", "eip associate 54.9.9.9 web-2");

        assertThat(reply.header()).isEqualTo("Needs approval");
        assertThat(reply.plainText()).contains("The Elastic IP 54.5.5.5 belongs to UPROD.");
        assertThat(chat.ofKind("post").get(0).reply().plainText()).contains(
                "move Elastic IP 54.5.5.5 from web-2 (i-0def12345678) to nothing (detached, still billed)",
                "web-2 (i-0def12345678) has the Elastic IP 54.5.5.5 now; AWS detaches it, and it keeps billing until "
                        + "`eip release 54.5.5.5` (or attach it elsewhere).");
        assertThat(aws.requests("AssociateAddress")).isEmpty();
    }

    /** The defect: the instance's own Elastic IP was replaced silently, and the old one kept billing. */
    @Test
    void associate_toAnInstanceThatHasItsOwnElasticIp_saysTheOldOneKeepsBilling_andNeedsApproval() {
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.5.5.5", "eipalloc-0ddd4444", "eipassoc-0ddd4444", "i-0def12345678", "shop", "U2"),
                InfraXml.address("54.9.9.9", "eipalloc-0bbb2222", "", "", "shop", "U2")))));

        Reply reply = run("U2", "eip associate 54.9.9.9 web-2");

        assertThat(reply.header()).as(reply.plainText()).isEqualTo("Needs approval");
        assertThat(reply.plainText()).contains("Replaces web-2 (i-0def12345678)'s Elastic IP 54.5.5.5, which stays "
                + "allocated and keeps billing ($3.65/month): approval required.");
        assertThat(aws.requests("AssociateAddress")).isEmpty();
    }

    @Test
    void associate_approved_usesThePlannedIds_andRefusesWhenTheAddressMovedMeanwhile() {
        Reply held = run("U2", "eip associate 54.9.9.9 web-2");
        aws.server.stubFor(queryAction("DescribeAddresses").willReturn(ec2Xml("DescribeAddresses", InfraXml.addresses(
                InfraXml.address("54.9.9.9", "eipalloc-0bbb2222", "eipassoc-0fff6666", "i-0abc12345678", "")))));

        Reply answer = TestDeckhand.approve(deckhand, chat, "UBOSS", "C1", held);

        assertThat(answer.plainText()).doesNotContain("Attached");
        assertThat(aws.requests("AssociateAddress")).isEmpty();
    }

    @Test
    void allocate_dryRun_showsThePublicIpv4Price_andChangesNothing() {
        Reply reply = run("U2", "eip allocate --for web-2 --dry-run");

        assertThat(reply.plainText()).contains("create Elastic IP web-2-eip", "move Elastic IP web-2-eip to web-2 (i-0def12345678)",
                "+$3.65/month", "Without --dry-run this runs at once.");
        assertThat(aws.requests("AllocateAddress")).isEmpty();
    }
}
