package dev.deckhand.validate;

import dev.deckhand.validate.Inputs.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressSetTest {

    /** 2^32 less the special-purpose blocks: 16,777,216 * (1+1+1+1+16+16) ... added up in the test below. */
    private static final BigInteger ALL_PUBLIC_IPV4 = BigInteger.valueOf(3_702_258_432L);
    private static final BigInteger ALL_PUBLIC_IPV6 = BigInteger.ONE.shiftLeft(125).subtract(BigInteger.ONE.shiftLeft(96));

    static AddressSet set(String... blocks) {
        return AddressSet.of(Stream.of(blocks).map(Inputs::cidr).toList());
    }

    @Test
    void publicIpv4_isTheInternetLessTheSpecialPurposeBlocks() {
        long special = (1L << 24) * 3          // 0/8, 10/8, 127/8
                + (1L << 22)                   // 100.64/10
                + (1L << 16) * 2               // 169.254/16, 192.168/16
                + (1L << 20)                   // 172.16/12
                + 256L * 5                     // 192.0.0/24, 192.0.2/24, 192.88.99/24, 198.51.100/24, 203.0.113/24
                + (1L << 17)                   // 198.18/15
                + (1L << 29);                  // 224/4 and 240/4
        assertThat(ALL_PUBLIC_IPV4).isEqualTo(BigInteger.valueOf((1L << 32) - special));
        assertThat(set("0.0.0.0/0").publicIpv4Addresses()).isEqualTo(ALL_PUBLIC_IPV4);
        assertThat(set("0.0.0.0/0").publicIpv6Addresses()).isZero();
    }

    @Test
    void publicIpv6_isGlobalUnicastLessDocumentation() {
        assertThat(set("::/0").publicIpv6Addresses()).isEqualTo(ALL_PUBLIC_IPV6);
        assertThat(set("2000::/3").publicIpv6Addresses()).isEqualTo(ALL_PUBLIC_IPV6);
        assertThat(set("::/0").publicIpv4Addresses()).isZero();
        assertThat(set("2001:db8::/32").publicIpv6Addresses()).isZero();
        assertThat(set("2001:db8::/31").publicIpv6Addresses()).isEqualTo(BigInteger.ONE.shiftLeft(96));
        assertThat(set("::ffff:0:0/96", "fc00::/7", "fe80::/10", "ff00::/8", "::1").publicIpv6Addresses()).isZero();
        assertThat(set("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "4000::").publicIpv6Addresses()).isZero();
        assertThat(set("2000::", "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").publicIpv6Addresses()).isEqualTo(2);
        assertThat(set("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::").publicIpv6Addresses()).isEqualTo(2);
        assertThat(set("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff").publicIpv6Addresses()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0/8, 0", "10.0.0.0/8, 0", "100.64.0.0/10, 0", "127.0.0.0/8, 0", "169.254.0.0/16, 0",
            "172.16.0.0/12, 0", "192.0.0.0/24, 0", "192.0.2.0/24, 0", "192.88.99.0/24, 0", "192.168.0.0/16, 0",
            "198.18.0.0/15, 0", "198.51.100.0/24, 0", "203.0.113.0/24, 0", "203.0.113.7/32, 0", "224.0.0.0/4, 0",
            "240.0.0.0/4, 0", "255.255.255.255/32, 0",
            // The neighbours of each special block are public.
            "1.0.0.0/32, 1", "9.255.255.255/32, 1", "11.0.0.0/32, 1", "100.63.255.255/32, 1", "100.128.0.0/32, 1",
            "126.255.255.255/32, 1", "128.0.0.0/32, 1", "169.253.255.255/32, 1", "169.255.0.0/32, 1",
            "172.15.255.255/32, 1", "172.32.0.0/32, 1", "191.255.255.255/32, 1", "192.0.1.0/32, 1", "192.0.3.0/32, 1",
            "192.88.98.255/32, 1", "192.88.100.0/32, 1", "192.167.255.255/32, 1", "192.169.0.0/32, 1",
            "198.17.255.255/32, 1", "198.20.0.0/32, 1", "198.51.99.255/32, 1", "198.51.101.0/32, 1",
            "203.0.112.255/32, 1", "203.0.114.0/32, 1", "223.255.255.255/32, 1",
            "8.8.8.0/24, 256", "172.0.0.0/8, 15728640", "192.0.0.0/16, 65024",
    })
    void publicIpv4_ofOneBlock(String block, long expected) {
        assertThat(set(block).publicIpv4Addresses()).isEqualTo(expected);
    }

    @Test
    void overlaps_countOnce_andAdjacentBlocksJoin() {
        assertThat(set("8.0.0.0/8", "8.8.8.0/24", "8.8.0.0/16").publicIpv4Addresses()).isEqualTo(1L << 24);
        assertThat(set("8.0.0.0/9", "8.128.0.0/9")).isEqualTo(set("8.0.0.0/8"));
        assertThat(set("8.0.0.0/9", "8.128.0.0/9").hashCode()).isEqualTo(set("8.0.0.0/8").hashCode());
        assertThat(set("8.8.8.8", "8.8.8.9")).isEqualTo(set("8.8.8.8/31"));
        assertThat(set("8.8.8.8", "8.8.8.10")).isNotEqualTo(set("8.8.8.8/31"));
        assertThat(set("8.8.8.10", "8.8.8.8", "8.8.8.9")).isEqualTo(set("8.8.8.8/31", "8.8.8.10"));
        assertThat(set("8.0.0.0/8", "8.8.0.0/16")).isEqualTo(set("8.0.0.0/8"));
        assertThat(set("8.8.0.0/16", "8.0.0.0/8")).isEqualTo(set("8.0.0.0/8"));
        assertThat(set("2001:db8::/33", "2001:db8:8000::/33")).isEqualTo(set("2001:db8::/32"));
        assertThat(set("10.0.0.0/8")).isNotEqualTo(set("::a00:0/104"));
        assertThat(set("10.0.0.0/8")).isNotEqualTo(set("10.0.0.0/8", "::1"));
        assertThat(set("10.0.0.0/8")).isNotEqualTo("10.0.0.0/8");
        assertThat(AddressSet.EMPTY).isEqualTo(AddressSet.of(List.of()));
    }

    @Test
    void theWholeInternet_inHalves_isTheWholeInternet() {
        assertThat(set("0.0.0.0/1", "128.0.0.0/1")).isEqualTo(set("0.0.0.0/0"));
        assertThat(set("0.0.0.0/1", "128.0.0.0/1").publicIpv4Addresses()).isEqualTo(ALL_PUBLIC_IPV4);
        assertThat(set("::/1", "8000::/1")).isEqualTo(set("::/0"));
        assertThat(set("0.0.0.0/1", "128.0.0.0/1").exceeds(ExposureLimit.DEFAULT)).isTrue();
    }

    @Test
    void union_isTheAddressesOfEither() {
        AddressSet a = set("8.0.0.0/8", "2001:db8::/32");
        AddressSet b = set("9.0.0.0/8", "2a00::/16");
        assertThat(a.union(b)).isEqualTo(set("8.0.0.0/7", "2001:db8::/32", "2a00::/16"));
        assertThat(a.union(b).publicIpv4Addresses()).isEqualTo(1L << 25);
        assertThat(a.union(b).publicIpv6Addresses()).isEqualTo(BigInteger.ONE.shiftLeft(112));
        assertThat(a.union(AddressSet.EMPTY)).isEqualTo(a);
        assertThat(AddressSet.EMPTY.union(a)).isEqualTo(a);
    }

    @Test
    void exceeds_atTheLimitIsNot_oneMoreIs() {
        ExposureLimit limit = ExposureLimit.DEFAULT;
        assertThat(set("8.8.0.0/16").exceeds(limit)).isFalse();
        assertThat(set("8.8.0.0/16", "9.9.9.9").exceeds(limit)).isTrue();
        assertThat(set("8.8.0.0/15").exceeds(limit)).isTrue();
        assertThat(set("8.8.0.0/16", "10.0.0.0/8", "192.168.0.0/16").exceeds(limit)).isFalse();
        assertThat(set("2a00::/48").exceeds(limit)).isFalse();
        assertThat(set("2a00::/48", "2a01::").exceeds(limit)).isTrue();
        assertThat(set("2a00::/47").exceeds(limit)).isTrue();
        assertThat(set("2001:db8::/32", "fc00::/7").exceeds(limit)).isFalse();
        assertThat(set("0.0.0.0/0").exceeds(limit)).isTrue();
        assertThat(set("::/0").exceeds(limit)).isTrue();
        assertThat(AddressSet.EMPTY.exceeds(limit)).isFalse();
        assertThat(set("0.0.0.0/0", "::/0").exceeds(new ExposureLimit(0, 0))).isFalse();
        assertThat(set("8.8.8.8").exceeds(new ExposureLimit(32, 128))).isFalse();
        assertThat(set("8.8.8.8/31").exceeds(new ExposureLimit(32, 128))).isTrue();
    }

    @Test
    void exposureLimit_isChecked() {
        assertThat(ExposureLimit.DEFAULT).isEqualTo(new ExposureLimit(16, 48));
        assertThat(ExposureLimit.DEFAULT.maxPublicIpv4()).isEqualTo(65536);
        assertThat(ExposureLimit.DEFAULT.maxPublicIpv6()).isEqualTo(BigInteger.ONE.shiftLeft(80));
        assertThatThrownBy(() -> new ExposureLimit(33, 48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Exposure limit /33 and /48: the prefixes must be 0-32 and 0-128");
        assertThatThrownBy(() -> new ExposureLimit(-1, 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExposureLimit(16, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExposureLimit(16, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExposureLimit(32, 128).maxPublicIpv4()).isEqualTo(1);
        assertThat(new ExposureLimit(0, 0).maxPublicIpv6()).isEqualTo(BigInteger.ONE.shiftLeft(128));
    }

    @Test
    void toString_listsTheRanges() {
        assertThat(set("10.0.0.0/16", "10.0.0.0/24", "2001:db8::/120"))
                .hasToString("AddressSet[10.0.0.0-10.0.255.255, 2001:db8::-2001:db8::ff]");
        assertThat(AddressSet.EMPTY).hasToString("AddressSet[]");
    }

    @Test
    void of_keepsTheFamiliesApart() {
        Cidr v4 = Inputs.cidr("0.0.0.0/0");
        Cidr v6 = Inputs.cidr("::/96");
        assertThat(AddressSet.of(List.of(v4, v6)).publicIpv4Addresses()).isEqualTo(ALL_PUBLIC_IPV4);
        assertThat(AddressSet.of(List.of(v6)).publicIpv4Addresses()).isZero();
    }
}
