package dev.deckhand.network;

import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.Inputs.PortRange;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExposureTest {

    static final BigInteger PUBLIC_IPV4 = new BigInteger("3702258432");

    @Test
    void theNewRangeAlone_whenNoOtherRuleAdmitsThePorts() {
        List<Exposure.Stretch> stretches = Exposure.of(List.of(IngressRule.tcp(80, "0.0.0.0/0", ""),
                new IngressRule("udp", 22, 22, "0.0.0.0/0", ""), IngressRule.tcp(22, "sg-0123456789abcdef0", "")),
                new PortRange(22, 22), Inputs.cidr("8.8.8.0/24"));

        assertThat(stretches).containsExactly(new Exposure.Stretch(22, 22, List.of("8.8.8.0/24"), BigInteger.valueOf(256),
                BigInteger.ZERO));
    }

    @Test
    void halvesOfTheInternet_countTogether_overlapsOnce() {
        List<Exposure.Stretch> stretches = Exposure.of(List.of(IngressRule.tcp(22, "0.0.0.0/1", ""),
                IngressRule.tcp(22, "64.0.0.0/2", "")), new PortRange(22, 22), Inputs.cidr("128.0.0.0/1"));

        assertThat(stretches).hasSize(1);
        assertThat(stretches.get(0).publicIpv4()).isEqualTo(PUBLIC_IPV4);
        assertThat(stretches.get(0).ranges()).containsExactly("0.0.0.0/1", "128.0.0.0/1", "64.0.0.0/2");
    }

    @Test
    void aPortRange_isSplitWhereTheOtherRulesChange_andAllTrafficRulesCoverEveryPort() {
        List<Exposure.Stretch> stretches = Exposure.of(List.of(IngressRule.tcp(22, "0.0.0.0/0", ""),
                new IngressRule("-1", -1, -1, "10.0.0.0/8", "")), new PortRange(20, 25), Inputs.cidr("8.8.8.0/24"));

        assertThat(stretches).extracting(Exposure.Stretch::from, Exposure.Stretch::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(20, 21), org.assertj.core.groups.Tuple.tuple(22, 22),
                org.assertj.core.groups.Tuple.tuple(23, 25));
        assertThat(stretches.get(0).ranges()).containsExactly("10.0.0.0/8", "8.8.8.0/24");
        assertThat(stretches.get(0).publicIpv4()).isEqualTo(BigInteger.valueOf(256));
        assertThat(stretches.get(1).publicIpv4()).isEqualTo(PUBLIC_IPV4);
        assertThat(stretches.get(2).ranges()).isEqualTo(stretches.get(0).ranges());
    }

    @Test
    void aPrefixList_cannotBeCounted_soItCountsAsTheWholeInternet() {
        List<Exposure.Stretch> stretches = Exposure.of(List.of(IngressRule.tcp(22, "pl-0abc1234", "")),
                new PortRange(22, 22), Inputs.cidr("8.8.8.0/24"));

        assertThat(stretches.get(0).publicIpv4()).isEqualTo(PUBLIC_IPV4);
        assertThat(stretches.get(0).publicIpv6()).isPositive();
        assertThat(stretches.get(0).ranges()).contains("pl-0abc1234 (a prefix list: counted as the whole internet)");
    }
}
