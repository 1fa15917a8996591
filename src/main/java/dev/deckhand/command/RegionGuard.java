package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides which regions a command may name, before any AWS client exists for it: a region Deckhand
 * watches ({@code aws.regions}, else the account's enabled regions). A made-up region is refused with
 * the list, so chat input cannot make Deckhand build clients (and threads) without bound.
 */
@FunctionalInterface
public interface RegionGuard {

    /** @return the region, when watched; @throws UsageException otherwise, naming the watched ones */
    String require(String region);

    /** Only the spelling is checked: for tests that have no AWS behind them. */
    RegionGuard SPELLING_ONLY = Regions::requireValid;

    /**
     * The watched list, asked each time (it is cached by whoever supplies it).
     *
     * @param home the configured default region: always watched, and answered without asking AWS
     */
    static RegionGuard watched(String home, Supplier<List<String>> regions) {
        return region -> {
            String valid = Regions.requireValid(region);
            if (valid.equals(home)) {
                return valid;
            }
            List<String> watched = regions.get();
            if (!watched.contains(valid)) {
                String suggestion = Suggestions.nearest(valid, watched).map(s -> " Did you mean " + s + "?").orElse("");
                throw new UsageException("Deckhand does not work in region '" + valid + "'." + suggestion,
                        "Watched regions: " + String.join(", ", watched) + " (aws.regions in config). For example: --region "
                                + (watched.isEmpty() ? "us-east-1" : watched.get(0)));
            }
            return valid;
        };
    }
}
