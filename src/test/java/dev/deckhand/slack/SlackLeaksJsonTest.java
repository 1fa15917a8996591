package dev.deckhand.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.access.Role;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.costwatch.ScanJson;
import dev.deckhand.testing.LeakFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deckhand.slack.SlackStub.apiRequested;
import static dev.deckhand.slack.SlackStub.responseUrlRequested;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.inRegion;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code leaks --json} as Slack receives it, for scripts that copy it: the document exactly as
 * {@link ScanJson#render} wrote it (an owner's user id stays an id, not a mention; {@code & < >} stay
 * themselves), and one longer than a message arrives whole, in messages Slack accepts, whose
 * preformatted texts concatenate back to it, through response_url or, when that is gone, chat.postEphemeral.
 */
class SlackLeaksJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Unattached volumes in us-east-1: a document of about 200 KB, more than 50 blocks of 3,000 characters. */
    private static final int MANY = 400;
    /** What the instant test command {@code dump} answers: 30,000 characters, more than one message holds. */
    private static final String DUMP = "{\"line\": \"U024BE7LH <b> & c\"}\n".repeat(1000);

    @TempDir
    static Path dir;
    private static SlackRig rig;
    private static SlackStub slack;

    @BeforeAll
    static void start() throws Exception {
        SlackSettings settings = new SlackSettings(0, "/deckhand", Set.of("help", "dump"), 2, Duration.ZERO,
                Duration.ofSeconds(60), SlackStub.BOT_TOKEN, Optional.of(SlackStub.SIGNING_SECRET), Optional.empty());
        rig = new SlackRig(dir, settings, Clock.fixed(NOW, ZoneOffset.UTC), Map.of("DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1"),
                aws -> {
                    LeakFixtures.emptyEverywhere(aws);
                    aws.server.stubFor(inRegion(queryAction("DescribeVolumes"), "eu-west-1").atPriority(1)
                            .willReturn(ec2Xml("DescribeVolumes", "<volumeSet>"
                                    + volume("vol-0owned1", "eu-west-1a", "U024BE7LH", "db &lt;old&gt; &amp; big") + "</volumeSet>")));
                    StringBuilder many = new StringBuilder("<volumeSet>");
                    for (int i = 0; i < MANY; i++) {
                        many.append(volume("vol-0many" + i, "us-east-1a", "W0123ABCD" + (i % 10), "scratch-" + i));
                    }
                    aws.server.stubFor(inRegion(queryAction("DescribeVolumes"), "us-east-1").atPriority(1)
                            .willReturn(ec2Xml("DescribeVolumes", many.append("</volumeSet>").toString())));
                }, d -> d.registry().register(CommandSpec.command("dump").usage("dump").description("Test verbatim")
                        .example("dump").role(Role.VIEWER).args(0, 0)
                        .handledBy(context -> Reply.builder().verbatim(DUMP).build())));
        slack = rig.slack;
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    private static String volume(String id, String zone, String owner, String name) {
        return "<item><volumeId>" + id + "</volumeId><size>50</size><availabilityZone>" + zone + "</availabilityZone>"
                + "<status>available</status><createTime>2026-11-01T12:00:00.000Z</createTime><attachmentSet/>"
                + "<volumeType>gp2</volumeType><tagSet><item><key>deckhand:owner</key><value>" + owner + "</value></item>"
                + "<item><key>Name</key><value>" + name + "</value></item></tagSet></item>";
    }

    private static void send(String text, String trigger) {
        assertThat(slack.send(rig.adapter.port(), slack.slashBody("UVIEW", "C1", text, trigger), NOW).statusCode())
                .isEqualTo(200);
    }

    /** What {@code leaks --json} must show: the cached scan (the clock stands still), rendered. */
    private static String document(List<String> regions) {
        return ScanJson.render(rig.deckhand.costWatch().scans().scan(regions, false, Progress.NONE),
                rig.deckhand.prices().date());
    }

    /** The blocks of a response_url post, or of a Web API call's {@code blocks} form field. */
    private static JsonNode blocks(LoggedRequest request) throws Exception {
        if (request.getUrl().startsWith("/respond/")) {
            return JSON.readTree(request.getBodyAsString()).path("blocks");
        }
        return JSON.readTree(SlackStub.form(request).get("blocks"));
    }

    /** The texts of the message's rich-text preformatted blocks, in order. */
    private static List<String> preformatted(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.path("type").asText().equals("rich_text")) {
                for (JsonNode element : block.path("elements")) {
                    if (element.path("type").asText().equals("rich_text_preformatted")) {
                        StringBuilder text = new StringBuilder();
                        element.path("elements").forEach(e -> text.append(e.path("text").asText()));
                        texts.add(text.toString());
                    }
                }
            }
        }
        return texts;
    }

    /** Every text value anywhere in the blocks. */
    private static List<String> allTexts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.findValues("text").forEach(t -> out.add(t.isTextual() ? t.asText() : t.toString()));
        return out;
    }

    /** The posts that carry the document (progress and acknowledgements carry none), concatenated in arrival order. */
    private static String received(List<LoggedRequest> posts) throws Exception {
        StringBuilder all = new StringBuilder();
        for (LoggedRequest post : posts) {
            preformatted(blocks(post)).forEach(all::append);
        }
        return all.toString();
    }

    @Test
    void leaksJson_showsTheOwnersUserIdAsItIs_notAsAMention_andTheDocumentUnchanged() throws Exception {
        send("leaks --json --region eu-west-1", "j-owner");

        List<LoggedRequest> posts = slack.await(responseUrlRequested("j-owner").withRequestBody(containing("vol-0owned1")), 1);
        assertThat(posts).hasSize(1);
        JsonNode blocks = blocks(posts.get(0));
        String expected = document(List.of("eu-west-1"));
        assertThat(expected).contains("\"owner\" : \"U024BE7LH\"").contains("db <old> & big");
        assertThat(allTexts(blocks)).noneMatch(t -> t.contains("<@U024BE7LH>") || t.contains("```"));
        assertThat(preformatted(blocks)).containsExactly(expected);
        assertThat(JSON.readTree(received(posts)).path("findings").get(0).path("owner").asText()).isEqualTo("U024BE7LH");
    }

    @Test
    void leaksJson_longerThanAMessage_arrivesWhole_inMessagesSlackAccepts() throws Exception {
        String expected = document(List.of());
        assertThat(expected.length()).as("more than 50 sections of 3,000 characters").isGreaterThan(50 * 3000);
        int parts = BlockKitRenderer.parts(Reply.builder().verbatim(expected).build()).size();

        send("leaks --json", "j-big");

        slack.await(responseUrlRequested("j-big").withRequestBody(containing("Part " + parts + " of " + parts)), 1);
        List<LoggedRequest> posts = slack.server.findAll(responseUrlRequested("j-big").withRequestBody(containing("rich_text")));
        assertThat(posts).hasSize(parts).hasSizeGreaterThan(1);
        for (int i = 0; i < posts.size(); i++) {
            JsonNode body = JSON.readTree(posts.get(i).getBodyAsString());
            assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(body.path("blocks").size()).isLessThanOrEqualTo(50);
            List<String> texts = preformatted(body.path("blocks"));
            assertThat(texts).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(3000));
            // Slack refuses a message whose blocks hold about 13,000 characters (msg_blocks_too_long).
            assertThat(body.path("blocks").toString().length()).isLessThan(12_000);
            assertThat(allTexts(body.path("blocks"))).contains("Part " + (i + 1) + " of " + parts);
        }
        String whole = received(posts);
        assertThat(whole).isEqualTo(expected);
        assertThat(JSON.readTree(whole).path("findings").size()).isEqualTo(MANY + 1);
    }

    @Test
    void leaksJson_whenResponseUrlIsGone_arrivesWhole_withChatPostEphemeral_inOrder() throws Exception {
        slack.server.stubFor(post(urlPathEqualTo("/respond/j-gone")).willReturn(aResponse().withStatus(404).withBody("used_url")));
        String expected = document(List.of());
        int parts = BlockKitRenderer.parts(Reply.builder().verbatim(expected).build()).size();

        send("leaks --json", "j-gone");

        List<LoggedRequest> shown = slack.await(apiRequested("chat.postEphemeral").withRequestBody(containing("rich_text")), parts);
        assertThat(shown).hasSize(parts).allSatisfy(p -> assertThat(SlackStub.form(p)).containsEntry("user", "UVIEW"));
        assertThat(received(shown)).isEqualTo(expected);
    }

    @Test
    void anInstantAnswerLongerThanAMessage_isNotCutIntoTheAcknowledgement_butSentInPartsToResponseUrl() throws Exception {
        int parts = BlockKitRenderer.parts(Reply.builder().verbatim(DUMP).build()).size();

        var ack = slack.send(rig.adapter.port(), slack.slashBody("UVIEW", "C1", "dump", "j-dump"), NOW);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).doesNotContain("rich_text").contains("Sending it in parts");
        List<LoggedRequest> posts = slack.await(responseUrlRequested("j-dump").withRequestBody(containing("rich_text")), parts);
        assertThat(posts).hasSize(parts).hasSizeGreaterThan(1);
        assertThat(received(posts)).isEqualTo(DUMP);
    }
}
