package dev.deckhand.plan;

import dev.deckhand.accounts.CallerScope;

import java.util.Objects;

/**
 * A resource by identity, as the plan saw it. Names are for people; the id and the fingerprint are
 * for the guard: an approval pins them, and apply refuses when they no longer match.
 *
 * @param kind        what it is
 * @param id          its AWS id (instance id, allocation id, group id, record name+type, ARN), or a
 *                    placeholder such as {@code new:web-1} for one the plan creates
 * @param region      where it lives ({@code global} for Route53)
 * @param owner       its {@code deckhand:owner}
 * @param stack       its {@code deckhand:stack}, empty when none
 * @param label       how people know it, e.g. {@code web-1 (i-0abc)}
 * @param fingerprint the state that was shown, e.g. launch time and state, or a record's values;
 *                    empty for a resource the plan creates
 * @param account     the account it lives in ({@code aws.accounts}); empty without configured accounts
 */
public record Target(Kind kind, String id, String region, Owner owner, String stack, String label, String fingerprint,
                     String account) {

    /** A resource in the account the current command acts in (set by the router; empty without accounts). */
    public Target(Kind kind, String id, String region, Owner owner, String stack, String label, String fingerprint) {
        this(kind, id, region, owner, stack, label, fingerprint, CallerScope.currentAccount());
    }

    /** The region of resources that have none (Route53 records, Deckhand's own settings). */
    public static final String GLOBAL = "global";

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(owner, "owner");
        stack = stack == null ? "" : stack;
        label = label == null || label.isBlank() ? id : label;
        fingerprint = fingerprint == null ? "" : fingerprint;
        account = account == null ? "" : account;
    }

    /** A resource this plan will create: owned by the requester from the start. */
    public static Target created(Kind kind, String name, String region, String requester, String stack) {
        return new Target(kind, "new:" + name, region, new Owner.User(requester), stack, name, "");
    }

    public boolean isNew() {
        return id.startsWith("new:");
    }

    /** What an approval pins of it. */
    String pin() {
        // The account is pinned too: an approval given for dev never runs in prod.
        return kind + " " + id + " " + (account.isEmpty() ? "" : account + "/") + region + " owner " + owner.describe() + " [" + fingerprint + "]";
    }
}
