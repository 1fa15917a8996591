package dev.deckhand.validate;

import dev.deckhand.validate.Inputs.Cidr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The addresses a set of CIDR blocks admits together, IPv4 and IPv6 kept apart, and how many of
 * them are public. A policy asks this rather than whether one block is {@code /0}: 0.0.0.0/1 plus
 * 128.0.0.0/1, or a hundred /8s, reach the internet just as well.
 *
 * <p>Overlaps count once. Public IPv4 is every address except the IANA special-purpose blocks
 * 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.0.0.0/24,
 * 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24
 * and 224.0.0.0/3 (multicast, reserved and 255.255.255.255). The documentation ranges (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24), which examples use, are therefore not public. Public IPv6 is
 * 2000::/3, the global unicast range, less the documentation range 2001:db8::/32; IPv4-mapped
 * IPv6 (::ffff:0:0/96) lies outside it and is not counted as IPv4 either.
 *
 * <p>Values are immutable; two sets admitting the same addresses are equal.
 */
public final class AddressSet {

    private static final BigInteger IPV4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger IPV6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private static final List<Range> PUBLIC_IPV4 = complement(merge(ranges(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4")), IPV4_MAX);
    /** Outside 2000::/3 (the first eighth, and the second half and quarter above it), plus documentation. */
    private static final List<Range> PUBLIC_IPV6 = complement(merge(ranges(
            "::/3", "4000::/2", "8000::/1", "2001:db8::/32")), IPV6_MAX);

    /** No address at all. */
    public static final AddressSet EMPTY = new AddressSet(List.of(), List.of());

    private final List<Range> ipv4;
    private final List<Range> ipv6;

    private AddressSet(List<Range> ipv4, List<Range> ipv6) {
        this.ipv4 = List.copyOf(ipv4);
        this.ipv6 = List.copyOf(ipv6);
    }

    /** The union of the blocks. */
    public static AddressSet of(Collection<Cidr> blocks) {
        return new AddressSet(merge(blocks.stream().filter(c -> !c.ipv6()).map(Range::of).toList()),
                merge(blocks.stream().filter(Cidr::ipv6).map(Range::of).toList()));
    }

    /** The addresses admitted by this set or the other. */
    public AddressSet union(AddressSet other) {
        return new AddressSet(merge(Stream.concat(ipv4.stream(), other.ipv4.stream()).toList()),
                merge(Stream.concat(ipv6.stream(), other.ipv6.stream()).toList()));
    }

    /** How many public IPv4 addresses the set admits (see the class comment for which are public). */
    public BigInteger publicIpv4Addresses() {
        return intersectionSize(ipv4, PUBLIC_IPV4);
    }

    /** How many public IPv6 addresses (2000::/3 less 2001:db8::/32) the set admits. */
    public BigInteger publicIpv6Addresses() {
        return intersectionSize(ipv6, PUBLIC_IPV6);
    }

    /**
     * Whether the set admits more of the internet than the limit: more public IPv4 addresses than
     * {@link ExposureLimit#maxPublicIpv4()}, or more public IPv6 addresses than
     * {@link ExposureLimit#maxPublicIpv6()}. With {@link ExposureLimit#DEFAULT}, 0.0.0.0/0, ::/0, and
     * 0.0.0.0/1 + 128.0.0.0/1 exceed it; 10.0.0.0/8 (private) and 198.51.100.0/24 do not.
     */
    public boolean exceeds(ExposureLimit limit) {
        return publicIpv4Addresses().compareTo(limit.maxPublicIpv4()) > 0
                || publicIpv6Addresses().compareTo(limit.maxPublicIpv6()) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && ipv4.equals(other.ipv4) && ipv6.equals(other.ipv6);
    }

    @Override
    public int hashCode() {
        return ipv4.hashCode() * 31 + ipv6.hashCode();
    }

    /** The ranges, first to last address, e.g. {@code AddressSet[10.0.0.0-10.0.255.255, 2001:db8::-2001:db8::ff]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        ipv4.forEach(r -> parts.add(CidrParser.format(false, r.first()) + "-" + CidrParser.format(false, r.last())));
        ipv6.forEach(r -> parts.add(CidrParser.format(true, r.first()) + "-" + CidrParser.format(true, r.last())));
        return "AddressSet" + parts;
    }

    /** Inclusive range of addresses as unsigned numbers. */
    record Range(BigInteger first, BigInteger last) {
        static Range of(Cidr cidr) {
            return new Range(cidr.first(), cidr.last());
        }

        BigInteger size() {
            return last.subtract(first).add(BigInteger.ONE);
        }
    }

    private static List<Range> ranges(String... blocks) {
        return Stream.of(blocks).map(b -> Range.of(CidrParser.parse(b))).toList();
    }

    /** Sorted, disjoint, and not touching: adjacent ranges are joined, so equal sets have equal lists. */
    static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (previous != null && r.first().compareTo(previous.last().add(BigInteger.ONE)) <= 0) {
                merged.set(merged.size() - 1, new Range(previous.first(), previous.last().max(r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** The addresses from 0 to {@code max} not in the merged ranges. */
    static List<Range> complement(List<Range> merged, BigInteger max) {
        List<Range> gaps = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (Range r : merged) {
            if (r.first().compareTo(next) > 0) {
                gaps.add(new Range(next, r.first().subtract(BigInteger.ONE)));
            }
            next = r.last().add(BigInteger.ONE);
        }
        if (next.compareTo(max) <= 0) {
            gaps.add(new Range(next, max));
        }
        return gaps;
    }

    /** How many addresses two merged lists share. */
    static BigInteger intersectionSize(List<Range> a, List<Range> b) {
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Range x = a.get(i);
            Range y = b.get(j);
            BigInteger first = x.first().max(y.first());
            BigInteger last = x.last().min(y.last());
            if (first.compareTo(last) <= 0) {
                total = total.add(new Range(first, last).size());
            }
            if (x.last().compareTo(y.last()) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return total;
    }
}
