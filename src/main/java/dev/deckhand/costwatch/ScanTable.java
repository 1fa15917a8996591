package dev.deckhand.costwatch;

import dev.deckhand.pricing.PriceTable;

import java.util.ArrayList;
import java.util.List;

/** A scan as a plain-text table for {@code deckhand scan} (cron jobs, CI logs). */
public final class ScanTable {

    private static final String[] HEADERS = {"REGION", "KIND", "ID", "NAME", "OWNER", "AGE", "USD/MONTH", "REASON"};

    private ScanTable() {
    }

    public static String render(ScanResult result, String priceDate) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Leak l : result.leaks()) {
            rows.add(new String[]{l.region(), l.kind().noun(), l.id(), l.name().isEmpty() ? "-" : l.name(), l.owner(),
                    l.age() == null ? "-" : Ages.words(l.age()), (l.priceUnknown() ? ">=" : "") + l.monthlyCost().toPlainString(), l.reason()});
        }
        int[] width = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.append('\n');
        }
        out.append('\n');
        // Regions with findings get a line each; the clean ones share one (38 "$0.00" lines hid the rest).
        List<String> clean = new ArrayList<>();
        for (RegionOutcome outcome : result.regions()) {
            if (outcome instanceof RegionOutcome.Scanned s) {
                if (s.clean()) {
                    clean.add(s.region());
                } else if (!s.leaks().isEmpty()) {
                    out.append(s.region()).append(": ").append(PriceTable.usd(s.total())).append("/month\n");
                }
            }
        }
        if (!clean.isEmpty()) {
            out.append("Clean (").append(clean.size()).append(clean.size() == 1 ? " region): " : " regions): ")
                    .append(String.join(", ", clean)).append('\n');
        }
        for (RegionOutcome.Failed f : result.failures()) {
            out.append(f.region()).append(": NOT SCANNED: ").append(f.reason()).append('\n');
        }
        for (RegionOutcome.Gap g : result.gaps()) {
            out.append(g.region()).append(": PARTLY SCANNED: ").append(g.reason()).append('\n');
        }
        out.append("Total: ").append(result.totalText()).append("/month estimated waste in ")
                .append(result.leaks().size()).append(result.leaks().size() == 1 ? " finding" : " findings")
                .append(" (prices dated ").append(priceDate).append(")\n");
        return out.toString();
    }
}
