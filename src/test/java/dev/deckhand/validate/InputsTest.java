package dev.deckhand.validate;

import dev.deckhand.command.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputsTest {

    @Test
    void cidr_acceptsIpv4AndIpv6Blocks_andBareAddresses() {
        assertThat(Inputs.cidr("10.0.0.0/16").block()).isEqualTo("10.0.0.0/16");
        assertThat(Inputs.cidr("203.0.113.7").block()).isEqualTo("203.0.113.7/32");
        assertThat(Inputs.cidr("2001:DB8::/32")).extracting(Inputs.Cidr::block, Inputs.Cidr::ipv6)
                .containsExactly("2001:db8::/32", true);
        assertThat(Inputs.cidr("2001:db8::1").block()).isEqualTo("2001:db8::1/128");
        assertThat(Inputs.cidr("0.0.0.0/0").isWorld()).isTrue();
        assertThat(Inputs.cidr("::/0").isWorld()).isTrue();
        assertThat(Inputs.cidr("10.0.0.0/8").isWorld()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "256.1.1.1/32", "10.0.0/24", "10.0.0.1/24", "2001:db8::/129", "2001:db8::1/32",
            "gggg::/16", "10.0.0.0/-1", "10.0.0.0/", "any", ""})
    void cidr_refusesWhatIsNotACanonicalBlock(String raw) {
        assertThatThrownBy(() -> Inputs.cidr(raw)).isInstanceOf(UsageException.class)
                .extracting(e -> ((UsageException) e).hint()).asString().isNotEmpty();
    }

    @Test
    void port_andRanges() {
        assertThat(Inputs.port("443")).isEqualTo(443);
        assertThat(Inputs.portRange("8000-8010")).isEqualTo(new Inputs.PortRange(8000, 8010));
        for (String bad : new String[] {"0", "65536", "-1", "80a", "", "99999999"}) {
            assertThatThrownBy(() -> Inputs.port(bad)).hasMessage("'" + bad + "' is not a port.");
        }
    }

    @Test
    void domain_isLowerCasedAndChecked() {
        assertThat(Inputs.domain("API.Example.COM.")).isEqualTo("api.example.com");
        assertThat(Inputs.domain("a-1.b2.example.io")).isEqualTo("a-1.b2.example.io");
        assertThatThrownBy(() -> Inputs.domain("api.example.com-")).hasMessageContaining("the label 'com-'");
        assertThatThrownBy(() -> Inputs.domain("1.2.3.4")).hasMessage("'1.2.3.4' looks like an address, not a domain name.");
        assertThatThrownBy(() -> Inputs.domain("*.example.com")).hasMessageContaining("the label '*'");
        assertThatThrownBy(() -> Inputs.domain("a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "."
                + "d".repeat(60) + "." + "e".repeat(60) + ".com")).hasMessageContaining("longer than the 253 characters");
    }

    @Test
    void names_andStacks() {
        assertThat(Inputs.name("load balancer", "shop-web2")).isEqualTo("shop-web2");
        assertThatThrownBy(() -> Inputs.name("load balancer", "-shop")).hasMessage("'-shop' is not a valid load balancer name.");
        assertThatThrownBy(() -> Inputs.name("load balancer", "a".repeat(33))).isInstanceOf(UsageException.class);
        assertThat(Inputs.stack("Web-1")).isEqualTo("Web-1");
        assertThatThrownBy(() -> Inputs.stack("shop_1")).hasMessage("'shop_1' is not a valid stack name.");
        assertThatThrownBy(() -> Inputs.stack("-shop")).hasMessage("'-shop' is not a valid stack name.");
    }

    @Test
    void url_allowsPresignedQueries_butNoShell() {
        assertThat(Inputs.url("https://b.s3.amazonaws.com/app.jar?X-Amz-Date=20261125T120000Z&X-Amz-Signature=abc").getHost())
                .isEqualTo("b.s3.amazonaws.com");
        assertThatThrownBy(() -> Inputs.url("https://b.example.com/a&b.jar")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Inputs.url("https://b.example.com/a.jar?x=$(id)")).isInstanceOf(UsageException.class);
    }
}
