package dev.deckhand.ec2;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Small value rules: tokens, states, CIDRs, TTLs. */
class Ec2ValuesTest {

    static final Instant T = Instant.parse("2026-11-25T12:03:00Z");

    @Test
    void clientToken_sameRequestInTheSameWindow_isTheSame() {
        String a = ClientTokens.token("U1", "C1", "ec2 launch web-1", T);
        assertThat(ClientTokens.token("U1", "C1", "ec2 launch web-1", T.plusSeconds(360))).isEqualTo(a);
        assertThat(a).hasSizeLessThanOrEqualTo(64).matches("[ -~]+");
    }

    @Test
    void clientToken_differsByWindowUserChannelAndCommand() {
        String a = ClientTokens.token("U1", "C1", "ec2 launch web-1", T);
        assertThat(ClientTokens.token("U1", "C1", "ec2 launch web-1", T.plusSeconds(600))).isNotEqualTo(a);
        assertThat(ClientTokens.token("U2", "C1", "ec2 launch web-1", T)).isNotEqualTo(a);
        assertThat(ClientTokens.token("U1", "C2", "ec2 launch web-1", T)).isNotEqualTo(a);
        assertThat(ClientTokens.token("U1", "C1", "ec2 launch web-2", T)).isNotEqualTo(a);
    }

    @Test
    void instanceState_fromCode_ignoresTheHighByte() {
        assertThat(InstanceState.fromCode(16)).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceState.fromCode(272)).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceState.fromCode(80)).isEqualTo(InstanceState.STOPPED);
        assertThat(InstanceState.fromCode(7)).isEqualTo(InstanceState.UNKNOWN);
    }

    @Test
    void cidrs_acceptIpv4AndIpv6Blocks() {
        assertThat(Cidrs.isValid("203.0.113.7/32")).isTrue();
        assertThat(Cidrs.isValid("::/0")).isTrue();
        assertThat(Cidrs.isValid("2001:db8::/32")).isTrue();
        assertThat(Cidrs.isValid("203.0.113.7")).isFalse();
        assertThat(Cidrs.isValid("1.2.3.4/40")).isFalse();
        assertThat(Cidrs.isValid("2001:db8::/129")).isFalse();
        assertThat(Cidrs.isWholeInternet("0.0.0.0/0")).isTrue();
        assertThat(Cidrs.isWholeInternet("10.0.0.0/8")).isFalse();
    }

    @Test
    void ingressRule_opensToWorld_onlyForCoveringTcpRulesFromEveryone() {
        assertThat(IngressRule.tcp(22, "0.0.0.0/0").opensToWorld(22)).isTrue();
        assertThat(new IngressRule("all", -1, -1, "::/0").opensToWorld(22)).isTrue();
        assertThat(new IngressRule("tcp", 20, 30, "0.0.0.0/0").opensToWorld(22)).isTrue();
        assertThat(IngressRule.tcp(22, "10.0.0.0/8").opensToWorld(22)).isFalse();
        assertThat(IngressRule.tcp(443, "0.0.0.0/0").opensToWorld(22)).isFalse();
    }

    @Test
    void ttl_readsHoursDaysAndWeeks() {
        assertThat(LaunchOptions.formatTtl(LaunchOptions.ttl("12h"))).isEqualTo("12h");
        assertThat(LaunchOptions.formatTtl(LaunchOptions.ttl("7d"))).isEqualTo("7d");
        assertThat(LaunchOptions.formatTtl(LaunchOptions.ttl("2W"))).isEqualTo("14d");
        assertThat(LaunchOptions.formatTtl(LaunchOptions.ttl("48h"))).isEqualTo("2d");
    }
}
