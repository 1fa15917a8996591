package dev.deckhand.validate;

import dev.deckhand.validate.Inputs.Cidr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every spelling of a block reads as the same numbers; odd spellings are refused, never misread. */
class CidrPropertiesTest {

    @Property(tries = 200)
    void ipv4_readsAsItsNumbers_andWritesBackTheSame(@ForAll @LongRange(max = 0xFFFFFFFFL) long address,
                                                    @ForAll @IntRange(max = 32) int prefix) {
        long network = address & ~((1L << (32 - prefix)) - 1);
        String text = dotted(network) + "/" + prefix;

        Cidr cidr = Inputs.cidr(text);

        assertThat(cidr.ipv6()).isFalse();
        assertThat(cidr.prefixLength()).isEqualTo(prefix);
        assertThat(cidr.first()).isEqualTo(BigInteger.valueOf(network));
        assertThat(cidr.last()).isEqualTo(BigInteger.valueOf(network + (1L << (32 - prefix)) - 1));
        assertThat(cidr.block()).isEqualTo(text);
    }

    @Property(tries = 200)
    void hostBits_areRefused_exactlyWhenSet(@ForAll @LongRange(max = 0xFFFFFFFFL) long address,
                                            @ForAll @IntRange(min = 16, max = 32) int prefix) {
        String text = dotted(address) + "/" + prefix;
        if ((address & ((1L << (32 - prefix)) - 1)) == 0) {
            assertThat(Inputs.cidr(text).first()).isEqualTo(BigInteger.valueOf(address));
        } else {
            assertThatThrownBy(() -> Inputs.cidr(text)).hasMessage("'" + text + "' has host bits set after /" + prefix + ".");
        }
    }

    enum OddIpv4 { LEADING_ZERO, FOREIGN_DIGIT, FULLWIDTH_DOT, SPACE, PLUS, HEX, OCTAL_PREFIX, TRAILING_DOT }

    @Property(tries = 200)
    void ipv4_otherSpellings_areRefused(@ForAll @LongRange(max = 0xFFFFFFFFL) long address, @ForAll OddIpv4 odd,
                                        @ForAll @IntRange(max = 3) int part) {
        String[] parts = dotted(address).split("\\.");
        String p = parts[part];
        parts[part] = switch (odd) {
            case LEADING_ZERO, OCTAL_PREFIX -> "0" + p;
            case FOREIGN_DIGIT -> p.chars().mapToObj(c -> Character.toString(0x660 + c - '0')).reduce("", String::concat);
            case FULLWIDTH_DOT -> p + "\uff0e";
            case SPACE -> " " + p;
            case PLUS -> "+" + p;
            case HEX -> "0x" + Integer.toHexString(Integer.parseInt(p));
            case TRAILING_DOT -> p + ".";
        };
        String text = String.join(".", parts).replace("\uff0e.", "\uff0e") + "/32";

        assertThatThrownBy(() -> Inputs.cidr(text)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("'" + text + "' is not a CIDR block. ");
    }

    @Property(tries = 150)
    void ipv6_everySpelling_isTheSameBlock(@ForAll("groups") List<Integer> groups, @ForAll @IntRange(max = 128) int prefix,
                                           @ForAll long seed) throws Exception {
        int[] g = network(groups, prefix);
        Random random = new Random(seed);
        List<String> spellings = new ArrayList<>();
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            full.append(i == 0 ? "" : ":").append(String.format("%04x", g[i]));
        }
        spellings.add(full.toString());
        spellings.add(randomCase(full.toString(), random));
        spellings.add(randomCase(plain(g, 0, 0), random));
        List<String> shortest = new ArrayList<>();
        shortest.add(plain(g, 0, 0));
        // '::' may stand for any run of zero groups, whole or part of a longer one.
        for (int start = 0; start < 8; start++) {
            for (int end = start + 1; end <= 8 && g[end - 1] == 0; end++) {
                String spelled = plain(g, start, end);
                spellings.add(random.nextBoolean() ? spelled : randomCase(spelled, random));
                if (end - start >= 2) {
                    shortest.add(spelled);
                }
            }
        }
        BigInteger expected = new BigInteger(1, InetAddress.getByName(full.toString()).getAddress());

        Cidr canonical = Inputs.cidr(full + "/" + prefix);
        assertThat(canonical.first()).isEqualTo(expected);
        assertThat(canonical.ipv6()).isTrue();
        assertThat(canonical.prefixLength()).isEqualTo(prefix);
        for (String spelling : spellings) {
            assertThat(Inputs.cidr(spelling + "/" + prefix)).as(spelling).isEqualTo(canonical);
            assertThat(Inputs.cidr(spelling + "/" + prefix).block()).isEqualTo(canonical.block());
        }
        // RFC 5952: lower case, no leading zeros, and '::' for a longest run of zero groups (2 or more):
        // no spelling that shortens such a run leaves fewer groups written out.
        String address = canonical.block().substring(0, canonical.block().indexOf('/'));
        assertThat(address).isEqualTo(address.toLowerCase(Locale.ROOT)).doesNotContainPattern("(^|:)0[0-9a-f]");
        assertThat(shortest).allSatisfy(s -> assertThat(written(address)).isLessThanOrEqualTo(written(s)));
        assertThat(Inputs.cidr(canonical.block())).isEqualTo(canonical);
    }

    enum OddIpv6 { FULLWIDTH_DIGIT, ARABIC_DIGIT, EMBEDDED_IPV4, ZONE, BRACKETS, SPACE, FIVE_DIGIT_GROUP }

    @Property(tries = 200)
    void ipv6_otherSpellings_areRefused(@ForAll("groups") List<Integer> groups, @ForAll OddIpv6 odd) {
        int[] g = network(groups, 128);
        String plain = plain(g, 0, 0);
        String text = switch (odd) {
            case FULLWIDTH_DIGIT -> "\uff11" + plain;
            case ARABIC_DIGIT -> plain + "\u0661";
            case EMBEDDED_IPV4 -> plain.substring(0, plain.lastIndexOf(':', plain.lastIndexOf(':') - 1) + 1)
                    + dotted((long) g[6] << 16 | g[7]);
            case ZONE -> plain + "%eth0";
            case BRACKETS -> "[" + plain + "]";
            case SPACE -> plain.replaceFirst(":", ": ");
            case FIVE_DIGIT_GROUP -> "0" + String.format("%04x", g[0]) + plain.substring(plain.indexOf(':'));
        };

        assertThatThrownBy(() -> Inputs.cidr(text)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("'" + text + "' is not a CIDR block. ");
    }

    /** Eight groups, half of them zero so that runs of zeros are common. */
    @Provide
    Arbitrary<List<Integer>> groups() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xffff))).list().ofSize(8);
    }

    /** The groups with the host bits after {@code prefix} cleared. */
    private static int[] network(List<Integer> groups, int prefix) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            int keep = Math.max(0, Math.min(16, prefix - 16 * i));
            g[i] = groups.get(i) & (0xffff << (16 - keep)) & 0xffff;
        }
        return g;
    }

    /** The groups in hex without leading zeros, with groups [start, end) written as '::' when start < end. */
    private static String plain(int[] g, int start, int end) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == start && start < end) {
                s.append("::");
                i = end - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private static long written(String address) {
        return java.util.Arrays.stream(address.split(":")).filter(t -> !t.isEmpty()).count();
    }

    private static String randomCase(String s, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    static String dotted(long a) {
        return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }
}
