package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.pricing.AwsPriceList;
import dev.deckhand.costwatch.IdleRules;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.costwatch.ScanResult;
import dev.deckhand.costwatch.ScanTable;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.LivePrices;
import dev.deckhand.pricing.PriceCache;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.store.Database;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.LeakFixtures;
import dev.deckhand.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** Instance types the dated table lacks, priced by the Price List API (WireMock speaking JSON 1.1) and cached. */
class PriceListTest {

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private AwsStub aws;
    private Database db;
    private AwsLeakScanner scanner;

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        LeakFixtures.emptyEverywhere(aws);
        db = Database.open(temp.resolve("d.db"));
        PriceTable table = PriceTable.load(Path.of("config/prices.yml"));
        scanner = AwsLeakScanner.create(aws.clients, table,
                new LivePrices(table, new AwsPriceList(aws.clients), new PriceCache(db), clock),
                clock, "us-east-1", InstanceListings.none(clock), IdleRules.DEFAULTS, AwsLeakScanner.THREADS);
        // An unowned c7i.large running for 24 days: a finding whatever CloudWatch says.
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(1).willReturn(ec2Xml("DescribeInstances",
                "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                        + "<instancesSet>" + LeakFixtures.instanceXml("i-0big", "running", 16, "c7i.large",
                        "2026-11-01T12:00:00.000Z", null, "", LeakFixtures.tagsXml("Name", "big")) + "</instancesSet></item>"
                        + "</reservationSet>")));
    }

    @AfterEach
    void stop() {
        scanner.close();
        db.close();
        aws.close();
    }

    private ScanResult scan() {
        return scan("us-east-1");
    }

    private ScanResult scan(String region) {
        RegionOutcome outcome = scanner.scan(region).join();
        return new ScanResult(clock.instant(), List.of(outcome), Map.of());
    }

    /** An unowned m5.large in {@code region}: the table prices m5.large in us-east-1 ($70.08) but has no row for eu-north-1. */
    private void m5LargeIn(String region) {
        aws.server.stubFor(AwsStub.inRegion(queryAction("DescribeInstances"), region).atPriority(0).willReturn(ec2Xml(
                "DescribeInstances", "<reservationSet><item><reservationId>r-2</reservationId><ownerId>123456789012</ownerId>"
                        + "<groupSet/><instancesSet>" + LeakFixtures.instanceXml("i-0north", "running", 16, "m5.large",
                        "2026-11-01T12:00:00.000Z", null, "", LeakFixtures.tagsXml("Name", "north"))
                        + "</instancesSet></item></reservationSet>")));
    }

    private static final String PRODUCT = "{\"product\":{\"attributes\":{\"instanceType\":\"c7i.large\"}},"
            + "\"terms\":{\"OnDemand\":{\"X.JRTCKXETXF\":{\"priceDimensions\":{\"X.JRTCKXETXF.6YS6EN2CT7\":"
            + "{\"unit\":\"Hrs\",\"pricePerUnit\":{\"USD\":\"0.0893000000\"}}}}}}}";

    @Test
    void aTypeMissingFromTheTable_isPricedByThePriceListApi_andCachedWithItsDate() throws Exception {
        String answer = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("FormatVersion", "aws_v1", "PriceList", List.of(PRODUCT)));
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts").willReturn(AwsStub.json(answer)));

        Leak leak = scan().leaks().get(0);

        assertThat(leak.priceUnknown()).isFalse();
        assertThat(leak.monthlyCost()).isEqualByComparingTo(new BigDecimal("0.0893").multiply(new BigDecimal(
                PriceTable.load(Path.of("config/prices.yml")).hoursPerMonth())).setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(leak.reason()).contains("c7i.large $").contains("Price List API price of 2026-11-25");
        String request = aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "AWSPriceListService.GetProducts"))).get(0).getBodyAsString();
        assertThat(request).contains("\"ServiceCode\":\"AmazonEC2\"").contains("\"Value\":\"c7i.large\"")
                .contains("\"Value\":\"us-east-1\"");

        aws.server.resetMappings();
        LeakFixtures.emptyEverywhere(aws);
        start2();
        assertThat(new PriceCache(db).find("us-east-1", "c7i.large")).hasValueSatisfying(c ->
                assertThat(c.asOf()).isEqualTo(clock.instant()));
    }

    /** A second scan with the API gone answers from the store. */
    private void start2() {
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(1).willReturn(ec2Xml("DescribeInstances",
                "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                        + "<instancesSet>" + LeakFixtures.instanceXml("i-0big", "running", 16, "c7i.large",
                        "2026-11-01T12:00:00.000Z", null, "", LeakFixtures.tagsXml("Name", "big")) + "</instancesSet></item>"
                        + "</reservationSet>")));
        Leak again = scan().leaks().get(0);
        assertThat(again.priceUnknown()).isFalse();
        assertThat(again.reason()).contains("Price List API price of 2026-11-25");
    }

    @Test
    void whenThePriceListApiFails_theFindingSaysPriceUnknown_andTheTotalSaysAtLeast() {
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform pricing:GetProducts\"}")));

        ScanResult result = scan();

        Leak leak = result.leaks().get(0);
        assertThat(leak.priceUnknown()).isTrue();
        assertThat(leak.reason()).contains("c7i.large price unknown");
        assertThat(result.totalText()).startsWith("at least $");
        assertThat(ScanTable.render(result, "2026-11-01")).contains("Total: at least $");
    }

    @Test
    void aRegionMissingFromTheTable_whenThePriceListApiFails_isPriceUnknown_notUsEast1sPrice() {
        m5LargeIn("eu-north-1");
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized to perform pricing:GetProducts\"}")));

        ScanResult result = scan("eu-north-1");

        Leak leak = result.leaks().get(0);
        assertThat(leak.region()).isEqualTo("eu-north-1");
        assertThat(leak.priceUnknown()).as("fail closed: the region was asked of the API, which could not answer").isTrue();
        assertThat(leak.reason()).contains("m5.large price unknown").doesNotContain("$70.08").doesNotContain("us-east-1");
        assertThat(leak.monthlyCost()).as("the instance's own cost is unknown, so not counted").isZero();
        assertThat(result.totalText()).isEqualTo("at least $0.00");
        assertThat(ScanTable.render(result, "2026-11-01")).contains("Total: at least $").doesNotContain("$70.08");
        assertThat(priceQuestions()).isEqualTo(1);
        String request = aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/")).withHeader("X-Amz-Target",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWSPriceListService.GetProducts")))
                .get(0).getBodyAsString();
        assertThat(request).contains("\"Value\":\"eu-north-1\"").contains("\"Value\":\"m5.large\"");
    }

    @Test
    void aRegionMissingFromTheTable_isPricedByThePriceListApi_forThatRegion() throws Exception {
        m5LargeIn("eu-north-1");
        String product = PRODUCT.replace("c7i.large", "m5.large").replace("0.0893000000", "0.1020000000");
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts").willReturn(AwsStub.json(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                        Map.of("FormatVersion", "aws_v1", "PriceList", List.of(product))))));

        ScanResult result = scan("eu-north-1");

        Leak leak = result.leaks().get(0);
        assertThat(leak.priceUnknown()).isFalse();
        assertThat(leak.reason()).contains("m5.large $74.46").contains("Price List API price of 2026-11-25");
        assertThat(result.totalText()).doesNotStartWith("at least");
        assertThat(new PriceCache(db).find("eu-north-1", "m5.large")).isPresent();
    }

    @Test
    void aRegionTheTablePrices_isNotAskedOfTheApi() {
        m5LargeIn("us-east-1");

        Leak leak = scan("us-east-1").leaks().stream().filter(l -> l.id().equals("i-0north")).findFirst().orElseThrow();

        assertThat(leak.priceUnknown()).isFalse();
        assertThat(leak.reason()).contains("m5.large $70.08");
        assertThat(priceQuestions()).isZero();
    }

    @Test
    void anUnansweredQuestion_isNotAskedAgainForAnHour_andTenInstancesOfOneTypeAskOnce() {
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts").willReturn(AwsStub.json(
                "{\"FormatVersion\":\"aws_v1\",\"PriceList\":[]}")));
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ten.append(LeakFixtures.instanceXml("i-0big" + i, "running", 16, "c7i.large", "2026-11-01T12:00:00.000Z", null,
                    "", LeakFixtures.tagsXml("Name", "big" + i)));
        }
        aws.server.stubFor(queryAction("DescribeInstances").atPriority(0).willReturn(ec2Xml("DescribeInstances",
                "<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                        + "<instancesSet>" + ten + "</instancesSet></item></reservationSet>")));

        assertThat(scan().leaks()).hasSize(10).allSatisfy(leak -> assertThat(leak.priceUnknown()).isTrue());
        assertThat(scan().leaks()).hasSize(10).allSatisfy(leak -> assertThat(leak.priceUnknown()).isTrue());
        assertThat(priceQuestions()).as("one question for ten instances and two scans").isEqualTo(1);

        clock.advance(java.time.Duration.ofMinutes(61));
        scan();
        assertThat(priceQuestions()).as("asked again after an hour").isEqualTo(2);
    }

    private int priceQuestions() {
        return aws.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/")).withHeader("X-Amz-Target",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWSPriceListService.GetProducts"))).size();
    }
}
