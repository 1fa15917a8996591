package dev.deckhand.validate;

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
        for (String bad : new String[] {"0", "65536", "99999999"}) {
            assertThatThrownBy(() -> Inputs.port(bad)).hasMessage("'" + bad + "' is not a port.");
        }
        assertThatThrownBy(() -> Inputs.port("-1")).hasMessage("'-1' is not a port: it has a sign.");
        assertThatThrownBy(() -> Inputs.port("80a")).hasMessage("'80a' is not a port: it contains 'a', which is not a digit 0-9.");
        assertThatThrownBy(() -> Inputs.port("")).hasMessage("'' is not a port: it is empty.")
                .extracting(e -> ((UsageException) e).hint())
                .isEqualTo("A port is a whole number from 1 to 65535, e.g. `443`.");
        assertThatThrownBy(() -> Inputs.portRange("")).hasMessage("'' is not a port: it is empty.")
                .extracting(e -> ((UsageException) e).hint())
                .isEqualTo("A port is a whole number from 1 to 65535, or a range like 8000-8010, e.g. `443`.");
    }

    @Test
    void port_refusesOtherSpellingsOfTheSameNumber() {
        assertThatThrownBy(() -> Inputs.port("٢٢")).hasMessage("'٢٢' is not a port: it uses a digit other than 0-9 (U+0662).");
        assertThatThrownBy(() -> Inputs.port("022")).hasMessage("'022' is not a port: it has a leading zero.");
        assertThatThrownBy(() -> Inputs.port("+22")).hasMessage("'+22' is not a port: it has a sign.");
        assertThatThrownBy(() -> Inputs.port(null)).hasMessage("'null' is not a port: it is empty.");
    }

    @Test
    void portRange_readsBothEnds_withTheSameRules() {
        assertThat(Inputs.portRange("22")).isEqualTo(new Inputs.PortRange(22, 22));
        assertThat(Inputs.portRange("1-65535")).isEqualTo(new Inputs.PortRange(1, 65535));
        assertThat(Inputs.portRange("80-80")).isEqualTo(new Inputs.PortRange(80, 80));
        assertThatThrownBy(() -> Inputs.portRange("90-80")).hasMessage("The port range '90-80' runs backwards.");
        assertThatThrownBy(() -> Inputs.portRange("20-٢٥")).hasMessage("'٢٥' is not a port: it uses a digit other than 0-9 (U+0662).");
        assertThatThrownBy(() -> Inputs.portRange("020-25")).hasMessage("'020' is not a port: it has a leading zero.");
        assertThatThrownBy(() -> Inputs.portRange("-22")).hasMessage("'-22' is not a port: it has a sign.");
        assertThatThrownBy(() -> Inputs.portRange("20-")).hasMessage("'' is not a port: it is empty.");
        assertThatThrownBy(() -> Inputs.portRange(null)).hasMessage("'null' is not a port: it is empty.");
        assertThat(Inputs.portRange("8000-8010").contains(8000)).isTrue();
        assertThat(Inputs.portRange("8000-8010").contains(8010)).isTrue();
        assertThat(Inputs.portRange("8000-8010").contains(7999)).isFalse();
        assertThat(Inputs.portRange("8000-8010").contains(8011)).isFalse();
        assertThat(Inputs.portRange("8000-8010")).hasToString("8000-8010");
        assertThat(Inputs.portRange("22")).hasToString("22");
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

    @Test
    void isIpv4_onlyForDottedDecimal() {
        assertThat(Inputs.isIpv4("203.0.113.7")).isTrue();
        assertThat(Inputs.isIpv4("203.0.113")).isFalse();
        assertThat(Inputs.isIpv4("eipalloc-0abc")).isFalse();
        assertThat(Inputs.isIpv4(null)).isFalse();
    }

    @Test
    void domain_atTheLimits() {
        assertThat(Inputs.domain("example.com")).isEqualTo("example.com");
        assertThatThrownBy(() -> Inputs.domain("localhost")).hasMessage("'localhost' is not a fully qualified domain name.");
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".io";
        assertThat(longest).hasSize(253);
        assertThat(Inputs.domain(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Inputs.domain("x" + longest)).isInstanceOf(UsageException.class);
    }

    @Test
    void url_schemesAndLength() {
        assertThat(Inputs.url("http://artifacts.example.com/app.jar").getScheme()).isEqualTo("http");
        assertThatThrownBy(() -> Inputs.url("ftp://artifacts.example.com/app.jar"))
                .hasMessage("The URL 'ftp://artifacts.example.com/app.jar' must start with https:// or http://, not ftp://.");
        assertThatThrownBy(() -> Inputs.url("artifacts.example.com/app.jar"))
                .hasMessage("The URL 'artifacts.example.com/app.jar' must start with https:// or http://.");
        assertThatThrownBy(() -> Inputs.url("?a&b")).hasMessage("The URL '?a&b' must start with https:// or http://.");
        String prefix = "https://a.example.com/";
        String longest = prefix + "x".repeat(2048 - prefix.length());
        assertThat(Inputs.url(longest).getHost()).isEqualTo("a.example.com");
        assertThatThrownBy(() -> Inputs.url(longest + "x")).hasMessage("The URL is longer than 2048 characters.");
    }
}
