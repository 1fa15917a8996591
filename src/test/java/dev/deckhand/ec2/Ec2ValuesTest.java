package dev.deckhand.ec2;

import dev.deckhand.network.IngressRule;
import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void from_withHostBitsSet_saysSo_andSuggestsTheNetworkAddress() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.from("10.0.0.1/8"))
                .hasMessage("--from '10.0.0.1/8' has host bits set after /8.")
                .extracting(e -> ((dev.deckhand.validate.UsageException) e).hint()).asString()
                .startsWith("Use the network address, 10.0.0.0/8,");
    }

    @Test
    void from_isCheckedLikeSgOpen_andCanonical() {
        assertThat(LaunchOptions.from("203.0.113.7/32")).isEqualTo("203.0.113.7/32");
        assertThat(LaunchOptions.from("203.0.113.7")).isEqualTo("203.0.113.7/32");
        assertThat(LaunchOptions.from("2001:DB8::/32")).isEqualTo("2001:db8::/32");
        assertThat(LaunchOptions.from("::/0")).isEqualTo("::/0");
        for (String bad : new String[] {"1.2.3.4/40", "2001:db8::/129", "sg-0abc"}) {
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
        assertThat(LaunchOptions.ttl("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(LaunchOptions.ttl("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(LaunchOptions.ttl("2W")).isEqualTo(Duration.ofDays(14));
        assertThat(LaunchOptions.ttl("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(LaunchOptions.ttl("8760h")).isEqualTo(Duration.ofDays(365));
        assertThat(LaunchOptions.ttl("365D")).isEqualTo(Duration.ofDays(365));
        assertThat(LaunchOptions.ttl("52w")).isEqualTo(Duration.ofDays(364));
    }

    @Test
    void ttl_refusesZero_moreThanAYear_andOtherSpellings() {
        String hint = "For example: --ttl 12h, --ttl 7d or --ttl 2w";
        for (String bad : new String[] {"0h", "8761h", "366d", "53w", "7", "d", "", "7x"}) {
            assertThatThrownBy(() -> LaunchOptions.ttl(bad)).isInstanceOf(UsageException.class)
                    .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '" + bad + "'.")
                    .extracting(e -> ((UsageException) e).hint()).isEqualTo(hint);
        }
        assertThatThrownBy(() -> LaunchOptions.ttl("٧d"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '٧d': it uses a digit other than 0-9 (U+0667).");
        assertThatThrownBy(() -> LaunchOptions.ttl("7dd"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '7dd': it contains 'd', which is not a digit 0-9.");
        assertThatThrownBy(() -> LaunchOptions.ttl("07d"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '07d': it has a leading zero.");
        assertThatThrownBy(() -> LaunchOptions.ttl("+7d"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not '+7d': it has a sign.");
        assertThatThrownBy(() -> LaunchOptions.ttl(" 7d"))
                .hasMessage("--ttl must be a number of hours, days or weeks up to a year, not ' 7d': it contains a space (U+0020).");
    }

    @Test
    void ports_areReadOneSpellingEach_sortedAndDistinct() {
        assertThat(LaunchOptions.ports("443, 80,22,80")).containsExactly(22, 80, 443);
        assertThat(LaunchOptions.ports("1,65535")).containsExactly(1, 65535);
        assertThat(LaunchOptions.ports("none")).isEmpty();
        assertThat(LaunchOptions.ports("")).isEmpty();
        assertThatThrownBy(() -> LaunchOptions.ports("80,0")).isInstanceOf(UsageException.class)
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '0' is not one.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: --open 80,443 (add 22 for SSH), or --open none");
        assertThatThrownBy(() -> LaunchOptions.ports("80,٢٢"))
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '٢٢' is not one "
                        + "(it uses a digit other than 0-9 (U+0662)).");
        assertThatThrownBy(() -> LaunchOptions.ports("022"))
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '022' is not one (it has a leading zero).");
        assertThatThrownBy(() -> LaunchOptions.ports("80,,443"))
                .hasMessage("--open takes TCP ports from 1 to 65535 separated by commas; '' is not one (it is empty).");
    }
}
