package dev.deckhand.validate;

import dev.deckhand.validate.Inputs.Cidr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AddressSet}'s counts against references computed other ways: a bitmap of the IPv4 space
 * at /24 granularity, the set of single addresses for small blocks, and a recursive walk down the
 * prefix tree (for IPv4 and IPv6). None of them sorts or merges intervals as AddressSet does.
 */
class AddressSetPropertiesTest {

    /** Special-purpose IPv4 as (network, prefix), written out in hex independently of the class under test. */
    private static final long[][] SPECIAL_IPV4 = {
            {0x00000000L, 8}, {0x0A000000L, 8}, {0x64400000L, 10}, {0x7F000000L, 8}, {0xA9FE0000L, 16},
            {0xAC100000L, 12}, {0xC0000000L, 24}, {0xC0000200L, 24}, {0xC0586300L, 24}, {0xC0A80000L, 16},
            {0xC6120000L, 15}, {0xC6336400L, 24}, {0xCB007100L, 24}, {0xE0000000L, 3}};

    /** Which /24s are public: every special block is a whole number of /24s. Built once, ~16M checks. */
    private static final BitSet PUBLIC_24 = new BitSet(1 << 24);

    static {
        for (int i = 0; i < 1 << 24; i++) {
            if (!isSpecial((long) i << 8)) {
                PUBLIC_24.set(i);
            }
        }
    }

    private static final long[] IPV4_ANCHORS = anchors();

