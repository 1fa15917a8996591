package dev.deckhand.validate;

import dev.deckhand.validate.Inputs.Cidr;
import dev.deckhand.validate.Numbers.Malformed;
import dev.deckhand.validate.Numbers.Reading;
import dev.deckhand.validate.Numbers.Whole;

import java.math.BigInteger;

/**
 * Reads CIDR blocks into {@link Cidr} values and writes them back canonically.
 *
 * <p>IPv4: four dotted decimal parts 0-255, each spelled as {@link Numbers} requires (so no
 * leading zeros, which some tools read as octal). IPv6: eight groups of 1-4 hex digits (either
 * case, leading zeros allowed), with at most one {@code ::} standing for one or more zero groups.
 * An IPv4-embedded IPv6 address ({@code ::ffff:192.0.2.1}) is refused: it is a second spelling of
 * a hex address, and the user is told to write the hex form or the IPv4 block itself. Zone ids
 * ({@code %eth0}), brackets, whitespace and non-ASCII characters are refused. The canonical form
 * is dotted decimal for IPv4 and RFC 5952 for IPv6 (lower case, no leading zeros, the longest run
 * of two or more zero groups as {@code ::}, the first such run on a tie).
 */
final class CidrParser {

    static final String HINT = "Use an IPv4 or IPv6 block such as 203.0.113.7/32, 10.0.0.0/16, 0.0.0.0/0 or 2001:db8::/32.";

    private CidrParser() {
    }

    static Cidr parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new UsageException("A CIDR block is missing.", HINT);
        }
        int slash = raw.indexOf('/');
        String address = slash < 0 ? raw : raw.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        if (!v6 && address.indexOf('.') < 0) {
            throw notCidr(raw, null);
        }
        BigInteger value = v6 ? ipv6(raw, address) : ipv4(raw, address);
        int max = v6 ? 128 : 32;
        int bits = max;
        if (slash >= 0) {
            Reading reading = Numbers.read(raw.substring(slash + 1), 0, max);
            if (!(reading instanceof Whole whole)) {
                String why = reading instanceof Malformed m ? " (" + m.reason() + ")" : "";
                throw new UsageException("'" + raw + "' has a bad prefix length: it must be 0-" + max + why + ".", HINT);
            }
            bits = whole.value();
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(max - bits).subtract(BigInteger.ONE);
        if (value.and(hostMask).signum() != 0) {
            throw new UsageException("'" + raw + "' has host bits set after /" + bits + ".",
                    "Use the network address, " + format(v6, value.andNot(hostMask)) + "/" + bits + ", or /" + max
                            + " for one address, e.g. " + format(v6, value) + "/" + max + ".");
        }
        return new Cidr(v6, value, bits);
    }

    private static BigInteger ipv4(String raw, String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            checkCharacters(raw, address, false);
            throw notCidr(raw, "An IPv4 address has four parts separated by dots, like 10.0.0.0.");
        }
        long value = 0;
        for (String part : parts) {
            Reading reading = Numbers.read(part, 0, 255);
            if (!(reading instanceof Whole whole)) {
                String why = reading instanceof Malformed m ? ": " + m.reason() : "";
                throw notCidr(raw, "Each part of an IPv4 address is a number from 0 to 255, not '" + part + "'" + why + ".");
            }
            value = value << 8 | whole.value();
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger ipv6(String raw, String address) {
        if (address.indexOf('.') >= 0) {
            throw notCidr(raw, "An IPv4 address inside an IPv6 one (like ::ffff:192.0.2.1) is not accepted: write "
                    + "the IPv6 address in hex (::ffff:c000:201), or the IPv4 block itself (192.0.2.1/32).");
        }
        checkCharacters(raw, address, true);
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            throw notCidr(raw, "'::' may stand for zeros only once.");
        }
        int[] head = gap < 0 ? groups(raw, address) : groups(raw, address.substring(0, gap));
        int[] tail = gap < 0 ? new int[0] : groups(raw, address.substring(gap + 2));
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            throw notCidr(raw, "An IPv6 address has eight groups of hex digits separated by ':', "
                    + "or fewer with one '::' standing for the zero groups.");
        }
        BigInteger value = BigInteger.ZERO;
        for (int group : head) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        value = value.shiftLeft(16 * (8 - count));
        for (int group : tail) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    /** The groups of one side of '::' (or of the whole address without one); none for an empty side. */
    private static int[] groups(String raw, String side) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] texts = side.split(":", -1);
        int[] groups = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (text.isEmpty()) {
                throw notCidr(raw, "It has an empty group: a single ':' at the start or the end, or two where one was meant.");
            }
            if (text.length() > 4) {
                throw notCidr(raw, "The group '" + text + "' has more than four hex digits.");
            }
            groups[i] = Integer.parseInt(text, 16);
        }
        return groups;
    }

    /** Refuses any character but ASCII digits, the separator, and hex letters in IPv6. */
    private static void checkCharacters(String raw, String address, boolean v6) {
        for (int i = 0; i < address.length(); ) {
            int c = address.codePointAt(i);
            boolean ok = c >= '0' && c <= '9' || c == (v6 ? ':' : '.')
                    || v6 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                throw notCidr(raw, Character.isDigit(c)
                        ? "It uses a digit other than 0-9 (" + Numbers.describe(c) + ")."
                        : "It contains " + Numbers.describe(c) + ", which has no place in an "
                        + (v6 ? "IPv6" : "IPv4") + " address.");
            }
            i += Character.charCount(c);
        }
    }

    private static UsageException notCidr(String raw, String detail) {
        return new UsageException("'" + raw + "' is not a CIDR block." + (detail == null ? "" : " " + detail), HINT);
    }

    /** An address in its canonical text: dotted decimal, or RFC 5952 for IPv6. */
    static String format(boolean v6, BigInteger value) {
        if (!v6) {
            long v = value.longValueExact();
            return (v >> 24) + "." + (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        // The longest run of two or more zero groups, the first on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
