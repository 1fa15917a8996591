package dev.deckhand.costwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scan as a versioned JSON document for scripts ({@code deckhand scan --json}, {@code leaks --json}).
 * Its shape is {@code docs/scan.schema.json}; {@link #VERSION} goes up when a field changes meaning or
 * goes away, and when a field is added: the schema is strict (no other fields), so a script can rely on a
 * version's exact shape. Money is a number of USD per month.
 */
public final class ScanJson {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScanJson() {
    }

    public static String render(ScanResult result, String priceDate) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", VERSION);
        doc.put("scannedAt", result.at().toString());
        doc.put("priceDate", priceDate);
        doc.put("complete", result.complete());
        doc.put("totalUsdPerMonth", result.total());
        doc.put("totalIsLowerBound", result.totalIsLowerBound());
        List<Map<String, Object>> findings = new ArrayList<>();
        Map<String, BigDecimal> byOwner = new TreeMap<>();
        for (Leak l : result.leaks()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("kind", l.kind().noun());
            f.put("finding", l.kind().name());
            f.put("region", l.region());
            f.put("id", l.id());
            f.put("name", l.name());
            f.put("owner", l.hasOwner() ? l.owner() : null);
            f.put("since", l.since() == null ? null : l.since().toString());
            f.put("ageDays", l.age() == null ? null : l.age().toDays());
            f.put("usdPerMonth", l.monthlyCost());
            f.put("priceUnknown", l.priceUnknown());
            f.put("reason", l.reason());
            f.put("cleanup", LeakCards.cleanupCommand(l));
            findings.add(f);
            byOwner.merge(l.hasOwner() ? l.owner() : Leak.UNKNOWN_OWNER, l.monthlyCost(), BigDecimal::add);
        }
        doc.put("findings", findings);
        Map<String, Object> totals = new LinkedHashMap<>();
        // Places are account/region with aws.accounts; without, one account: the one the credentials reach.
        Map<String, BigDecimal> byAccount = result.totalsByAccount();
        totals.put("byAccount", byAccount.isEmpty() ? Map.of("default", result.total()) : byAccount);
        totals.put("byRegion", new TreeMap<>(result.totalsByRegion()));
        totals.put("byOwner", byOwner);
        doc.put("totals", totals);
        List<String> clean = result.regions().stream()
                .filter(o -> o instanceof RegionOutcome.Scanned s && s.clean()).map(RegionOutcome::region).toList();
        doc.put("cleanRegions", clean);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (RegionOutcome.Failed f : result.failures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", f.region());
            m.put("reason", f.reason());
            failures.add(m);
        }
        for (RegionOutcome.Gap g : result.gaps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", g.region());
            m.put("reason", "partly scanned: " + g.reason());
            failures.add(m);
        }
        doc.put("failures", failures);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("scan JSON could not be written", e);
        }
    }
}
