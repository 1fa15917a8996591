package dev.deckhand.network;

import dev.deckhand.validate.AddressSet;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.Inputs.Cidr;
import dev.deckhand.validate.Inputs.PortRange;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who could reach a group's TCP ports once a rule is added: for each stretch of the new rule's port
 * range over which the group's existing rules are the same, every range that admits those ports
 * (the new one and the existing ones, tcp or all-traffic), and the public addresses they admit
 * together. Overlaps count once and the spelling of a range does not matter. A prefix list or a
 * source that cannot be read counts as the whole internet: what cannot be evaluated is not allowed.
 */
final class Exposure {

    private static final int LAST_PORT = 65535;
    private static final Cidr WORLD_V4 = Inputs.cidr("0.0.0.0/0");
    private static final Cidr WORLD_V6 = Inputs.cidr("::/0");

    /** Ports {@code from}-{@code to}, admitted after the change by {@code ranges}. */
    record Stretch(int from, int to, List<String> ranges, BigInteger publicIpv4, BigInteger publicIpv6) { }

    private Exposure() {
    }

    static List<Stretch> of(List<IngressRule> existing, PortRange ports, Cidr added) {
        List<IngressRule> tcp = existing.stream().filter(r -> admitsTcp(r) && !r.isGroupReference()).toList();
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(ports.from());
        for (IngressRule r : tcp) {
            int first = firstPort(r);
            int afterLast = lastPort(r) + 1;
            if (first > ports.from() && first <= ports.to()) {
                cuts.add(first);
            }
            if (afterLast > ports.from() && afterLast <= ports.to()) {
                cuts.add(afterLast);
            }
        }
        List<Stretch> stretches = new ArrayList<>();
        for (int start : cuts) {
            Integer next = cuts.higher(start);
            int end = next == null ? ports.to() : next - 1;
            List<IngressRule> covering = tcp.stream().filter(r -> firstPort(r) <= start && lastPort(r) >= start).toList();
            Stretch stretch = stretch(start, end, covering, added);
            Stretch previous = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (previous != null && previous.ranges().equals(stretch.ranges())) {
                stretches.set(stretches.size() - 1, new Stretch(previous.from(), end, previous.ranges(),
                        previous.publicIpv4(), previous.publicIpv6()));
            } else {
                stretches.add(stretch);
            }
        }
        return stretches;
    }

    private static Stretch stretch(int from, int to, List<IngressRule> covering, Cidr added) {
        List<Cidr> blocks = new ArrayList<>();
        blocks.add(added);
        TreeSet<String> ranges = new TreeSet<>();
        ranges.add(added.block());
        for (IngressRule r : covering) {
            Optional<Cidr> block = SecurityGroupCommands.cidrOf(r.source());
            if (block.isPresent()) {
                blocks.add(block.get());
                ranges.add(block.get().block());
            } else {
                blocks.add(WORLD_V4);
                blocks.add(WORLD_V6);
                ranges.add(r.source() + (r.source().startsWith("pl-") ? " (a prefix list: counted as the whole internet)"
                        : " (unreadable: counted as the whole internet)"));
            }
        }
        AddressSet set = AddressSet.of(blocks);
        return new Stretch(from, to, List.copyOf(ranges), set.publicIpv4Addresses(), set.publicIpv6Addresses());
    }

    private static boolean admitsTcp(IngressRule r) {
        return r.protocol().equals("-1") || r.protocol().equals("tcp") || r.protocol().equals("6");
    }

    private static int firstPort(IngressRule r) {
        return r.protocol().equals("-1") || r.fromPort() < 0 ? 0 : r.fromPort();
    }

    private static int lastPort(IngressRule r) {
        return r.protocol().equals("-1") || r.toPort() < 0 ? LAST_PORT : r.toPort();
    }
}
