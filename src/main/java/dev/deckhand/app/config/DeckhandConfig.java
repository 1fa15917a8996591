package dev.deckhand.app.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/**
 * config/deckhand.yml as records. Every key is documented in that file; {@link ConfigLoader} checks
 * the values and applies {@code DECKHAND_...} environment overrides. Secrets are never here: see
 * {@link Secrets}.
 */
public record DeckhandConfig(Aws aws, Store store, Access access, Console console, Slack slack, Pricing pricing,
                             ApprovalsConfig approvals, CostWatchConfig costwatch, RateLimitsConfig rateLimits,
                             @JsonIgnore String source) {

    /** The {@code rateLimits} section, or its defaults when the file leaves it out. */
    @Override
    public RateLimitsConfig rateLimits() {
        return rateLimits == null ? RateLimitsConfig.DEFAULTS : rateLimits;
    }

    /** Where it was read from (for messages that name the file); not a key of the file. */
    @Override
    public String source() {
        return source == null ? "config" : source;
    }

    DeckhandConfig withSource(String file) {
        return new DeckhandConfig(aws, store, access, console, slack, pricing, approvals, costwatch, rateLimits, file);
    }

    /**
     * @param defaultRegion region used when a channel has not chosen one
     * @param regions       regions Deckhand works in; empty means every region the account has enabled
     * @param endpoint      endpoint override for every AWS service (emulators); empty for AWS itself
     * @param maxAttempts   attempts per AWS call, including retries of throttling and network errors
     * @param accounts      the AWS accounts Deckhand works in, the first being the default; empty or absent:
     *                      only the account of its own credentials, as before
     */
    public record Aws(String defaultRegion, List<String> regions, String endpoint, int maxAttempts,
                      List<AccountConfig> accounts) {

        /** {@code accounts} as Deckhand uses them; none when the list is empty or absent. */
        public dev.deckhand.accounts.Accounts toAccounts() {
            return new dev.deckhand.accounts.Accounts(accounts == null ? List.of() : accounts.stream()
                    .map(a -> new dev.deckhand.accounts.Account(a.name(), a.accountId(), a.roleArn(), a.externalId(),
                            a.regions(), a.defaultRegion())).toList());
        }
    }

    /**
     * One entry of {@code aws.accounts}.
     *
     * @param name          lower-case word used in chat ({@code --account prod}) and roles ({@code deployer@prod})
     * @param accountId     the 12-digit account id
     * @param roleArn       the role to assume in it; empty for the hub's own account
     * @param externalId    the external id its trust policy requires; empty when none
     * @param regions       regions watched there; empty: every region it has enabled
     * @param defaultRegion the region used there when nothing else is chosen
     */
    public record AccountConfig(String name, String accountId, String roleArn, String externalId, List<String> regions,
                                String defaultRegion) {

        /** The external id is not printed. */
        @Override
        public String toString() {
            return "AccountConfig[" + name + " " + accountId + " " + roleArn + "]";
        }
    }

    /**
     * @param path the SQLite file, used when {@code url} is empty
     * @param url  a JDBC url: empty (SQLite at {@code path}), {@code jdbc:sqlite:<file>}, or
     *             {@code jdbc:postgresql://host:5432/db} for several replicas; the user and password come
     *             from DECKHAND_STORE_USER and DECKHAND_STORE_PASSWORD, never from this file
     */
    public record Store(String path, String url) { }

    public record Access(String defaultRole, Map<String, String> users, Map<String, String> channels,
                         Map<String, RoleConfig> roles) { }

    /**
     * @param base          viewer, deployer or admin
     * @param commands      for a custom role: the commands it may run beyond a viewer's
     * @param regions       regions where it may change things (empty: any)
     * @param instanceTypes instance types it may launch (empty: any)
     * @param maxDiskGb     largest root volume it may launch (0: no limit)
     */
    public record RoleConfig(String base, List<String> commands, List<String> regions, List<String> instanceTypes,
                             int maxDiskGb) { }

    /** @param user identity at the console prompt; @param channel the console's channel id */
    public record Console(String user, String channel) { }

    /**
     * @param port                   HTTP port for Slack's requests (0: a free port)
     * @param command                the slash command
     * @param instantCommands        commands answered inside the acknowledgement (they only read Deckhand's
     *                               own store); every other command runs after the ack
     * @param workers                threads running commands after the ack
     * @param progressIntervalMillis least time between two updates of a progress message
     * @param duplicateWindowSeconds how long a delivery (trigger id, click) is remembered so a retry runs once
     * @param apiUrl                 Slack's Web API base URL, ending in / (GovSlack: https://slack-gov.com/api/);
     *                               absent: https://slack.com/api/
     * @param readTimeoutMillis      an HTTP connection silent this long (mid-headers or mid-body) is closed; absent: 10000
     * @param maxConcurrentRequests  signed HTTP requests handled at once, past which the answer is 503; absent: 64
     */
    public record Slack(int port, String command, List<String> instantCommands, int workers,
                        int progressIntervalMillis, int duplicateWindowSeconds, String apiUrl,
                        Integer readTimeoutMillis, Integer maxConcurrentRequests) {

        public Slack {
            apiUrl = apiUrl == null ? "https://slack.com/api/" : apiUrl;
            readTimeoutMillis = readTimeoutMillis == null ? 10_000 : readTimeoutMillis;
            maxConcurrentRequests = maxConcurrentRequests == null ? 64 : maxConcurrentRequests;
        }
    }

    /** @param table the dated price table */
    public record Pricing(String table) { }
}
