package dev.deckhand.trend;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.slack.SlackChatPort;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class TrendUploadTest {

    @TempDir
    Path temp;

    /** files.uploadV2 as Slack's SDK does it: get an upload URL, POST the bytes there, complete into the thread. */
    @Test
    void theChart_isUploadedIntoTheThread_withFilesUploadV2() {
        WireMockServer slack = new WireMockServer(options().dynamicPort());
        slack.start();
        try {
            slack.stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).willReturn(okJson(
                    "{\"ok\":true,\"upload_url\":\"" + slack.baseUrl() + "/upload/v1/abc\",\"file_id\":\"F0TREND\"}")));
            slack.stubFor(post(urlPathEqualTo("/upload/v1/abc")).willReturn(aResponse().withStatus(200).withBody("OK - 1234")));
            slack.stubFor(post(urlPathEqualTo("/api/files.completeUploadExternal")).willReturn(okJson(
                    "{\"ok\":true,\"files\":[{\"id\":\"F0TREND\",\"title\":\"Waste trend\"}]}")));
            slack.stubFor(post(urlPathEqualTo("/api/files.info")).willReturn(okJson(
                    "{\"ok\":true,\"file\":{\"id\":\"F0TREND\",\"title\":\"Waste trend\"}}")));
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(slack.baseUrl() + "/api/");
            SlackChatPort port = new SlackChatPort(Slack.getInstance(config).methods("xoxb-test"));
            byte[] png = TrendChart.png(new WeeklyTrend(java.util.List.of(java.time.LocalDate.parse("2026-11-30")),
                    Map.of(), java.util.List.of(0.0)));

            port.uploadInThread(new ChatPort.MessageRef("C0COST", "1764669600.000100"), "waste-trend.png", "Waste trend", png);

            assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/files.getUploadURLExternal"))).get(0).getBodyAsString())
                    .contains("filename=waste-trend.png", "length=" + png.length);
            assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/upload/v1/abc"))).get(0).getBody()).isEqualTo(png);
            String complete = java.net.URLDecoder.decode(slack.findAll(postRequestedFor(
                    urlPathEqualTo("/api/files.completeUploadExternal"))).get(0).getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(complete).contains("\"id\":\"F0TREND\"", "channel_id=C0COST", "thread_ts=1764669600.000100");
        } finally {
            slack.stop();
        }
    }

    @Test
    void theDigest_carriesTheChartInItsThread_onceAWeek() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        RecordingChatPort chat = new RecordingChatPort();
        try (AwsStub aws = new AwsStub(1)) {
            LeakFixtures.emptyEverywhere(aws);
            LeakFixtures.usEast1(aws, 1);
            try (Deckhand deckhand = TestDeckhand.start(temp, aws.clients, clock, chat, Map.of(
                    "DECKHAND_AWS_REGIONS", "us-east-1", "DECKHAND_COSTWATCH_CHANNEL", "C0COST"))) {
                deckhand.costWatch().digest().run();

                assertThat(chat.ofKind("upload")).singleElement().satisfies(u -> {
                    assertThat(u.target()).isEqualTo("C0COST");
                    assertThat(u.messageId()).isEqualTo(chat.ofKind("post").get(0).messageId());
                    assertThat(u.reply().body()).isEqualTo("waste-trend-2026-11-30.png");
                });
                assertThat(ImageIO.read(new ByteArrayInputStream(chat.uploads.get(0))).getWidth()).isEqualTo(TrendChart.WIDTH);
                WeeklyTrend trend = deckhand.trend().store().weekly(clock.instant(), 12, java.time.ZoneId.of("UTC"));
                assertThat(trend.totalOf(11)).as("this scan's totals were stored").isEqualTo(79.04, org.assertj.core.data.Offset.offset(0.001));

                clock.advance(Duration.ofDays(1));
                deckhand.costWatch().invalidate();
                deckhand.costWatch().digest().run();
                assertThat(chat.ofKind("upload")).as("Tuesday's digest: the chart was posted this week").hasSize(1);
            }
        }
    }
}
