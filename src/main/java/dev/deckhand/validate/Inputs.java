package dev.deckhand.validate;


import java.math.BigInteger;
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

    /** A TCP port, 1-65535, spelled as {@link Numbers} requires. */
    public static int port(String raw) {
        Numbers.Reading reading = Numbers.read(raw, 1, 65535);
        if (reading instanceof Numbers.Whole whole) {
            return whole.value();
        }
        String why = reading instanceof Numbers.Malformed m ? ": " + m.reason() : "";
        // No range here: where one port is read (--port of elb and deploy), a range hint would be refused.
        throw new UsageException("'" + raw + "' is not a port" + why + ".",
                "A port is a whole number from 1 to 65535, e.g. `443`.");
    }

    /** A port or a range {@code from-to} with from <= to; each port as {@link #port} reads it. */
    public static PortRange portRange(String raw) {
        try {
            return range(raw);
        } catch (UsageException e) {
            throw e.hint().startsWith("A port is") ? new UsageException(e.getMessage(),
                    "A port is a whole number from 1 to 65535, or a range like 8000-8010, e.g. `443`.") : e;
        }
    }

    private static PortRange range(String raw) {
        int dash = raw == null ? -1 : raw.indexOf('-');
        if (dash > 0) {
            int from = port(raw.substring(0, dash));
            int to = port(raw.substring(dash + 1));
            if (from > to) {
                throw new UsageException("The port range '" + raw + "' runs backwards.",
                        "Write the lower port first, e.g. `8000-8010`.");
            }
            return new PortRange(from, to);
        }
        int port = port(raw);
        return new PortRange(port, port);
    }

    /**
     * An IPv4 or IPv6 CIDR block; a bare address becomes /32 or /128. Host bits must be zero. The
     * accepted spellings and the canonical form are those of {@link CidrParser}: ASCII only, no
     * leading zeros in IPv4 parts, hex in either case, at most one {@code ::}, no embedded IPv4.
     */
    public static Cidr cidr(String raw) {
        return CidrParser.parse(raw);
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
        String shown = UrlMask.mask(raw); // a pre-signed query is a credential: never echoed
        int query = raw.indexOf('?');
        String checked = query < 0 ? raw : raw.substring(0, query) + raw.substring(query).replace("&", "");
        if (SHELL_META.matcher(checked).find() || !URL_SAFE.matcher(raw).matches()) {
            throw new UsageException("The URL '" + shown + "' contains characters Deckhand does not pass to a shell "
                    + "(spaces, quotes, ; | $ ` < > ( ) { } \\ ! *, and & outside the query).", hint);
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new UsageException("'" + shown + "' is not a valid URL.", hint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new UsageException("The URL '" + shown + "' must start with https:// or http://"
                    + (scheme.isEmpty() ? "." : ", not " + scheme + "://."), hint);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("The URL '" + shown + "' has no host name.", hint);
        }
        if (uri.getUserInfo() != null) {
            throw new UsageException("The URL must not contain a user name or password; use a pre-signed URL instead.", hint);
        }
        return uri;
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

    /**
     * A CIDR block as numbers: the addresses {@link #first()} to {@link #last()}, host bits zero.
     * Equal blocks are equal values however they were spelled; {@link #block()} is the canonical text
     * (dotted decimal, or RFC 5952 for IPv6), e.g. {@code 0.0.0.0/0} or {@code 2001:db8::/32}.
     *
     * @param ipv6         whether this is an IPv6 block (128 bits) rather than IPv4 (32 bits)
     * @param first        the first address, as an unsigned number
     * @param prefixLength the number of network bits, 0-32 or 0-128
     */
    public record Cidr(boolean ipv6, BigInteger first, int prefixLength) {

        public Cidr {
            int max = ipv6 ? 128 : 32;
            if (prefixLength < 0 || prefixLength > max) {
                throw new IllegalArgumentException("Prefix length " + prefixLength + " is not 0-" + max);
            }
            if (first.signum() < 0 || first.bitLength() > max) {
                throw new IllegalArgumentException(first + " is not an IPv" + (ipv6 ? "6" : "4") + " address");
            }
            if (first.getLowestSetBit() >= 0 && first.getLowestSetBit() < max - prefixLength) {
                throw new IllegalArgumentException("Host bits set after /" + prefixLength);
            }
        }

        /**
         * The block written as text, as callers built it before it carried numbers.
         *
         * @throws IllegalArgumentException if the text is not a block, or not of that family and prefix length
         */
        public Cidr(String block, boolean ipv6, int prefixLength) {
            this(ipv6, firstOf(block, ipv6, prefixLength), prefixLength);
        }

        private static BigInteger firstOf(String block, boolean ipv6, int prefixLength) {
            Cidr parsed;
            try {
                parsed = CidrParser.parse(block);
            } catch (UsageException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (parsed.ipv6() != ipv6 || parsed.prefixLength() != prefixLength) {
                throw new IllegalArgumentException("'" + block + "' is not an IPv" + (ipv6 ? "6" : "4") + " /" + prefixLength);
            }
            return parsed.first();
        }

        /** The canonical text, e.g. {@code 10.0.0.0/16} or {@code 2001:db8::/32}. */
        public String block() {
            return CidrParser.format(ipv6, first) + "/" + prefixLength;
        }

        /** How many addresses the block holds: 2 to the power of the host bits. */
        public BigInteger size() {
            return BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - prefixLength);
        }

        /** The last address, as an unsigned number. */
        public BigInteger last() {
            return first.add(size()).subtract(BigInteger.ONE);
        }

        /** The whole internet: any /0, IPv4 or IPv6. */
        public boolean isWorld() {
            return prefixLength == 0;
        }

        @Override
        public String toString() {
            return block();
        }
    }
}
