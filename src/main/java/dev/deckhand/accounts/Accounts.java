package dev.deckhand.accounts;

import dev.deckhand.validate.UsageException;

import java.util.List;
import java.util.Optional;

/**
 * The accounts of {@code aws.accounts}, in config order; the first is the default. Without any, Deckhand
 * works as it always did: one implicit account (the one its credentials belong to), no {@code --account},
 * and plain region names in replies.
 */
public final class Accounts {

    private final List<Account> all;

    public Accounts(List<Account> all) {
        this.all = List.copyOf(all);
    }

    /** The single implicit account: nothing configured. */
    public static Accounts none() {
        return new Accounts(List.of());
    }

    public boolean configured() {
        return !all.isEmpty();
    }

    public List<Account> all() {
        return all;
    }

    public List<String> names() {
        return all.stream().map(Account::name).toList();
    }

    /** The account used where none is named or chosen for the channel: the first configured; empty without accounts. */
    public Optional<Account> defaultAccount() {
        return all.stream().findFirst();
    }

    public Optional<Account> find(String name) {
        return all.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The account a user named.
     *
     * @throws UsageException when no accounts are configured, or the name is none of them (with the list)
     */
    public Account require(String name) {
        if (!configured()) {
            throw new UsageException("Deckhand works in one AWS account here; --account is not used.",
                    "Accounts are set up under aws.accounts in config.");
        }
        String wanted = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        return find(wanted).orElseThrow(() -> new UsageException("'" + name + "' is not an account Deckhand works in.",
                "Accounts: " + String.join(", ", names()) + ". For example: --account " + all.get(0).name()));
    }

    /**
     * How a place is shown: {@code prod/ap-northeast-2} when accounts are configured, the region alone
     * otherwise (so nothing changes for a single-account setup).
     */
    public String label(String account, String region) {
        return configured() && account != null && !account.isEmpty() ? account + "/" + region : region;
    }
}
