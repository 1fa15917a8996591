package dev.deckhand.accounts;

import java.util.List;
import java.util.Objects;

/**
 * One AWS account Deckhand works in, as configured under {@code aws.accounts}.
 *
 * @param name          how people name it in chat ({@code --account prod}), in replies ({@code prod/eu-west-1})
 *                      and in qualified roles ({@code deployer@prod})
 * @param accountId     its 12-digit id
 * @param roleArn       the role Deckhand assumes in it with STS; empty for the hub's own account, reached with
 *                      the credentials Deckhand starts with
 * @param externalId    the external id the role's trust policy asks for; empty when it asks for none
 * @param regions       the regions watched in it; empty means every region it has enabled
 * @param defaultRegion the region used there when a command names none and the channel's region is not watched there
 */
public record Account(String name, String accountId, String roleArn, String externalId, List<String> regions,
                      String defaultRegion) {

    public Account {
        Objects.requireNonNull(name, "name");
        accountId = accountId == null ? "" : accountId;
        roleArn = roleArn == null ? "" : roleArn;
        externalId = externalId == null ? "" : externalId;
        regions = regions == null ? List.of() : List.copyOf(regions);
        Objects.requireNonNull(defaultRegion, "defaultRegion");
    }

    /** Whether Deckhand reaches it by assuming a role (else with its own, the hub's, credentials). */
    public boolean assumesRole() {
        return !roleArn.isBlank();
    }

    /** Whether {@code region} may be used in this account. */
    public boolean watches(String region) {
        return region.equals(defaultRegion) || regions.isEmpty() || regions.contains(region);
    }

    /** The external id is a shared secret of sorts: never printed. */
    @Override
    public String toString() {
        return "Account[" + name + " " + accountId + " " + roleArn + (externalId.isEmpty() ? "" : " externalId=***")
                + " regions=" + regions + " default=" + defaultRegion + "]";
    }
}
