package dev.deckhand.costwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScanJsonTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    private static Leak volume(String id, String place, String usd) {
        return Leak.of(LeakKind.VOLUME, id, "", place, "alice", NOW.minus(Duration.ofDays(9)), NOW, "not attached",
                new BigDecimal(usd), "");
    }

    private static RegionOutcome.Scanned scanned(String place, Leak... leaks) {
        return new RegionOutcome.Scanned(place, List.of(leaks), Duration.ofMillis(300));
    }

    private static JsonNode render(RegionOutcome... regions) throws Exception {
        return new ObjectMapper().readTree(ScanJson.render(new ScanResult(NOW, List.of(regions), Map.of()), "2026-11-01"));
    }

    @Test
    void withAccounts_theTotalsByAccountAreEachAccounts() throws Exception {
        JsonNode doc = render(scanned("dev/eu-west-1", volume("vol-1", "dev/eu-west-1", "5.00")),
                scanned("dev/us-east-1", volume("vol-2", "dev/us-east-1", "2.50")),
                scanned("prod/us-east-1", volume("vol-3", "prod/us-east-1", "8.00")));

        JsonNode byAccount = doc.get("totals").get("byAccount");
        assertThat(byAccount.size()).isEqualTo(2);
        assertThat(byAccount.get("dev").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(byAccount.get("prod").decimalValue()).isEqualByComparingTo("8.00");
    }

    @Test
    void withoutAccounts_everythingIsTheDefaultAccounts() throws Exception {
        JsonNode doc = render(scanned("us-east-1", volume("vol-1", "us-east-1", "5.00")), scanned("eu-west-1"));

        assertThat(doc.get("totals").get("byAccount").size()).isEqualTo(1);
        assertThat(doc.get("totals").get("byAccount").get("default").decimalValue()).isEqualByComparingTo("5.00");
    }

    @Test
    void aPartlyScannedRegion_makesTheDocumentIncomplete_andNamesTheGap() throws Exception {
        JsonNode doc = render(new RegionOutcome.Scanned("us-east-1", List.of(), Duration.ofMillis(300),
                List.of("idleness of 2 running instances unknown (AWS refused cloudwatch:GetMetricData)")));

        assertThat(doc.get("complete").asBoolean()).isFalse();
        assertThat(doc.get("failures").get(0).get("region").asText()).isEqualTo("us-east-1");
        assertThat(doc.get("failures").get(0).get("reason").asText())
                .isEqualTo("partly scanned: idleness of 2 running instances unknown (AWS refused cloudwatch:GetMetricData)");
        assertThat(doc.get("cleanRegions").size()).as("a region judged in part is not clean").isZero();
    }
}
