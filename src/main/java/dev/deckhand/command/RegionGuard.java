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
            if (region != null && region.equals(home)) {
                return region;
            }
            String valid = Regions.requireWellFormed(region);
            List<String> watched = regions.get();
            if (watched.contains(valid)) {
                return valid; // AWS lists it, even if Deckhand's list of names is older than it
            }
            if (!watched.contains(valid)) {
                // A near watched region first, else the real region name it misspells (ap-ortheast-2).
                String suggestion = Suggestions.nearest(valid, watched).map(s -> " Did you mean " + s + "?")
                        .orElseGet(() -> Regions.nearest(valid));
                throw new UsageException("Deckhand does not work in region '" + valid + "'." + suggestion,
                        "Watched regions: " + String.join(", ", watched) + " (aws.regions in config). For example: --region "
                                + (watched.isEmpty() ? "us-east-1" : watched.get(0)));
            }
            return valid;
        };
    }
}
