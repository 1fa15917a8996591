package dev.deckhand.app;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.store.ChannelSettings;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.SharedAws;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regions typed in chat cannot make Deckhand build AWS clients without bound: the router refuses a
 * region it does not watch, and the clients themselves refuse it too (defence in depth).
 */
class RegionBoundsTest {

    @TempDir
    Path temp;

    /** The shipped config watches the account's enabled regions: DescribeRegions answers two. */
    @RegisterExtension
    static final SharedAws sharedAws = new SharedAws(1, aws -> aws.server.stubFor(queryAction("DescribeRegions")
            .willReturn(ec2Xml("DescribeRegions", "<regionInfo>"
                    + "<item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint></item>"
                    + "<item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint></item>"
                    + "</regionInfo>"))));
    private AwsStub aws;
    private Deckhand deckhand;

    @BeforeEach
    void start() {
        aws = sharedAws.stub();
        deckhand = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(), Map.of());
    }

    @AfterEach
    void stop() {
        deckhand.close();
    }

    @Test
    void hundredMadeUpRegions_throughTheRouter_buildNoClient_andAreRefusedWithTheList() {
        List<String> commands = List.of("ec2 list --region %s", "leaks --region %s", "ec2 stop web-1 --region %s",
                "leaks cleanup volume vol-0abc1234 --region %s");
        int clientsBefore = aws.clients.size();
        List<Reply> replies = new ArrayList<>();

        for (int i = 0; i < 100; i++) {
            String made = "x" + (char) ('a' + i % 26) + "-madeup-" + (i % 99 + 1);
            replies.add(TestDeckhand.run(deckhand, "console", "C0DEPLOY", String.format(commands.get(i % 4), made)));
        }

        assertThat(replies).allSatisfy(r -> assertThat(r.plainText()).contains("Deckhand does not work in region 'x")
                .contains("Watched regions: eu-west-1, us-east-1"));
        // The list itself is asked once, in the home region; nothing else reaches AWS.
        assertThat(aws.clients.size() - clientsBefore).isLessThanOrEqualTo(1);
        assertThat(aws.server.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .contains("Action=DescribeRegions"));
        assertThat(aws.requests("DescribeRegions")).hasSize(1);
    }

    @Test
    void clients_behindTheRouter_refuseAnUnwatchedRegion_withTheList_andBuildNothing() {
        deckhand.aws().watchedRegions();
        int clientsBefore = aws.clients.size();

        assertThatThrownBy(() -> deckhand.aws().ec2("ap-south-1")).isInstanceOf(UserFacingException.class)
                .hasMessage("Deckhand does not work in region 'ap-south-1'. Watched regions: eu-west-1, us-east-1 "
                        + "(the account's enabled regions). No AWS client was made for it.");
        assertThat(aws.clients.size()).isEqualTo(clientsBefore);
        assertThat(deckhand.aws().ec2("eu-west-1")).isNotNull();
    }

    @Test
    void aChannelRegionStoredBeforeItWasUnwatched_isRefusedByTheClients_beforeAnyCall() {
        new ChannelSettings(deckhand.database()).setRegion("C0OLD", "ap-south-1");

        Reply reply = TestDeckhand.run(deckhand, "console", "C0OLD", "ec2 list");

        assertThat(reply.plainText()).contains("Deckhand does not work in region 'ap-south-1'. Watched regions: "
                + "eu-west-1, us-east-1");
        assertThat(aws.server.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString())
                .contains("Action=DescribeRegions"));
    }
}
