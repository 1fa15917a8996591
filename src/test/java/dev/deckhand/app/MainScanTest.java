package dev.deckhand.app;

import dev.deckhand.approval.ApprovalRequest;
import dev.deckhand.approval.ApprovalState;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deckhand scan}: one scan from a shell, a table, and an exit status for cron or CI. */
class MainScanTest {

    @TempDir
    Path temp;

    private AwsStub aws;
    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        LeakFixtures.twoRegions(aws);
        // The default credentials chain reads these; Main builds its own AwsClients like in production.
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(realOut);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        aws.close();
    }

    private int scan(String failAbove) throws Exception {
        return Main.run(new String[]{"scan"}, Map.of(
                "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(),
                "DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1",
                "DECKHAND_AWS_MAX_ATTEMPTS", "1",
                "DECKHAND_STORE_PATH", temp.resolve("d.db").toString(),
                "DECKHAND_COSTWATCH_FAIL_ABOVE_USD", failAbove));
    }

    @Test
    void scan_aboveTheThreshold_printsTheTableAndExitsOne() throws Exception {
        int status = scan("50");

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(table).startsWith("REGION     KIND      ID ")
                .contains("us-east-1  eip       eipalloc-0idle1")
                .contains("eu-west-1: $5.00/month\nus-east-1: $79.04/month\n")
                .contains("Total: $84.04/month estimated waste in 9 findings (prices dated 2026-11-01)");
    }

    @Test
    void scan_belowTheThreshold_exitsZero() throws Exception {
        assertThat(scan("100")).isZero();
    }

    @Test
    void scan_nextToARunningBot_leavesItsRunningApprovalAlone() throws Exception {
        // A scan from cron shares the bot's database: restart recovery there would mark the bot's run interrupted.
        Map<String, String> store = Map.of("DECKHAND_STORE_PATH", temp.resolve("d.db").toString());
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        try (var bot = TestDeckhand.start(temp, aws.clients, Clock.systemUTC(), new RecordingChatPort(), store)) {
            bot.approvals().store().insert(new ApprovalRequest("run00001", "U_DEV", "C1", "grant U_NEW deployer",
                    "us-east-1", "needs approval", Optional.empty(), ApprovalState.RUNNING, now, now.plusSeconds(3600),
                    Optional.empty(), List.of("U_BOSS"), "U_BOSS", Optional.of(now), ""));

            assertThat(scan("100")).isZero();

            assertThat(bot.approvals().store().find("run00001").orElseThrow().state()).isEqualTo(ApprovalState.RUNNING);
        }
    }

    @Test
    void help_listsTheScanMode() throws Exception {
        Main.run(new String[]{"--help"}, Map.of());

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("scan       one cost-watch scan of every region");
    }

    @Test
    void scan_whenRegionsCannotBeListed_saysWhyAndExitsTwo() throws Exception {
        aws.server.stubFor(AwsStub.queryAction("DescribeRegions").willReturn(AwsStub.ec2Error(403, "AuthFailure",
                "AWS was not able to validate the provided access credentials")));
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run(new String[]{"scan"}, Map.of(
                    "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(),
                    "DECKHAND_AWS_MAX_ATTEMPTS", "1",
                    "DECKHAND_STORE_PATH", temp.resolve("d.db").toString()));
        } finally {
            System.setErr(realErr);
        }

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Could not scan: AWS refused ec2:DescribeRegions in us-east-1");
    }
    @Test
    void scan_whenOneRegionIsDenied_printsTheOthersNamesTheFailureAndExitsTwo() throws Exception {
        aws.server.stubFor(AwsStub.inRegion(AwsStub.queryAction("DescribeInstances"), "eu-west-1").atPriority(0)
                .willReturn(AwsStub.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = withStderr(err, () -> scan("1000"));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(table).contains("us-east-1  eip       eipalloc-0idle1")
                .contains("eu-west-1: NOT SCANNED: AWS refused ec2:DescribeInstances in eu-west-1");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Scan incomplete: 1 of 2 regions could not be scanned in full (eu-west-1)");
    }

    @Test
    void scan_whenAwsIsUnreachable_exitsTwoEvenWithNothingFound() throws Exception {
        aws.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(0)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = withStderr(err, () -> scan("1000"));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("us-east-1: NOT SCANNED").contains("eu-west-1: NOT SCANNED");
    }

    @Test
    void scan_aboveTheThreshold_andARegionFailed_exitsTwo() throws Exception {
        aws.server.stubFor(AwsStub.inRegion(AwsStub.queryAction("DescribeVolumes"), "eu-west-1").atPriority(0)
                .willReturn(AwsStub.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));

        assertThat(withStderr(new ByteArrayOutputStream(), () -> scan("1"))).isEqualTo(2);
    }

    /** The dialect docs/scan.schema.json declares in its {@code $schema}; the validator is built for it. */
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** {@code scan --json} over us-east-1 (leaks), eu-west-1 (denied) and ap-south-1 (clean): exits 2. */
    private com.fasterxml.jackson.databind.JsonNode scanJson() throws Exception {
        aws.server.stubFor(AwsStub.inRegion(AwsStub.queryAction("DescribeInstances"), "eu-west-1").atPriority(0)
                .willReturn(AwsStub.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        int status = withStderr(new ByteArrayOutputStream(), () -> Main.run(new String[]{"scan", "--json"}, Map.of(
                "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(),
                "DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1,ap-south-1",
                "DECKHAND_AWS_MAX_ATTEMPTS", "1",
                "DECKHAND_STORE_PATH", temp.resolve("d.db").toString())));
        assertThat(status).isEqualTo(2);
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Each violation as "keyword at location", by a real JSON Schema validator (networknt, draft 2020-12). */
    private static List<String> violations(com.fasterxml.jackson.databind.JsonNode doc) throws Exception {
        var schemaJson = JSON.readTree(Path.of("docs/scan.schema.json").toFile());
        assertThat(schemaJson.path("$schema").asText()).as("the dialect the validator is built for").isEqualTo(DRAFT_2020_12);
        com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
                .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson);
        return schema.validate(doc).stream()
                .map(e -> e.getKeyword() + " at " + (e.getInstanceLocation().toString().isEmpty() ? "the root"
                        : e.getInstanceLocation().toString()) + (e.getProperty() == null ? "" : " " + e.getProperty()))
                .toList();
    }

    @Test
    void scanJson_fitsItsSchema_withTotalsFailuresAndCleanRegions() throws Exception {
        var doc = scanJson();

        assertThat(violations(doc)).isEmpty();
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("complete").asBoolean()).isFalse();
        assertThat(doc.get("failures").get(0).get("region").asText()).isEqualTo("eu-west-1");
        assertThat(doc.get("cleanRegions").toString()).isEqualTo("[\"ap-south-1\"]");
        assertThat(doc.get("totals").get("byRegion").get("us-east-1").decimalValue()).isEqualByComparingTo(
                doc.get("totalUsdPerMonth").decimalValue());
        assertThat(doc.get("totals").get("byOwner").has("U0ALICE")).isTrue();
        assertThat(doc.get("findings").get(0).get("cleanup").asText()).startsWith("leaks cleanup ");
    }

    /** The schema check can fail: the real output, broken one way at a time, is rejected where it was broken. */
    @Test
    void scanJson_brokenOneWayAtATime_isRejectedByTheSchema() throws Exception {
        var doc = (com.fasterxml.jackson.databind.node.ObjectNode) scanJson();
        assertThat(doc.get("findings").size()).isPositive();

        var missing = doc.deepCopy();
        missing.remove("priceDate");
        assertThat(violations(missing)).containsExactly("required at the root priceDate");

        var wrongType = doc.deepCopy();
        wrongType.put("complete", "no");
        assertThat(violations(wrongType)).containsExactly("type at /complete");

        var unknownTop = doc.deepCopy();
        unknownTop.put("costCenter", "x");
        assertThat(violations(unknownTop)).containsExactly("additionalProperties at the root costCenter");

        var unknownInFinding = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknownInFinding.get("findings").get(0)).put("tags", "x");
        assertThat(violations(unknownInFinding)).containsExactly("additionalProperties at /findings/0 tags");

        var missingInFinding = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) missingInFinding.get("findings").get(0)).remove("priceUnknown");
        assertThat(violations(missingInFinding)).containsExactly("required at /findings/0 priceUnknown");

        var textMoney = doc.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) textMoney.get("totals").get("byRegion")).put("us-east-1", "$79.04");
        assertThat(violations(textMoney)).containsExactly("type at /totals/byRegion/us-east-1");

        var nextVersion = doc.deepCopy();
        nextVersion.put("schemaVersion", 2);
        assertThat(violations(nextVersion)).containsExactly("enum at /schemaVersion");
    }

    @Test
    void scan_whenCloudWatchIsRefused_offersNoBusyLookingResource_namesWhatItCouldNotJudge_andExitsTwo() throws Exception {
        aws.server.stubFor(AwsStub.queryAction("GetMetricData").atPriority(0).willReturn(AwsStub.ec2Error(403,
                "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricData")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = withStderr(err, () -> scan("1000"));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("a region judged in part is an incomplete scan, not a clean or a costly one").isEqualTo(2);
        assertThat(table.lines().filter(line -> line.contains("i-0run1") || line.contains("idle-alb"))
                .filter(line -> !line.contains("PARTLY SCANNED"))).as("web-1 and idle-alb are not findings").isEmpty();
        assertThat(table).contains("us-east-1  eip       eipalloc-0idle1")
                .contains("us-east-1: PARTLY SCANNED: idleness of 1 running instance unknown (AWS refused cloudwatch:GetMetricData")
                .contains("us-east-1: PARTLY SCANNED: requests of 1 load balancer without a healthy target unknown (idle-alb; ")
                .contains("us-east-1: PARTLY SCANNED: requests of 1 Classic load balancer without a healthy instance unknown (old-clb; ");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 of 2 regions could not be scanned in full (us-east-1)");

        out.reset();
        withStderr(new ByteArrayOutputStream(), () -> Main.run(new String[]{"scan", "--json"}, Map.of(
                "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(), "DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1",
                "DECKHAND_AWS_MAX_ATTEMPTS", "1", "DECKHAND_STORE_PATH", temp.resolve("d.db").toString())));
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(doc.get("complete").asBoolean()).isFalse();
        assertThat(doc.get("failures").toString()).contains("\"region\":\"us-east-1\"")
                .contains("partly scanned: idleness of 1 running instance unknown");
    }

    @Test
    void scanJson_whenNoRegionCanBeListed_stillPrintsADocument_incompleteWithTheReason() throws Exception {
        aws.server.stubFor(AwsStub.queryAction("DescribeRegions").willReturn(AwsStub.ec2Error(403, "AuthFailure",
                "AWS was not able to validate the provided access credentials")));
        int status = withStderr(new ByteArrayOutputStream(), () -> Main.run(new String[]{"scan", "--json"}, Map.of(
                "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(), "DECKHAND_AWS_MAX_ATTEMPTS", "1",
                "DECKHAND_STORE_PATH", temp.resolve("d.db").toString())));

        var doc = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(violations(doc)).isEmpty();
        assertThat(doc.get("complete").asBoolean()).isFalse();
        assertThat(doc.get("findings").size()).isZero();
        assertThat(doc.get("failures").get(0).get("region").asText()).isEqualTo("*");
        assertThat(doc.get("failures").get(0).get("reason").asText())
                .startsWith("No region could be listed: AWS refused ec2:DescribeRegions in us-east-1");
    }

    @Test
    void table_listsRegionsWithFindings_andTheCleanOnesOnOneLine() throws Exception {
        int status = Main.run(new String[]{"scan"}, Map.of(
                "DECKHAND_AWS_ENDPOINT", aws.server.baseUrl(),
                "DECKHAND_AWS_REGIONS", "us-east-1,eu-west-1,ap-south-1,sa-east-1",
                "DECKHAND_AWS_MAX_ATTEMPTS", "1",
                "DECKHAND_STORE_PATH", temp.resolve("d.db").toString(),
                "DECKHAND_COSTWATCH_FAIL_ABOVE_USD", "1000"));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("eu-west-1: $5.00/month\nus-east-1: $")
                .contains("Clean (2 regions): ap-south-1, sa-east-1\n").doesNotContain("$0.00/month");
    }

    private interface Run {
        int run() throws Exception;
    }

    private static int withStderr(ByteArrayOutputStream err, Run run) throws Exception {
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return run.run();
        } finally {
            System.setErr(realErr);
        }
    }
}