    static boolean isSpecial(long address) {
        for (long[] block : SPECIAL_IPV4) {
            int shift = 32 - (int) block[1];
            if (address >>> shift == block[0] >>> shift) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 100)
    void publicIpv4_matchesABitmapOfTheSpace(@ForAll("largeIpv4") List<Cidr> blocks) {
        BitSet admitted = new BitSet(1 << 24);
        for (Cidr c : blocks) {
            admitted.set(c.first().intValue() >>> 8 & 0xFFFFFF, (int) ((c.last().longValue() >>> 8) + 1));
        }
        admitted.and(PUBLIC_24);

        assertThat(AddressSet.of(blocks).publicIpv4Addresses()).isEqualTo(BigInteger.valueOf(256L * admitted.cardinality()));
    }

    @Property(tries = 200)
    void publicIpv4_matchesTheSetOfSingleAddresses(@ForAll("smallIpv4") List<Cidr> blocks) {
        Set<Long> admitted = new HashSet<>();
        for (Cidr c : blocks) {
            for (long a = c.first().longValue(); a <= c.last().longValue(); a++) {
                if (!isSpecial(a)) {
                    admitted.add(a);
                }
            }
        }

        assertThat(AddressSet.of(blocks).publicIpv4Addresses()).isEqualTo(admitted.size());
    }

    @Property(tries = 200)
    void publicIpv4_matchesAWalkDownThePrefixTree(@ForAll("anyIpv4") List<Cidr> blocks) {
        List<Block> include = List.of(new Block(BigInteger.ZERO, 0, 32));
        List<Block> exclude = new ArrayList<>();
        for (long[] s : SPECIAL_IPV4) {
            exclude.add(new Block(BigInteger.valueOf(s[0]), (int) s[1], 32));
        }
        BigInteger expected = unionPublic(blocks.stream().map(Block::of).toList(), new Block(BigInteger.ZERO, 0, 32), include, exclude);

        assertThat(AddressSet.of(blocks).publicIpv4Addresses()).isEqualTo(expected);
        assertThat(AddressSet.of(blocks).publicIpv6Addresses()).isZero();
    }

    @Property(tries = 200)
    void publicIpv6_matchesAWalkDownThePrefixTree(@ForAll("anyIpv6") List<Cidr> blocks) {
        List<Block> include = List.of(new Block(BigInteger.ONE.shiftLeft(125), 3, 128));                   // 2000::/3
        List<Block> exclude = List.of(new Block(new BigInteger("20010db8", 16).shiftLeft(96), 32, 128));  // 2001:db8::/32
        BigInteger expected = unionPublic(blocks.stream().map(Block::of).toList(), new Block(BigInteger.ZERO, 0, 128), include, exclude);

        assertThat(AddressSet.of(blocks).publicIpv6Addresses()).isEqualTo(expected);
        assertThat(AddressSet.of(blocks).publicIpv4Addresses()).isZero();
    }

    @Property(tries = 200)
    void aBlockCutIntoPieces_isTheSameSet(@ForAll("anyBlock") Cidr block, @ForAll long seed) {
        Random random = new Random(seed);
        List<Cidr> pieces = new ArrayList<>();
        cut(block, random, pieces);
        Collections.shuffle(pieces, random);

        AddressSet whole = AddressSet.of(List.of(block));
        AddressSet cut = AddressSet.of(pieces);
        assertThat(cut).isEqualTo(whole);
        assertThat(cut.hashCode()).isEqualTo(whole.hashCode());
        assertThat(cut.publicIpv4Addresses()).isEqualTo(whole.publicIpv4Addresses());
        assertThat(cut.publicIpv6Addresses()).isEqualTo(whole.publicIpv6Addresses());
        assertThat(cut.exceeds(ExposureLimit.DEFAULT)).isEqualTo(whole.exceeds(ExposureLimit.DEFAULT));
    }

    @Property(tries = 200)
    void union_isTheSetOfBoth_inAnyOrder(@ForAll("mixed") List<Cidr> a, @ForAll("mixed") List<Cidr> b) {
        List<Cidr> both = new ArrayList<>(a);
        both.addAll(b);
        List<Cidr> reversed = new ArrayList<>(both);
        Collections.reverse(reversed);

        AddressSet union = AddressSet.of(a).union(AddressSet.of(b));
        assertThat(union).isEqualTo(AddressSet.of(both)).isEqualTo(AddressSet.of(reversed))
                .isEqualTo(AddressSet.of(b).union(AddressSet.of(a)));
        assertThat(union.union(union)).isEqualTo(union);
        assertThat(union.publicIpv4Addresses()).isGreaterThanOrEqualTo(AddressSet.of(a).publicIpv4Addresses())
                .isLessThanOrEqualTo(AddressSet.of(a).publicIpv4Addresses().add(AddressSet.of(b).publicIpv4Addresses()));
        assertThat(union.publicIpv6Addresses()).isGreaterThanOrEqualTo(AddressSet.of(b).publicIpv6Addresses())
                .isLessThanOrEqualTo(AddressSet.of(a).publicIpv6Addresses().add(AddressSet.of(b).publicIpv6Addresses()));
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Cidr>> largeIpv4() {
        return ipv4(0, 24).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Cidr>> smallIpv4() {
        return ipv4(20, 32).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Cidr>> anyIpv4() {
        return ipv4(0, 32).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Cidr>> anyIpv6() {
        return ipv6().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<Cidr> anyBlock() {
        return Arbitraries.oneOf(ipv4(0, 32), ipv6());
    }

    @Provide
    Arbitrary<List<Cidr>> mixed() {
        return Arbitraries.oneOf(ipv4(0, 32), ipv6()).list().ofMaxSize(5);
    }

    /** Blocks near the edges of the special-purpose blocks more often than chance would put them there. */
    private static Arbitrary<Cidr> ipv4(int minPrefix, int maxPrefix) {
        Arbitrary<Long> address = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(0, 0xFFFFFFFFL)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(toList(IPV4_ANCHORS)), Arbitraries.longs().between(-4096, 4096))
                        .as((anchor, offset) -> Math.floorMod(anchor + offset, 1L << 32))));
        return Combinators.combine(address, Arbitraries.integers().between(minPrefix, maxPrefix)).as((a, prefix) ->
                new Cidr(false, BigInteger.valueOf(a & ~((1L << (32 - prefix)) - 1)), prefix));
    }

    private static Arbitrary<Cidr> ipv6() {
        BigInteger top = BigInteger.ONE.shiftLeft(128);
        List<BigInteger> anchors = List.of(BigInteger.ZERO, BigInteger.ONE.shiftLeft(125), BigInteger.ONE.shiftLeft(126),
                new BigInteger("20010db8", 16).shiftLeft(96), new BigInteger("20010db9", 16).shiftLeft(96),
                BigInteger.ONE.shiftLeft(127), new BigInteger("ffff", 16).shiftLeft(32));
        Arbitrary<BigInteger> address = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.ZERO, top.subtract(BigInteger.ONE))),
                Tuple.of(3, Combinators.combine(Arbitraries.of(anchors),
                                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(100).negate(), BigInteger.ONE.shiftLeft(100)))
                        .as((anchor, offset) -> anchor.add(offset).mod(top))));
        Arbitrary<Integer> prefix = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(0, 8)),
                Tuple.of(2, Arbitraries.integers().between(0, 48)),
                Tuple.of(1, Arbitraries.integers().between(0, 128)));
        return Combinators.combine(address, prefix).as((a, p) ->
                new Cidr(true, a.shiftRight(128 - p).shiftLeft(128 - p), p));
    }

    private static long[] anchors() {
        List<Long> anchors = new ArrayList<>();
        for (long[] s : SPECIAL_IPV4) {
            anchors.add(s[0]);
            anchors.add(s[0] + (1L << (32 - s[1])));
        }
        return anchors.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Long> toList(long[] values) {
        List<Long> list = new ArrayList<>();
        for (long v : values) {
            list.add(v);
        }
        return list;
    }

    /** Replaces a block by its two halves, at random, down to a few levels. */
    private static void cut(Cidr block, Random random, List<Cidr> into) {
        int max = block.ipv6() ? 128 : 32;
        if (block.prefixLength() == max || into.size() > 20 || random.nextInt(3) == 0) {
            into.add(block);
            return;
        }
        int next = block.prefixLength() + 1;
        cut(new Cidr(block.ipv6(), block.first(), next), random, into);
        cut(new Cidr(block.ipv6(), block.first().setBit(max - next), next), random, into);
    }

    // ---- the prefix-tree reference ----

    /** A block in a space of {@code bits} bits. */
    record Block(BigInteger first, int prefix, int bits) {
        static Block of(Cidr c) {
            return new Block(c.first(), c.prefixLength(), c.ipv6() ? 128 : 32);
        }

        boolean contains(Block other) {
            return prefix <= other.prefix && first.shiftRight(bits - prefix).equals(other.first.shiftRight(bits - prefix));
        }

        boolean meets(Block other) {
            return contains(other) || other.contains(this);
        }

        Block half(int which) {
            return new Block(which == 0 ? first : first.setBit(bits - prefix - 1), prefix + 1, bits);
        }

        BigInteger size() {
            return BigInteger.ONE.shiftLeft(bits - prefix);
        }
    }

    /** Public addresses of {@code node} that some block of the union admits. */
    private static BigInteger unionPublic(List<Block> union, Block node, List<Block> include, List<Block> exclude) {
        if (union.stream().noneMatch(node::meets)) {
            return BigInteger.ZERO;
        }
        if (union.stream().anyMatch(b -> b.contains(node))) {
            return publicIn(node, include, exclude);
        }
        return unionPublic(union, node.half(0), include, exclude).add(unionPublic(union, node.half(1), include, exclude));
    }

    /** Addresses of {@code node} inside an included block and outside every excluded one. */
    private static BigInteger publicIn(Block node, List<Block> include, List<Block> exclude) {
        if (include.stream().noneMatch(node::meets) || exclude.stream().anyMatch(b -> b.contains(node))) {
            return BigInteger.ZERO;
        }
        if (include.stream().anyMatch(b -> b.contains(node)) && exclude.stream().noneMatch(node::meets)) {
            return node.size();
        }
        return publicIn(node.half(0), include, exclude).add(publicIn(node.half(1), include, exclude));
    }
}
