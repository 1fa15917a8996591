package dev.deckhand.costwatch;

import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.List;

/**
 * The exit status of a one-shot {@code deckhand scan}, for cron and CI: 0 when every asked region was
 * scanned and the waste is within the threshold, 1 when the waste is above it, 2 when any region could
 * not be scanned. A partial scan is never "fine": the regions that did not answer may hide the waste,
 * so 2 wins over 1 and over 0. Nor is a total with an unknown price: a finding whose price could not be
 * found (not in the table, the Price List API failed) may cost anything, so a lower bound within the
 * threshold still exits 1, with the reason.
 *
 * @param code    the process exit status
 * @param message what to print on stderr, if anything
 */
public record ScanExit(int code, Optional<String> message) {

    public static final int OK = 0;
    public static final int ABOVE_THRESHOLD = 1;
    public static final int INCOMPLETE = 2;

    public static ScanExit of(ScanResult result, BigDecimal limit) {
        if (!result.complete()) {
            List<String> incomplete = result.incompleteRegions();
            return new ScanExit(INCOMPLETE, Optional.of("Scan incomplete: " + incomplete.size() + " of "
                    + result.regions().size() + (result.regions().size() == 1 ? " region" : " regions")
                    + " could not be scanned in full (" + String.join(", ", incomplete)
                    + "); the waste there is not counted, or only in part."));
        }
        if (result.total().compareTo(limit) > 0) {
            return new ScanExit(ABOVE_THRESHOLD, Optional.of("Estimated waste " + result.totalText()
                    + "/month is above costwatch.failAboveUsd (" + PriceTable.usd(limit) + ")."));
        }
        if (result.totalIsLowerBound()) {
            long unknown = result.leaks().stream().filter(Leak::priceUnknown).count();
            return new ScanExit(ABOVE_THRESHOLD, Optional.of("Estimated waste is " + result.totalText() + "/month, but "
                    + unknown + (unknown == 1 ? " finding's price is" : " findings' prices are")
                    + " unknown, so it may be above costwatch.failAboveUsd (" + PriceTable.usd(limit)
                    + "); each one's reason says which price is missing. Allowing pricing:GetProducts (the Price List API) "
                    + "prices instance types the table lacks."));
        }
        return new ScanExit(OK, Optional.empty());
    }
}
