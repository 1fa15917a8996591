package dev.deckhand.deploy;

import dev.deckhand.validate.UsageException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a redeploy decides the new version works: an HTTP GET on the app's port on the instance itself,
 * retried every {@link #INTERVAL_SECONDS} seconds for up to {@code waitSeconds}.
 *
 * @param path        the path asked for ({@code --health-path}); empty: {@code /}, where any answer below 500
 *                    counts (a Spring Boot app without a page at / answers 404 and is still up)
 * @param waitSeconds how long the new version may take to answer ({@code --health-wait})
 */
public record HealthCheck(Optional<String> path, int waitSeconds) {

    public static final int DEFAULT_WAIT_SECONDS = 90;
    /** SSM gives the whole script 600 s; a download, a restart and a rollback must fit as well. */
    public static final int MAX_WAIT_SECONDS = 300;
    static final int INTERVAL_SECONDS = 3;
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]{0,200}");

    public HealthCheck {
        path = path == null ? Optional.empty() : path;
    }

    public static HealthCheck parse(Optional<String> rawPath, Optional<String> rawWait) {
        Optional<String> path = rawPath.map(String::strip);
        path.ifPresent(p -> {
            if (!PATH.matcher(p).matches()) {
                throw new UsageException("--health-path must be a path on the app starting with /, of letters, digits "
                        + "and . _ ~ / -, not '" + p + "'.", "For example: --health-path /actuator/health");
            }
        });
        int wait = rawWait.map(HealthCheck::seconds).orElse(DEFAULT_WAIT_SECONDS);
        return new HealthCheck(path, wait);
    }

    private static int seconds(String raw) {
        String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.matches("\\d{1,3}")) {
            int n = Integer.parseInt(s);
            if (n >= INTERVAL_SECONDS && n <= MAX_WAIT_SECONDS) {
                return n;
            }
        }
        throw new UsageException("--health-wait must be a number of seconds from " + INTERVAL_SECONDS + " to "
                + MAX_WAIT_SECONDS + ", not '" + raw + "'.", "For example: --health-wait 120");
    }

    public String shownPath() {
        return path.orElse("/");
    }

    int tries() {
        return Math.max(1, waitSeconds / INTERVAL_SECONDS);
    }

    /** For the plan: {@code GET /actuator/health on port 9090 answers 2xx/3xx within 90 s, else ...}. */
    public String describe(Optional<Integer> port) {
        return "GET " + shownPath() + " on " + port.map(p -> "port " + p).orElse("the app's port")
                + (path.isPresent() ? " answers 2xx/3xx" : " answers below 500")
                + " within " + waitSeconds + " s, else the previous version is restored";
    }
}
