package dev.deckhand.aws.costwatch;

import dev.deckhand.accounts.Account;
import dev.deckhand.accounts.Accounts;
import dev.deckhand.accounts.CallerScope;
import dev.deckhand.aws.AwsClients;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakCleaner;
import dev.deckhand.costwatch.LeakScanner;
import dev.deckhand.costwatch.RegionOutcome;
import dev.deckhand.ec2.InstanceListings;
import dev.deckhand.pricing.PriceTable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cost watch over every account of {@code aws.accounts}: one {@link AwsLeakScanner} per account (its
 * clients pinned to that account, so the scan's pool threads call in the right one with the bot's STS
 * session), and "regions" that are places, {@code prod/eu-west-1}. The scan service scans them all in
 * parallel into one result whose regions, findings and totals carry the account; an account whose role
 * cannot be assumed fails its own places, with what to fix, and the others are reported.
 *
 * <p>A plain region ({@code eu-west-1}, as {@code leaks --region} gives it) is taken in the account of the
 * command asking ({@link CallerScope}), else the first.
 */
public final class AccountsLeakScanner implements LeakScanner, AutoCloseable {

    /** The place of an account whose regions could not be listed ({@code sandbox/*}): its scan is that failure. */
    static final String UNLISTED = "*";

    private final Accounts accounts;
    private final Map<String, AwsLeakScanner> scanners = new LinkedHashMap<>();
    /** Why an account's regions could not be listed, by account, for the scan of its {@link #UNLISTED} place. */
    private final Map<String, String> unlisted = new ConcurrentHashMap<>();

    /** How one account's scanner is made: its clients, its home region, the listings cache it may feed. */
    @FunctionalInterface
    public interface PerAccount {
        AwsLeakScanner create(AwsClients clients, String homeRegion, InstanceListings listings);
    }

    public AccountsLeakScanner(AwsClients aws, Accounts accounts, PriceTable prices, Clock clock, InstanceListings listings) {
        this(aws, accounts, clock, listings, (clients, home, shared) -> AwsLeakScanner.create(clients, prices, clock, home, shared));
    }

    public AccountsLeakScanner(AwsClients aws, Accounts accounts, Clock clock, InstanceListings listings, PerAccount perAccount) {
        this.accounts = accounts;
        for (Account account : accounts.all()) {
            // Only the default account shares ec2 list's cache: the cache is keyed by region alone.
            InstanceListings shared = account.equals(accounts.defaultAccount().orElseThrow()) ? listings : InstanceListings.none(clock);
            scanners.put(account.name(), perAccount.create(aws.inAccount(account.name()), account.defaultRegion(), shared));
        }
    }

    /**
     * Every account's watched regions (its enabled ones when it lists none), as places. An account whose
     * enabled regions cannot be asked (its role cannot be assumed) is one place, {@code account/*}, whose
     * scan fails with the reason: the other accounts are still scanned and reported.
     */
    @Override
    public List<String> enabledRegions() {
        List<String> places = new ArrayList<>();
        for (Account account : accounts.all()) {
            List<String> regions = account.regions();
            if (regions.isEmpty()) {
                try {
                    regions = scanners.get(account.name()).enabledRegions();
                    unlisted.remove(account.name());
                } catch (UserFacingException e) {
                    unlisted.put(account.name(), "Its regions could not be listed: " + e.getMessage());
                    regions = List.of(UNLISTED);
                }
            }
            regions.forEach(r -> places.add(account.name() + "/" + r));
        }
        return places;
    }

    @Override
    public String place(String region) {
        Place p = Place.of(region, accounts);
        return p.account() + "/" + p.region();
    }

    @Override
    public CompletableFuture<RegionOutcome> scan(String place) {
        Place p = Place.of(place, accounts);
        if (!scanners.containsKey(p.account())) {
            return CompletableFuture.completedFuture(new RegionOutcome.Failed(place, "'" + p.account()
                    + "' is not an account in aws.accounts (" + String.join(", ", accounts.names()) + ")."));
        }
        String label = p.account() + "/" + p.region();
        if (p.region().equals(UNLISTED)) {
            return CompletableFuture.completedFuture(new RegionOutcome.Failed(label, unlisted.getOrDefault(p.account(),
                    "Its regions could not be listed. Set aws.accounts." + p.account() + ".regions, or scan again.")));
        }
        return scanners.get(p.account()).scan(p.region()).thenApply(outcome -> relabel(outcome, label));
    }

    private static RegionOutcome relabel(RegionOutcome outcome, String label) {
        if (outcome instanceof RegionOutcome.Scanned scanned) {
            return scanned.with(label, scanned.leaks().stream().map(l -> l.placedIn(label)).toList());
        }
        RegionOutcome.Failed failed = (RegionOutcome.Failed) outcome;
        return new RegionOutcome.Failed(label, failed.reason());
    }

    /** Cleans up a finding in its place's account. */
    public static LeakCleaner cleaner(AwsClients aws, Accounts accounts) {
        return new LeakCleaner() {
            @Override
            public void checkId(String noun, String id) {
                new AwsLeakCleaner(aws).checkId(noun, id);
            }

            @Override
            public String cleanUp(String noun, String id, String place) {
                Place p = Place.of(place, accounts);
                return new AwsLeakCleaner(aws.inAccount(p.account())).cleanUp(noun, id, p.region());
            }
        };
    }

    /** {@code prod/eu-west-1}, or a plain region in the caller's account. */
    record Place(String account, String region) {

        static Place of(String place, Accounts accounts) {
            int slash = place.indexOf('/');
            if (slash >= 0) {
                return new Place(place.substring(0, slash), place.substring(slash + 1));
            }
            String account = CallerScope.currentAccount();
            return new Place(account.isEmpty() ? accounts.defaultAccount().orElseThrow().name() : account, place);
        }
    }

    @Override
    public void close() {
        scanners.values().forEach(AwsLeakScanner::close);
    }
}
