package dev.deckhand.app.config;

import dev.deckhand.access.Role;
import dev.deckhand.command.Suggestions;

import dev.deckhand.costwatch.CronSchedule;

import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.List;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks loaded values, naming the key and what is allowed when one is wrong. */
final class ConfigValidator {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d{1,2}");
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?");

    private final String source;

    ConfigValidator(String source) {
        this.source = source;
    }

    void validate(DeckhandConfig c) {
        require(c.aws() != null, "aws", "section is missing");
        require(c.store() != null, "store", "section is missing");
        require(c.access() != null, "access", "section is missing");
        require(c.console() != null, "console", "section is missing");
        require(c.slack() != null, "slack", "section is missing");
        require(c.pricing() != null, "pricing", "section is missing");
        region("aws.defaultRegion", c.aws().defaultRegion());
        if (c.aws().regions() != null) {
            for (int i = 0; i < c.aws().regions().size(); i++) {
                region("aws.regions[" + i + "]", c.aws().regions().get(i));
            }
        }
        String endpoint = c.aws().endpoint();
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                URI uri = URI.create(endpoint);
                require(uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null,
                        "aws.endpoint", "'" + endpoint + "' is not an http(s) URL; e.g. http://localhost:4566, or leave it empty");
            } catch (IllegalArgumentException e) {
                fail("aws.endpoint", "'" + endpoint + "' is not a URL; e.g. http://localhost:4566, or leave it empty");
            }
        }
        require(c.aws().maxAttempts() >= 1 && c.aws().maxAttempts() <= 10, "aws.maxAttempts",
                c.aws().maxAttempts() + " is out of range; allowed 1 to 10");
        validateStore(c.store());
        Set<String> accountNames = validateAccounts(c.aws().accounts());
        validateAccess(c.access());
        checkAccountQualifiers("access.users", c.access().users(), accountNames);
        require(notBlank(c.console().user()), "console.user", "must name the console's identity, e.g. console");
        require(notBlank(c.console().channel()), "console.channel", "must name the console's channel, e.g. console");
        require(c.slack().port() >= 0 && c.slack().port() <= 65535, "slack.port", c.slack().port() + " is not a port; allowed 0 to 65535");
        require(c.slack().command() != null && c.slack().command().matches("/[a-z0-9_-]{1,31}"), "slack.command",
                "'" + c.slack().command() + "' is not a slash command; e.g. /deckhand");
        validateSlack(c.slack());
        require(notBlank(c.pricing().table()), "pricing.table", "must name the price table, e.g. config/prices.yml");
        if (c.approvals() != null) {
            validateApprovals(c.approvals());
        }
        validateCostWatch(c.costwatch());
        validateRateLimits(c.rateLimits());
    }

    private void validateRateLimits(RateLimitsConfig r) {
        require(r.freshPerUserSeconds() >= 0 && r.freshPerUserSeconds() <= 86_400, "rateLimits.freshPerUserSeconds",
                r.freshPerUserSeconds() + " is out of range; allowed 0 (no limit) to 86400, e.g. 60");
        require(r.freshPerTeamSeconds() >= 0 && r.freshPerTeamSeconds() <= 3600, "rateLimits.freshPerTeamSeconds",
                r.freshPerTeamSeconds() + " is out of range; allowed 0 (no limit) to 3600, e.g. 10");
        require(r.awsCallsPerSecond() >= 0 && r.awsCallsPerSecond() <= 20, "rateLimits.awsCallsPerSecond",
                r.awsCallsPerSecond() + " is out of range; allowed 0 (no limit, for emulators) to 20 (EC2 refills 20 "
                        + "calls per second per action for the whole account and region; keep Deckhand well under it), e.g. 5");
        require(r.scanConcurrency() >= 0 && r.scanConcurrency() <= RateLimitsConfig.MAX_SCAN_CONCURRENCY,
                "rateLimits.scanConcurrency", r.scanConcurrency() + " is out of range; allowed 0 (9 per watched region, at most "
                        + RateLimitsConfig.DEFAULT_MAX_SCAN_CONCURRENCY + ") to " + RateLimitsConfig.MAX_SCAN_CONCURRENCY);
    }

    /** Every command name the config mentions must be one of {@code commands}. */
    void validateCommandNames(DeckhandConfig c, Collection<String> commands) {
        Set<String> known = new TreeSet<>(commands);
        if (c.approvals() != null && c.approvals().actions() != null) {
            List<String> actions = c.approvals().actions();
            for (int i = 0; i < actions.size(); i++) {
                command("approvals.actions[" + i + "]", actions.get(i), known);
            }
        }
        if (c.access() != null && c.access().roles() != null) {
            new TreeMap<>(c.access().roles()).forEach((name, role) -> {
                List<String> listed = role == null || role.commands() == null ? List.of() : role.commands();
                for (int i = 0; i < listed.size(); i++) {
                    command("access.roles." + name + ".commands[" + i + "]", listed.get(i), known);
                }
            });
        }
        if (c.slack() != null && c.slack().instantCommands() != null) {
            List<String> instant = c.slack().instantCommands();
            for (int i = 0; i < instant.size(); i++) {
                command("slack.instantCommands[" + i + "]", instant.get(i), known);
            }
        }
    }

    private void command(String key, String name, Set<String> known) {
        if (name != null && known.contains(name)) {
            return;
        }
        String near = name == null ? "" : Suggestions.nearest(name, known).map(n -> " Did you mean '" + n + "'?")
                .orElse(" Commands: " + String.join(", ", known) + ".");
        fail(key, "'" + name + "' is not a command." + near);
    }

    private void validateApprovals(ApprovalsConfig a) {
        List<String> actions = a.actions() == null ? List.of() : a.actions();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            require(action != null && COMMAND_NAME.matcher(action).matches(), "approvals.actions[" + i + "]",
                    "'" + action + "' is not a command name; one or two lower-case words, e.g. ec2 terminate");
        }
        require(Role.byLabel(String.valueOf(a.approverRole())).isPresent(), "approvals.approverRole",
                "'" + a.approverRole() + "' is not a role level; allowed: viewer, deployer, admin");
        require(a.required() >= 1 && a.required() <= 10, "approvals.required",
                a.required() + " is out of range; allowed 1 to 10 distinct approvers");
        require(a.ttlMinutes() >= 1 && a.ttlMinutes() <= 7 * 24 * 60, "approvals.ttlMinutes",
                a.ttlMinutes() + " is out of range; allowed 1 to 10080 (a week)");
        require(a.monthlyCostLimit() >= 0 && !Double.isNaN(a.monthlyCostLimit()) && !Double.isInfinite(a.monthlyCostLimit()),
                "approvals.monthlyCostLimit", a.monthlyCostLimit() + " is not a USD amount; e.g. 100, or 0 to hold every launch with a cost");
        List<Integer> ports = a.worldOpenPorts() == null ? List.of() : a.worldOpenPorts();
        for (int i = 0; i < ports.size(); i++) {
            Integer port = ports.get(i);
            require(port != null && port >= 1 && port <= 65535, "approvals.worldOpenPorts[" + i + "]",
                    port + " is not a port; allowed 1 to 65535, e.g. 22");
        }
        require(new HashSet<>(ports).size() == ports.size(), "approvals.worldOpenPorts", "lists a port twice: " + ports);
    }

    private void validateSlack(DeckhandConfig.Slack s) {
        require(s.instantCommands() != null, "slack.instantCommands", "must be a list, e.g. [help, whoami]; [] for none");
        require(s.workers() >= 1 && s.workers() <= 64, "slack.workers", s.workers() + " is out of range; allowed 1 to 64");
        require(s.progressIntervalMillis() >= 0 && s.progressIntervalMillis() <= 60_000, "slack.progressIntervalMillis",
                s.progressIntervalMillis() + " is out of range; allowed 0 to 60000 (Slack allows about one update per second)");
        require(s.duplicateWindowSeconds() >= 1 && s.duplicateWindowSeconds() <= 3600, "slack.duplicateWindowSeconds",
                s.duplicateWindowSeconds() + " is out of range; allowed 1 to 3600");
        require(s.apiUrl().matches("https?://[^/\\s]+/(\\S*/)?"), "slack.apiUrl",
                "'" + s.apiUrl() + "' is not an http(s) URL ending in /; e.g. https://slack.com/api/ or https://slack-gov.com/api/");
        require(s.readTimeoutMillis() >= 500 && s.readTimeoutMillis() <= 120_000, "slack.readTimeoutMillis",
                s.readTimeoutMillis() + " is out of range; allowed 500 to 120000 (Slack waits 3000 for an answer)");
        require(s.maxConcurrentRequests() >= 1 && s.maxConcurrentRequests() <= 1024, "slack.maxConcurrentRequests",
                s.maxConcurrentRequests() + " is out of range; allowed 1 to 1024");
    }

    private void validateAccess(DeckhandConfig.Access a) {
        require(a.roles() != null && !a.roles().isEmpty(), "access.roles", "define at least viewer, deployer and admin");
        for (Map.Entry<String, DeckhandConfig.RoleConfig> e : a.roles().entrySet()) {
            String key = "access.roles." + e.getKey();
            require(ROLE_NAME.matcher(e.getKey()).matches(), key, "role names are lower-case words");
            DeckhandConfig.RoleConfig role = e.getValue();
            require(role != null, key, "is empty; give at least base: viewer|deployer|admin");
            require(Role.byLabel(String.valueOf(role.base())).isPresent(), key + ".base",
                    "'" + role.base() + "' is not a role level; allowed: viewer, deployer, admin");
            require(role.maxDiskGb() >= 0 && role.maxDiskGb() <= 16384, key + ".maxDiskGb",
                    role.maxDiskGb() + " is out of range; allowed 0 (no limit) to 16384");
            if (role.regions() != null) {
                role.regions().forEach(r -> region(key + ".regions", r));
            }
        }
        for (String builtIn : new String[]{"viewer", "deployer", "admin"}) {
            require(a.roles().containsKey(builtIn), "access.roles", "the built-in role '" + builtIn + "' is missing");
        }
        require(a.roles().containsKey(a.defaultRole()), "access.defaultRole",
                "'" + a.defaultRole() + "' is not a defined role; allowed: " + a.roles().keySet());
        checkRoleRefs("access.users", a.users(), a.roles());
        checkRoleRefs("access.channels", a.channels(), a.roles());
    }

    private void validateCostWatch(CostWatchConfig cw) {
        require(cw != null, "costwatch", "section is missing");
        try {
            CronSchedule.parse(cw.schedule());
        } catch (IllegalArgumentException e) {
            fail("costwatch.schedule", e.getMessage());
        }
        try {
            ZoneId.of(String.valueOf(cw.timezone()));
        } catch (DateTimeException e) {
            fail("costwatch.timezone", "'" + cw.timezone() + "' is not a time zone; e.g. UTC, Europe/Berlin, Asia/Seoul");
        }
        require(cw.cacheTtlMinutes() >= 0 && cw.cacheTtlMinutes() <= 1440, "costwatch.cacheTtlMinutes",
                cw.cacheTtlMinutes() + " is out of range; allowed 0 (no cache) to 1440");
        require(cw.escalateAfter() >= 0 && cw.escalateAfter() <= 100, "costwatch.escalateAfter",
                cw.escalateAfter() + " is out of range; allowed 0 (never escalate) to 100");
        require(cw.failAboveUsd() >= 0, "costwatch.failAboveUsd", cw.failAboveUsd() + " is negative; e.g. 0 or 50");
        CostWatchConfig.Idle idle = cw.idleOrDefaults();
        require(idle.windowHoursOrDefault() >= 1 && idle.windowHoursOrDefault() <= 24 * 63, "costwatch.idle.windowHours",
                idle.windowHoursOrDefault() + " is not between 1 and 1512 (CloudWatch keeps hourly data 63 days); e.g. 168");
        require(idle.cpuPercentOrDefault() >= 0 && idle.cpuPercentOrDefault() <= 100, "costwatch.idle.cpuPercent",
                idle.cpuPercentOrDefault() + " is not a percentage; e.g. 5");
        require(idle.networkMbPerDayOrDefault() >= 0, "costwatch.idle.networkMbPerDay",
                idle.networkMbPerDayOrDefault() + " is negative; e.g. 5");
        require(idle.unownedAfterDaysOrDefault() >= 0, "costwatch.idle.unownedAfterDays",
                idle.unownedAfterDaysOrDefault() + " is negative; e.g. 7");
    }

    private void checkRoleRefs(String key, Map<String, String> refs, Map<String, DeckhandConfig.RoleConfig> roles) {
        if (refs == null) {
            return;
        }
        refs.forEach((who, value) -> {
            require(value != null && !value.isBlank(), key + "." + who, "is empty; e.g. deployer, or deployer@dev, viewer@prod");
            for (String entry : value.split(",")) {
                String role = entry.strip();
                int at = role.indexOf('@');
                String name = at < 0 ? role : role.substring(0, at);
                require(roles.containsKey(name), key + "." + who,
                        "'" + name + "' is not a defined role; allowed: " + roles.keySet());
            }
        });
    }

    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    /** @return the account names, empty without accounts */
    private Set<String> validateAccounts(List<DeckhandConfig.AccountConfig> accounts) {
        Set<String> names = new java.util.LinkedHashSet<>();
        if (accounts == null) {
            return names;
        }
        for (int i = 0; i < accounts.size(); i++) {
            String key = "aws.accounts[" + i + "]";
            DeckhandConfig.AccountConfig a = accounts.get(i);
            require(a != null, key, "is empty; give name, accountId, roleArn, regions and defaultRegion");
            require(a.name() != null && ACCOUNT_NAME.matcher(a.name()).matches(), key + ".name",
                    "'" + a.name() + "' is not an account name; a lower-case word such as dev, staging or prod");
            require(names.add(a.name()), key + ".name", "'" + a.name() + "' is used by two accounts");
            key = "aws.accounts." + a.name();
            require(a.accountId() != null && ACCOUNT_ID.matcher(a.accountId()).matches(), key + ".accountId",
                    "'" + a.accountId() + "' is not an account id; 12 digits, e.g. 123456789012");
            if (notBlank(a.roleArn())) {
                var arn = ROLE_ARN.matcher(a.roleArn());
                require(arn.matches(), key + ".roleArn", "'" + a.roleArn()
                        + "' is not a role ARN; e.g. arn:aws:iam::" + a.accountId() + ":role/deckhand");
                require(arn.group(1).equals(a.accountId()), key + ".roleArn", "names account " + arn.group(1)
                        + ", not this account's id " + a.accountId());
            }
            if (notBlank(a.externalId())) {
                require(EXTERNAL_ID.matcher(a.externalId()).matches(), key + ".externalId",
                        "must be 2 to 1224 letters, digits or +=,.@:/-");
                require(notBlank(a.roleArn()), key + ".externalId", "is only used when assuming a role; set roleArn too");
            }
            List<String> regions = a.regions() == null ? List.of() : a.regions();
            for (int r = 0; r < regions.size(); r++) {
                region(key + ".regions[" + r + "]", regions.get(r));
            }
            region(key + ".defaultRegion", a.defaultRegion());
            require(regions.isEmpty() || regions.contains(a.defaultRegion()), key + ".defaultRegion",
                    "'" + a.defaultRegion() + "' is not one of its regions " + regions);
        }
        return names;
    }

    /** {@code deployer@dev} must name a configured account. */
    private void checkAccountQualifiers(String key, Map<String, String> refs, Set<String> accounts) {
        if (refs == null) {
            return;
        }
        refs.forEach((who, value) -> {
            for (String entry : String.valueOf(value).split(",")) {
                int at = entry.indexOf('@');
                if (at >= 0) {
                    String account = entry.substring(at + 1).strip();
                    require(accounts.contains(account), key + "." + who, "'" + account + "' is not an account in aws.accounts"
                            + (accounts.isEmpty() ? " (none are configured)" : "; accounts: " + String.join(", ", accounts)));
                }
            }
        });
    }

    private void region(String key, String value) {
        require(value != null && REGION.matcher(value).matches(), key,
                "'" + value + "' is not an AWS region; e.g. us-east-1, ap-northeast-2");
        if (value != null && REGION.matcher(value).matches() && !dev.deckhand.command.Regions.KNOWN.contains(value)) {
            String near = dev.deckhand.command.Regions.nearest(value);
            require(near.isEmpty(), key, "'" + value + "' is not an AWS region." + near);
        }
    }

    private void validateStore(DeckhandConfig.Store store) {
        String url = store.url();
        if (url == null || url.isBlank()) {
            require(notBlank(store.path()), "store.path", "must name a file, e.g. data/deckhand.db");
            return;
        }
        require(url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql://"), "store.url",
                "must be jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>, or empty for store.path");
        require(!url.matches("(?is).*(//[^/@]*:[^/@]*@|password=).*"), "store.url",
                "must not contain a password; set DECKHAND_STORE_USER and DECKHAND_STORE_PASSWORD in the environment");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private void require(boolean ok, String key, String problem) {
        if (!ok) {
            fail(key, problem);
        }
    }

    private void fail(String key, String problem) {
        throw new ConfigException(source + ": " + key + ": " + problem);
    }
}
