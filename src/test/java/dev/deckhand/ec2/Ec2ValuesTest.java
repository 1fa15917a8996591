package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Small value rules: tokens, states, CIDRs, TTLs. */
class Ec2ValuesTest {

    static final Instant T = Instant.parse("2026-11-25T12:03:00Z");

    @Test
    void clientToken_derivesFromThePlanId_only() {
        String a = ClientTokens.token("approval-1a2b3c4d");
        assertThat(ClientTokens.token("approval-1a2b3c4d")).isEqualTo(a);
        assertThat(ClientTokens.token("p-0123456789abcdef01234567")).isNotEqualTo(a);
        assertThat(a).hasSizeLessThanOrEqualTo(64).matches("[ -~]+");
    }

    @Test
    void instanceState_fromCode_ignoresTheHighByte() {
        assertThat(InstanceState.fromCode(16)).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceState.fromCode(272)).isEqualTo(InstanceState.RUNNING);
        assertThat(InstanceState.fromCode(80)).isEqualTo(InstanceState.STOPPED);
        assertThat(InstanceState.fromCode(7)).isEqualTo(InstanceState.UNKNOWN);
    }

    @Test
    void from_isCheckedLikeSgOpen_andCanonical() {
        assertThat(LaunchOptions.from("203.0.113.7/32")).isEqualTo("203.0.113.7/32");
        assertThat(LaunchOptions.from("203.0.113.7")).isEqualTo("203.0.113.7/32");
        assertThat(LaunchOptions.from("2001:DB8::/32")).isEqualTo("2001:db8::/32");
        assertThat(LaunchOptions.from("::/0")).isEqualTo("::/0");
        for (String bad : new String[] {"1.2.3.4/40", "2001:db8::/129", "10.0.0.1/16", "sg-0abc"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.from(bad))
                    .hasMessage("--from must be a CIDR block, not '" + bad + "'.");
        }
    }

    @Test
    void ingressRule_opensToWorld_onlyForCoveringTcpRulesFromEveryone() {
        assertThat(IngressRule.tcp(22, "0.0.0.0/0", "").opensToWorld(22)).isTrue();
        assertThat(new IngressRule("-1", -1, -1, "::/0", "").opensToWorld(22)).isTrue();
        assertThat(new IngressRule("tcp", 20, 30, "0.0.0.0/0", "").opensToWorld(22)).isTrue();
        assertThat(IngressRule.tcp(22, "10.0.0.0/8", "").opensToWorld(22)).isFalse();
        assertThat(IngressRule.tcp(443, "0.0.0.0/0", "").opensToWorld(22)).isFalse();
        assertThat(new IngressRule("udp", 22, 22, "0.0.0.0/0", "").opensToWorld(22)).isFalse();
        assertThat(new IngressRule("tcp", 22, 22, "sg-0abc", "").opensToWorld(22)).isFalse();
    }

    @Test
    void ttl_readsHoursDaysAndWeeks() {
        assertThat(LaunchOptions.ttl("12h")).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(LaunchOptions.ttl("7d")).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(LaunchOptions.ttl("2W")).isEqualTo(java.time.Duration.ofDays(14));
    }
}
