package dev.deckhand.validate;

import dev.deckhand.command.UsageException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks what people type before it reaches AWS or a script: names, ports, CIDR blocks, URLs and
 * domain names. Each check returns the value in its canonical form or throws a
 * {@link UsageException} that says what was wrong, the right form and an example.
 */
public final class Inputs {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    /** As ec2 launch names instances (their name is their stack): tags are compared exactly, case included. */
    private static final Pattern STACK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:]{2,39}");
    /** Characters that mean something to a shell, plus quotes and whitespace: never allowed in a URL we pass on. */
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9._~:/?#\\[\\]@!*+,;=%&-]+");
    private static final Pattern SHELL_META = Pattern.compile("[;&|$`'\"\\\\<>(){}\\s!*]");

    private Inputs() {
    }

    /** A resource name (load balancer, target group): letters, digits and hyphens, 1-32, no hyphen at either end. */
    public static String name(String what, String raw) {
        if (raw == null || !NAME.matcher(raw).matches()) {
            throw new UsageException("'" + raw + "' is not a valid " + what + " name.",
                    "Use 1-32 letters, digits or hyphens, not starting or ending with a hyphen, e.g. `shop-web`.");
        }
        return raw;
    }

    /** A stack name as tagged {@code deckhand:stack}: letters, digits and hyphens, 1-64, starting with a letter or digit. */
    public static String stack(String raw) {
        if (raw == null || !STACK.matcher(raw).matches()) {
            throw new UsageException("'" + raw + "' is not a valid stack name.",
                    "Use 1-64 letters, digits or hyphens, starting with a letter or digit, e.g. `shop`.");
        }
        return raw;
    }

    /** A TCP port, 1-65535. */
    public static int port(String raw) {
        if (raw != null && raw.matches("\\d{1,5}")) {
            int port = Integer.parseInt(raw);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new UsageException("'" + raw + "' is not a port.",
                "A port is a whole number from 1 to 65535, or a range like 8000-8010, e.g. `443`.");
    }

    /** A port or a range {@code from-to} with from <= to. */
    public static PortRange portRange(String raw) {
        if (raw != null && raw.matches("\\d{1,5}-\\d{1,5}")) {
            String[] parts = raw.split("-");
            int from = port(parts[0]);
            int to = port(parts[1]);
            if (from > to) {
                throw new UsageException("The port range '" + raw + "' runs backwards.",
                        "Write the lower port first, e.g. `8000-8010`.");
            }
            return new PortRange(from, to);
        }
        int port = port(raw);
        return new PortRange(port, port);
    }

    /** An IPv4 or IPv6 CIDR block; a bare address becomes /32 or /128. Host bits must be zero. */
    public static Cidr cidr(String raw) {
        String hint = "Use an IPv4 or IPv6 block such as 203.0.113.7/32, 10.0.0.0/16, 0.0.0.0/0 or 2001:db8::/32.";
        if (raw == null || raw.isBlank()) {
            throw new UsageException("A CIDR block is missing.", hint);
        }
        String address = raw;
        String prefix = null;
        int slash = raw.indexOf('/');
        if (slash >= 0) {
            address = raw.substring(0, slash);
            prefix = raw.substring(slash + 1);
        }
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = !v4 && IPV6_CHARS.matcher(address).matches() && address.contains(":") && isIpv6(address);
        if (!v4 && !v6) {
            throw new UsageException("'" + raw + "' is not a CIDR block.", hint);
        }
        int max = v4 ? 32 : 128;
        int bits = max;
        if (prefix != null) {
            if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
                throw new UsageException("'" + raw + "' has a bad prefix length: it must be 0-" + max + ".", hint);
            }
            bits = Integer.parseInt(prefix);
        }
        byte[] bytes = parse(address, v4);
        for (int i = bits; i < max; i++) {
            if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) {
                throw new UsageException("'" + raw + "' has host bits set after /" + bits + ".",
                        "Use the network address, e.g. " + (v4 ? "10.0.0.0/16" : "2001:db8::/32") + ", or /" + max
                                + " for one address.");
            }
        }
        return new Cidr(address.toLowerCase(Locale.ROOT) + "/" + bits, v6, bits);
    }

    /** An IPv4 address. */
    public static boolean isIpv4(String raw) {
        return raw != null && IPV4.matcher(raw).matches();
    }

    /**
     * A fully qualified domain name: RFC 1123 labels (letters, digits, hyphens; 1-63 each, no hyphen at
     * either end), at least two labels, 253 characters at most. Returned lower case without a trailing dot.
     */
    public static String domain(String raw) {
        String hint = "Use a name like api.example.com: labels of letters, digits and hyphens, separated by dots.";
        if (raw == null || raw.isBlank()) {
            throw new UsageException("A domain name is missing.", hint);
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > 253) {
            throw new UsageException("'" + raw + "' is longer than the 253 characters a domain name may have.", hint);
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            throw new UsageException("'" + raw + "' is not a fully qualified domain name.", hint);
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new UsageException("'" + raw + "' is not a valid domain name: it has an empty label "
                        + "(two dots in a row, or a dot at the start).", hint);
            }
            if (!LABEL.matcher(label).matches()) {
                throw new UsageException("'" + raw + "' is not a valid domain name: the label '" + label
                        + "' must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen.", hint);
            }
        }
        if (labels[labels.length - 1].matches("\\d+")) {
            throw new UsageException("'" + raw + "' looks like an address, not a domain name.", hint);
        }
        return name;
    }

    /**
     * An artifact URL that may be handed to a script: http or https only, with a host, and none of
     * the characters a shell would interpret (quotes, spaces, {@code ; & | $ ` < > ( ) \}).
     */
    public static URI url(String raw) {
        String hint = "Use an https (or http) address without spaces or quotes, e.g. "
                + "https://artifacts.example.com/shop/app-1.4.2.jar.";
        if (raw == null || raw.isBlank()) {
            throw new UsageException("The artifact URL is missing.", hint);
        }
        if (raw.length() > 2048) {
            throw new UsageException("The URL is longer than 2048 characters.", hint);
        }
        // '&' separates query parameters (pre-signed S3 URLs need it). It is allowed there only: the URL
        // always lands single-quoted in a script, where '&' is inert, and quotes themselves are refused.
        int query = raw.indexOf('?');
        String checked = query < 0 ? raw : raw.substring(0, query) + raw.substring(query).replace("&", "");
        if (SHELL_META.matcher(checked).find() || !URL_SAFE.matcher(raw).matches()) {
            throw new UsageException("The URL '" + raw + "' contains characters Deckhand does not pass to a shell "
                    + "(spaces, quotes, ; | $ ` < > ( ) { } \\ ! *, and & outside the query).", hint);
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new UsageException("'" + raw + "' is not a valid URL.", hint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new UsageException("The URL '" + raw + "' must start with https:// or http://"
                    + (scheme.isEmpty() ? "." : ", not " + scheme + "://."), hint);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("The URL '" + raw + "' has no host name.", hint);
        }
        if (uri.getUserInfo() != null) {
            throw new UsageException("The URL must not contain a user name or password; use a pre-signed URL instead.", hint);
        }
        return uri;
    }

    private static boolean isIpv6(String address) {
        try {
            return java.net.InetAddress.getByName(address) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static byte[] parse(String address, boolean v4) {
        try {
            // Only literal addresses reach this point (checked above), so no DNS lookup happens.
            return java.net.InetAddress.getByName(address).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new UsageException("'" + address + "' is not an IP address.", v4 ? "e.g. 203.0.113.7" : "e.g. 2001:db8::1");
        }
    }

    /** An inclusive TCP port range. */
    public record PortRange(int from, int to) {
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }

        public boolean contains(int port) {
            return port >= from && port <= to;
        }
    }

    /** A canonical CIDR block, e.g. {@code 0.0.0.0/0} or {@code ::/0}. */
    public record Cidr(String block, boolean ipv6, int prefixLength) {
        /** The whole internet: any /0, IPv4 or IPv6. */
        public boolean isWorld() {
            return prefixLength == 0;
        }

        @Override
        public String toString() {
            return block;
        }
    }
}
