package dev.deckhand.access;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configured values the checker and the policy read: limits, exposure prefixes, roles. */
class AccessSettingsTest {

    private static PolicySettings prefixes(int v4, int v6) {
        return new PolicySettings(Set.of(), BigDecimal.TEN, Set.of(22), v4, v6);
    }

    @Test
    void policySettings_whenPrefixesAtTheEdges_areAccepted() {
        assertThat(prefixes(0, 0).ipv4ExposurePrefix()).isZero();
        assertThat(prefixes(32, 128).ipv4ExposurePrefix()).isEqualTo(32);
        assertThat(prefixes(32, 128).ipv6ExposurePrefix()).isEqualTo(128);
    }

    @Test
    void policySettings_whenAPrefixIsOutOfRange_isRefused() {
        for (int[] bad : new int[][] {{-1, 48}, {33, 48}, {16, -1}, {16, 129}}) {
            assertThatThrownBy(() -> prefixes(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("exposure prefixes must be 0-32 (IPv4) and 0-128 (IPv6)");
        }
    }

    @Test
    void policySettings_copyTheirSets() {
        Set<Integer> ports = new java.util.HashSet<>(Set.of(22));
        PolicySettings settings = new PolicySettings(Set.of(), BigDecimal.TEN, ports, 16, 48);
        ports.add(3389);

        assertThat(settings.worldOpenPorts()).containsExactly(22);
        assertThatThrownBy(() -> new PolicySettings(Set.of(), null, Set.of(), 16, 48))
                .isInstanceOf(NullPointerException.class).hasMessage("monthlyCostLimit");
    }

    @Test
    void limits_whenListsAreNull_allowAnything() {
        Limits limits = new Limits(null, null, 0);

        assertThat(limits.regions()).isEmpty();
        assertThat(limits.instanceTypes()).isEmpty();
        assertThat(limits.allowsRegion("ap-south-1")).isTrue();
        assertThat(limits.allowsType("p4d.24xlarge")).isTrue();
        assertThat(limits.allowsDisk(16_000)).isTrue();
    }

    @Test
    void limits_whenSet_allowOnlyWhatIsListed_andDisksUpToTheMaximum() {
        List<String> regions = new ArrayList<>(List.of("us-east-1"));
        Limits limits = new Limits(regions, List.of("t3.micro"), 30);
        regions.add("eu-west-1");

        assertThat(limits.allowsRegion("us-east-1")).isTrue();
        assertThat(limits.allowsRegion("eu-west-1")).isFalse();
        assertThat(limits.allowsType("t3.micro")).isTrue();
        assertThat(limits.allowsType("t3.large")).isFalse();
        assertThat(limits.allowsDisk(30)).isTrue();
        assertThat(limits.allowsDisk(31)).isFalse();
        assertThat(new Limits(null, null, -1).allowsDisk(1)).isTrue();
    }

    @Test
    void roles_includeTheOnesBelow_andAreFoundByLabel() {
        assertThat(Role.ADMIN.includes(Role.ADMIN)).isTrue();
        assertThat(Role.DEPLOYER.includes(Role.ADMIN)).isFalse();
        assertThat(Role.DEPLOYER.label()).isEqualTo("deployer");
        assertThat(Role.byLabel("Admin")).contains(Role.ADMIN);
        assertThat(Role.byLabel("root")).isEmpty();
    }

    @Test
    void accessPolicy_whenDefaultRoleUndefined_isRefused_andListsRoleNamesSorted() {
        assertThatThrownBy(() -> new AccessPolicy(Map.of(), Map.of(), Map.of(), "viewer"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("default role 'viewer' is not defined");
        assertThat(Policies.standard().roleNames()).containsExactly("admin", "deployer", "operator", "viewer");
    }
}
